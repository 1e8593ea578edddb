//! `oneshot-bench`: the station's side of `cargo xtask bench`. Each subcommand makes
//! an input or measures one run and prints the result as one JSON line; xtask runs
//! these interleaved with the reference tools and writes the tables.

mod desktop;
mod error;
mod hashing;
mod id_image;
mod inputs;
mod optimizer;
mod output;
mod render;
mod sandbox_process;
mod signing;
mod upload;
mod w1;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use serde_json::{Value, json};

use crate::error::Result;
use crate::inputs::PdfSpec;

/// Measured runs and generated inputs for the benchmarks (see `cargo xtask bench`).
#[derive(Debug, Parser)]
#[command(name = "oneshot-bench", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Bench,
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Write a PDF of text, tables and charts (optionally padded by a grey scan image).
    GeneratePdf {
        #[arg(long)]
        pages: u32,
        #[arg(long, default_value_t = 0)]
        image_bytes: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a phone-camera-like JPEG photo of an identity card.
    GeneratePhoto {
        #[arg(long, default_value_t = 4000)]
        width: u32,
        #[arg(long, default_value_t = 3000)]
        height: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a file of incompressible bytes.
    GenerateRandom {
        #[arg(long)]
        bytes: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Open a PDF and render every page (station-core's pdfium service).
    PdfRender {
        #[arg(long)]
        pdf: PathBuf,
        #[arg(long, default_value_t = 150.0)]
        dpi: f32,
    },
    /// Open a PDF and render its first page.
    FirstPage {
        #[arg(long)]
        pdf: PathBuf,
        #[arg(long, default_value_t = 150.0)]
        dpi: f32,
    },
    /// SHA-256 of a file with oneshot-api's hash-flow helper.
    Sha256 {
        #[arg(long)]
        file: PathBuf,
    },
    /// Normalise ID pictures with station-core.
    IdImage {
        #[arg(long)]
        out_dir: PathBuf,
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Upload files with oneshot-api to a sandbox in another process; peak RSS growth.
    UploadMemory {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Signing throughput of the embedded sandbox.
    Signing {
        #[arg(long, default_value_t = 4)]
        requests: usize,
        #[arg(long, default_value_t = 10)]
        documents: usize,
    },
    /// Workflow W1 end to end through station-core on a loopback sandbox; p50 and p95.
    W1 {
        #[arg(long)]
        pdf: PathBuf,
        #[arg(long, default_value_t = 20)]
        rounds: usize,
    },
    /// Run a sandbox Optimizer until standard input closes (used by upload-memory).
    ServeSandbox {
        #[arg(long)]
        data_dir: PathBuf,
    },
    /// Start a desktop app on an X display: first paint, then idle PSS of its tree.
    Desktop {
        #[arg(long)]
        display: String,
        #[arg(long, default_value_t = 10.0)]
        settle_seconds: f64,
        #[arg(long, default_value_t = 120.0)]
        timeout_seconds: f64,
        #[arg(long)]
        screenshot: Option<PathBuf>,
        /// The app's command line.
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Runtime::new().map_err(|source| error::BenchError::Io {
        path: "tokio runtime".into(),
        source,
    })
}

fn written(path: &std::path::Path) -> Result<Value> {
    use crate::error::IoContext;
    let bytes = std::fs::metadata(path).at(path)?.len();
    Ok(json!({ "path": path, "bytes": bytes }))
}

fn run(command: Bench) -> Result<Option<Value>> {
    let value = match command {
        Bench::GeneratePdf {
            pages,
            image_bytes,
            seed,
            out,
        } => {
            inputs::write_pdf(
                &out,
                PdfSpec {
                    pages,
                    image_bytes,
                    seed,
                },
            )?;
            written(&out)?
        }
        Bench::GeneratePhoto {
            width,
            height,
            seed,
            out,
        } => {
            inputs::write_photo(&out, width, height, seed)?;
            written(&out)?
        }
        Bench::GenerateRandom { bytes, seed, out } => {
            inputs::write_random_file(&out, bytes, seed)?;
            written(&out)?
        }
        Bench::PdfRender { pdf, dpi } => runtime()?.block_on(render::render_all(&pdf, dpi))?,
        Bench::FirstPage { pdf, dpi } => runtime()?.block_on(render::first_page(&pdf, dpi))?,
        Bench::Sha256 { file } => hashing::sha256(&file)?,
        Bench::IdImage { out_dir, images } => id_image::normalize_all(&images, &out_dir)?,
        Bench::UploadMemory { files } => runtime()?.block_on(upload::upload_memory(&files))?,
        Bench::Signing {
            requests,
            documents,
        } => runtime()?.block_on(signing::signing_rate(requests, documents))?,
        Bench::W1 { pdf, rounds } => runtime()?.block_on(w1::latency(&pdf, rounds))?,
        Bench::ServeSandbox { data_dir } => {
            runtime()?.block_on(sandbox_process::serve(&data_dir))?;
            return Ok(None);
        }
        Bench::Desktop {
            display,
            settle_seconds,
            timeout_seconds,
            screenshot,
            command,
        } => desktop::probe(&desktop::ProbeSpec {
            display,
            command,
            settle: Duration::from_secs_f64(settle_seconds.max(0.0)),
            timeout: Duration::from_secs_f64(timeout_seconds.max(1.0)),
            screenshot,
        })?,
    };
    Ok(Some(value))
}

fn main() -> ExitCode {
    // The PDF service runs pdfium in a child process of the running executable, as
    // the station does: this one serves as that worker when started so.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == station_core::PDF_WORKER_FLAG)
    {
        return station_core::serve_worker_process();
    }
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(Some(value)) => {
            output::json(&value);
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("oneshot-bench: {error}");
            ExitCode::FAILURE
        }
    }
}
