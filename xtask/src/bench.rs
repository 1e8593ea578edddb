//! `cargo xtask bench`: every benchmark against its reference tool in the same run,
//! interleaved, medians of several runs; writes `docs/BENCHMARKS.md` and
//! `docs/benchmarks.json`. Ours is the release build of `oneshot-bench` (package
//! `benches/`), which makes the inputs and measures the station's side.

mod context;
mod desktop;
mod hashing;
mod id_image;
mod machine;
mod pdf_render;
mod report;
mod runner;
mod sandbox_flows;
mod stats;
mod video_id_queue;

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::Paths;
use crate::prerequisites::{Need, Prepared};
use crate::system_packages::Purpose;

use context::Context;
use machine::Machine;
use report::{Measured, Outcome, Row};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Measured runs of each side per benchmark (after one warm-up pair).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub runs: u16,
    /// A smoke run: small inputs, one run; writes to the target dir, never to docs/.
    #[arg(long)]
    pub quick: bool,
    /// Run only these benchmarks (repeatable, or comma-separated); writes to the target dir.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<BenchName>,
    /// Write the two reports here instead.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The benchmarks, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchName {
    PdfRender,
    FirstPage,
    Sha256,
    IdImage,
    Upload,
    Signing,
    W1,
    VideoIdQueue,
    /// Idle memory and cold start of the app, against a bare Tauri window.
    Desktop,
}

type CaseFn = fn(&Context) -> Result<Vec<Measured>>;

/// A benchmark: its rows (name, goal as the issue words it, what "ours" is) and how to
/// measure them, or why it cannot run yet (the code it measures is not built).
struct Case {
    id: BenchName,
    rows: &'static [(&'static str, &'static str, &'static str)],
    run: std::result::Result<CaseFn, &'static str>,
}

const CASES: &[Case] = &[
    Case {
        id: BenchName::PdfRender,
        rows: &[(
            "PDF page render, 150 dpi, 50 pages",
            "≥ 2.5× pages/s",
            "station-core pdfium service",
        )],
        run: Ok(pdf_render::page_render),
    },
    Case {
        id: BenchName::FirstPage,
        rows: &[(
            "First page on screen, 300-page PDF",
            "≥ 2× faster (ratio ≤ 0.5)",
            "open + render page 1",
        )],
        run: Ok(pdf_render::first_page),
    },
    Case {
        id: BenchName::Sha256,
        rows: &[(
            "SHA-256 of a 1 GiB file (hash flow)",
            "≥ 0.9× throughput",
            "oneshot-api hashfile",
        )],
        run: Ok(hashing::sha256),
    },
    Case {
        id: BenchName::IdImage,
        rows: &[(
            "ID image normalisation, 12 MP JPEG → ≤ 2000 px JPEG",
            "≥ 0.8× images/s",
            "station-core",
        )],
        run: Ok(id_image::normalise),
    },
    Case {
        id: BenchName::Upload,
        rows: &[(
            "Upload 10 × 50 MB, peak RSS over baseline",
            "< 64 MiB",
            "oneshot-api → sandbox",
        )],
        run: Ok(sandbox_flows::upload_memory),
    },
    Case {
        id: BenchName::Signing,
        rows: &[(
            "Signing throughput, 1-page PDFs",
            "≥ 200 docs/s on 2 cores",
            "sandbox",
        )],
        run: Ok(sandbox_flows::signing),
    },
    Case {
        id: BenchName::W1,
        rows: &[
            (
                "W1 end to end on loopback, 1 MB PDF: p50",
                "p50 < 300 ms",
                "station-core + sandbox",
            ),
            (
                "W1 end to end on loopback, 1 MB PDF: p95",
                "p95 reported",
                "station-core + sandbox",
            ),
        ],
        run: Ok(sandbox_flows::w1_latency),
    },
    Case {
        id: BenchName::VideoIdQueue,
        rows: &[(
            "Video ID queue, 10,000 rows: filter + sort",
            "< 16 ms per update",
            "UI store",
        )],
        run: Ok(video_id_queue::filter_and_sort),
    },
    Case {
        id: BenchName::Desktop,
        rows: &[
            (
                "Idle memory (app + WebKit processes, PSS)",
                "≤ 1.3× the bare window",
                "the app under Xvfb",
            ),
            (
                "Cold start to first paint",
                "≤ 1.5× the bare window",
                "the app under Xvfb",
            ),
        ],
        run: Ok(desktop::station_vs_bare_window),
    },
];

fn selected(only: &[BenchName]) -> Vec<&'static Case> {
    CASES
        .iter()
        .filter(|case| only.is_empty() || only.contains(&case.id))
        .collect()
}

/// Runs one case and turns its result, or its failure, into table rows.
fn run_case(case: &Case, ctx: &Context) -> Vec<Row> {
    let row = |(name, goal_text, ours_label): (&str, &'static str, &'static str), outcome| Row {
        name: name.to_owned(),
        goal_text,
        ours_label,
        outcome,
    };
    let run = match case.run {
        Ok(run) => run,
        Err(why) => {
            return case
                .rows
                .iter()
                .map(|&spec| row(spec, Outcome::NotBuilt(why.to_owned())))
                .collect();
        }
    };
    println!("\n==> bench {}", case.rows[0].0);
    let load_before = machine::load_now();
    let result = run(ctx);
    let load_after = machine::load_now();
    match result {
        Ok(measured) if measured.len() == case.rows.len() => case
            .rows
            .iter()
            .zip(measured)
            .map(|(&spec, mut m)| {
                m.load = (load_before, load_after);
                row(spec, Outcome::Measured(m))
            })
            .collect(),
        Ok(measured) => case
            .rows
            .iter()
            .map(|&spec| {
                let why = format!("{} results for {} rows", measured.len(), case.rows.len());
                row(spec, Outcome::Failed(why))
            })
            .collect(),
        Err(err) => {
            println!("==> FAILED: {err}");
            case.rows
                .iter()
                .map(|&spec| row(spec, Outcome::Failed(err.to_string())))
                .collect()
        }
    }
}

fn write_reports(
    dir: &Path,
    rows: &[Row],
    machine: &Machine,
    runs: usize,
    quick: bool,
) -> Result<()> {
    std::fs::create_dir_all(dir).at(dir)?;
    let md = dir.join("BENCHMARKS.md");
    let mut text = report::render_markdown(rows, machine, runs, quick);
    text.push_str(REPRODUCE);
    std::fs::write(&md, text).at(&md)?;
    let json = dir.join("benchmarks.json");
    let value = report::render_json(rows, machine, runs, quick);
    let pretty =
        serde_json::to_string_pretty(&value).map_err(|e| XtaskError::UnexpectedOutput {
            what: "benchmark report".into(),
            detail: e.to_string(),
        })?;
    std::fs::write(&json, pretty + "\n").at(&json)?;
    println!("\nwrote {} and {}", md.display(), json.display());
    Ok(())
}

const REPRODUCE: &str = "
## Reproduce

```sh
cargo xtask bench              # all benchmarks, 5 runs each; rewrites this file and benchmarks.json
cargo xtask bench --runs 9     # more runs
cargo xtask bench --quick      # smoke run with small inputs (writes under the target dir)
cargo xtask bench --only sha256,pdf-render --out /tmp/bench
```

xtask installs what is missing (poppler-utils, openssl, libvips-tools, Xvfb, pdfium), builds
`oneshot-bench` in release, generates every input from fixed seeds into a temporary folder
(deleted afterwards), and runs each benchmark. Run it on an idle machine: the load average is
recorded and rows measured under load are marked.
";

pub fn bench(paths: &Paths, args: &BenchArgs) -> Result<()> {
    let runs = if args.quick {
        1
    } else {
        usize::from(args.runs)
    };
    let cases = selected(&args.only);
    let mut needs = vec![
        Need::System(Purpose::Build),
        Need::System(Purpose::SignatureTools),
        Need::System(Purpose::Benchmark),
        Need::Pdfium,
    ];
    if cases.iter().any(|case| case.id == BenchName::Desktop) {
        // Xvfb, and ui/dist, which the station's release build embeds.
        needs.extend([Need::System(Purpose::WebDriver), Need::UiDist]);
    }
    if cases.iter().any(|case| case.id == BenchName::VideoIdQueue) {
        needs.push(Need::NodePackages);
    }
    let mut prepared = Prepared::new();
    prepared.ensure(paths, &needs)?;
    let mut machine = Machine::describe_now(paths);
    // The queue bench runs in Node alone; every other one needs the release bench binary.
    if cases.iter().any(|case| case.id != BenchName::VideoIdQueue) {
        context::build(
            paths,
            &prepared.env,
            &["build", "--release", "-p", "oneshot-bench"],
        )?;
    }
    let target_dir = paths.target_dir()?;
    let bench_binary = target_dir.join("release").join("oneshot-bench");
    let scratch = tempfile::Builder::new()
        .prefix("oneshot-bench-")
        .tempdir()
        .at(std::env::temp_dir())?;
    let ctx = Context {
        paths,
        env: &prepared.env,
        bench_binary,
        target_dir: target_dir.clone(),
        scratch: scratch.path().to_path_buf(),
        runs,
        warmup: 1,
        quick: args.quick,
    };
    let rows: Vec<Row> = cases
        .into_iter()
        .flat_map(|case| run_case(case, &ctx))
        .collect();
    machine.load_end = machine::load_now();
    let out = match &args.out {
        Some(dir) => paths.root.join(dir),
        None if args.quick || !args.only.is_empty() => target_dir.join("oneshot-bench"),
        None => paths.root.join("docs"),
    };
    write_reports(&out, &rows, &machine, runs, args.quick)?;
    println!(
        "\n{}",
        report::render_markdown(&rows, &machine, runs, args.quick)
    );
    let failed = rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .count();
    if failed > 0 {
        return Err(XtaskError::Missing(format!(
            "{failed} benchmarks failed to run"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_benchmark_has_a_case_with_rows_in_order() {
        for (index, name) in BenchName::value_variants().iter().enumerate() {
            let case = &CASES[index];
            assert_eq!(case.id, *name);
            assert!(!case.rows.is_empty());
        }
        assert_eq!(CASES.len(), BenchName::value_variants().len());
        assert_eq!(selected(&[BenchName::Sha256]).len(), 1);
        assert_eq!(selected(&[]).len(), CASES.len());
    }
}
