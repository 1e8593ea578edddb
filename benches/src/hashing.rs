//! The hash flow's digest (W3): oneshot-api's SHA-256 of a file on disk.

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};

use crate::error::{IoContext, Result};

/// Hashes `file` once; answers the digest so the caller can check it against the
/// reference tool's.
pub fn sha256(file: &Path) -> Result<Value> {
    let bytes = std::fs::metadata(file).at(file)?.len();
    let started = Instant::now();
    let digest = oneshot_api::hashfile::sha256_file_blocking(file)?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(json!({ "bytes": bytes, "seconds": seconds, "sha256": hex::encode(digest) }))
}
