//! tauri-driver: the WebDriver server that starts the real app through WebKitWebDriver.

use std::env;
use std::path::PathBuf;
use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::paths;
use crate::shell::{self, ToolEnv};

/// Pinned; 2.x drives WebKitWebDriver on Linux.
pub const VERSION: &str = "2.1.0";

/// Where `cargo install` puts binaries.
fn cargo_bin_dir() -> Option<PathBuf> {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin"))
}

/// The installed tauri-driver, if any.
pub fn find(env: &ToolEnv) -> Option<PathBuf> {
    env.which("tauri-driver").or_else(|| {
        cargo_bin_dir()
            .map(|dir| dir.join("tauri-driver"))
            .filter(|p| p.is_file())
    })
}

pub fn install_command() -> String {
    format!("cargo install tauri-driver --locked --version {VERSION}")
}

/// Finds tauri-driver or installs it with cargo (about a minute).
pub fn ensure(env: &ToolEnv) -> Result<PathBuf> {
    if let Some(found) = find(env) {
        return Ok(found);
    }
    shell::run(
        Command::new(paths::cargo())
            .args(["install", "tauri-driver", "--locked", "--version", VERSION])
            // A shared CARGO_TARGET_DIR would keep its build artifacts around for nothing.
            .env_remove("CARGO_TARGET_DIR"),
    )?;
    find(env).ok_or_else(|| {
        XtaskError::Missing(format!(
            "tauri-driver is still not found after `{}`: is cargo's bin folder on PATH?",
            install_command()
        ))
    })
}
