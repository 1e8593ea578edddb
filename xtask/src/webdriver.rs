//! The WebDriver step: build the real app, start Xvfb and tauri-driver, run the `oneshot-e2e`
//! WebDriver tests against them, and stop both afterwards whatever happened. `cargo xtask
//! screenshots` runs its own test target of the same crate through the same machinery.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::{self, Paths};
use crate::prerequisites::Prepared;
use crate::processes::{self, Service};
use crate::shell;

/// The binary `cargo build -p oneshot-station` produces.
pub fn station_binary(target_dir: &Path) -> PathBuf {
    let name = if cfg!(windows) {
        "oneshot-station.exe"
    } else {
        "oneshot-station"
    };
    target_dir.join("debug").join(name)
}

fn cargo(paths: &Paths, prepared: &Prepared, args: &[&str]) -> Command {
    let mut cmd = Command::new(paths::cargo());
    cmd.args(args).current_dir(&paths.root);
    prepared.env.apply(&mut cmd);
    cmd
}

/// The WebDriver tests of the workflows.
pub const TESTS: &str = "webdriver";

pub fn run(paths: &Paths, prepared: &Prepared, screenshot_dir: Option<&Path>) -> Result<()> {
    run_target(paths, prepared, TESTS, screenshot_dir)
}

/// Runs the ignored tests of the `oneshot-e2e` test target `target` against the real app.
pub fn run_target(
    paths: &Paths,
    prepared: &Prepared,
    target: &str,
    screenshot_dir: Option<&Path>,
) -> Result<()> {
    let test_args = ["test", "-p", "oneshot-e2e", "--test", target];
    if !prepared.platform.is_linux() {
        return Err(XtaskError::Missing(
            "the WebDriver tests run on Linux only (Xvfb + WebKitWebDriver)".into(),
        ));
    }
    // Compile everything before starting the services, so they never wait on the compiler.
    shell::run(&mut cargo(
        paths,
        prepared,
        &["build", "-p", "oneshot-station"],
    ))?;
    let mut compile = test_args.to_vec();
    compile.push("--no-run");
    shell::run(&mut cargo(paths, prepared, &compile))?;
    let binary = station_binary(&paths.target_dir()?);
    if !binary.is_file() {
        return Err(XtaskError::Missing(format!(
            "{} was not built",
            binary.display()
        )));
    }

    let scratch = tempfile::Builder::new()
        .prefix("oneshot-webdriver-")
        .tempdir()
        .at(std::env::temp_dir())?;
    let (xvfb, display) = processes::start_xvfb()?;
    let driver_port = processes::free_port()?;
    let native_port = processes::free_port()?;
    let mut driver_cmd = Command::new(prepared.tauri_driver()?);
    driver_cmd
        .args(["--port", &driver_port.to_string()])
        .args(["--native-port", &native_port.to_string()])
        .env("DISPLAY", &display)
        // Xvfb has no GPU: with compositing on, WebKit's screenshots leave composited layers
        // (most of the window) blank.
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null());
    prepared.env.apply(&mut driver_cmd);
    let mut driver = Service::start("tauri-driver", &mut driver_cmd)?;
    processes::wait_until(
        &mut driver,
        "tauri-driver to listen",
        Duration::from_secs(30),
        || processes::port_is_open(driver_port),
    )?;

    let mut run_args = test_args.to_vec();
    run_args.extend(["--", "--ignored", "--test-threads=1"]);
    let mut tests = cargo(paths, prepared, &run_args);
    tests
        .env(
            "TAURI_DRIVER_URL",
            format!("http://127.0.0.1:{driver_port}"),
        )
        .env("ONESHOT_STATION_BIN", &binary)
        .env("ONESHOT_STATION_DATA_DIR", scratch.path())
        .env("DISPLAY", &display);
    if let Some(dir) = screenshot_dir {
        let dir = paths.root.join(dir);
        std::fs::create_dir_all(&dir).at(&dir)?;
        tests.env("ONESHOT_SCREENSHOT_DIR", dir);
    }
    let result = shell::run(&mut tests);
    // Stop the driver (and the app it may still hold) before the display it draws on.
    drop(driver);
    drop(xvfb);
    result
}
