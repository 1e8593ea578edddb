//! The station under Xvfb against a bare Tauri window built the same way: cold start
//! to first paint, and idle memory (PSS of the app and its WebKit processes). Both
//! are measured by the same probe (`oneshot-bench desktop`), in the same conditions.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{IoContext, Result, XtaskError};
use crate::processes;

use super::context::{Context, arg, build};
use super::report::{Goal, Measured};
use super::runner::{Metrics, field, interleave, last_json_line, median_of, timed};

const SETTLE_SECONDS: &str = "10";

/// Where the bare window's sources live, and its binary once built.
fn bare_window_dir(ctx: &Context) -> PathBuf {
    ctx.paths.root.join("benches").join("bare-window")
}

/// Builds the station and the bare window in release; answers both binaries.
fn build_apps(ctx: &Context) -> Result<(PathBuf, PathBuf)> {
    build(
        ctx.paths,
        ctx.env,
        &["build", "--release", "-p", "oneshot-station"],
    )?;
    let dir = bare_window_dir(ctx);
    // The workspace's lock file pins the same Tauri, WebKit bindings and everything else.
    let lock = dir.join("Cargo.lock");
    std::fs::copy(ctx.paths.root.join("Cargo.lock"), &lock).at(&lock)?;
    let manifest = arg(&dir.join("Cargo.toml"));
    build(
        ctx.paths,
        ctx.env,
        &[
            "build",
            "--release",
            "--manifest-path",
            &manifest,
            "--target-dir",
            &arg(&ctx.target_dir),
        ],
    )?;
    let release = ctx.target_dir.join("release");
    Ok((release.join("oneshot-station"), release.join("bare-window")))
}

/// A home of its own for one app, kept across its runs (as an installed app's is), so
/// every start after the warm-up finds its data folder and WebKit caches in place.
fn app_env(ctx: &Context, name: &str) -> Result<Vec<(&'static str, OsString)>> {
    let home = ctx.scratch.join(format!("home-{name}"));
    let mut env = Vec::new();
    for (var, sub) in [
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("ONESHOT_STATION_DATA_DIR", "station-data"),
    ] {
        let dir = if sub.is_empty() {
            home.clone()
        } else {
            home.join(sub)
        };
        std::fs::create_dir_all(&dir).at(&dir)?;
        env.push((var, dir.into_os_string()));
    }
    // No session bus: neither app can reach a keyring or accessibility bus, and none
    // gets autolaunched for one of them only.
    env.push(("DBUS_SESSION_BUS_ADDRESS", "disabled:".into()));
    env.push(("NO_AT_BRIDGE", "1".into()));
    // Xvfb has no GPU; WebKit's software GL compositor would dominate both numbers.
    env.push(("WEBKIT_DISABLE_COMPOSITING_MODE", "1".into()));
    env.push(("RUST_LOG", "warn".into()));
    Ok(env)
}

fn probe(
    ctx: &Context,
    display: &str,
    app: &Path,
    env: &[(&'static str, OsString)],
    shot: Option<PathBuf>,
) -> Result<Metrics> {
    let mut cmd = Command::new(&ctx.bench_binary);
    cmd.args([
        "desktop",
        "--display",
        display,
        "--settle-seconds",
        SETTLE_SECONDS,
    ]);
    if let Some(shot) = shot {
        cmd.arg("--screenshot").arg(shot);
    }
    cmd.arg("--").arg(app);
    ctx.env.apply(&mut cmd);
    for (key, value) in env {
        cmd.env(key, value);
    }
    let (stdout, _) = timed(&mut cmd)?;
    let answer = last_json_line(&stdout)?;
    Ok(Metrics::from([
        ("first_paint_ms", field(&answer, "first_paint_ms")?),
        ("pss_mib", field(&answer, "pss_kib")? / 1024.0),
        (
            "processes",
            answer["processes"].as_array().map_or(0, Vec::len) as f64,
        ),
    ]))
}

pub fn station_vs_bare_window(ctx: &Context) -> Result<Vec<Measured>> {
    if !cfg!(target_os = "linux") {
        return Err(XtaskError::Missing(
            "the desktop benchmarks need Linux and Xvfb".into(),
        ));
    }
    let (station, bare) = build_apps(ctx)?;
    let station_env = app_env(ctx, "station")?;
    let bare_env = app_env(ctx, "bare")?;
    let (xvfb, display) = processes::start_xvfb()?;
    let shots = ctx.target_dir.join("oneshot-bench");
    std::fs::create_dir_all(&shots).at(&shots)?;
    let mut first = true;
    let mut reference = || {
        probe(
            ctx,
            &display,
            &bare,
            &bare_env,
            Some(shots.join("bare-window-first-paint.png")),
        )
    };
    let samples = interleave(
        ctx.runs,
        ctx.warmup,
        || {
            let shot = first.then(|| shots.join("station-first-paint.png"));
            first = false;
            probe(ctx, &display, &station, &station_env, shot)
        },
        Some(&mut reference),
    );
    drop(xvfb);
    let samples = samples?;
    let common = format!(
        "Both apps are release builds (the workspace's profile: thin LTO), Tauri and WebKitGTK \
         from the same lock file, started on Xvfb ({}) with the same environment: a home of \
         their own kept across runs (the warm-up run creates data folders and caches, as an \
         installed app has them), no D-Bus session, WebKit compositing off (no GPU).",
        "1400×960×24"
    );
    Ok(vec![
        Measured {
            unit: "MiB",
            ours: median_of(&samples.ours, "pss_mib")?,
            reference: Some(median_of(&samples.reference, "pss_mib")?),
            reference_tool: Some("bare Tauri window".into()),
            higher_is_better: false,
            goal: Goal::RatioAtMost(1.3),
            runs: ctx.runs,
            load: (None, None),
            notes: vec![
                common.clone(),
                format!(
                    "PSS summed over the app's process and all its descendants \
                     (WebKitWebProcess, WebKitNetworkProcess; {:.0} processes for the station, \
                     {:.0} for the bare window), read from /proc/PID/smaps_rollup {SETTLE_SECONDS} s \
                     after first paint. The station at that point has its embedded sandbox \
                     Optimizer running in process.",
                    median_of(&samples.ours, "processes")?,
                    median_of(&samples.reference, "processes")?
                ),
            ],
        },
        Measured {
            unit: "ms",
            ours: median_of(&samples.ours, "first_paint_ms")?,
            reference: Some(median_of(&samples.reference, "first_paint_ms")?),
            reference_tool: Some("bare Tauri window".into()),
            higher_is_better: false,
            goal: Goal::RatioAtMost(1.5),
            runs: ctx.runs,
            load: (None, None),
            notes: vec![
                common,
                "From spawning the process to the first moment the X screen shows drawn page \
                 content (16 or more distinct colours: anti-aliased text; an unpainted window \
                 is one flat colour), watched through the DAMAGE extension so the watcher \
                 takes no CPU while waiting. The OS file cache is warm (the binaries ran in \
                 the warm-up)."
                    .into(),
            ],
        },
    ])
}
