//! What a benchmark run found, as `docs/BENCHMARKS.md` (for people) and
//! `docs/benchmarks.json` (for programs).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::machine::{Machine, load_is_high};

/// What a benchmark must reach. Ratios are always ours ÷ reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    RatioAtLeast(f64),
    RatioAtMost(f64),
    /// Ours strictly below this value.
    Below(f64),
    AtLeast(f64),
    /// Reported, with no bar to clear.
    Report,
}

/// One benchmark's measured result.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub unit: &'static str,
    pub ours: f64,
    pub reference: Option<f64>,
    pub reference_tool: Option<String>,
    pub higher_is_better: bool,
    pub goal: Goal,
    pub runs: usize,
    /// Load average before and after this benchmark.
    pub load: (Option<f64>, Option<f64>),
    pub notes: Vec<String>,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Measured(Measured),
    /// The code it measures does not exist yet.
    NotBuilt(String),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    /// How the goal reads in the issue, e.g. "≥ 2.5× pages/s".
    pub goal_text: &'static str,
    pub ours_label: &'static str,
    pub outcome: Outcome,
}

impl Measured {
    pub fn ratio(&self) -> Option<f64> {
        self.reference
            .filter(|r| *r != 0.0)
            .map(|reference| self.ours / reference)
    }

    /// `None` for a goal that only asks for the number.
    pub fn met(&self) -> Option<bool> {
        let ratio = self.ratio();
        match self.goal {
            Goal::RatioAtLeast(bar) => ratio.map(|r| r >= bar),
            Goal::RatioAtMost(bar) => ratio.map(|r| r <= bar),
            Goal::Below(bar) => Some(self.ours < bar),
            Goal::AtLeast(bar) => Some(self.ours >= bar),
            Goal::Report => None,
        }
    }
}

/// A number with sensible precision for a table.
pub fn number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// "0.38 (2.6× faster)" for lower-is-better times, "1.9×" for rates.
fn ratio_cell(measured: &Measured) -> String {
    let Some(ratio) = measured.ratio() else {
        return "—".into();
    };
    if measured.higher_is_better {
        format!("{ratio:.2}×")
    } else if ratio > 0.0 && ratio < 1.0 {
        format!("{ratio:.2} ({:.1}× less)", 1.0 / ratio)
    } else {
        format!("{ratio:.2}")
    }
}

fn met_cell(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "reported",
    }
}

fn load_text(load: Option<f64>) -> String {
    load.map_or_else(|| "?".into(), |l| format!("{l:.2}"))
}

/// The Markdown table with the machine line, load warnings and notes.
pub fn render_markdown(rows: &[Row], machine: &Machine, runs: usize, quick: bool) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Measured by `cargo xtask bench`{}: each benchmark runs ours and the reference tool in \
         the same run, alternating (ours, reference, ours, reference…), {runs} measured runs each \
         after one warm-up pair; the table shows medians. Ratios are always ours ÷ reference, so \
         for rates above 1 is better and for times and memory below 1 is better.\n",
        if quick {
            " --quick (a smoke run: small inputs, not representative)"
        } else {
            ""
        }
    );
    let _ = writeln!(
        md,
        "**Machine:** {} — {} cores, {:.0} GiB RAM, {}. **Commit:** {}. **Date:** {}. \
         **Load average** (1 min) at start {}, at end {}.\n",
        machine.cpu_model,
        machine.cores,
        machine.memory_gib,
        machine.os,
        machine.commit,
        machine.date,
        load_text(machine.load_start),
        load_text(machine.load_end),
    );
    if machine.was_loaded() {
        let _ = writeln!(
            md,
            "> **The machine was busy during this run** (load above half the cores: other \
             builds were running on it). Absolute numbers are pessimistic and noisier than on an \
             idle machine; ours and the reference shared the same conditions, so the ratios \
             suffer less. Rows measured under high load are marked ⚠.\n"
        );
    }
    let _ = writeln!(
        md,
        "| benchmark | ours | reference | ratio (ours ÷ ref) | goal | met? |\n|---|---|---|---|---|---|"
    );
    for row in rows {
        match &row.outcome {
            Outcome::Measured(m) => {
                let busy = [m.load.0, m.load.1]
                    .into_iter()
                    .flatten()
                    .any(|l| load_is_high(l, machine.cores));
                let reference = match (&m.reference, &m.reference_tool) {
                    (Some(value), Some(tool)) => format!("{} {} ({tool})", number(*value), m.unit),
                    _ => "—".into(),
                };
                let _ = writeln!(
                    md,
                    "| {}{} | {} {} ({}) | {} | {} | {} | {} |",
                    row.name,
                    if busy { " ⚠" } else { "" },
                    number(m.ours),
                    m.unit,
                    row.ours_label,
                    reference,
                    ratio_cell(m),
                    row.goal_text,
                    met_cell(m.met()),
                );
            }
            Outcome::NotBuilt(why) => {
                let _ = writeln!(
                    md,
                    "| {} | not yet built | — | — | {} | not run: {why} |",
                    row.name, row.goal_text
                );
            }
            Outcome::Failed(why) => {
                let _ = writeln!(
                    md,
                    "| {} | **failed** | — | — | {} | failed: {} |",
                    row.name,
                    row.goal_text,
                    why.lines().next().unwrap_or_default().replace('|', "/")
                );
            }
        }
    }
    let notes: Vec<(&str, &Measured)> = rows
        .iter()
        .filter_map(|row| match &row.outcome {
            Outcome::Measured(m) if !m.notes.is_empty() => Some((row.name.as_str(), m)),
            _ => None,
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(md, "\n## How each was measured\n");
        for (name, m) in notes {
            let _ = writeln!(
                md,
                "- **{name}** (load {} → {}): {}",
                load_text(m.load.0),
                load_text(m.load.1),
                m.notes.join(" ")
            );
        }
    }
    md
}

fn goal_json(goal: Goal) -> Value {
    match goal {
        Goal::RatioAtLeast(bar) => json!({ "ratio_at_least": bar }),
        Goal::RatioAtMost(bar) => json!({ "ratio_at_most": bar }),
        Goal::Below(bar) => json!({ "below": bar }),
        Goal::AtLeast(bar) => json!({ "at_least": bar }),
        Goal::Report => json!("report"),
    }
}

/// One object per benchmark, plus the machine.
pub fn render_json(rows: &[Row], machine: &Machine, runs: usize, quick: bool) -> Value {
    let benchmarks: Vec<Value> = rows
        .iter()
        .map(|row| match &row.outcome {
            Outcome::Measured(m) => json!({
                "name": row.name,
                "unit": m.unit,
                "ours": m.ours,
                "reference": m.reference,
                "reference_tool": m.reference_tool,
                "ratio": m.ratio(),
                "higher_is_better": m.higher_is_better,
                "goal": goal_json(m.goal),
                "goal_text": row.goal_text,
                "met": m.met(),
                "runs": m.runs,
                "load": [m.load.0, m.load.1],
                "status": "measured",
            }),
            Outcome::NotBuilt(why) => json!({
                "name": row.name, "unit": null, "ours": null, "reference": null,
                "reference_tool": null, "ratio": null, "higher_is_better": null,
                "goal_text": row.goal_text, "status": "not yet built", "detail": why,
            }),
            Outcome::Failed(why) => json!({
                "name": row.name, "unit": null, "ours": null, "reference": null,
                "reference_tool": null, "ratio": null, "higher_is_better": null,
                "goal_text": row.goal_text, "status": "failed", "detail": why,
            }),
        })
        .collect();
    json!({
        "machine": {
            "cpu_model": machine.cpu_model,
            "cores": machine.cores,
            "memory_gib": machine.memory_gib,
            "os": machine.os,
            "commit": machine.commit,
            "date": machine.date,
            "load_start": machine.load_start,
            "load_end": machine.load_end,
        },
        "runs": runs,
        "quick": quick,
        "benchmarks": benchmarks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine(load: f64) -> Machine {
        Machine {
            cpu_model: "AMD EPYC".into(),
            cores: 2,
            memory_gib: 24.0,
            os: "Debian GNU/Linux 12 (bookworm)".into(),
            commit: "abc123".into(),
            date: "2025-01-01 00:00 UTC".into(),
            load_start: Some(load),
            load_end: Some(load),
        }
    }

    fn measured(ours: f64, reference: Option<f64>, goal: Goal, higher: bool) -> Measured {
        Measured {
            unit: "pages/s",
            ours,
            reference,
            reference_tool: reference.map(|_| "pdftoppm -r 150".into()),
            higher_is_better: higher,
            goal,
            runs: 5,
            load: (Some(0.1), Some(0.2)),
            notes: vec!["In process.".into()],
        }
    }

    #[test]
    fn goals_are_judged_on_the_ratio_or_the_value() {
        assert_eq!(
            measured(50.0, Some(20.0), Goal::RatioAtLeast(2.5), true).met(),
            Some(true)
        );
        assert_eq!(
            measured(40.0, Some(20.0), Goal::RatioAtLeast(2.5), true).met(),
            Some(false)
        );
        assert_eq!(
            measured(40.0, Some(100.0), Goal::RatioAtMost(0.5), false).met(),
            Some(true)
        );
        assert_eq!(
            measured(64.0, None, Goal::Below(64.0), false).met(),
            Some(false)
        );
        assert_eq!(
            measured(250.0, None, Goal::AtLeast(200.0), true).met(),
            Some(true)
        );
        assert_eq!(measured(1.0, None, Goal::Report, false).met(), None);
        assert_eq!(
            measured(1.0, None, Goal::RatioAtLeast(1.0), true).met(),
            None
        );
    }

    #[test]
    fn table_has_a_line_per_row_and_flags_load_and_gaps() {
        let rows = vec![
            Row {
                name: "PDF page render".into(),
                goal_text: "≥ 2.5× pages/s",
                ours_label: "pdfium service",
                outcome: Outcome::Measured(measured(
                    40.0,
                    Some(20.0),
                    Goal::RatioAtLeast(2.5),
                    true,
                )),
            },
            Row {
                name: "Video ID queue".into(),
                goal_text: "< 16 ms",
                ours_label: "UI store",
                outcome: Outcome::NotBuilt("the UI store comes in a later issue".into()),
            },
            Row {
                name: "Upload".into(),
                goal_text: "< 64 MiB",
                ours_label: "oneshot-api",
                outcome: Outcome::Failed("sandbox | exited\nmore".into()),
            },
        ];
        let md = render_markdown(&rows, &machine(0.3), 5, false);
        assert!(md.contains("| PDF page render | 40.0 pages/s (pdfium service) | 20.0 pages/s (pdftoppm -r 150) | 2.00× | ≥ 2.5× pages/s | **no** |"));
        assert!(md.contains("| Video ID queue | not yet built |"));
        assert!(md.contains("failed: sandbox / exited |"));
        assert!(md.contains("AMD EPYC — 2 cores"));
        assert!(!md.contains("busy"));
        let busy = render_markdown(&rows, &machine(3.0), 5, false);
        assert!(busy.contains("The machine was busy"));
    }

    #[test]
    fn json_has_the_fields_integrators_read() {
        let rows = vec![Row {
            name: "First page".into(),
            goal_text: "≥ 2× faster",
            ours_label: "open + render",
            outcome: Outcome::Measured(measured(40.0, Some(100.0), Goal::RatioAtMost(0.5), false)),
        }];
        let json = render_json(&rows, &machine(0.3), 5, false);
        let first = &json["benchmarks"][0];
        for field in [
            "name",
            "unit",
            "ours",
            "reference",
            "reference_tool",
            "ratio",
            "higher_is_better",
        ] {
            assert!(first.get(field).is_some(), "{field}");
        }
        assert_eq!(first["ratio"], json!(0.4));
        assert_eq!(first["met"], json!(true));
        assert_eq!(json["machine"]["cores"], json!(2));
    }

    #[test]
    fn numbers_keep_three_significant_digits_or_so() {
        assert_eq!(number(1234.5), "1234");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(1.2345), "1.23");
    }
}
