//! Inputs and checks shared by the sandbox workflow tests.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::Path;
use std::sync::{Arc, Mutex};

use base64::Engine;
use oneshot_api::{
    DocumentKind, DocumentUpload, EvidenceImages, Evidences, FileSource, IdDocumentType,
    NewSignatureRequest, NewVideoIdRequest, OcrData, RaoCredentials, SecurityChecks, SignOptions,
    Signer, SimilarityLevel,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::sandbox::{self, Running};

/// A valid 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The start of an MP4 file (an `ftyp` box) and some payload.
pub fn mp4() -> Vec<u8> {
    let mut video = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    video.extend(std::iter::repeat_n(0x5Au8, 50_000));
    video
}

pub fn signer() -> Signer {
    Signer {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: Some("Ortega".into()),
        id_document_type: Some(IdDocumentType::IdentityCard),
        id_document_country: Some("ES".into()),
        serial_number: "00000023T".into(),
        email: "lucia.perez@example.org".into(),
        mobile_phone_number: "+34600111222".into(),
    }
}

/// A classic request with the demo token and the three ID pictures.
pub fn classic_request() -> NewSignatureRequest {
    let mut request =
        NewSignatureRequest::new(RaoCredentials::token(sandbox::demo_token()), signer());
    request.images.document_front = Some(FileSource::memory("front.png", PNG));
    request.images.document_rear = Some(FileSource::memory("rear.png", PNG));
    request.images.document_owner = Some(FileSource::memory("owner.png", PNG));
    request
}

pub fn videoid_request() -> NewVideoIdRequest {
    NewVideoIdRequest {
        mobile_phone_number: "+34600111222".into(),
        email: "lucia.perez@example.org".into(),
        videoid_mode: Some(1),
        ..NewVideoIdRequest::default()
    }
}

/// Evidences holding every item, so the session can reach VIDEOREVIEW.
pub fn full_evidences() -> Evidences {
    let picture = base64::engine::general_purpose::STANDARD.encode(PNG);
    let mut evidences = Evidences::default();
    evidences.acceptance.description = Some("Accepted terms and privacy policy".into());
    evidences.acceptance.ip = Some("192.0.2.10".into());
    evidences.acceptance.date = Some(serde_json::json!(1_770_000_000_000u64));
    evidences.videoid_data.images = EvidenceImages {
        document_front: Some(picture.clone()),
        document_rear: Some(picture.clone()),
        document_photo: Some(picture.clone()),
        document_owner: Some(picture),
    };
    evidences.videoid_data.ocr_data = OcrData {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: Some("Ortega".into()),
        serial_number: "00000023T".into(),
        mobile_phone_number: Some("+34600111222".into()),
        email: Some("lucia.perez@example.org".into()),
        id_document_type: Some(IdDocumentType::IdentityCard),
        id_document_country: Some("ES".into()),
    };
    evidences.videoid_data.security_checks = SecurityChecks {
        otp_validation: Some(true),
        documents_match: Some(true),
        data_integrity: Some(true),
        document_notcopy: Some(true),
        document_notexpired: Some(true),
        document_notunderage: Some(true),
        liveliness: Some(true),
    };
    evidences.videoid_data.similarity_level = Some(SimilarityLevel::Word("high".into()));
    evidences
}

/// The newest OTP the sandbox "sent" for request `pk`.
pub async fn latest_otp(base_url: &str, pk: u64) -> Option<String> {
    let url = format!("{base_url}/sandbox/v1/messages?request={pk}");
    let messages: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    messages["details"]
        .as_array()?
        .iter()
        .rev()
        .find_map(|message| message["code"].as_str().map(str::to_owned))
}

/// A code that differs from `code` in every digit.
pub fn wrong_code(code: &str) -> String {
    code.chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect()
}

/// Plays the signer's video session with the sandbox extension.
pub async fn complete_session(base_url: &str, pk: u64, outcome: &str) {
    let answer = reqwest::Client::new()
        .post(format!("{base_url}/sandbox/v1/videoid/{pk}/complete"))
        .json(&serde_json::json!({ "outcome": outcome }))
        .send()
        .await
        .unwrap();
    assert!(
        answer.status().is_success(),
        "{}",
        answer.text().await.unwrap()
    );
}

/// The sandbox's root CA and intermediates, PEM.
pub async fn sandbox_ca(base_url: &str) -> String {
    reqwest::get(format!("{base_url}/sandbox/v1/ca.pem"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A one-page PDF.
pub fn sample_pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 18 Tf 72 720 Td ({title}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A signed PDF is the original plus an incremental update with a signature.
pub fn assert_signed_pdf(original: &[u8], signed: &[u8]) {
    assert!(
        signed.starts_with(original),
        "an incremental update keeps the original bytes"
    );
    let update = &signed[original.len()..];
    assert!(update.windows(10).any(|w| w == b"/ByteRange"));
    assert!(update.windows(9).any(|w| w == b"/Contents"));
}

/// `openssl cms -verify` accepts the detached CMS over `content`.
pub fn assert_cms_verifies(p7m: &Path, content: &Path, ca: &Path) {
    let output = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in",
        ])
        .arg(p7m)
        .arg("-content")
        .arg(content)
        .arg("-CAfile")
        .arg(ca)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "openssl cms -verify: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A webhook endpoint on loopback collecting the JSON bodies posted to it.
pub async fn webhook_receiver() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&received);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let sink = Arc::clone(&sink);
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while let Ok(read) = socket.read(&mut buffer).await {
                    if read == 0 {
                        break;
                    }
                    request.extend_from_slice(&buffer[..read]);
                    let text = String::from_utf8_lossy(&request);
                    if let Some((head, body)) = text.split_once("\r\n\r\n") {
                        let length = head
                            .to_ascii_lowercase()
                            .lines()
                            .find_map(|line| {
                                line.strip_prefix("content-length:")
                                    .map(str::trim)
                                    .and_then(|v| v.parse::<usize>().ok())
                            })
                            .unwrap_or(0);
                        if body.len() >= length {
                            sink.lock().unwrap().push(body.to_owned());
                            break;
                        }
                    }
                }
                let _ = socket
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .await;
            });
        }
    });
    (url, received)
}

/// Documents, contract, OTP, sign and fetch for an approved request.
pub async fn sign_one_document(running: &Running, pk: u64) {
    let client = &running.client;
    let original = sample_pdf("Video ID contract");
    let uploaded = client
        .documents()
        .upload(
            pk,
            vec![DocumentUpload::Pdf(FileSource::memory(
                "v.pdf",
                original.clone(),
            ))],
            None,
        )
        .await
        .unwrap();
    assert!(
        client
            .documents()
            .contract(pk)
            .await
            .unwrap()
            .starts_with(b"%PDF")
    );
    client.requests().generate_otp(pk, None).await.unwrap();
    let code = latest_otp(&running.sandbox.base_url(), pk).await.unwrap();
    client
        .requests()
        .sign(pk, &SignOptions::with_otp(code))
        .await
        .unwrap();
    let signed = client
        .documents()
        .retrieve(pk, DocumentKind::Signed, &uploaded[0].uid)
        .await
        .unwrap();
    assert_signed_pdf(&original, &signed);
    client.documents().delete_all(pk).await.unwrap();
}
