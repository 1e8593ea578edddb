//! Benchmarks of the client and the sandbox Optimizer with no reference tool: upload
//! memory and signing throughput.

use crate::error::{IoContext, Result};

use super::context::{Context, arg};
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, median_of, values_of};

pub fn upload_memory(ctx: &Context) -> Result<Vec<Measured>> {
    let (files, megabytes): (usize, u64) = if ctx.quick { (3, 5) } else { (10, 50) };
    // A one-page PDF carrying an uncompressed scan, so the sandbox accepts it as a PDF.
    let image_bytes = (megabytes * 1_000_000).saturating_sub(20_000);
    let first = ctx.input(
        &format!("scan-{megabytes}mb.pdf"),
        &[
            "generate-pdf",
            "--pages",
            "1",
            "--image-bytes",
            &image_bytes.to_string(),
            "--seed",
            "5",
        ],
    )?;
    let mut paths = vec![first.clone()];
    for index in 1..files {
        let link = ctx.scratch.join(format!("scan-{megabytes}mb-{index}.pdf"));
        if !link.exists() {
            std::fs::hard_link(&first, &link).at(&link)?;
        }
        paths.push(link);
    }
    let mut args = vec!["upload-memory".to_owned()];
    args.extend(paths.iter().map(|p| arg(p)));
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, _) = ctx.ours(&args)?;
            Ok(Metrics::from([
                ("growth_mib", field(&answer, "growth_mib")?),
                ("seconds", field(&answer, "seconds")?),
                ("bytes", field(&answer, "bytes")?),
            ]))
        },
        None,
    )?;
    let growth = values_of(&samples.ours, "growth_mib");
    let worst = growth.iter().copied().fold(0.0, f64::max);
    let bytes = median_of(&samples.ours, "bytes")?;
    Ok(vec![Measured {
        unit: "MiB",
        ours: median_of(&samples.ours, "growth_mib")?,
        reference: None,
        reference_tool: None,
        higher_is_better: false,
        goal: Goal::Below(64.0),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![format!(
            "{files} PDFs of {megabytes} MB ({:.0} MB in all) uploaded by oneshot-api in one \
             request to a sandbox Optimizer running in another process (so its buffers are not \
             counted); growth of the client process's peak RSS (VmHWM) over its value after the \
             request was created. Worst run: {worst:.1} MiB. Upload time {:.2} s (median).",
            bytes / 1e6,
            median_of(&samples.ours, "seconds")?
        )],
    }])
}

pub fn signing(ctx: &Context) -> Result<Vec<Measured>> {
    let (requests, documents) = if ctx.quick { (2, 3) } else { (4, 10) };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, _) = ctx.ours(&[
                "signing",
                "--requests",
                &requests.to_string(),
                "--documents",
                &documents.to_string(),
            ])?;
            Ok(Metrics::from([(
                "rate",
                field(&answer, "documents_per_second")?,
            )]))
        },
        None,
    )?;
    Ok(vec![Measured {
        unit: "docs/s",
        ours: median_of(&samples.ours, "rate")?,
        reference: None,
        reference_tool: None,
        higher_is_better: true,
        goal: Goal::AtLeast(200.0),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![format!(
            "{requests} signature requests of {documents} one-page PDFs each, prepared (created, \
             uploaded, OTP sent) against an embedded sandbox, then all {requests} sign calls sent \
             at once through oneshot-api; signed PDFs per second of those calls, counting each \
             request's one-page service contract, which the sandbox signs too. The signatures are \
             the sandbox's PAdES B-T (a one-shot certificate issued for each request, an RFC 3161 \
             timestamp)."
        )],
    }])
}

pub fn w1_latency(ctx: &Context) -> Result<Vec<Measured>> {
    let rounds: usize = if ctx.quick { 5 } else { 20 };
    // Three pages of text and a scan: about 1 MB, like a contract with an ID copy.
    let pdf = ctx.input(
        "w1-1mb.pdf",
        &[
            "generate-pdf",
            "--pages",
            "3",
            "--image-bytes",
            "980000",
            "--seed",
            "9",
        ],
    )?;
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, _) =
                ctx.ours(&["w1", "--pdf", &arg(&pdf), "--rounds", &rounds.to_string()])?;
            Ok(Metrics::from([
                ("p50", field(&answer, "p50_ms")?),
                ("p95", field(&answer, "p95_ms")?),
                ("max", field(&answer, "max_ms")?),
                ("bytes", field(&answer, "pdf_bytes")?),
            ]))
        },
        None,
    )?;
    let how = format!(
        "Each run: a station-core station (SQLite store, session-only vault) signed in on a \
         sandbox Optimizer on loopback in the same process; {rounds} W1 requests after 2 warm-up \
         ones, each with 3 small ID pictures and one {:.2} MB PDF: create, upload, contract \
         fetched and shown, OTP sent and read back from the sandbox's outbox, sign (PAdES B-T), \
         signed copy fetched, verified and backed up, documents deleted. Percentiles per run, \
         then the median over {} runs (worst single W1 seen: {:.0} ms).",
        median_of(&samples.ours, "bytes")? / 1e6,
        ctx.runs,
        values_of(&samples.ours, "max")
            .into_iter()
            .fold(0.0, f64::max),
    );
    let row = |ours: f64, goal: Goal, notes: Vec<String>| Measured {
        unit: "ms",
        ours,
        reference: None,
        reference_tool: None,
        higher_is_better: false,
        goal,
        runs: ctx.runs,
        load: (None, None),
        notes,
    };
    Ok(vec![
        row(
            median_of(&samples.ours, "p50")?,
            Goal::Below(300.0),
            vec![how],
        ),
        row(median_of(&samples.ours, "p95")?, Goal::Report, Vec::new()),
    ])
}
