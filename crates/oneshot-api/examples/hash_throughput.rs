//! Benchmark: SHA-256 of a file through the hash-flow helper versus
//! `openssl dgst -sha256`, best of several runs each, interleaved.
//!
//! `cargo run -p oneshot-api --release --example hash_throughput [FILE] [RUNS]`
//! (without FILE, a 1 GiB file of pseudo-random bytes is made in a temp dir).
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let given = args.next();
    let runs: usize = args
        .next()
        .map(|runs| runs.parse())
        .transpose()?
        .unwrap_or(3);
    let scratch = tempfile::tempdir()?;
    let path = match given {
        Some(path) => Path::new(&path).to_owned(),
        None => {
            let path = scratch.path().join("one-gib.bin");
            write_test_file(&path, 1 << 30)?;
            path
        }
    };
    let size = std::fs::metadata(&path)?.len();
    // Warm the page cache so both tools hash from memory, not from disk.
    oneshot_api::hashfile::sha256_file_blocking(&path)?;

    let mut ours = Duration::MAX;
    let mut openssl = Duration::MAX;
    let mut same = true;
    for _ in 0..runs {
        let started = Instant::now();
        let digest = oneshot_api::hashfile::sha256_file_blocking(&path)?;
        ours = ours.min(started.elapsed());

        let started = Instant::now();
        let output = Command::new("openssl")
            .args(["dgst", "-sha256", "-r"])
            .arg(&path)
            .output()?;
        openssl = openssl.min(started.elapsed());
        let theirs = String::from_utf8_lossy(&output.stdout);
        same &= theirs.split_whitespace().next() == Some(hex::encode(digest).as_str());
    }
    let mib = size as f64 / (1024.0 * 1024.0);
    let ours_rate = mib / ours.as_secs_f64();
    let openssl_rate = mib / openssl.as_secs_f64();
    println!("file: {} ({mib:.0} MiB), best of {runs}", path.display());
    println!("| tool | best time | throughput |");
    println!("|---|---|---|");
    println!(
        "| oneshot-api (ring) | {:.3} s | {ours_rate:.0} MiB/s |",
        ours.as_secs_f64()
    );
    println!(
        "| openssl dgst -sha256 | {:.3} s | {openssl_rate:.0} MiB/s |",
        openssl.as_secs_f64()
    );
    println!(
        "ratio: {:.1}% of openssl; digests equal: {same}",
        100.0 * ours_rate / openssl_rate
    );
    if !same {
        return Err("digests differ from openssl".into());
    }
    Ok(())
}

/// Pseudo-random content (xorshift), so nothing can shortcut the hashing.
fn write_test_file(path: &Path, size: u64) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut block = vec![0u8; 1 << 20];
    let mut written = 0;
    while written < size {
        for word in block.chunks_exact_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.copy_from_slice(&state.to_le_bytes());
        }
        file.write_all(&block)?;
        written += block.len() as u64;
    }
    file.flush()
}
