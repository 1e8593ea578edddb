//! The `fuzz` step: a short smoke run of every cargo-fuzz target in `fuzz/`, so that a target
//! that no longer builds, or an input in the committed seeds that now crashes, fails the suite.
//! Long runs are `fuzz/run.sh` (see fuzz/README.md).

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::{self, Paths};
use crate::shell::{self, ToolEnv};

/// Pinned like tauri-driver; any cargo-fuzz already installed is used as it is.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Seconds each target runs for in the smoke test.
const SECONDS_PER_TARGET: u32 = 30;

/// No sanitizer: every fuzzed crate of ours forbids `unsafe`, so AddressSanitizer would only
/// watch dependencies while running each target about half as fast and, being a different
/// build, doubling what a 2-core machine compiles. `fuzz/run.sh` defaults to the same build so
/// the smoke test and long runs share it; `FUZZ_SANITIZER=address fuzz/run.sh ...` remains.
const SANITIZER: &str = "none";

/// What the person running the suite reads when a target fails: the panic and its backtrace.
const LOG_LINES_ON_FAILURE: usize = 60;

pub fn install_command() -> String {
    format!("cargo install cargo-fuzz --locked --version {CARGO_FUZZ_VERSION}")
}

/// `cargo fuzz ...` from the clone's root, with the toolchain's nightly gate opened.
fn cargo_fuzz(paths: &Paths, env: &ToolEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(paths::cargo());
    cmd.arg("fuzz").args(args).current_dir(&paths.root);
    env.apply(&mut cmd);
    // cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov-module); the machine
    // has the stable toolchain only. CARGO_TARGET_DIR is inherited, so a shared target
    // directory is shared here too (the fuzz builds land under its <triple>/release/).
    cmd.env("RUSTC_BOOTSTRAP", "1");
    // `cargo run` hands xtask its own package's variables; ring's build script watches
    // CARGO_MANIFEST_DIR, so passing them on would rebuild half the fuzz build whenever
    // fuzz/run.sh and this step take turns.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_PKG_")
            || matches!(
                &*key,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            cmd.env_remove(&*key);
        }
    }
    cmd
}

/// Finds cargo-fuzz or installs it from crates.io (a minute or two).
fn ensure_cargo_fuzz(paths: &Paths, env: &ToolEnv) -> Result<()> {
    if shell::succeeds(&mut cargo_fuzz(paths, env, &["--version"])) {
        return Ok(());
    }
    shell::run(
        Command::new(paths::cargo())
            .args([
                "install",
                "cargo-fuzz",
                "--locked",
                "--version",
                CARGO_FUZZ_VERSION,
            ])
            // A shared CARGO_TARGET_DIR would keep its build artifacts around for nothing.
            .env_remove("CARGO_TARGET_DIR"),
    )?;
    if shell::succeeds(&mut cargo_fuzz(paths, env, &["--version"])) {
        Ok(())
    } else {
        Err(XtaskError::Missing(format!(
            "`cargo fuzz` still does not run after `{}`: is cargo's bin folder on PATH?",
            install_command()
        )))
    }
}

/// Builds every target, runs each for [`SECONDS_PER_TARGET`] over its committed seeds, prints
/// a line per target and fails if any crashed. New inputs go to a temporary folder, crash inputs
/// to the git-ignored `fuzz/artifacts/<target>/`.
pub fn smoke(paths: &Paths, env: &ToolEnv) -> Result<()> {
    ensure_cargo_fuzz(paths, env)?;
    let targets = shell::capture(&mut cargo_fuzz(paths, env, &["list"]))?;
    let targets: Vec<&str> = targets.split_whitespace().collect();
    if targets.is_empty() {
        return Err(XtaskError::UnexpectedOutput {
            what: "cargo fuzz list".into(),
            detail: "no fuzz targets".into(),
        });
    }
    shell::run(&mut cargo_fuzz(
        paths,
        env,
        &["build", "--sanitizer", SANITIZER],
    ))?;
    let scratch = tempfile::Builder::new()
        .prefix("oneshot-fuzz-")
        .tempdir()
        .at(std::env::temp_dir())?;
    let mut reports = Vec::new();
    for target in targets {
        reports.push(run_target(paths, env, target, scratch.path())?);
    }
    println!("\n{}", render(&reports));
    let crashed: Vec<&str> = reports
        .iter()
        .filter(|r| !r.passed)
        .map(|r| r.target.as_str())
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(XtaskError::Missing(format!(
            "fuzz targets failed: {} (inputs in fuzz/artifacts/<target>/; see fuzz/README.md)",
            crashed.join(", ")
        )))
    }
}

fn run_target(paths: &Paths, env: &ToolEnv, target: &str, scratch: &Path) -> Result<Report> {
    let work = scratch.join(target);
    std::fs::create_dir_all(&work).at(&work)?;
    // The sandbox targets keep a data directory and a local PKI in TMPDIR for the whole run:
    // inside the scratch folder, they go away with it.
    let tmp = scratch.join(format!("{target}.tmp"));
    std::fs::create_dir_all(&tmp).at(&tmp)?;
    let seeds = paths.root.join("fuzz").join("corpus").join(target);
    let log_path = scratch.join(format!("{target}.log"));
    let log = File::create(&log_path).at(&log_path)?;
    let log_err = log.try_clone().at(&log_path)?;
    let max_time = format!("-max_total_time={SECONDS_PER_TARGET}");
    // The first directory is the one libFuzzer writes new inputs to; the seeds are only read.
    let mut cmd = cargo_fuzz(paths, env, &["run", "--sanitizer", SANITIZER, target]);
    cmd.arg(&work)
        .arg(&seeds)
        .args(["--", &max_time, "-timeout=20", "-print_final_stats=1"])
        .env("TMPDIR", &tmp)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    println!("$ {}", shell::display(&cmd));
    let started = Instant::now();
    let status = cmd.status().map_err(|source| XtaskError::Spawn {
        program: "cargo fuzz".into(),
        source,
    })?;
    let output = std::fs::read_to_string(&log_path).at(&log_path)?;
    let mut report = parse(target, &output);
    report.passed = status.success();
    report.seconds = started.elapsed().as_secs();
    println!("{}", report.line());
    if !report.passed {
        // The panic message comes before a long backtrace: show from there.
        let lines: Vec<&str> = output.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.contains("panicked at") || l.contains("ERROR: libFuzzer"))
            .unwrap_or(lines.len().saturating_sub(LOG_LINES_ON_FAILURE));
        println!("--- {target}'s libFuzzer output ({status}):");
        for line in lines.iter().skip(start).take(LOG_LINES_ON_FAILURE) {
            println!("{line}");
        }
        // The whole output stays next to the input that failed (git-ignored).
        let kept = paths.root.join("fuzz/artifacts").join(target);
        if std::fs::create_dir_all(&kept).is_ok()
            && std::fs::copy(&log_path, kept.join("smoke.log")).is_ok()
        {
            println!("--- all of it: {}", kept.join("smoke.log").display());
        }
    }
    Ok(report)
}

/// What one target did in its run, read from libFuzzer's output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Report {
    target: String,
    passed: bool,
    seconds: u64,
    runs: Option<u64>,
    execs_per_sec: Option<u64>,
    new_units: Option<u64>,
    /// `corp: <units>/<size>` of libFuzzer's last status line.
    corpus: Option<String>,
    cov: Option<u64>,
    /// The first `ERROR:`/`SUMMARY:` line of a failure.
    failure: Option<String>,
    /// Where libFuzzer wrote the input that failed.
    artifact: Option<PathBuf>,
}

impl Report {
    fn line(&self) -> String {
        let number = |n: Option<u64>| n.map_or_else(|| "?".to_owned(), |n| n.to_string());
        let mut line = format!(
            "{:<18} {:<7} {:>10} {:>8} {:>6} {:>6} {:>12} {:>5}s",
            self.target,
            if self.passed { "ok" } else { "FAILED" },
            number(self.runs),
            number(self.execs_per_sec),
            number(self.cov),
            number(self.new_units),
            self.corpus.as_deref().unwrap_or("?"),
            self.seconds,
        );
        if let Some(failure) = &self.failure {
            let _ = write!(line, "  {failure}");
        }
        if let Some(artifact) = &self.artifact {
            let _ = write!(line, "  input: {}", artifact.display());
        }
        line
    }
}

fn render(reports: &[Report]) -> String {
    let mut table = format!(
        "{:<18} {:<7} {:>10} {:>8} {:>6} {:>6} {:>12} {:>6}\n",
        "fuzz target", "result", "runs", "exec/s", "cov", "new", "corpus", "time"
    );
    for report in reports {
        table.push_str(&report.line());
        table.push('\n');
    }
    table
}

/// The numbers and any failure in libFuzzer's output (`-print_final_stats=1`).
fn parse(target: &str, output: &str) -> Report {
    let mut report = Report {
        target: target.to_owned(),
        ..Report::default()
    };
    let stat = |line: &str, name: &str| {
        line.strip_prefix(name)
            .and_then(|rest| rest.trim_start_matches(':').trim().parse().ok())
    };
    for line in output.lines() {
        let line = line.trim_end();
        if let Some(n) = stat(line, "stat::number_of_executed_units") {
            report.runs = Some(n);
        } else if let Some(n) = stat(line, "stat::average_exec_per_sec") {
            report.execs_per_sec = Some(n);
        } else if let Some(n) = stat(line, "stat::new_units_added") {
            report.new_units = Some(n);
        } else if line.starts_with('#') {
            // Status lines: `#4096 pulse  cov: 812 ft: 2211 corp: 84/9133b lim: 4096 exec/s: ...`
            if let Some(corpus) = field(line, "corp:") {
                report.corpus = Some(corpus.to_owned());
            }
            if let Some(cov) = field(line, "cov:").and_then(|c| c.parse().ok()) {
                report.cov = Some(cov);
            }
        } else if let Some(path) = line.split_once("Test unit written to ").map(|(_, p)| p) {
            report.artifact = Some(PathBuf::from(path.trim()));
        } else if report.failure.is_none()
            && (line.contains("ERROR: libFuzzer:") || line.starts_with("SUMMARY:"))
        {
            report.failure = Some(
                line.trim_start_matches(|c| c == '=' || char::is_numeric(c))
                    .trim()
                    .to_owned(),
            );
        }
    }
    report
}

/// The word after `name` in a libFuzzer status line.
fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let mut words = line.split_whitespace();
    words.find(|w| *w == name)?;
    words.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSED: &str = "\
INFO: Seed: 1234
INFO:        5 files found in fuzz/corpus/webhook_payload
#6\tINITED cov: 310 ft: 402 corp: 5/401b exec/s: 0 rss: 31Mb
#512\tNEW    cov: 322 ft: 440 corp: 6/463b lim: 4096 exec/s: 0 rss: 32Mb L: 62/151 MS: 1 ChangeBit-
#1048576\tpulse  cov: 401 ft: 1711 corp: 97/9133b lim: 4096 exec/s: 34952 rss: 120Mb
#1049000\tDONE   cov: 401 ft: 1712 corp: 98/9140b lim: 4096 exec/s: 34966 rss: 120Mb
Done 1049000 runs in 30 second(s)
stat::number_of_executed_units: 1049000
stat::average_exec_per_sec:     34966
stat::new_units_added:          93
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              120
";

    #[test]
    fn a_finished_run_reports_its_numbers() {
        let report = parse("webhook_payload", PASSED);
        assert_eq!(report.runs, Some(1_049_000));
        assert_eq!(report.execs_per_sec, Some(34_966));
        assert_eq!(report.new_units, Some(93));
        assert_eq!(report.cov, Some(401));
        assert_eq!(report.corpus.as_deref(), Some("98/9140b"));
        assert_eq!(report.failure, None);
        assert_eq!(report.artifact, None);
    }

    #[test]
    fn a_crash_reports_why_and_where_the_input_is() {
        let output = "\
#77\tNEW    cov: 99 ft: 120 corp: 7/300b lim: 4096 exec/s: 0 rss: 40Mb
thread '<unnamed>' panicked at fuzz_targets/pdf_upload.rs:40:19:
an upload gave Io, not a 400/415 error
==4242== ERROR: libFuzzer: deadly signal
SUMMARY: libFuzzer: deadly signal
MS: 2 InsertByte-CopyPart-; base unit: 0a1b
artifact_prefix='/work/main/fuzz/artifacts/pdf_upload/'; Test unit written to /work/main/fuzz/artifacts/pdf_upload/crash-0a1b2c
stat::number_of_executed_units: 80
stat::average_exec_per_sec:     0
";
        let report = parse("pdf_upload", output);
        assert_eq!(report.runs, Some(80));
        assert_eq!(
            report.failure.as_deref(),
            Some("ERROR: libFuzzer: deadly signal")
        );
        assert_eq!(
            report.artifact,
            Some(PathBuf::from(
                "/work/main/fuzz/artifacts/pdf_upload/crash-0a1b2c"
            ))
        );
        assert_eq!(report.corpus.as_deref(), Some("7/300b"));
    }

    #[test]
    fn the_table_has_a_line_per_target_with_its_result() {
        let mut ok = parse("webhook_payload", PASSED);
        ok.passed = true;
        let failed = Report {
            target: "pdf_upload".into(),
            failure: Some("ERROR: libFuzzer: deadly signal".into()),
            ..Report::default()
        };
        let table = render(&[ok, failed]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("webhook_payload") && lines[1].contains(" ok "));
        assert!(lines[1].contains("1049000") && lines[1].contains("34966"));
        assert!(lines[2].contains("FAILED") && lines[2].ends_with("deadly signal"));
    }
}
