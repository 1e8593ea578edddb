//! The six workflows of design.md, over HTTP, with every signed output checked
//! by pdfsig + pyHanko (PDFs) or `openssl cms -verify` (hash signatures), and a
//! tampered copy of each rejected.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use base64::Engine as _;
use oneshot_sandbox::{DEMO_RAO_USERNAME, DEMO_TOKEN};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use support::fixtures::{hashfile, jpeg, mp4, pdf, png};
use support::validate::{Validators, pdf_text};
use support::webhook::WebhookReceiver;
use support::{TestSandbox, image_part, request_form};

/// Retrieves and validates every signed PDF of the request, the contract included.
async fn assert_all_signed_pdfs_valid(
    sbx: &TestSandbox,
    validators: &Validators,
    pk: u64,
    uids: &[String],
) {
    for uid in uids.iter().map(String::as_str).chain(["contract"]) {
        let signed = sbx.document(pk, "signed", uid).await;
        let original = sbx.document(pk, "original", uid).await;
        assert!(
            signed.starts_with(&original),
            "{uid}: the original bytes must be kept"
        );
        validators.assert_pdf_valid(&format!("{pk}-{uid}.pdf"), &signed);
        validators.assert_tampered_pdf_rejected(&format!("{pk}-{uid}-tampered.pdf"), &signed);
    }
}

async fn status(sbx: &TestSandbox, pk: u64) -> String {
    sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200)["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn w1_classic_with_sms_otp() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let tokens = sbx.get("/api/v1/tokens").await.expect(200);
    assert_eq!(tokens[DEMO_TOKEN]["username"], DEMO_RAO_USERNAME);
    let pk = sbx.create_request().await;
    let form = Form::new()
        .part(
            "file",
            Part::bytes(pdf(&["Loan agreement", "Annex"])).file_name("loan.pdf"),
        )
        .part(
            "file2",
            Part::bytes(pdf(&["Privacy notice"])).file_name("privacy.pdf"),
        );
    let uploaded = sbx
        .post_form(&format!("/api/v1/document/{pk}"), form)
        .await
        .expect(200);
    let mut uids: Vec<String> = uploaded
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["uid"].as_str().unwrap().to_owned())
        .collect();
    uids.push(sbx.upload(pk, "file", "terms.pdf", pdf(&["Terms"])).await);
    let (_, _, contract) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/contract"))
        .await;
    assert!(pdf_text(&contract).contains("12345678Z"));
    sbx.post_json(
        &format!("/api/v1/otp/{pk}"),
        &json!({"delivery_method": "sms"}),
    )
    .await
    .expect(200);
    let code = sbx.latest_otp(pk).await;
    let signed = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    assert_eq!(signed, "Documents correctly signed");
    assert_eq!(status(&sbx, pk).await, "ISSUED");
    assert_all_signed_pdfs_valid(&sbx, &validators, pk, &uids).await;
    let listed = sbx
        .get(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(200);
    assert!(
        listed
            .as_object()
            .unwrap()
            .values()
            .all(|d| d["signed"] == true)
    );
    sbx.delete(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(200);
    sbx.get(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(404);
    let (code, _, _) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/signed/{}", uids[0]))
        .await;
    assert_eq!(code, 404);
}

#[tokio::test]
async fn w2_external_authentication() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let pk = sbx.create_request().await;
    let uid = sbx
        .upload(pk, "file", "doc.pdf", pdf(&["External auth"]))
        .await;
    sbx.post_json(
        &format!("/api/v1/sign/{pk}"),
        &json!({"secret": "123456", "ext_unlock_type": "biometric", "ext_unlock_value": "12345678-12345678"}),
    )
    .await
    .expect(200);
    assert!(
        sbx.get(&format!("/sandbox/v1/messages?request={pk}"))
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_all_signed_pdfs_valid(&sbx, &validators, pk, &[uid]).await;
}

#[tokio::test]
async fn w3_hash_signature() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let pk = sbx.create_request().await;
    let content = b"The business application's own document, never sent to the Optimizer.".to_vec();
    let hash_file = hashfile(&content);
    let uid = sbx
        .upload(pk, "hashfile", "document.json", hash_file.clone())
        .await;
    assert_eq!(sbx.document(pk, "original", &uid).await, hash_file);
    let code = sbx.send_otp(pk).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    let (status_code, content_type, p7m) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/signed/{uid}"))
        .await;
    assert_eq!(status_code, 200);
    assert_eq!(content_type.as_deref(), Some("application/pkcs7-mime"));
    assert_eq!(p7m[0], 0x30, "DER");
    validators.assert_p7m_valid("w3", &p7m, &content);
    validators.assert_p7m_rejects_tampered_content("w3", &p7m, &content);
    assert_all_signed_pdfs_valid(&sbx, &validators, pk, &[]).await;
}

#[tokio::test]
async fn w4_asynchronous_with_callback_and_status() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let callback = WebhookReceiver::start().await;
    let form = request_form()
        .text("useasync", "true")
        .text("callback", callback.url.clone());
    let pk = sbx
        .post_form("/api/v1/request", form)
        .await
        .expect(201)
        .as_u64()
        .unwrap();
    let uid = sbx.upload(pk, "file", "async.pdf", pdf(&["Async"])).await;
    assert_eq!(
        sbx.get(&format!("/api/v1/async/status/{pk}"))
            .await
            .expect(200),
        "approved"
    );
    let code = sbx.send_otp(pk).await;
    let answer = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    assert_eq!(
        answer,
        "Your documents are going to be signed. You will receive them in a few seconds"
    );
    let mut seen = Vec::new();
    for _ in 0..200 {
        let word = sbx
            .get(&format!("/api/v1/async/status/{pk}"))
            .await
            .expect(200);
        let word = word.as_str().unwrap().to_owned();
        if seen.last() != Some(&word) {
            seen.push(word.clone());
        }
        if word == "signed" || word == "failed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(
        seen.last().map(String::as_str),
        Some("signed"),
        "status words seen: {seen:?}"
    );
    let received = callback.wait_for(2).await;
    assert_eq!(callback.statuses(), ["pending", "signed"]);
    assert_eq!(received[0]["previous_status"], "approved");
    assert_eq!(received[1]["previous_status"], "pending");
    assert_eq!(received[1]["request"], pk);
    assert!(received[1]["registration_authority"].is_number());
    assert_eq!(status(&sbx, pk).await, "ISSUED");
    assert_all_signed_pdfs_valid(&sbx, &validators, pk, &[uid]).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(412);
}

async fn create_videoid(sbx: &TestSandbox, webhook: &str) -> u64 {
    let details = sbx
        .post_json(
            "/api/v1/videoid",
            &json!({"mobile_phone_number": "+34699999999", "email": "mail@domain.es", "registration_authority": "44",
                    "profile": "PFnubeQAFCiudadano", "videoid_mode": 1, "webhook_url": webhook}),
        )
        .await
        .expect(200);
    assert!(
        details["videoid_link"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    details["request_pk"].as_u64().unwrap()
}

/// After approval: documents, contract, OTP, sign, retrieve, validate, delete.
async fn sign_approved(sbx: &TestSandbox, validators: &Validators, pk: u64) {
    let uid = sbx
        .upload(pk, "file", "after-videoid.pdf", pdf(&["Video ID contract"]))
        .await;
    let (code, _, _) = sbx
        .get_bytes(&format!("/api/v1/document/{pk}/contract"))
        .await;
    assert_eq!(code, 200);
    let otp = sbx.send_otp(pk).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": otp}))
        .await
        .expect(200);
    assert_all_signed_pdfs_valid(sbx, validators, pk, &[uid]).await;
    sbx.delete(&format!("/api/v1/documents/{pk}"))
        .await
        .expect(200);
}

#[tokio::test]
async fn w5_video_id_eidas() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let hook = WebhookReceiver::start().await;
    let pk = create_videoid(&sbx, &hook.url).await;
    assert_eq!(status(&sbx, pk).await, "VIDEOPENDING");
    sbx.post_json(
        &format!("/sandbox/v1/videoid/{pk}/complete"),
        &json!({"outcome": "review", "ocr_data": {"given_name": "Marta", "surname_1": "Kowalska", "serial_number": "X1234567L", "id_document_country": "PL"}}),
    )
    .await
    .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOREVIEW");
    // The officer corrects a typo before approving.
    let path = format!("/api/v1/request/{pk}");
    let scratchcard = sbx.get(&path).await.expect(200)["scratchcard"].clone();
    sbx.put_json(
        &path,
        &json!({"scratchcard": scratchcard, "surname_2": "Nowak"}),
    )
    .await
    .expect(200);
    sbx.post_json(
        &format!("/api/v1/requests/{pk}/approve"),
        &json!({"token": DEMO_TOKEN, "rao": "1400"}),
    )
    .await
    .expect(200);
    assert_eq!(status(&sbx, pk).await, "ENROLLREADY");
    sign_approved(&sbx, &validators, pk).await;
    hook.wait_for(4).await;
    assert_eq!(
        hook.statuses(),
        ["VIDEOPENDING", "VIDEOREVIEW", "ENROLLREADY", "ISSUED"]
    );
    let certificate = &sbx.get(&path).await.expect(200)["certificate_set"][0]["data"];
    let der = base64::engine::general_purpose::STANDARD
        .decode(certificate.as_str().unwrap())
        .unwrap();
    let text = String::from_utf8_lossy(&der);
    assert!(
        text.contains("Kowalska Nowak"),
        "the certificate names the corrected signer"
    );
}

#[tokio::test]
async fn w5_refused_and_cancelled_requests_end() {
    let sbx = TestSandbox::start().await;
    let hook = WebhookReceiver::start().await;
    let refused = create_videoid(&sbx, &hook.url).await;
    sbx.post_json(
        &format!("/sandbox/v1/videoid/{refused}/complete"),
        &json!({"outcome": "review"}),
    )
    .await
    .expect(200);
    sbx.post_json(
        &format!("/api/v1/videoid/{refused}/refuse"),
        &json!({"token": DEMO_TOKEN, "reason": "Document expired"}),
    )
    .await
    .expect(200);
    sbx.post_json(
        &format!("/api/v1/requests/{refused}/approve"),
        &json!({"token": DEMO_TOKEN}),
    )
    .await
    .expect(412);
    sbx.post_empty(&format!("/api/v1/otp/{refused}"))
        .await
        .expect(412);
    let cancelled = create_videoid(&sbx, &hook.url).await;
    sbx.delete(&format!("/api/v1/request/{cancelled}"))
        .await
        .expect(200);
    sbx.get(&format!("/api/v1/request/{cancelled}"))
        .await
        .expect(404);
    sbx.post_json(
        &format!("/api/v1/requests/{cancelled}/approve"),
        &json!({"token": DEMO_TOKEN}),
    )
    .await
    .expect(404);
}

#[tokio::test]
async fn w6_video_id_external_mode() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let hook = WebhookReceiver::start().await;
    let pk = create_videoid(&sbx, &hook.url).await;
    let b64 = |bytes: Vec<u8>| base64::engine::general_purpose::STANDARD.encode(bytes);
    let evidences: Value = json!({
        "acceptance": {"description": "Accepted T&C", "ip": "10.0.0.1", "user-agent": "test", "date": 1622823879708u64},
        "videoid_data": {
            "images": {"document_front": b64(png(40, 25)), "document_rear": b64(jpeg(40, 25)),
                       "document_photo": b64(png(12, 12)), "document_owner": b64(jpeg(20, 20))},
            "ocr_data": {"given_name": "Jan", "surname_1": "Nowak", "serial_number": "ABC123456",
                         "id_document_type": "IDC", "id_document_country": "PL", "email": "jan@example.pl"},
            "security_checks": {"otp_validation": true, "documents_match": true, "data_integrity": true,
                                "document_notcopy": true, "document_notexpired": true,
                                "document_notunderage": true, "liveliness": true},
            "similarity_level": 91,
        }
    });
    sbx.post_json(&format!("/api/v1/videoid/{pk}/evidences"), &evidences)
        .await
        .expect(200);
    let video = mp4();
    sbx.post_form(
        &format!("/api/v1/videoid/{pk}/evidences/video"),
        Form::new().part("video", image_part("call.mp4", video.clone())),
    )
    .await
    .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOREVIEW");
    let (_, _, downloaded) = sbx
        .get_bytes(&format!("/api/v1/videoid/{pk}/download/video"))
        .await;
    assert_eq!(downloaded, video);
    sbx.post_json(
        &format!("/api/v1/request/{pk}/approve"),
        &json!({"token": DEMO_TOKEN, "rao": 972}),
    )
    .await
    .expect(200);
    sign_approved(&sbx, &validators, pk).await;
    hook.wait_for(4).await;
    assert_eq!(
        hook.statuses(),
        ["VIDEOPENDING", "VIDEOREVIEW", "ENROLLREADY", "ISSUED"]
    );
}

#[tokio::test]
async fn a_signed_request_survives_a_restart() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let uid = sbx.upload(pk, "file", "doc.pdf", pdf(&["restart"])).await;
    let code = sbx.send_otp(pk).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    let signed = sbx.document(pk, "signed", &uid).await;
    let ca = sbx.ca_pem().await;
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    assert_eq!(sbx.ca_pem().await, ca, "the CA is persisted");
    assert_eq!(sbx.document(pk, "signed", &uid).await, signed);
    assert_eq!(status(&sbx, pk).await, "ISSUED");
}

#[tokio::test]
async fn an_otp_survives_a_restart_but_the_outbox_does_not() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let uid = sbx.upload(pk, "file", "doc.pdf", pdf(&["restart"])).await;
    let code = sbx.send_otp(pk).await;
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    assert!(
        sbx.get(&format!("/sandbox/v1/messages?request={pk}"))
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .is_empty()
    );
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    sbx.document(pk, "signed", &uid).await;
}

#[tokio::test]
async fn concurrent_requests_never_see_each_others_files() {
    let sbx = TestSandbox::start().await;
    let validators = Validators::new(&sbx.ca_pem().await);
    let run = |n: usize| {
        let sbx = &sbx;
        async move {
            let pk = sbx.create_request().await;
            let text = format!("Document number {n}");
            let uid = sbx.upload(pk, "file", "doc.pdf", pdf(&[&text])).await;
            let code = sbx.send_otp(pk).await;
            sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
                .await
                .expect(200);
            (pk, uid, text)
        }
    };
    let results = futures_util::future::join_all((0..4).map(run)).await;
    for (pk, uid, text) in results {
        let signed = sbx.document(pk, "signed", &uid).await;
        assert!(pdf_text(&signed).contains(&text));
        let docs = sbx
            .get(&format!("/api/v1/documents/{pk}"))
            .await
            .expect(200);
        assert_eq!(docs.as_object().unwrap().len(), 1);
        validators.assert_pdf_valid(&format!("c{pk}.pdf"), &signed);
    }
}
