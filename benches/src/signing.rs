//! Signing throughput of the sandbox Optimizer (embedded, as in the app): several
//! requests of one-page PDFs prepared, then all their sign calls at once.

use std::time::Instant;

use futures_util::future::try_join_all;
use oneshot_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

use crate::error::{IoContext, Result};
use crate::inputs::{PdfSpec, write_pdf};
use crate::optimizer::Optimizer;

/// Prepares `requests` requests of `documents` one-page PDFs each, then signs them
/// concurrently. Every request's service contract is signed too and counted.
pub async fn signing_rate(requests: usize, documents: usize) -> Result<Value> {
    let scratch = tempfile::tempdir().at(std::env::temp_dir())?;
    let pdf_path = scratch.path().join("one-page.pdf");
    write_pdf(
        &pdf_path,
        PdfSpec {
            pages: 1,
            image_bytes: 0,
            seed: 11,
        },
    )?;
    let pdf = std::fs::read(&pdf_path).at(&pdf_path)?;
    let sandbox = Sandbox::start(SandboxConfig::new(scratch.path().join("sandbox"))).await?;
    let optimizer = Optimizer::new(sandbox.base_url())?;
    let mut prepared = Vec::new();
    for _ in 0..requests {
        let pk = optimizer.create_request().await?;
        optimizer
            .upload_pdfs(pk, &vec![pdf.clone(); documents])
            .await?;
        let otp = optimizer.otp(pk).await?;
        prepared.push((pk, otp));
    }
    let started = Instant::now();
    try_join_all(
        prepared
            .into_iter()
            .map(|(pk, otp)| optimizer.sign(pk, otp)),
    )
    .await?;
    let seconds = started.elapsed().as_secs_f64();
    sandbox.shutdown().await?;
    let signed = requests * (documents + 1);
    Ok(json!({
        "requests": requests,
        "signed_documents": signed,
        "seconds": seconds,
        "documents_per_second": signed as f64 / seconds,
    }))
}
