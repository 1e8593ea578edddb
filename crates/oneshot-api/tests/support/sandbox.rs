//! An in-process sandbox Optimizer per test, in its own temporary data dir.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use oneshot_api::{Client, ClientOptions, Secret};
use oneshot_sandbox::{Sandbox, SandboxConfig};

/// A running sandbox, its data dir and a client of it.
pub struct Running {
    pub sandbox: Sandbox,
    pub client: Client,
    _data: tempfile::TempDir,
}

impl Running {
    pub async fn stop(self) {
        self.sandbox.shutdown().await.unwrap();
    }
}

/// Starts a fresh sandbox and a client of it.
pub async fn start() -> Running {
    let data = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::new(data.path()))
        .await
        .unwrap();
    let client = Client::new(ClientOptions::new(sandbox.base_url())).unwrap();
    Running {
        sandbox,
        client,
        _data: data,
    }
}

/// The demo RAO's token every sandbox knows.
pub fn demo_token() -> Secret {
    Secret::new(oneshot_sandbox::DEMO_TOKEN)
}
