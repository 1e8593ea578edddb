//! Memory while uploading large documents: oneshot-api streams them from disk to a
//! sandbox in another process, so this process's peak RSS growth is the client's.

use std::path::PathBuf;
use std::time::Instant;

use oneshot_api::DocumentUpload;
use serde_json::{Value, json};

use crate::error::{BenchError, IoContext, Result};
use crate::optimizer::Optimizer;
use crate::sandbox_process::SandboxProcess;

/// Uploads `files` to a fresh sandbox in one request; reports VmHWM before and after.
pub async fn upload_memory(files: &[PathBuf]) -> Result<Value> {
    let scratch = tempfile::tempdir().at(std::env::temp_dir())?;
    let sandbox = SandboxProcess::start(scratch.path())?;
    let optimizer = Optimizer::new(sandbox.base_url.clone())?;
    // The request (and with it TLS-free HTTP, the runtime, the first buffers) exists
    // before the baseline, so only the uploads count.
    let pk = optimizer.create_request().await?;
    let mut bytes = 0;
    for file in files {
        bytes += std::fs::metadata(file).at(file)?.len();
    }
    let documents = files.iter().cloned().map(DocumentUpload::pdf).collect();
    let baseline = vm_hwm_kib()?;
    let started = Instant::now();
    let uploaded = optimizer
        .client
        .documents()
        .upload(pk, documents, None)
        .await?;
    let seconds = started.elapsed().as_secs_f64();
    let peak = vm_hwm_kib()?;
    drop(sandbox);
    Ok(json!({
        "files": uploaded.len(),
        "bytes": bytes,
        "seconds": seconds,
        "baseline_kib": baseline,
        "peak_kib": peak,
        "growth_mib": (peak.saturating_sub(baseline)) as f64 / 1024.0,
    }))
}

/// Peak resident set size of this process so far, in KiB.
fn vm_hwm_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").at("/proc/self/status")?;
    parse_vm_hwm(&status)
        .ok_or_else(|| BenchError::Invalid("no VmHWM line in /proc/self/status".into()))
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_peak_from_proc_status() {
        let status = "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t    4321 kB\nVmRSS:\t 100 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(4321));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
    }
}
