//! ID picture normalisation (12 MP camera JPEG → ≤ 2000 px JPEG) against
//! `vipsthumbnail`.

use std::process::Command;

use crate::error::{Result, XtaskError};

use super::context::{Context, arg, remove_dir, tool_version};
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, median_of, timed};

pub fn normalise(ctx: &Context) -> Result<Vec<Measured>> {
    let count = if ctx.quick { 2 } else { 4 };
    let mut photos = Vec::new();
    for seed in 1..=count {
        photos.push(ctx.input(
            &format!("photo-{seed}.jpg"),
            &[
                "generate-photo",
                "--width",
                "4000",
                "--height",
                "3000",
                "--seed",
                &seed.to_string(),
            ],
        )?);
    }
    let photo_args: Vec<String> = photos.iter().map(|p| arg(p)).collect();
    let mut reference = || -> Result<Metrics> {
        let out = ctx.output_dir("vipsthumbnail")?;
        let (_, wall) = timed(
            Command::new("vipsthumbnail")
                .args(["--size", "2000x2000", "-o"])
                .arg(format!("{}/%s.jpg[Q=85,strip]", arg(&out)))
                .args(&photo_args),
        )?;
        let written = std::fs::read_dir(&out).map_or(0, |entries| entries.flatten().count());
        remove_dir(&out)?;
        if written != count {
            return Err(XtaskError::UnexpectedOutput {
                what: "vipsthumbnail".into(),
                detail: format!("{written} pictures written, {count} expected"),
            });
        }
        Ok(Metrics::from([("rate", count as f64 / wall.as_secs_f64())]))
    };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let out = ctx.output_dir("normalised")?;
            let mut args = vec!["id-image".to_owned(), "--out-dir".to_owned(), arg(&out)];
            args.extend(photo_args.iter().cloned());
            let (answer, wall) = ctx.ours(&args)?;
            remove_dir(&out)?;
            let images = field(&answer, "images")?;
            Ok(Metrics::from([
                ("rate", images / field(&answer, "seconds")?),
                ("process_rate", images / wall.as_secs_f64()),
                ("largest_side", field(&answer, "largest_side")?),
            ]))
        },
        Some(&mut reference),
    )?;
    let sizes: Vec<u64> = photos
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok().map(|m| m.len() >> 10))
        .collect();
    Ok(vec![Measured {
        unit: "images/s",
        ours: median_of(&samples.ours, "rate")?,
        reference: Some(median_of(&samples.reference, "rate")?),
        reference_tool: Some("vipsthumbnail --size 2000x2000 (Q=85, strip)".into()),
        higher_is_better: true,
        goal: Goal::RatioAtLeast(0.8),
        runs: ctx.runs,
        load: (None, None),
        notes: vec![format!(
            "{count} generated 4000×3000 camera-like JPEGs (an ID card on a desk, sensor noise, \
             quality 92; {sizes:?} KiB). Ours: `station_core::normalize_id_image_blocking` per \
             picture (decode, Lanczos3 shrink to a 2000 px long side, upright, quality hints, \
             JPEG within 1 MiB) and writing the result, timed in process (largest side out: \
             {:.0} px; whole process {:.2} images/s). The reference: one `vipsthumbnail` ({}) \
             for all {count} pictures, JPEG quality 85 like our first try, timed from spawn to \
             exit; it decodes with shrink-on-load and uses every core.",
            median_of(&samples.ours, "largest_side")?,
            median_of(&samples.ours, "process_rate")?,
            tool_version("vipsthumbnail", &["--vips-version"]),
        )],
    }])
}
