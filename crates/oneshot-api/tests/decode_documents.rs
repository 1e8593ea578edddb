//! Decoding of document, image and metadata answers, and upload batching.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use oneshot_api::{
    Client, DocumentKind, DocumentUpload, Error, FileSize, FileSource, HashFile, SignatureMetadata,
};
use support::{client, count, fixture, json_answer, serve, serve_raw};

async fn at(status: u16, name: &str) -> (support::Canned, Client) {
    let server = serve(status, "application/json", fixture(name)).await;
    let client = client(&server.base_url);
    (server, client)
}

fn pdf(name: &str) -> DocumentUpload {
    DocumentUpload::Pdf(FileSource::memory(name, b"%PDF-1.7\n%%EOF\n".to_vec()))
}

#[tokio::test]
async fn one_document_answers_its_uid() {
    let (_server, client) = at(200, "upload_single.json").await;
    let uploaded = client
        .documents()
        .upload(1, vec![pdf("contract.pdf")], None)
        .await
        .unwrap();
    assert_eq!(uploaded.len(), 1);
    assert_eq!(uploaded[0].uid, "5e9b2c71-4a3d-4f86-b1e0-7c2d9a8f6e53");
    assert_eq!(uploaded[0].file_name, "contract.pdf");
    assert_eq!(uploaded[0].field, "file");
    assert_eq!(uploaded[0].digest, None);
}

#[tokio::test]
async fn several_documents_are_matched_by_field_in_the_order_sent() {
    let (_server, client) = at(200, "upload_multi.json").await;
    let uploaded = client
        .documents()
        .upload(1, vec![pdf("contract.pdf"), pdf("annex.pdf")], None)
        .await
        .unwrap();
    assert_eq!(uploaded[0].uid, "a1b2c3d4-0000-4000-8000-000000000001");
    assert_eq!(uploaded[0].field, "file");
    assert_eq!(uploaded[1].uid, "a1b2c3d4-0000-4000-8000-000000000002");
    assert_eq!(uploaded[1].field, "file2");
    assert!(
        uploaded[1]
            .digest
            .as_deref()
            .unwrap()
            .starts_with("1f0e3dad")
    );
}

#[tokio::test]
async fn an_answer_that_does_not_match_the_upload_keeps_its_http_status() {
    // Found by the api_response fuzz target: a 201 answer was reported as a 200.
    let (_server, client) = at(201, "upload_single.json").await;
    let error = client
        .documents()
        .upload_batch(1, vec![pdf("contract.pdf"), pdf("annex.pdf")], None)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { reason, .. } if reason == "one uid for 2 documents"),
        "{error:?}"
    );
    assert_eq!(error.http_status(), Some(201));
    assert!(!error.is_retryable());
}

fn multi_answer(fields: usize, call: usize) -> String {
    let items: Vec<String> = (0..fields)
        .map(|index| {
            let key = if index == 0 {
                "file".to_owned()
            } else {
                format!("file{}", index + 1)
            };
            format!(
                r#"{{"digest":"00","uid":"call{call}-{index}","key":"{key}","filename":"d.pdf"}}"#
            )
        })
        .collect();
    format!(r#"{{"status":"200 OK","details":[{}]}}"#, items.join(","))
}

#[tokio::test]
async fn twenty_five_documents_go_in_three_calls_of_at_most_ten() {
    let server = serve_raw(|hit, request| {
        let files = count(request, "Content-Disposition: form-data; name=\"file");
        assert!(files <= 10);
        json_answer(200, &multi_answer(files, hit))
    })
    .await;
    let reported = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&reported);
    let documents: Vec<DocumentUpload> = (0..25).map(|i| pdf(&format!("d{i}.pdf"))).collect();
    let total_bytes = 25 * b"%PDF-1.7\n%%EOF\n".len() as u64;
    let uploaded = client(&server.base_url)
        .documents()
        .upload(
            9,
            documents,
            Some(Arc::new(move |progress: oneshot_api::Progress| {
                assert_eq!(progress.total, Some(total_bytes));
                seen.store(progress.done, Ordering::SeqCst);
            })),
        )
        .await
        .unwrap();
    assert_eq!(server.hits(), 3);
    assert_eq!(uploaded.len(), 25);
    assert_eq!(uploaded[0].uid, "call1-0");
    assert_eq!(uploaded[10].uid, "call2-0");
    assert_eq!(uploaded[24].uid, "call3-4");
    assert_eq!(reported.load(Ordering::SeqCst), total_bytes);
}

#[tokio::test]
async fn a_failed_later_batch_reports_what_was_already_uploaded() {
    let server = serve_raw(|hit, request| {
        if hit == 1 {
            let files = count(request, "Content-Disposition: form-data; name=\"file");
            json_answer(200, &multi_answer(files, hit))
        } else {
            json_answer(400, r#"{"status":"400 Bad Request","details":"Maximum number of document reached for Request 9"}"#)
        }
    })
    .await;
    let documents: Vec<DocumentUpload> = (0..12).map(|i| pdf(&format!("d{i}.pdf"))).collect();
    let error = client(&server.base_url)
        .documents()
        .upload(9, documents, None)
        .await
        .unwrap_err();
    match error {
        Error::PartialUpload { uploaded, source } => {
            assert_eq!(uploaded.len(), 10);
            assert_eq!(source.http_status(), Some(400));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn hash_files_go_as_hashfile_json() {
    let server = serve_raw(|_, request| {
        assert_eq!(
            count(request, "name=\"hashfile\"; filename=\"contract.pdf.json\""),
            1
        );
        assert_eq!(count(request, "\"digestAlgorithm\": \"sha256\""), 1);
        json_answer(
            200,
            &String::from_utf8(fixture("upload_single.json")).unwrap(),
        )
    })
    .await;
    let upload = DocumentUpload::Hash {
        name: "contract.pdf.json".into(),
        hash_file: HashFile::from_sha256(&[7u8; 32]),
    };
    let uploaded = client(&server.base_url)
        .documents()
        .upload(3, vec![upload], None)
        .await
        .unwrap();
    assert_eq!(uploaded[0].field, "hashfile");
}

#[tokio::test]
async fn unsupported_type_and_bad_input() {
    let (server, client) = at(415, "upload_unsupported.json").await;
    let error = client
        .documents()
        .upload(1, vec![pdf("a.pdf")], None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(415));
    assert!(matches!(
        client.documents().upload(1, Vec::new(), None).await,
        Err(Error::InvalidInput(_))
    ));
    let eleven: Vec<DocumentUpload> = (0..11).map(|i| pdf(&format!("{i}.pdf"))).collect();
    assert!(matches!(
        client.documents().upload_batch(1, eleven, None).await,
        Err(Error::InvalidInput(_))
    ));
    let missing = client
        .documents()
        .upload(1, vec![DocumentUpload::pdf("/nonexistent/x.pdf")], None)
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::Io { .. }));
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn list_documents_accepts_numeric_and_text_sizes() {
    let (_server, client) = at(200, "documents_list.json").await;
    let files = client.documents().list(1).await.unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].uid, "a1b2c3d4-0000-4000-8000-000000000001");
    assert_eq!(files[0].size, FileSize::Bytes(128012));
    assert_eq!(files[1].size, FileSize::Text("100337".into()));
    assert_eq!(files[1].filename, "annex.pdf");
}

#[tokio::test]
async fn document_deletes_and_not_found() {
    let (_s, client) = at(200, "documents_delete_all.json").await;
    assert_eq!(
        client.documents().delete_all(1).await.unwrap(),
        "Documents deleted successfully"
    );
    let (_s, client) = at(200, "document_delete.json").await;
    let answer = client
        .documents()
        .delete(1, DocumentKind::Original, "u")
        .await
        .unwrap();
    assert_eq!(answer, "Document successfully deleted");
    let (_s, client) = at(404, "document_not_found.json").await;
    assert!(
        client
            .documents()
            .delete(1, DocumentKind::Signed, "u")
            .await
            .unwrap_err()
            .is_not_found()
    );
    let (_s, client) = at(404, "documents_none.json").await;
    assert!(client.documents().list(1).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn binary_answers_in_memory_and_to_file() {
    let pdf_bytes = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".to_vec();
    let server = serve(200, "application/pdf", pdf_bytes.clone()).await;
    let client = client(&server.base_url);
    let contract = client.documents().contract(1).await.unwrap();
    assert_eq!(contract.as_ref(), pdf_bytes.as_slice());
    let signed = client
        .documents()
        .retrieve(1, DocumentKind::Signed, "u")
        .await
        .unwrap();
    assert_eq!(signed.as_ref(), pdf_bytes.as_slice());
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("signed.pdf");
    let saved = client
        .documents()
        .retrieve_to_file(1, DocumentKind::Signed, "u", &target, None)
        .await
        .unwrap();
    assert_eq!(saved.size, pdf_bytes.len() as u64);
    assert_eq!(saved.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(std::fs::read(&target).unwrap(), pdf_bytes);
    let contract_file = dir.path().join("contract.pdf");
    client
        .documents()
        .contract_to_file(1, &contract_file, None)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&contract_file).unwrap(), pdf_bytes);
    assert!(!dir.path().join("signed.pdf.part").exists());
}

#[tokio::test]
async fn oversized_in_memory_download_is_refused() {
    let server = serve(200, "application/pdf", vec![b'x'; 4096]).await;
    let client =
        Client::new(oneshot_api::ClientOptions::new(&server.base_url).max_download_in_memory(1024))
            .unwrap();
    let error = client.documents().contract(1).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn empty_uid_is_refused_before_sending() {
    let (server, client) = at(200, "document_delete.json").await;
    let error = client
        .documents()
        .delete(1, DocumentKind::Original, "")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn images_shapes() {
    let (_s, client) = at(200, "image_upload.json").await;
    let uid = client
        .images()
        .upload(FileSource::memory("rubric.png", b"\x89PNG".to_vec()))
        .await
        .unwrap();
    assert_eq!(uid, "d2f0c1e4-8b7a-4c6d-9e3f-1a2b3c4d5e6f");
    let (_s, client) = at(200, "images_list.json").await;
    let images = client.images().list().await.unwrap();
    assert_eq!(images[0].size, FileSize::Pixels(600, 200));
    assert_eq!(images[0].mime, "image/png");
    let (_s, client) = at(200, "image_delete.json").await;
    assert_eq!(
        client.images().delete("d2f0").await.unwrap(),
        "Image deleted"
    );
    let (_s, client) = at(200, "images_delete_all.json").await;
    assert_eq!(
        client.images().delete_all().await.unwrap(),
        "Images deleted successfully"
    );
    let (_s, client) = at(404, "image_not_found.json").await;
    assert!(
        client
            .images()
            .retrieve("d2f0")
            .await
            .unwrap_err()
            .is_not_found()
    );
    let png = serve(200, "image/png", b"\x89PNG\r\n\x1a\n".to_vec()).await;
    let bytes = support::client(&png.base_url)
        .images()
        .retrieve("x")
        .await
        .unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
}

#[tokio::test]
async fn metadata_shapes() {
    let entry = SignatureMetadata {
        oid: "1.3.6.1.4.1.99999.1.2".into(),
        metadata: "YnJhbmNoPTEyOyBkZXNrPTQ=".into(),
    };
    let (_s, client) = at(200, "metadata_upload.json").await;
    assert_eq!(
        client.metadata().upload(&entry).await.unwrap(),
        "6e1f0a9b8c7d4e3f2a1b0c9d8e7f6a5b"
    );
    let (_s, client) = at(400, "metadata_upload_missing.json").await;
    assert_eq!(
        client
            .metadata()
            .upload(&entry)
            .await
            .unwrap_err()
            .http_status(),
        Some(400)
    );
    let (_s, client) = at(200, "metadata_list.json").await;
    let listed = client.metadata().list().await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].uid, "6e1f0a9b8c7d4e3f2a1b0c9d8e7f6a5b");
    assert_eq!(listed[1].entry, entry);
    let (_s, client) = at(200, "metadata_get.json").await;
    assert_eq!(client.metadata().get("6e1f").await.unwrap(), entry);
    let (_s, client) = at(404, "metadata_not_found.json").await;
    assert!(client.metadata().get("x").await.unwrap_err().is_not_found());
    assert!(
        client.metadata().list().await.unwrap().is_empty(),
        "no metadata is an empty list"
    );
    let (_s, client) = at(200, "metadata_delete.json").await;
    assert_eq!(
        client.metadata().delete("x").await.unwrap(),
        "Metadata successfully deleted"
    );
    let (_s, client) = at(200, "metadata_delete_all.json").await;
    assert_eq!(
        client.metadata().delete_all().await.unwrap(),
        "All metadata deleted"
    );
    let empty = SignatureMetadata {
        oid: String::new(),
        metadata: "x".into(),
    };
    assert!(matches!(
        client.metadata().upload(&empty).await,
        Err(Error::InvalidInput(_))
    ));
}
