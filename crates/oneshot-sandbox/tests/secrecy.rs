//! Secrets (OTP codes, RAO password and PIN, tokens, the billing password)
//! never reach the log, even at TRACE, nor a file of the data directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME};
use reqwest::multipart::Form;
use serde_json::json;
use support::fixtures::{pdf, png};
use support::{TestSandbox, image_part};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn all_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(all_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn no_secret_in_the_log_or_the_data_directory() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .init();

    let sbx = TestSandbox::start().await;
    let billing_password = "c2VjcmV0LWJpbGxpbmc="; // base64 of "secret-billing"
    let token = sbx
        .post_json(
            "/api/v1/token",
            &json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD}),
        )
        .await
        .expect(200);
    let token = token.as_str().unwrap().to_owned();
    let form = Form::new()
        .text("token", token.clone())
        .text("pin", DEMO_RAO_PIN)
        .text("billing_password", billing_password)
        .text("given_name", "Ana")
        .text("surname_1", "Soto")
        .text("serial_number", "12345678Z")
        .text("email", "ana@example.com")
        .text("mobile_phone_number", "+34600123123")
        .part("document_front", image_part("f.png", png(8, 8)))
        .part("document_rear", image_part("r.png", png(8, 8)))
        .part("document_owner", image_part("o.png", png(8, 8)));
    let pk = sbx
        .post_form("/api/v1/request", form)
        .await
        .expect(201)
        .as_u64()
        .unwrap();
    sbx.upload(pk, "file", "d.pdf", pdf(&["secret test"])).await;
    let code = sbx.send_otp(pk).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": "000000"}))
        .await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    sbx.get(&format!("/api/v1/token/{token}")).await.expect(200);
    sbx.post_json(
        "/api/v1/settings",
        &json!({"billing": {"billing_password": billing_password}}),
    )
    .await
    .expect(200);
    let dir = sbx.stop().await;

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("request signed and issued"),
        "the log was captured:\n{log}"
    );
    for secret in [
        code.as_str(),
        DEMO_RAO_PASSWORD,
        DEMO_RAO_PIN,
        token.as_str(),
        billing_password,
    ] {
        assert!(
            !log.contains(secret),
            "secret {secret:?} leaked into the log"
        );
    }
    // The sandbox's own records (not the uploaded or signed blobs, whose random
    // bytes could hold any six digits by chance).
    let records = all_files(dir.path())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json" || e == "ini"));
    for file in records {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [DEMO_RAO_PASSWORD, DEMO_RAO_PIN] {
            assert!(
                !text.contains(secret),
                "{secret:?} written to {}",
                file.display()
            );
        }
        if file.ends_with("request.json") {
            assert!(
                !text.contains(&format!("\"{code}\"")),
                "the OTP was written to {}",
                file.display()
            );
            assert!(!text.contains(billing_password));
        }
    }
}
