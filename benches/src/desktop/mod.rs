//! A desktop app measured from outside, the same way for the station and for the
//! bare Tauri window it is compared with: spawned on an X display, timed to its
//! first painted content, left idle, then its memory (PSS of the app and every
//! process it started, WebKit's included) is summed.

mod first_paint;
mod process_tree;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{BenchError, IoContext, Result};

pub use first_paint::PaintWatch;

/// How the probe runs one app.
#[derive(Debug, Clone)]
pub struct ProbeSpec {
    pub display: String,
    pub command: Vec<String>,
    /// Idle time between first paint and the memory reading.
    pub settle: Duration,
    pub timeout: Duration,
    /// Where to save the frame judged to be the first paint (PNG), to check the judgement.
    pub screenshot: Option<PathBuf>,
}

/// Starts the app, waits for its first paint and for it to settle, reads its memory,
/// and stops it.
pub fn probe(spec: &ProbeSpec) -> Result<Value> {
    let (program, args) = spec
        .command
        .split_first()
        .ok_or_else(|| BenchError::Invalid("no app command given".into()))?;
    let mut watch = PaintWatch::connect(&spec.display)?;
    watch.expect_blank()?;
    let mut command = Command::new(program);
    command
        .args(args)
        .env("DISPLAY", &spec.display)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    {
        use std::os::unix::process::CommandExt;
        // Its own process group, so that stopping it stops what it started.
        command.process_group(0);
    }
    let started = Instant::now();
    let mut child = command.spawn().at(program)?;
    let outcome = measure(&mut watch, &mut child, started, spec);
    let pids = process_tree::descendants_of(child.id());
    stop(&mut child, &pids);
    outcome
}

fn measure(
    watch: &mut PaintWatch,
    child: &mut Child,
    started: Instant,
    spec: &ProbeSpec,
) -> Result<Value> {
    let paint = watch.wait_for_paint(started, spec.timeout, || {
        matches!(child.try_wait(), Ok(Some(_)))
    })?;
    if let Some(path) = &spec.screenshot {
        watch.save_last_frame(path)?;
    }
    thread::sleep(spec.settle);
    if let Ok(Some(status)) = child.try_wait() {
        return Err(BenchError::Child(format!(
            "the app exited while idle ({status})"
        )));
    }
    let processes = process_tree::memory_of_tree(child.id())?;
    let pss_kib: u64 = processes.iter().map(|p| p.pss_kib).sum();
    Ok(json!({
        "first_paint_ms": paint.elapsed.as_secs_f64() * 1000.0,
        "colours_at_first_paint": paint.colours,
        "pss_kib": pss_kib,
        "processes": processes
            .iter()
            .map(|p| json!({ "pid": p.pid, "name": p.name, "pss_kib": p.pss_kib }))
            .collect::<Vec<_>>(),
    }))
}

fn signal(signal: &str, target: &str) {
    let _ = Command::new("kill")
        .args([signal, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// TERM to the app's process group, KILL after 5 s, then KILL to any process of its
/// tree that left the group.
fn stop(child: &mut Child, tree: &[u32]) {
    signal("-TERM", &format!("-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(5);
    while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    signal("-KILL", &format!("-{}", child.id()));
    let _ = child.kill();
    let _ = child.wait();
    for pid in tree {
        if process_tree::is_alive(*pid) {
            signal("-KILL", &pid.to_string());
        }
    }
}
