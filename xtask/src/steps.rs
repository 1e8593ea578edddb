//! The steps of `cargo xtask test`, which of them to run, and the closing table.

use std::fmt::Write as _;
use std::time::Duration;

use clap::ValueEnum;

/// Every step, in the order it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum StepName {
    /// System packages, Node.js and the UI's npm packages, pdfium, pyHanko, tauri-driver.
    Prerequisites,
    /// `npm run build`: the app embeds ui/dist, so this comes before any cargo step.
    UiBuild,
    Fmt,
    Clippy,
    RustTests,
    /// A 30-second smoke run of every cargo-fuzz target in fuzz/.
    Fuzz,
    UiCheck,
    UiUnit,
    /// Playwright on Debian's Chromium against the built UI with mocked IPC.
    UiPlaywright,
    /// The ignored `keyring` tests inside a private D-Bus session with gnome-keyring.
    Keyring,
    /// The real app under Xvfb through tauri-driver.
    Webdriver,
}

impl StepName {
    pub const ALL: [StepName; 11] = [
        StepName::Prerequisites,
        StepName::UiBuild,
        StepName::Fmt,
        StepName::Clippy,
        StepName::RustTests,
        StepName::Fuzz,
        StepName::UiCheck,
        StepName::UiUnit,
        StepName::UiPlaywright,
        StepName::Keyring,
        StepName::Webdriver,
    ];

    /// The name users type after `--only` / `--skip`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepName::Prerequisites => "prerequisites",
            StepName::UiBuild => "ui-build",
            StepName::Fmt => "fmt",
            StepName::Clippy => "clippy",
            StepName::RustTests => "rust-tests",
            StepName::Fuzz => "fuzz",
            StepName::UiCheck => "ui-check",
            StepName::UiUnit => "ui-unit",
            StepName::UiPlaywright => "ui-playwright",
            StepName::Keyring => "keyring",
            StepName::Webdriver => "webdriver",
        }
    }
}

/// The steps to run: all of them, or only those in `only`, less those in `skip`, in order.
pub fn select(only: &[StepName], skip: &[StepName]) -> Vec<StepName> {
    StepName::ALL
        .into_iter()
        .filter(|s| only.is_empty() || only.contains(s))
        .filter(|s| !skip.contains(s))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed(String),
    Skipped,
}

#[derive(Debug, Clone)]
pub struct StepResult {
    pub step: StepName,
    pub outcome: Outcome,
    pub duration: Duration,
}

fn count(results: &[StepResult], want: fn(&Outcome) -> bool) -> usize {
    results.iter().filter(|r| want(&r.outcome)).count()
}

pub fn failed(results: &[StepResult]) -> usize {
    count(results, |o| matches!(o, Outcome::Failed(_)))
}

/// The table printed at the end of a run: one line a step, with its time and any failure.
pub fn render_table(results: &[StepResult]) -> String {
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<15} {:<7} {:>8}  detail",
        "step", "result", "time"
    );
    for r in results {
        let (word, detail) = match &r.outcome {
            Outcome::Passed => ("ok", ""),
            Outcome::Failed(why) => ("FAILED", why.as_str()),
            Outcome::Skipped => ("skipped", ""),
        };
        let time = format!("{:.1}s", r.duration.as_secs_f64());
        let _ = writeln!(
            table,
            "{:<15} {:<7} {:>8}  {}",
            r.step.as_str(),
            word,
            time,
            detail.lines().next().unwrap_or_default()
        );
    }
    table
}

/// The plain closing line: `xtask: N passed, N failed, N skipped`.
pub fn summary_line(results: &[StepResult]) -> String {
    format!(
        "xtask: {} passed, {} failed, {} skipped",
        count(results, |o| *o == Outcome::Passed),
        failed(results),
        count(results, |o| *o == Outcome::Skipped),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_keeps_the_canonical_order() {
        assert_eq!(select(&[], &[]), StepName::ALL.to_vec());
        assert_eq!(
            select(&[StepName::Webdriver, StepName::Fmt], &[]),
            [StepName::Fmt, StepName::Webdriver]
        );
        assert_eq!(
            select(&[], &[StepName::Webdriver, StepName::Keyring]).last(),
            Some(&StepName::UiPlaywright)
        );
        assert!(select(&[StepName::Fmt], &[StepName::Fmt]).is_empty());
    }

    #[test]
    fn names_match_what_clap_accepts() {
        for step in StepName::ALL {
            assert_eq!(StepName::from_str(step.as_str(), false), Ok(step));
        }
    }

    #[test]
    fn table_and_summary_report_every_outcome() {
        let results = [
            StepResult {
                step: StepName::Fmt,
                outcome: Outcome::Passed,
                duration: Duration::from_millis(1500),
            },
            StepResult {
                step: StepName::Clippy,
                outcome: Outcome::Failed("`cargo clippy` failed (exit status: 101)\nmore".into()),
                duration: Duration::from_secs(42),
            },
            StepResult {
                step: StepName::Webdriver,
                outcome: Outcome::Skipped,
                duration: Duration::ZERO,
            },
        ];
        let table = render_table(&results);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[1].starts_with("fmt") && lines[1].contains("ok") && lines[1].contains("1.5s")
        );
        assert!(lines[2].contains("FAILED") && lines[2].ends_with("(exit status: 101)"));
        assert!(lines[3].contains("skipped"));
        assert_eq!(
            summary_line(&results),
            "xtask: 1 passed, 1 failed, 1 skipped"
        );
        assert_eq!(failed(&results), 1);
    }
}
