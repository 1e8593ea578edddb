#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reqwest::multipart::{Form, Part};
use serde_json::json;
use sha2::{Digest, Sha256};
use support::TestSandbox;
use support::fixtures::{encrypted_pdf, hashfile, hashfile_with_short_digest, pdf};
use support::validate::pdf_text;

fn part(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name(name.to_owned())
}

#[tokio::test]
async fn one_file_answers_a_uid_and_bytes_are_kept_exactly() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let original = pdf(&["Page one", "Page two"]);
    let uid = sbx
        .post_form(
            &format!("/api/v1/document/{pk}"),
            Form::new().part("file", part("contract.pdf", original.clone())),
        )
        .await
        .expect(200);
    let uid = uid.as_str().unwrap().to_owned();
    assert_eq!(uid.len(), 36, "a UUID like the spec's");
    let (code, content_type, bytes) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/original/{uid}"))
        .await;
    assert_eq!(code, 200);
    assert_eq!(content_type.as_deref(), Some("application/pdf"));
    assert_eq!(bytes, original);
    let (code, _, _) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/signed/{uid}"))
        .await;
    assert_eq!(code, 404, "not signed yet");
}

#[tokio::test]
async fn several_files_answer_digest_uid_key_filename() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let first = pdf(&["first"]);
    let content = b"content signed by hash".to_vec();
    let form = Form::new()
        .part("file", part("a.pdf", first.clone()))
        .part("file2", part("b.pdf", pdf(&["second"])))
        .part("hashfile", part("c.json", hashfile(&content)));
    let list = sbx
        .post_form(&format!("/api/v1/document/{pk}"), form)
        .await
        .expect(200);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["key"], "file");
    assert_eq!(list[0]["filename"], "a.pdf");
    assert_eq!(list[0]["digest"], hex::encode(Sha256::digest(&first)));
    assert_eq!(list[2]["key"], "hashfile");
    let listed = sbx
        .get(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(200);
    let entry = &listed[list[0]["uid"].as_str().unwrap()];
    assert_eq!(entry["filename"], "a.pdf");
    assert_eq!(entry["ext"], ".pdf");
    assert_eq!(entry["mime"], "application/pdf");
    assert_eq!(entry["size"], first.len());
    assert_eq!(entry["signed"], false);
    assert!(entry["upload_date"].as_str().unwrap().contains('/'));
    let hash_entry = &listed[list[2]["uid"].as_str().unwrap()];
    assert_eq!(hash_entry["type"], "hash");
}

#[tokio::test]
async fn upload_errors() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let path = format!("/api/v1/document/{pk}");
    let mut eleven = Form::new();
    for i in 0..11 {
        eleven = eleven.part(format!("file{i}"), part("x.pdf", pdf(&["x"])));
    }
    let too_many = sbx.post_form(&path, eleven).await.expect(400);
    assert!(too_many.as_str().unwrap().starts_with(&format!(
        "Maximum number of document reached for Request {pk}"
    )));
    let not_pdf = sbx
        .post_form(
            &path,
            Form::new().part("file", part("picture.pdf", support::fixtures::png(5, 5))),
        )
        .await
        .expect(415);
    assert!(
        not_pdf
            .as_str()
            .unwrap()
            .starts_with("Unsupported file type: picture.pdf")
    );
    sbx.post_form(
        &path,
        Form::new().part("file", part("locked.pdf", encrypted_pdf())),
    )
    .await
    .expect(415);
    let mut broken = pdf(&["x"]);
    broken.truncate(broken.len() / 2);
    sbx.post_form(&path, Form::new().part("file", part("broken.pdf", broken)))
        .await
        .expect(400);
    let short = sbx
        .post_form(
            &path,
            Form::new().part("hashfile", part("h.json", hashfile_with_short_digest())),
        )
        .await
        .expect(400);
    assert!(short.as_str().unwrap().contains("h.json"));
    sbx.post_form(
        &path,
        Form::new().part("hashfile", part("h.json", b"{not json".to_vec())),
    )
    .await
    .expect(400);
    sbx.post_form(&path, Form::new().part("photo", part("a.pdf", pdf(&["x"]))))
        .await
        .expect(400);
    sbx.post_form(&path, Form::new().text("file", "not a file"))
        .await
        .expect(400);
    // One bad file in a batch adds nothing.
    let mixed = Form::new()
        .part("file", part("ok.pdf", pdf(&["ok"])))
        .part("file2", part("bad.pdf", b"nope".to_vec()));
    sbx.post_form(&path, mixed).await.expect(415);
    sbx.get(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(404);
    let missing = sbx
        .post_form(
            "/api/v1/document/424242",
            Form::new().part("file", part("a.pdf", pdf(&["x"]))),
        )
        .await
        .expect(404);
    assert_eq!(
        missing,
        "Cannot upload document: Request 424242 not found on disk"
    );
}

#[tokio::test]
async fn delete_one_list_and_delete_all() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let form = Form::new()
        .part("file", part("a.pdf", pdf(&["a"])))
        .part("file2", part("b.pdf", pdf(&["b"])));
    let list = sbx
        .post_form(&format!("/api/v1/document/{pk}"), form)
        .await
        .expect(200);
    let a = list[0]["uid"].as_str().unwrap().to_owned();
    let deleted = sbx
        .delete(&format!("/api/v1/document/{pk}/original/{a}"))
        .await
        .expect(200);
    assert_eq!(deleted, "Document successfully deleted");
    let again = sbx
        .delete(&format!("/api/v1/document/{pk}/original/{a}"))
        .await
        .expect(404);
    assert_eq!(
        again,
        format!("Document not found with uid {a} and type original")
    );
    sbx.delete(&format!("/api/v1/document/{pk}/final/{a}"))
        .await
        .expect(400);
    sbx.get(&format!("/api/v1/document/{pk}/draft/{a}"))
        .await
        .expect(400);
    assert_eq!(
        sbx.get(&format!("/api/v1/documents/{pk}"))
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        sbx.delete(&format!("/api/v1/documents/{pk}"))
            .await
            .expect(200),
        "Documents deleted successfully"
    );
    assert_eq!(
        sbx.get(&format!("/api/v1/documents/{pk}"))
            .await
            .expect(404),
        "No documents found for specified Request"
    );
    sbx.delete("/api/v1/documents/424242").await.expect(404);
    sbx.get("/api/v1/documents/424242").await.expect(404);
}

#[tokio::test]
async fn contract_names_the_signer_and_is_stable() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let (code, content_type, contract) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/contract"))
        .await;
    assert_eq!(code, 200);
    assert_eq!(content_type.as_deref(), Some("application/pdf"));
    assert!(contract.starts_with(b"%PDF-"));
    let text = pdf_text(&contract);
    for expected in [
        "Łucja Núñez Żak",
        "12345678Z",
        "lucja@example.com",
        "+34600123123",
        "PFnubeQAFCiudadano",
        "1000",
    ] {
        assert!(
            text.contains(expected),
            "contract text lacks {expected:?}:\n{text}"
        );
    }
    let (_, _, again) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/contract"))
        .await;
    assert_eq!(again, contract, "the signer must sign what they read");
    let (_, _, as_document) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/original/contract"))
        .await;
    assert_eq!(as_document, contract);
    // Correcting the request regenerates it with the new data.
    let path = format!("/api/v1/request/{pk}");
    let scratchcard = sbx.get(&path).await.expect(200)["scratchcard"].clone();
    sbx.put_json(
        &path,
        &json!({"scratchcard": scratchcard, "serial_number": "99999999R"}),
    )
    .await
    .expect(200);
    let (_, _, updated) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/contract"))
        .await;
    assert!(pdf_text(&updated).contains("99999999R"));
    sbx.get("/api/v1/document/424242/contract")
        .await
        .expect(404);
}

#[tokio::test]
async fn contract_needs_a_known_signer() {
    let sbx = TestSandbox::start().await;
    let video = sbx
        .post_json(
            "/api/v1/videoid",
            &json!({"mobile_phone_number": "+34699999999", "email": "a@b.es"}),
        )
        .await
        .expect(200);
    let pk = video["request_pk"].as_u64().unwrap();
    sbx.get(&format!("/api/v1/document/{pk}/contract"))
        .await
        .expect(412);
}

#[tokio::test]
async fn documents_survive_a_restart() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let original = pdf(&["kept"]);
    let uid = sbx
        .post_form(
            &format!("/api/v1/document/{pk}"),
            Form::new().part("file", part("k.pdf", original.clone())),
        )
        .await
        .expect(200);
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    let (_, _, bytes) = sbx
        .get_bytes(&format!(
            "/api/v1/document/{pk}/original/{}",
            uid.as_str().unwrap()
        ))
        .await;
    assert_eq!(bytes, original);
}
