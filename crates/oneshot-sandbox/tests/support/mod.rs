//! Shared by the sandbox's integration tests: a sandbox in a temp dir and a
//! small HTTP helper that checks the spec's envelope.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use oneshot_sandbox::{Sandbox, SandboxConfig};
use reqwest::StatusCode;
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
        let dir = tempfile::tempdir().unwrap();
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

    pub async fn post_raw(&self, path: &str, body: &'static str) -> Reply {
        let request = self
            .http
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body);
        Reply::from(request.send().await.unwrap()).await
    }
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
        let body: Value = response.json().await.unwrap();
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
