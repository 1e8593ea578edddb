//! The Video ID queue store: one live update (a request changes status, the queue is read
//! again, the officer's filter and sort applied to all of it) on 10,000 rows. Measured by
//! `npm run bench:queue` (ui/bench/video-id-queue.bench.ts) on Node's V8; there is no
//! reference tool, the goal is one frame at 60 Hz.

use std::process::Command;

use serde_json::Value;

use crate::error::{IoContext, Result, XtaskError};

use super::context::Context;
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, median_of, values_of};

const ROWS: u32 = 10_000;

pub fn filter_and_sort(ctx: &Context) -> Result<Vec<Measured>> {
    let updates: u32 = if ctx.quick { 20 } else { 200 };
    let out = ctx.scratch.join("video-id-queue.json");
    let mut last = Value::Null;
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let answer = run_once(ctx, &out, updates)?;
            let metrics = Metrics::from([
                ("median", field(&answer, "median_ms")?),
                ("p95", field(&answer, "p95_ms")?),
                ("max", field(&answer, "max_ms")?),
            ]);
            last = answer;
            Ok(metrics)
        },
        None,
    )?;
    let engine = last
        .get("engine")
        .and_then(Value::as_str)
        .unwrap_or("node")
        .to_owned();
    let per_query = last
        .get("queries")
        .and_then(Value::as_object)
        .map(|queries| {
            queries
                .iter()
                .filter_map(|(name, q)| {
                    Some(format!(
                        "{name}: {:.1} ms ({} rows shown)",
                        q.get("median_ms")?.as_f64()?,
                        q.get("shown")?.as_u64()?
                    ))
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    let worst = values_of(&samples.ours, "max")
        .into_iter()
        .fold(0.0, f64::max);
    Ok(vec![Measured {
        unit: "ms",
        ours: median_of(&samples.ours, "median")?,
        reference: None,
        reference_tool: None,
        higher_is_better: false,
        goal: Goal::Below(16.0),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![format!(
            "queueView of ui/src/lib/videoid/queue.ts on {ROWS} generated rows (Spanish and \
             Polish names, 40 RAs, 5 statuses, 6 months of dates), {updates} updates per query, \
             each a fresh copy of the queue with one status changed, as the screen receives it \
             from the backend; four queries in turn (last run, medians: {per_query}). Median \
             per update over all queries, then the median over {} runs; p95 {:.1} ms, worst \
             update seen {worst:.1} ms. Measured on {engine}; the app's webview is WebKitGTK's \
             JavaScriptCore, so this is a proxy for it, not the same engine.",
            ctx.runs,
            median_of(&samples.ours, "p95")?,
        )],
    }])
}

fn run_once(ctx: &Context, out: &std::path::Path, updates: u32) -> Result<Value> {
    if out.exists() {
        std::fs::remove_file(out).at(out)?;
    }
    let npm = ctx
        .env
        .which("npm")
        .unwrap_or_else(|| std::path::PathBuf::from("npm"));
    let mut cmd = Command::new(npm);
    cmd.args(["run", "--silent", "bench:queue"])
        .current_dir(&ctx.paths.ui)
        .env("ONESHOT_BENCH_OUT", out)
        .env("ONESHOT_BENCH_ROWS", ROWS.to_string())
        .env("ONESHOT_BENCH_UPDATES", updates.to_string());
    ctx.env.apply(&mut cmd);
    crate::shell::capture(&mut cmd)?;
    let text = std::fs::read_to_string(out).at(out)?;
    serde_json::from_str(&text).map_err(|error| XtaskError::UnexpectedOutput {
        what: "npm run bench:queue".to_owned(),
        detail: error.to_string(),
    })
}
