//! PDF rendering against `pdftoppm`: all pages of a 50-page PDF, and the first page
//! of a 300-page one, both at 150 dpi.

use std::process::Command;

use crate::error::{Result, XtaskError};

use super::context::{Context, arg, remove_dir, tool_version};
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, median_of, timed};

const DPI: &str = "150";

fn pages_written(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.flatten().count())
}

fn pdftoppm_note() -> String {
    format!(
        "`pdftoppm` ({}) is timed from spawn to exit and writes PPM files to tmpfs (its cheapest \
         raw output).",
        tool_version("pdftoppm", &["-v"])
    )
}

pub fn page_render(ctx: &Context) -> Result<Vec<Measured>> {
    let pages: u32 = if ctx.quick { 10 } else { 50 };
    let pdf = ctx.input(
        &format!("text-{pages}.pdf"),
        &["generate-pdf", "--pages", &pages.to_string(), "--seed", "1"],
    )?;
    let mut reference = || -> Result<Metrics> {
        let out = ctx.output_dir("pdftoppm")?;
        let (_, wall) = timed(
            Command::new("pdftoppm")
                .args(["-r", DPI])
                .arg(&pdf)
                .arg(out.join("page")),
        )?;
        let written = pages_written(&out);
        remove_dir(&out)?;
        if written != pages as usize {
            return Err(XtaskError::UnexpectedOutput {
                what: "pdftoppm".into(),
                detail: format!("{written} pages written, {pages} expected"),
            });
        }
        Ok(Metrics::from([(
            "rate",
            f64::from(pages) / wall.as_secs_f64(),
        )]))
    };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, wall) = ctx.ours(&["pdf-render", "--pdf", &arg(&pdf), "--dpi", DPI])?;
            let rendered = field(&answer, "pages")?;
            if rendered != f64::from(pages) {
                return Err(XtaskError::UnexpectedOutput {
                    what: "oneshot-bench pdf-render".into(),
                    detail: format!("{rendered} pages rendered, {pages} expected"),
                });
            }
            Ok(Metrics::from([
                ("rate", rendered / field(&answer, "seconds")?),
                ("process_rate", rendered / wall.as_secs_f64()),
            ]))
        },
        Some(&mut reference),
    )?;
    Ok(vec![Measured {
        unit: "pages/s",
        ours: median_of(&samples.ours, "rate")?,
        reference: Some(median_of(&samples.reference, "rate")?),
        reference_tool: Some(format!("pdftoppm -r {DPI}")),
        higher_is_better: true,
        goal: Goal::RatioAtLeast(2.5),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![
            format!(
                "A generated {pages}-page A4 PDF (text in the standard fonts, a ruled table and a \
                 vector chart on every page). Ours: station-core's `PdfService` (pdfium in one worker \
                 process) renders every page to raw RGBA in memory, as the document screen does; \
                 timed inside the process from reading the file to the last page's pixels."
            ),
            format!(
                "Binding pdfium happens once at app start and is not timed; the whole `oneshot-bench` \
                 process, start-up and binding included, ran at {:.1} pages/s (median).",
                median_of(&samples.ours, "process_rate")?
            ),
            pdftoppm_note(),
        ],
    }])
}

pub fn first_page(ctx: &Context) -> Result<Vec<Measured>> {
    let pages: u32 = if ctx.quick { 60 } else { 300 };
    let pdf = ctx.input(
        &format!("text-{pages}.pdf"),
        &["generate-pdf", "--pages", &pages.to_string(), "--seed", "2"],
    )?;
    let mut reference = || -> Result<Metrics> {
        let out = ctx.output_dir("pdftoppm-first")?;
        let (_, wall) = timed(
            Command::new("pdftoppm")
                .args(["-f", "1", "-l", "1", "-r", DPI])
                .arg(&pdf)
                .arg(out.join("page")),
        )?;
        let written = pages_written(&out);
        remove_dir(&out)?;
        if written != 1 {
            return Err(XtaskError::UnexpectedOutput {
                what: "pdftoppm".into(),
                detail: format!("{written} pages written, 1 expected"),
            });
        }
        Ok(Metrics::from([("ms", wall.as_secs_f64() * 1000.0)]))
    };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let (answer, wall) = ctx.ours(&["first-page", "--pdf", &arg(&pdf), "--dpi", DPI])?;
            Ok(Metrics::from([
                ("ms", field(&answer, "seconds")? * 1000.0),
                ("process_ms", wall.as_secs_f64() * 1000.0),
            ]))
        },
        Some(&mut reference),
    )?;
    Ok(vec![Measured {
        unit: "ms",
        ours: median_of(&samples.ours, "ms")?,
        reference: Some(median_of(&samples.reference, "ms")?),
        reference_tool: Some(format!("pdftoppm -f 1 -l 1 -r {DPI}")),
        higher_is_better: false,
        goal: Goal::RatioAtMost(0.5),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![
            format!(
                "A generated {pages}-page PDF. Ours: read the file, check it (SHA-256, header, \
                 trailer), open it in pdfium and list all {pages} page sizes, render page 1 to \
                 RGBA; timed inside the running service."
            ),
            format!(
                "The whole `oneshot-bench` process (start-up and binding pdfium included) took \
                 {:.0} ms (median).",
                median_of(&samples.ours, "process_ms")?
            ),
            pdftoppm_note(),
        ],
    }])
}
