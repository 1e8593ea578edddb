//! SHA-256 of a large file (the hash flow, W3) against `openssl dgst -sha256`.

use std::cell::RefCell;
use std::process::Command;

use crate::error::{Result, XtaskError};

use super::context::{Context, arg, tool_version};
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, median_of, timed};

const MIB: f64 = 1024.0 * 1024.0;

/// Both tools must agree on the digest; the first answer sets it.
fn check_digest(expected: &RefCell<Option<String>>, tool: &str, digest: &str) -> Result<()> {
    let mut expected = expected.borrow_mut();
    match expected.as_deref() {
        None => {
            *expected = Some(digest.to_owned());
            Ok(())
        }
        Some(known) if known == digest => Ok(()),
        Some(known) => Err(XtaskError::UnexpectedOutput {
            what: tool.to_owned(),
            detail: format!("digest {digest} differs from {known}"),
        }),
    }
}

pub fn sha256(ctx: &Context) -> Result<Vec<Measured>> {
    let bytes: u64 = if ctx.quick { 64 << 20 } else { 1 << 30 };
    let file = ctx.input(
        "random.bin",
        &[
            "generate-random",
            "--bytes",
            &bytes.to_string(),
            "--seed",
            "7",
        ],
    )?;
    let expected = RefCell::new(None);
    let mut reference = || -> Result<Metrics> {
        let (stdout, wall) = timed(
            Command::new("openssl")
                .args(["dgst", "-sha256", "-r"])
                .arg(&file),
        )?;
        let digest = stdout
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        check_digest(&expected, "openssl dgst", &digest)?;
        Ok(Metrics::from([(
            "rate",
            bytes as f64 / MIB / wall.as_secs_f64(),
        )]))
    };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, wall) = ctx.ours(&["sha256", "--file", &arg(&file)])?;
            let digest = answer
                .get("sha256")
                .and_then(|d| d.as_str())
                .unwrap_or_default();
            check_digest(&expected, "oneshot-bench sha256", digest)?;
            Ok(Metrics::from([
                ("rate", bytes as f64 / MIB / field(&answer, "seconds")?),
                ("process_rate", bytes as f64 / MIB / wall.as_secs_f64()),
            ]))
        },
        Some(&mut reference),
    )?;
    let _ = std::fs::remove_file(&file);
    Ok(vec![Measured {
        unit: "MiB/s",
        ours: median_of(&samples.ours, "rate")?,
        reference: Some(median_of(&samples.reference, "rate")?),
        reference_tool: Some("openssl dgst -sha256".into()),
        higher_is_better: true,
        goal: Goal::RatioAtLeast(0.9),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![format!(
            "A {} MiB file of pseudo-random bytes, in the page cache after the warm-up pair \
                 (both tools hash from memory). Ours: `oneshot_api::hashfile::sha256_file_blocking` \
                 (ring), timed in process; the whole process ran at {:.0} MiB/s. `openssl` ({}) \
                 timed from spawn to exit. Every run's digest is checked against the other tool's.",
            bytes >> 20,
            median_of(&samples.ours, "process_rate")?,
            tool_version("openssl", &["version"])
        )],
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_digest_sets_the_bar() {
        let expected = RefCell::new(None);
        check_digest(&expected, "a", "abc").unwrap();
        check_digest(&expected, "b", "abc").unwrap();
        assert!(check_digest(&expected, "c", "abd").is_err());
    }
}
