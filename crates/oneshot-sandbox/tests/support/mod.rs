//! Shared by the sandbox's integration tests: a sandbox in a temp dir, HTTP
//! helpers that check the spec's envelope, fixtures and a webhook receiver.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

pub mod fixtures;
pub mod validate;
pub mod webhook;

use oneshot_sandbox::{DEMO_TOKEN, Sandbox, SandboxConfig};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use tempfile::TempDir;

/// A running sandbox with its own data directory.
pub struct TestSandbox {
    pub sandbox: Sandbox,
    pub dir: TempDir,
    pub http: reqwest::Client,
}

impl TestSandbox {
    pub async fn start() -> Self {
        let dir = scratch_dir();
        Self::start_in(dir).await
    }

    /// Starts on an existing data directory (to test restarts).
    pub async fn start_in(dir: TempDir) -> Self {
        let sandbox = Sandbox::start(SandboxConfig::new(dir.path()))
            .await
            .unwrap();
        Self {
            sandbox,
            dir,
            http: reqwest::Client::new(),
        }
    }

    /// Stops the sandbox and hands back its data directory.
    pub async fn stop(self) -> TempDir {
        self.sandbox.shutdown().await.unwrap();
        self.dir
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.base_url(), path)
    }

    pub async fn get(&self, path: &str) -> Reply {
        Reply::from(self.http.get(self.url(path)).send().await.unwrap()).await
    }

    /// GET of a binary resource: status and bytes.
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, Option<String>, Vec<u8>) {
        let response = self.http.get(self.url(path)).send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        (
            status,
            content_type,
            response.bytes().await.unwrap().to_vec(),
        )
    }

    pub async fn delete(&self, path: &str) -> Reply {
        Reply::from(self.http.delete(self.url(path)).send().await.unwrap()).await
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Reply {
        Reply::from(
            self.http
                .post(self.url(path))
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> Reply {
        Reply::from(
            self.http
                .put(self.url(path))
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn post_empty(&self, path: &str) -> Reply {
        Reply::from(self.http.post(self.url(path)).send().await.unwrap()).await
    }

    pub async fn post_raw(&self, path: &str, body: &'static str) -> Reply {
        let request = self
            .http
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body);
        Reply::from(request.send().await.unwrap()).await
    }

    pub async fn post_form(&self, path: &str, form: Form) -> Reply {
        Reply::from(
            self.http
                .post(self.url(path))
                .multipart(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Creates a classic request with the demo token and returns its pk.
    pub async fn create_request(&self) -> u64 {
        let reply = self.post_form("/api/v1/request", request_form()).await;
        reply.expect(201).as_u64().unwrap()
    }

    /// Uploads one file in field `field` and returns its uid.
    pub async fn upload(&self, pk: u64, field: &str, name: &str, bytes: Vec<u8>) -> String {
        let form = Form::new().part(
            field.to_owned(),
            Part::bytes(bytes).file_name(name.to_owned()),
        );
        let uid = self
            .post_form(&format!("/api/v1/document/{pk}"), form)
            .await
            .expect(200);
        uid.as_str().unwrap().to_owned()
    }

    /// Sends an OTP by SMS and returns the code from the outbox.
    pub async fn send_otp(&self, pk: u64) -> String {
        self.post_empty(&format!("/api/v1/otp/{pk}"))
            .await
            .expect(200);
        self.latest_otp(pk).await
    }

    /// The bytes of `GET document/{pk}/{kind}/{uid}`, which must exist.
    pub async fn document(&self, pk: u64, kind: &str, uid: &str) -> Vec<u8> {
        let (code, _, bytes) = self
            .get_bytes(&format!("/api/v1/document/{pk}/{kind}/{uid}"))
            .await;
        assert_eq!(
            code,
            200,
            "GET document/{pk}/{kind}/{uid}: {}",
            String::from_utf8_lossy(&bytes)
        );
        bytes
    }

    /// The sandbox's `ca.pem`.
    pub async fn ca_pem(&self) -> String {
        let (code, _, bytes) = self.get_bytes("/sandbox/v1/ca.pem").await;
        assert_eq!(code, 200);
        String::from_utf8(bytes).unwrap()
    }

    /// The latest OTP code the outbox holds for `pk`.
    pub async fn latest_otp(&self, pk: u64) -> String {
        let messages = self
            .get(&format!("/sandbox/v1/messages?request={pk}"))
            .await
            .expect(200);
        let last = messages.as_array().unwrap().last().expect("no OTP message");
        last["code"].as_str().unwrap().to_owned()
    }
}

/// A complete create-request form (demo token, identity, three ID pictures).
pub fn request_form() -> Form {
    Form::new()
        .text("token", DEMO_TOKEN)
        .text("profile", "PFnubeQAFCiudadano")
        .text("given_name", "Łucja")
        .text("surname_1", "Núñez")
        .text("surname_2", "Żak")
        .text("serial_number", "12345678Z")
        .text("id_document_type", "IDC")
        .text("id_document_country", "ES")
        .text("email", "lucja@example.com")
        .text("mobile_phone_number", "+34600123123")
        .part(
            "document_front",
            image_part("front.png", fixtures::png(64, 40)),
        )
        .part(
            "document_rear",
            image_part("rear.jpg", fixtures::jpeg(64, 40)),
        )
        .part(
            "document_owner",
            image_part("owner.png", fixtures::png(30, 30)),
        )
}

pub fn image_part(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes).file_name(name.to_owned())
}

/// An answer in the spec's envelope.
#[derive(Debug)]
pub struct Reply {
    pub code: StatusCode,
    pub status: String,
    pub details: Value,
}

impl Reply {
    pub async fn from(response: reqwest::Response) -> Self {
        let code = response.status();
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("HTTP {code}: body is not JSON ({e}): {text:?}"));
        let status = body["status"].as_str().unwrap().to_owned();
        assert!(
            status.starts_with(&code.as_u16().to_string()),
            "envelope status {status:?} disagrees with HTTP {code}"
        );
        Self {
            code,
            status,
            details: body["details"].clone(),
        }
    }

    /// Asserts the HTTP code and returns `details`.
    pub fn expect(self, code: u16) -> Value {
        assert_eq!(self.code.as_u16(), code, "unexpected answer: {self:?}");
        self.details
    }
}

/// A temp dir under cargo's per-target scratch space rather than /tmp, which
/// other processes on a shared machine may clean up mid-test.
pub fn scratch_dir() -> TempDir {
    tempfile::Builder::new()
        .prefix("sbx-http-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}
