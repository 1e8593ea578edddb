//! ID picture normalisation: station-core turns each camera JPEG into the upright,
//! metadata-free ≤ 2000 px JPEG it uploads, written next to the others.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};

use crate::error::{BenchError, IoContext, Result};

/// Normalises every picture in `images`, writing each result into `out_dir`; the
/// clock covers reading, normalising and writing all of them.
pub fn normalize_all(images: &[PathBuf], out_dir: &Path) -> Result<Value> {
    if images.is_empty() {
        return Err(BenchError::Invalid("no pictures given".into()));
    }
    let started = Instant::now();
    let mut largest_side = 0;
    let mut output_bytes = 0u64;
    for path in images {
        let bytes = std::fs::read(path).at(path)?;
        let normalized = station_core::normalize_id_image_blocking(&bytes)?;
        largest_side = largest_side
            .max(normalized.report.width)
            .max(normalized.report.height);
        let file_name = path.file_name().unwrap_or(path.as_os_str());
        let target = out_dir.join(file_name);
        std::fs::write(&target, &normalized.jpeg).at(&target)?;
        output_bytes += normalized.jpeg.len() as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(json!({
        "images": images.len(),
        "seconds": seconds,
        "largest_side": largest_side,
        "output_bytes": output_bytes,
    }))
}
