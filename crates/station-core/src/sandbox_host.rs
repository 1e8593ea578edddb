//! The embedded sandbox Optimizer: started inside the station when no remote
//! Optimizer is chosen, so a new officer sees the whole product with no account.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use oneshot_sandbox::{Sandbox, SandboxConfig};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;

/// What the embedded sandbox is doing, for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SandboxStatus {
    /// Not running (a remote Optimizer is in use, or it was not needed yet).
    Stopped,
    /// Opening its data and binding its port.
    Starting,
    /// Serving on loopback.
    Running {
        /// Its base URL, e.g. `http://127.0.0.1:41234`.
        url: String,
    },
    /// The last start failed; the next use tries again.
    Failed {
        /// What went wrong.
        reason: String,
    },
}

/// Starts the sandbox on first use on a free loopback port, with its data under
/// the station's data directory, and stops it on request.
#[derive(Debug)]
pub struct EmbeddedSandbox {
    data_dir: PathBuf,
    running: tokio::sync::Mutex<Option<Sandbox>>,
    status: Mutex<SandboxStatus>,
}

impl EmbeddedSandbox {
    /// A sandbox that will keep its data in `data_dir` once started.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            running: tokio::sync::Mutex::new(None),
            status: Mutex::new(SandboxStatus::Stopped),
        }
    }

    /// The sandbox's base URL, starting it first if needed. Concurrent callers
    /// wait for the same start.
    pub async fn base_url(&self) -> Result<String> {
        let mut running = self.running.lock().await;
        if let Some(sandbox) = running.as_ref() {
            return Ok(sandbox.base_url());
        }
        self.set_status(SandboxStatus::Starting);
        match Sandbox::start(SandboxConfig::new(&self.data_dir)).await {
            Ok(sandbox) => {
                let url = sandbox.base_url();
                tracing::info!(%url, "embedded sandbox started");
                self.set_status(SandboxStatus::Running { url: url.clone() });
                *running = Some(sandbox);
                Ok(url)
            }
            Err(error) => {
                self.set_status(SandboxStatus::Failed {
                    reason: error.to_string(),
                });
                Err(error.into())
            }
        }
    }

    /// Stops the sandbox if it runs, letting in-flight requests finish.
    pub async fn stop(&self) -> Result<()> {
        let sandbox = self.running.lock().await.take();
        self.set_status(SandboxStatus::Stopped);
        if let Some(sandbox) = sandbox {
            sandbox.shutdown().await?;
            tracing::info!("embedded sandbox stopped");
        }
        Ok(())
    }

    /// What the sandbox is doing now.
    pub fn status(&self) -> SandboxStatus {
        self.lock_status().clone()
    }

    fn set_status(&self, status: SandboxStatus) {
        *self.lock_status() = status;
    }

    /// A poisoned lock only means a panic elsewhere; the status value is still whole.
    fn lock_status(&self) -> MutexGuard<'_, SandboxStatus> {
        self.status
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn starts_once_reports_and_stops() {
        let temp = tempfile::tempdir().unwrap();
        let host = EmbeddedSandbox::new(temp.path().join("sandbox"));
        assert_eq!(host.status(), SandboxStatus::Stopped);
        let url = host.base_url().await.unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(host.base_url().await.unwrap(), url);
        assert_eq!(host.status(), SandboxStatus::Running { url });
        host.stop().await.unwrap();
        assert_eq!(host.status(), SandboxStatus::Stopped);
    }

    #[tokio::test]
    async fn a_failed_start_is_reported() {
        let temp = tempfile::tempdir().unwrap();
        let blocker = temp.path().join("not-a-directory");
        std::fs::write(&blocker, b"a file where the data directory should be").unwrap();
        let host = EmbeddedSandbox::new(blocker.join("sandbox"));
        let error = host.base_url().await.unwrap_err();
        assert_eq!(error.code(), "sandbox.start_failed");
        assert!(matches!(host.status(), SandboxStatus::Failed { .. }));
    }
}
