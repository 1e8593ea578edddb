//! Driving the real app through tauri-driver (WebKitWebDriver under Xvfb on Linux).
//!
//! `cargo xtask test` starts Xvfb and tauri-driver, then runs the ignored tests of the
//! `webdriver` test target with these variables:
//! - `TAURI_DRIVER_URL` — where tauri-driver listens, e.g. `http://127.0.0.1:4444`;
//! - `ONESHOT_STATION_BIN` — the app binary to start;
//! - `ONESHOT_STATION_DATA_DIR` — a folder in which each test gets its own fresh data dir;
//! - `PDFIUM_LIB` — passed on to the app;
//! - `ONESHOT_SCREENSHOT_DIR` (optional) — where [`Station::capture`] saves screenshots.
//!
//! A test calls [`with_station`]: it launches the app on a fresh data dir, runs the test body,
//! and on failure saves a screenshot and the page source into a kept folder whose path it
//! prints, then always ends the session (which quits the app).

use std::env;
use std::fmt::Display;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::error::{CmdError, NewSessionError};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

/// How long the app gets to show something before a test gives up.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a failed test waits for the webview to hand over its evidence.
const EVIDENCE_TIMEOUT: Duration = Duration::from_secs(20);

/// Why a WebDriver test could not do what it meant to.
#[derive(Debug, thiserror::Error)]
pub enum E2eError {
    #[error("{0} is not set: run the WebDriver tests with `cargo xtask test --only webdriver`")]
    MissingEnv(&'static str),
    #[error("starting a WebDriver session: {0}")]
    Session(#[from] NewSessionError),
    #[error("WebDriver command failed: {0}")]
    Command(#[from] CmdError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("waited {seconds} s for {what}; last seen: {last}")]
    Timeout {
        what: String,
        seconds: u64,
        last: String,
    },
    #[error("check failed: {0}")]
    Check(String),
}

pub type Result<T, E = E2eError> = std::result::Result<T, E>;

fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> E2eError + '_ {
    move |source| E2eError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Fails with `message` unless `condition` holds.
pub fn check(condition: bool, message: impl Display) -> Result<()> {
    if condition {
        Ok(())
    } else {
        Err(E2eError::Check(message.to_string()))
    }
}

pub fn required_env(name: &'static str) -> Result<String> {
    env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .ok_or(E2eError::MissingEnv(name))
}

/// The CSS selector for a `data-testid`.
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Writes the script tauri-driver starts in place of the app: tauri-driver passes no
/// environment of its own, and each test needs its own data dir.
#[cfg(unix)]
fn write_launcher(
    scratch: &Path,
    binary: &str,
    data_dir: &Path,
    extra_env: &[(&str, &str)],
) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;

    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut script = String::from("#!/bin/sh\n");
    let data = data_dir.to_string_lossy();
    script.push_str(&format!(
        "export ONESHOT_STATION_DATA_DIR={}\n",
        quote(&data)
    ));
    for var in ["PDFIUM_LIB", "RUST_LOG"] {
        if let Ok(value) = env::var(var) {
            script.push_str(&format!("export {var}={}\n", quote(&value)));
        }
    }
    for (var, value) in extra_env {
        script.push_str(&format!("export {var}={}\n", quote(value)));
    }
    script.push_str(&format!("exec {} \"$@\"\n", quote(binary)));
    let launcher = scratch.join("launch-station.sh");
    fs::write(&launcher, script).map_err(io_at(&launcher))?;
    fs::set_permissions(&launcher, fs::Permissions::from_mode(0o755)).map_err(io_at(&launcher))?;
    Ok(launcher)
}

#[cfg(not(unix))]
fn write_launcher(
    _scratch: &Path,
    binary: &str,
    _data_dir: &Path,
    _extra_env: &[(&str, &str)],
) -> Result<PathBuf> {
    // Elsewhere the app inherits tauri-driver's environment as it is.
    Ok(PathBuf::from(binary))
}

/// The real app in a WebDriver session, on a fresh data dir of its own.
#[derive(Debug)]
pub struct Station {
    client: Client,
    name: String,
    scratch: TempDir,
}

impl Station {
    /// Starts the app through tauri-driver on a fresh data dir.
    pub async fn launch(test_name: &str) -> Result<Self> {
        Self::launch_with_env(test_name, &[]).await
    }

    /// Starts the app with these variables added to its environment (for example
    /// `GTK_THEME=Adwaita:dark`, which WebKitGTK answers as `prefers-color-scheme: dark`).
    pub async fn launch_with_env(test_name: &str, extra_env: &[(&str, &str)]) -> Result<Self> {
        let driver_url = required_env("TAURI_DRIVER_URL")?;
        let binary = required_env("ONESHOT_STATION_BIN")?;
        let base = required_env("ONESHOT_STATION_DATA_DIR")?;
        let base = Path::new(&base);
        fs::create_dir_all(base).map_err(io_at(base))?;
        let scratch = tempfile::Builder::new()
            .prefix(&format!("{test_name}-"))
            .tempdir_in(base)
            .map_err(io_at(base))?;
        let data_dir = scratch.path().join("data");
        fs::create_dir_all(&data_dir).map_err(io_at(&data_dir))?;
        let launcher = write_launcher(scratch.path(), &binary, &data_dir, extra_env)?;

        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": launcher.to_string_lossy() }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver_url)
            .await?;
        Ok(Self {
            client,
            name: test_name.to_owned(),
            scratch,
        })
    }

    /// The underlying WebDriver client, for what these helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// This test's data dir (what the app sees as `ONESHOT_STATION_DATA_DIR`).
    pub fn data_dir(&self) -> PathBuf {
        self.scratch.path().join("data")
    }

    /// Waits until an element with this `data-testid` exists.
    pub async fn wait_for(&self, id: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(DEFAULT_TIMEOUT)
            .for_element(Locator::Css(&testid(id)))
            .await
            .map_err(|err| match err {
                CmdError::WaitTimeout => E2eError::Timeout {
                    what: format!("[data-testid={id}] to appear"),
                    seconds: DEFAULT_TIMEOUT.as_secs(),
                    last: "not in the page".into(),
                },
                other => other.into(),
            })
    }

    pub async fn click(&self, id: &str) -> Result<()> {
        self.wait_for(id).await?.click().await?;
        Ok(())
    }

    /// Waits until the element's visible text is exactly `expected`.
    pub async fn wait_for_text(&self, id: &str, expected: &str) -> Result<()> {
        let deadline = Instant::now() + DEFAULT_TIMEOUT;
        let mut last = String::from("(element absent)");
        loop {
            if let Ok(element) = self.client.find(Locator::Css(&testid(id))).await {
                last = element.text().await?;
                if last.trim() == expected {
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                return Err(E2eError::Timeout {
                    what: format!("[data-testid={id}] to read {expected:?}"),
                    seconds: DEFAULT_TIMEOUT.as_secs(),
                    last: format!("{last:?}"),
                });
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// True when the element exists and is displayed.
    pub async fn is_visible(&self, id: &str) -> Result<bool> {
        match self.client.find(Locator::Css(&testid(id))).await {
            Ok(element) => Ok(element.is_displayed().await?),
            Err(CmdError::Standard(e))
                if e.error == fantoccini::error::ErrorStatus::NoSuchElement =>
            {
                Ok(false)
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Saves a PNG of the window to `path`.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_at(parent))?;
        }
        fs::write(path, png).map_err(io_at(path))
    }

    /// Saves `<name>.png` into `ONESHOT_SCREENSHOT_DIR` when it is set (for the README's
    /// pictures); does nothing otherwise.
    pub async fn capture(&self, name: &str) -> Result<()> {
        match env::var_os("ONESHOT_SCREENSHOT_DIR") {
            Some(dir) if !dir.is_empty() => {
                let path = PathBuf::from(dir).join(format!("{name}.png"));
                self.screenshot(&path).await?;
                eprintln!("screenshot saved: {}", path.display());
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Keeps this test's folder and saves what the window showed, for a failed test.
    async fn keep_evidence(self) -> PathBuf {
        // A webview that is stuck may never answer: evidence is best effort, within a bound,
        // so a failed test reports its failure instead of hanging the whole suite.
        let png = self.scratch.path().join("failure.png");
        match tokio::time::timeout(EVIDENCE_TIMEOUT, self.screenshot(&png)).await {
            Ok(Ok(())) => {}
            Ok(Err(err)) => eprintln!("{}: no failure screenshot: {err}", self.name),
            Err(_) => eprintln!(
                "{}: no failure screenshot: the webview did not answer",
                self.name
            ),
        }
        if let Ok(Ok(source)) = tokio::time::timeout(EVIDENCE_TIMEOUT, self.client.source()).await {
            let _ = fs::write(self.scratch.path().join("failure.html"), source);
        }
        let _ = tokio::time::timeout(EVIDENCE_TIMEOUT, self.client.close()).await;
        self.scratch.keep()
    }

    /// Ends the session, which quits the app.
    pub async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }
}

/// Runs `body` against a freshly launched app, then ends the session; on failure prints where
/// the screenshot, page source and the app's data dir were kept.
pub async fn with_station(
    test_name: &str,
    body: impl AsyncFnOnce(&Station) -> Result<()>,
) -> Result<()> {
    with_station_env(test_name, &[], body).await
}

/// [`with_station`] with variables added to the app's environment.
pub async fn with_station_env(
    test_name: &str,
    extra_env: &[(&str, &str)],
    body: impl AsyncFnOnce(&Station) -> Result<()>,
) -> Result<()> {
    let station = Station::launch_with_env(test_name, extra_env).await?;
    match body(&station).await {
        Ok(()) => station.close().await,
        Err(err) => {
            let kept = station.keep_evidence().await;
            eprintln!(
                "{test_name} failed: {err}\n  screenshot, page source and data dir kept in {}",
                kept.display()
            );
            Err(err)
        }
    }
}
