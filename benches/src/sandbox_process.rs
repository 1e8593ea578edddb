//! A sandbox Optimizer in a process of its own, so that a client's memory can be
//! measured without the server's in the same numbers.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use oneshot_sandbox::{Sandbox, SandboxConfig};
use tokio::io::AsyncReadExt;

use crate::error::{BenchError, IoContext, Result};

/// What the child prints once it accepts connections.
const READY: &str = "listening on ";

/// `oneshot-bench serve-sandbox`: serves until its standard input closes, which
/// happens when the parent exits, however it exits.
pub async fn serve(data_dir: &Path) -> Result<()> {
    let sandbox = Sandbox::start(SandboxConfig::new(data_dir)).await?;
    crate::output::line(&format!("{READY}{}", sandbox.base_url()));
    let mut stdin = tokio::io::stdin();
    let mut buffer = [0u8; 64];
    while stdin.read(&mut buffer).await.at("stdin")? > 0 {}
    sandbox.shutdown().await?;
    Ok(())
}

/// A running `serve-sandbox` child; dropping it closes its stdin and waits for it.
#[derive(Debug)]
pub struct SandboxProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    pub base_url: String,
}

impl SandboxProcess {
    pub fn start(data_dir: &Path) -> Result<Self> {
        let exe = std::env::current_exe().at("current executable")?;
        let mut child = Command::new(&exe)
            .arg("serve-sandbox")
            .arg("--data-dir")
            .arg(data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .at(&exe)?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| BenchError::Child("no stdout from serve-sandbox".into()))?;
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .at("serve-sandbox stdout")?;
        let base_url = first
            .trim()
            .strip_prefix(READY)
            .map(str::to_owned)
            .ok_or_else(|| BenchError::Child(format!("serve-sandbox said {first:?}")))?;
        Ok(Self {
            child,
            stdin,
            base_url,
        })
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
