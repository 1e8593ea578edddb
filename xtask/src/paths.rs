//! Where things live: the clone, the git-ignored tool folder, the UI, the cargo target dir.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::shell;

/// Well-known locations of the clone xtask was built from.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
    /// `.tools/`: git-ignored downloads (pdfium, Python venv, Node.js when the system's is too old).
    pub tools: PathBuf,
    pub ui: PathBuf,
}

impl Paths {
    pub fn discover() -> Self {
        // xtask/ sits directly in the clone's root.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest.parent().unwrap_or(manifest).to_path_buf();
        Self {
            tools: root.join(".tools"),
            ui: root.join("ui"),
            root,
        }
    }

    /// The cargo target directory as cargo itself resolves it (`CARGO_TARGET_DIR`, config, default).
    pub fn target_dir(&self) -> Result<PathBuf> {
        let mut cmd = Command::new(cargo());
        cmd.args(["metadata", "--format-version", "1", "--no-deps"])
            .current_dir(&self.root);
        let out = shell::capture(&mut cmd)?;
        let json: serde_json::Value =
            serde_json::from_str(&out).map_err(|e| XtaskError::UnexpectedOutput {
                what: "cargo metadata".into(),
                detail: e.to_string(),
            })?;
        json.get("target_directory")
            .and_then(|v| v.as_str())
            .map(PathBuf::from)
            .ok_or_else(|| XtaskError::UnexpectedOutput {
                what: "cargo metadata".into(),
                detail: "no target_directory".into(),
            })
    }
}

/// The cargo that runs xtask, so that every step uses the same toolchain.
pub fn cargo() -> OsString {
    env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Finds a program on `PATH` the way a shell would.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .flat_map(|dir| executable_names(program).map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn executable_names(program: &str) -> impl Iterator<Item = String> {
    let exts: &[&str] = if cfg!(windows) {
        &[".exe", ".cmd", ""]
    } else {
        &[""]
    };
    let program = program.to_owned();
    exts.iter().map(move |ext| format!("{program}{ext}"))
}

/// `bin/` of a Python venv (`Scripts/` on Windows).
pub fn venv_bin(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts")
    } else {
        venv.join("bin")
    }
}
