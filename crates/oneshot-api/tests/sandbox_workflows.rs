//! Workflows W1–W6 end to end against a real sandbox Optimizer: every signed
//! output is checked (PDF signature dictionary, CMS accepted by openssl).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sandbox.rs"]
mod sandbox;
#[path = "support/workflow.rs"]
mod workflow;

use std::time::Duration;

use oneshot_api::{
    AsyncMode, DeliveryMethod, DocumentKind, DocumentUpload, FileSource, HashFile, RaoCredentials,
    RequestStatus, SignOptions, SignatureMetadata, VisibleSignature,
};
use workflow::*;

#[tokio::test]
async fn w1_classic_with_sms_otp() {
    let running = sandbox::start().await;
    let client = &running.client;
    let base_url = running.sandbox.base_url();
    let pk = client.requests().create(classic_request()).await.unwrap();
    let originals = [sample_pdf("Contract"), sample_pdf("Annex")];
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![
                DocumentUpload::Pdf(FileSource::memory("contract.pdf", originals[0].clone())),
                DocumentUpload::Pdf(FileSource::memory("annex.pdf", originals[1].clone())),
            ],
            None,
        )
        .await
        .unwrap();
    assert_eq!(uploaded.len(), 2);
    let listed = client.documents().list(pk).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert!(
        listed
            .iter()
            .all(|file| uploaded.iter().any(|up| up.uid == file.uid))
    );
    let original = client
        .documents()
        .retrieve(pk, DocumentKind::Original, &uploaded[0].uid)
        .await
        .unwrap();
    assert_eq!(original.as_ref(), originals[0].as_slice());
    let contract = client.documents().contract(pk).await.unwrap();
    assert!(contract.starts_with(b"%PDF"));

    client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Sms))
        .await
        .unwrap();
    let code = latest_otp(&base_url, pk).await.unwrap();
    let wrong = client
        .requests()
        .sign(pk, &SignOptions::with_otp(wrong_code(&code)))
        .await;
    assert!(wrong.unwrap_err().is_wrong_otp());
    client
        .requests()
        .sign(pk, &SignOptions::with_otp(code.clone()))
        .await
        .unwrap();
    assert!(client.requests().status(pk).await.unwrap().is_signed());
    let again = client
        .requests()
        .sign(pk, &SignOptions::with_otp(code))
        .await
        .unwrap_err();
    assert!(again.is_already_issued());

    let dir = tempfile::tempdir().unwrap();
    for (document, original) in uploaded.iter().zip(&originals) {
        let path = dir.path().join(&document.file_name);
        let saved = client
            .documents()
            .retrieve_to_file(pk, DocumentKind::Signed, &document.uid, &path, None)
            .await
            .unwrap();
        let signed = std::fs::read(&saved.path).unwrap();
        assert_signed_pdf(original, &signed);
    }
    client
        .documents()
        .delete(pk, DocumentKind::Original, &uploaded[1].uid)
        .await
        .unwrap();
    client.documents().delete_all(pk).await.unwrap();
    assert!(
        client
            .documents()
            .list(pk)
            .await
            .map(|left| left.is_empty())
            .unwrap_or(true)
    );
    running.stop().await;
}

#[tokio::test]
async fn w1_whatsapp_visible_signature_metadata_and_twelve_documents() {
    let running = sandbox::start().await;
    let client = &running.client;
    let pk = client.requests().create(classic_request()).await.unwrap();
    let documents: Vec<DocumentUpload> = (0..12)
        .map(|i| {
            DocumentUpload::Pdf(FileSource::memory(
                format!("d{i}.pdf"),
                sample_pdf(&format!("Doc {i}")),
            ))
        })
        .collect();
    let uploaded = client
        .documents()
        .upload(pk, documents, None)
        .await
        .unwrap();
    assert_eq!(uploaded.len(), 12);
    let image = client
        .images()
        .upload(FileSource::memory("rubric.png", PNG))
        .await
        .unwrap();
    let metadata = client
        .metadata()
        .upload(&SignatureMetadata {
            oid: "1.3.6.1.4.1.99999.1.2".into(),
            metadata: "YnJhbmNoPTEy".into(),
        })
        .await
        .unwrap();
    client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Whatsapp))
        .await
        .unwrap();
    let code = latest_otp(&running.sandbox.base_url(), pk).await.unwrap();
    let mut options = SignOptions::with_otp(code);
    options.metadata = Some(metadata);
    options.options.insert(
        uploaded[0].uid.clone(),
        VisibleSignature {
            position: Some("300, 100, 500, 150".into()),
            page: Some(0),
            image: Some(image),
            usecountersignature: None,
        },
    );
    client.requests().sign(pk, &options).await.unwrap();
    for document in &uploaded {
        let signed = client
            .documents()
            .retrieve(pk, DocumentKind::Signed, &document.uid)
            .await
            .unwrap();
        assert!(signed.windows(10).any(|w| w == b"/ByteRange"));
    }
    running.stop().await;
}

#[tokio::test]
async fn w2_external_authentication() {
    let running = sandbox::start().await;
    let client = &running.client;
    let pk = client.requests().create(classic_request()).await.unwrap();
    let original = sample_pdf("External");
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![DocumentUpload::Pdf(FileSource::memory(
                "e.pdf",
                original.clone(),
            ))],
            None,
        )
        .await
        .unwrap();
    let options = SignOptions::with_external_authentication("4711", "biometric", "ext-0001");
    client.requests().sign(pk, &options).await.unwrap();
    let signed = client
        .documents()
        .retrieve(pk, DocumentKind::Signed, &uploaded[0].uid)
        .await
        .unwrap();
    assert_signed_pdf(&original, &signed);
    running.stop().await;
}

#[tokio::test]
async fn w3_hash_signature_verifies_with_openssl() {
    let running = sandbox::start().await;
    let client = &running.client;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("invoice.xml");
    std::fs::write(
        &content,
        b"<invoice><total>42.00</total></invoice>\n".repeat(1000),
    )
    .unwrap();
    let hash_file = HashFile::for_file(&content).await.unwrap();
    assert_eq!(
        hash_file.sha256().unwrap(),
        oneshot_api::hashfile::sha256_file(&content).await.unwrap()
    );
    let pk = client.requests().create(classic_request()).await.unwrap();
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![DocumentUpload::Hash {
                name: "invoice.xml.json".into(),
                hash_file,
            }],
            None,
        )
        .await
        .unwrap();
    client.requests().generate_otp(pk, None).await.unwrap();
    let code = latest_otp(&running.sandbox.base_url(), pk).await.unwrap();
    client
        .requests()
        .sign(pk, &SignOptions::with_otp(code))
        .await
        .unwrap();
    let p7m = dir.path().join("invoice.xml.p7m");
    client
        .documents()
        .retrieve_to_file(pk, DocumentKind::Signed, &uploaded[0].uid, &p7m, None)
        .await
        .unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sandbox_ca(&running.sandbox.base_url()).await).unwrap();
    assert_cms_verifies(&p7m, &content, &ca);
    running.stop().await;
}

#[tokio::test]
async fn w4_asynchronous_signature() {
    let running = sandbox::start().await;
    let client = &running.client;
    let (hook_url, hooks) = webhook_receiver().await;
    let mut request = classic_request();
    request.asynchronous = Some(AsyncMode {
        callback: Some(hook_url),
    });
    let pk = client.requests().create(request).await.unwrap();
    let original = sample_pdf("Async");
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![DocumentUpload::Pdf(FileSource::memory(
                "a.pdf",
                original.clone(),
            ))],
            None,
        )
        .await
        .unwrap();
    client.requests().generate_otp(pk, None).await.unwrap();
    let code = latest_otp(&running.sandbox.base_url(), pk).await.unwrap();
    client
        .requests()
        .sign(pk, &SignOptions::with_otp(code))
        .await
        .unwrap();
    let mut status = client.requests().async_status(pk).await.unwrap();
    for _ in 0..100 {
        if status.is_signed() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = client.requests().async_status(pk).await.unwrap();
    }
    assert!(status.is_signed(), "{status}");
    let signed = client
        .documents()
        .retrieve(pk, DocumentKind::Signed, &uploaded[0].uid)
        .await
        .unwrap();
    assert_signed_pdf(&original, &signed);
    assert!(!hooks.lock().unwrap().is_empty(), "the webhook was called");
    running.stop().await;
}

#[tokio::test]
async fn w5_eidas_videoid_then_sign() {
    let running = sandbox::start().await;
    let client = &running.client;
    let pk = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    complete_session(&running.sandbox.base_url(), pk, "review").await;
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoReview
    );
    client
        .videoid()
        .approve(pk, &RaoCredentials::token(sandbox::demo_token()))
        .await
        .unwrap();
    sign_one_document(&running, pk).await;
    running.stop().await;
}

#[tokio::test]
async fn w6_external_videoid_then_sign() {
    let running = sandbox::start().await;
    let client = &running.client;
    let pk = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    client
        .videoid()
        .upload_evidences(pk, &full_evidences())
        .await
        .unwrap();
    client
        .videoid()
        .upload_video(pk, FileSource::memory("s.mp4", mp4()), None)
        .await
        .unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoReview
    );
    client
        .videoid()
        .approve(pk, &RaoCredentials::token(sandbox::demo_token()))
        .await
        .unwrap();
    sign_one_document(&running, pk).await;
    running.stop().await;
}

#[tokio::test]
async fn a_lost_sign_answer_is_recovered_by_status_not_by_signing_again() {
    let running = sandbox::start().await;
    let client = &running.client;
    let base_url = running.sandbox.base_url();
    let pk = client.requests().create(classic_request()).await.unwrap();
    let original = sample_pdf("Lost answer");
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![DocumentUpload::Pdf(FileSource::memory(
                "l.pdf",
                original.clone(),
            ))],
            None,
        )
        .await
        .unwrap();
    client.requests().generate_otp(pk, None).await.unwrap();
    let code = latest_otp(&base_url, pk).await.unwrap();
    let armed = reqwest::Client::new()
        .post(format!("{base_url}/sandbox/v1/faults"))
        .json(&serde_json::json!({"method": "POST", "path": "/api/v1/sign/*", "action": "reset_mid_body"}))
        .send()
        .await
        .unwrap();
    assert!(armed.status().is_success());
    let lost = client
        .requests()
        .sign(pk, &SignOptions::with_otp(code.clone()))
        .await
        .unwrap_err();
    assert!(lost.outcome_unknown(), "{lost:?}");
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::Issued
    );
    let again = client
        .requests()
        .sign(pk, &SignOptions::with_otp(code))
        .await
        .unwrap_err();
    assert!(again.is_already_issued());
    let signed = client
        .documents()
        .retrieve(pk, DocumentKind::Signed, &uploaded[0].uid)
        .await
        .unwrap();
    assert_signed_pdf(&original, &signed);
    running.stop().await;
}
