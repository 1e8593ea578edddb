//! Running ours and the reference alternately, and timing a run of either.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::error::{Result, XtaskError};
use crate::shell::{self, ToolEnv};

use super::stats;

/// Named numbers from one run (a rate, a time, a process's wall clock…).
pub type Metrics = BTreeMap<&'static str, f64>;

/// The measured runs of both sides (warm-up runs left out).
#[derive(Debug, Default)]
pub struct Samples {
    pub ours: Vec<Metrics>,
    pub reference: Vec<Metrics>,
}

/// Runs ours then the reference, `warmup + runs` times (ABAB…), keeping the last `runs`.
pub fn interleave(
    runs: usize,
    warmup: usize,
    mut ours: impl FnMut() -> Result<Metrics>,
    mut reference: Option<&mut dyn FnMut() -> Result<Metrics>>,
) -> Result<Samples> {
    let mut samples = Samples::default();
    for round in 0..warmup + runs {
        let measured = round >= warmup;
        let mine = ours()?;
        if measured {
            samples.ours.push(mine);
        }
        if let Some(reference) = reference.as_mut() {
            let theirs = reference()?;
            if measured {
                samples.reference.push(theirs);
            }
        }
        println!(
            "  {} {}/{}",
            if measured { "run" } else { "warm-up" },
            if measured {
                round - warmup + 1
            } else {
                round + 1
            },
            if measured { runs } else { warmup }
        );
    }
    Ok(samples)
}

/// The median of one metric over runs.
pub fn median_of(runs: &[Metrics], key: &str) -> Result<f64> {
    let values: Vec<f64> = runs.iter().filter_map(|m| m.get(key).copied()).collect();
    stats::median(&values).ok_or_else(|| XtaskError::UnexpectedOutput {
        what: "benchmark runs".into(),
        detail: format!("no `{key}` measured"),
    })
}

/// All values of one metric over runs.
pub fn values_of(runs: &[Metrics], key: &str) -> Vec<f64> {
    runs.iter().filter_map(|m| m.get(key).copied()).collect()
}

/// Runs a command to its end; answers its standard output and its wall-clock time.
pub fn timed(cmd: &mut Command) -> Result<(String, Duration)> {
    cmd.stdin(Stdio::null());
    let started = Instant::now();
    let output = cmd.output().map_err(|source| XtaskError::Spawn {
        program: cmd.get_program().to_string_lossy().into_owned(),
        source,
    })?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(XtaskError::CommandFailed {
            command: shell::display(cmd),
            status: format!(
                "{}: {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ),
        });
    }
    Ok((
        String::from_utf8_lossy(&output.stdout).into_owned(),
        elapsed,
    ))
}

/// The last JSON line a bench binary printed.
pub fn last_json_line(stdout: &str) -> Result<Value> {
    let line = stdout
        .lines()
        .rev()
        .find(|line| line.trim_start().starts_with('{'))
        .ok_or_else(|| XtaskError::UnexpectedOutput {
            what: "oneshot-bench".into(),
            detail: format!("no JSON line in {stdout:?}"),
        })?;
    serde_json::from_str(line).map_err(|e| XtaskError::UnexpectedOutput {
        what: "oneshot-bench".into(),
        detail: e.to_string(),
    })
}

/// A number field of a bench binary's answer.
pub fn field(value: &Value, key: &str) -> Result<f64> {
    value
        .get(key)
        .and_then(Value::as_f64)
        .ok_or_else(|| XtaskError::UnexpectedOutput {
            what: "oneshot-bench".into(),
            detail: format!("no number `{key}` in {value}"),
        })
}

/// Runs `oneshot-bench ARGS`; answers its JSON and its process's wall-clock time.
pub fn ours(binary: &Path, args: &[&OsStr], env: &ToolEnv) -> Result<(Value, Duration)> {
    let mut cmd = Command::new(binary);
    cmd.args(args);
    env.apply(&mut cmd);
    let (stdout, elapsed) = timed(&mut cmd)?;
    Ok((last_json_line(&stdout)?, elapsed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_and_drops_the_warm_up() {
        let order = std::cell::RefCell::new(Vec::new());
        let mut n = 0.0;
        let mut reference = || {
            order.borrow_mut().push("ref");
            Ok(Metrics::from([("v", 100.0)]))
        };
        let samples = interleave(
            3,
            1,
            || {
                order.borrow_mut().push("ours");
                n += 1.0;
                Ok(Metrics::from([("v", n)]))
            },
            Some(&mut reference),
        )
        .unwrap();
        assert_eq!(
            *order.borrow(),
            ["ours", "ref", "ours", "ref", "ours", "ref", "ours", "ref"]
        );
        assert_eq!(values_of(&samples.ours, "v"), [2.0, 3.0, 4.0]);
        assert_eq!(median_of(&samples.ours, "v").unwrap(), 3.0);
        assert_eq!(samples.reference.len(), 3);
        assert!(median_of(&samples.ours, "missing").is_err());
    }

    #[test]
    fn reads_the_last_json_line_among_other_output() {
        let out = "listening on x\n{\"a\": 1}\nnoise\n{\"seconds\": 0.5}\n";
        let value = last_json_line(out).unwrap();
        assert_eq!(field(&value, "seconds").unwrap(), 0.5);
        assert!(field(&value, "nope").is_err());
        assert!(last_json_line("nothing here").is_err());
    }

    #[test]
    fn timed_reports_failures_with_stderr() {
        let err = timed(Command::new("sh").args(["-c", "echo oops >&2; exit 3"])).unwrap_err();
        assert!(err.to_string().contains("oops"));
        let (out, _) = timed(Command::new("sh").args(["-c", "echo hi"])).unwrap();
        assert_eq!(out, "hi\n");
    }
}
