//! Benchmark: peak memory while uploading 10 × 50 MB documents.
//!
//! Uploads stream from disk, so the process's peak RSS (VmHWM) must stay within
//! 64 MiB of its baseline. The Optimizer here is a sink in the same process that
//! reads and drops the bytes, so only the client's memory is measured.
//!
//! `cargo run -p oneshot-api --release --example upload_memory [FILES] [MB_EACH]`
#![allow(clippy::print_stdout)]

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use oneshot_api::{Client, ClientOptions, DocumentUpload};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const LIMIT_MIB: f64 = 64.0;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let files: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let mb_each: u64 = args.next().map(|n| n.parse()).transpose()?.unwrap_or(50);
    let dir = tempfile::tempdir()?;
    let mut documents = Vec::new();
    for index in 0..files {
        let path = dir.path().join(format!("document-{index}.pdf"));
        write_file(&path, mb_each * 1_000_000)?;
        documents.push(DocumentUpload::pdf(path));
    }
    let base_url = start_sink().await?;
    let client = Client::new(ClientOptions::new(base_url))?;

    let baseline = vm_hwm_kib()?;
    let started = Instant::now();
    let uploaded = client.documents().upload(1, documents, None).await?;
    let elapsed = started.elapsed();
    let peak = vm_hwm_kib()?;

    let growth_mib = (peak - baseline) as f64 / 1024.0;
    let total_mb = files as u64 * mb_each;
    println!(
        "uploaded {} documents, {total_mb} MB in {:.2} s",
        uploaded.len(),
        elapsed.as_secs_f64()
    );
    println!("| baseline VmHWM | peak VmHWM | growth | limit |");
    println!("|---|---|---|---|");
    println!(
        "| {:.1} MiB | {:.1} MiB | {growth_mib:.1} MiB | {LIMIT_MIB:.0} MiB |",
        baseline as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    if growth_mib > LIMIT_MIB {
        return Err(format!("peak RSS grew by {growth_mib:.1} MiB (> {LIMIT_MIB} MiB)").into());
    }
    Ok(())
}

/// Peak resident set size of this process so far, in KiB.
fn vm_hwm_kib() -> Result<u64, Box<dyn std::error::Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .ok_or("no VmHWM in /proc/self/status")?;
    Ok(line
        .split_whitespace()
        .nth(1)
        .ok_or("malformed VmHWM")?
        .parse()?)
}

fn write_file(path: &Path, size: u64) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
    let block = [0x25u8; 1 << 16];
    let mut written = 0;
    while written < size {
        let take = (size - written).min(block.len() as u64) as usize;
        file.write_all(&block[..take])?;
        written += take as u64;
    }
    file.flush()
}

/// An Optimizer stand-in that swallows uploads and accepts every document sent.
async fn start_sink() -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(swallow(socket));
        }
    });
    Ok(base_url)
}

async fn swallow(mut socket: TcpStream) -> std::io::Result<()> {
    let mut buffer = vec![0u8; 1 << 16];
    let mut head = Vec::new();
    let body_start = loop {
        let read = socket.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buffer[..read]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let text = String::from_utf8_lossy(&head[..body_start]).to_ascii_lowercase();
    let length = text
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok());
    const PART: &[u8] = b"Content-Disposition: form-data; name=\"file";
    let parts_in = |bytes: &[u8]| bytes.windows(PART.len()).filter(|w| *w == PART).count();
    let mut tail = head[body_start..].to_vec();
    let mut received = tail.len();
    let mut parts = parts_in(&tail);
    loop {
        let done = match length {
            Some(length) => received >= length,
            None => tail.ends_with(b"0\r\n\r\n"),
        };
        if done {
            break;
        }
        let read = socket.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        received += read;
        // Parts split across reads are counted once: only the kept tail overlaps.
        let overlap = tail.len();
        tail.extend_from_slice(&buffer[..read]);
        parts += parts_in(&tail) - parts_in(&tail[..overlap]);
        let keep = tail.len().saturating_sub(PART.len());
        tail.drain(..keep);
    }
    let items: Vec<String> = (0..parts)
        .map(|index| {
            let key = if index == 0 {
                "file".to_owned()
            } else {
                format!("file{}", index + 1)
            };
            format!(r#"{{"uid":"sink-{index}","key":"{key}","digest":"","filename":"d.pdf"}}"#)
        })
        .collect();
    let body = if parts == 1 {
        r#"{"status":"200 OK","details":"sink-0"}"#.to_owned()
    } else {
        format!(r#"{{"status":"200 OK","details":[{}]}}"#, items.join(","))
    };
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(answer.as_bytes()).await?;
    socket.shutdown().await
}
