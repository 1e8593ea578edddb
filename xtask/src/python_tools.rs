//! A private Python venv in `.tools/venv`: pip for downloading wheels, and pyHanko for the
//! tests that validate signed PDFs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::{Paths, venv_bin};
use crate::shell::{self, ToolEnv};

/// Pinned so that every machine validates signatures with the same pyHanko.
pub const SIGNATURE_TOOLS: &[&str] = &[
    "pyhanko==0.38.0",
    "pyhanko-certvalidator==0.33.0",
    "pyhanko-cli==0.6.0",
];

/// Records which requirements the venv holds, so a changed pin reinstalls.
const STAMP: &str = "oneshot-requirements.txt";

pub fn venv_dir(paths: &Paths) -> PathBuf {
    paths.tools.join("venv")
}

fn venv_python(venv: &Path) -> PathBuf {
    venv_bin(venv).join(if cfg!(windows) {
        "python.exe"
    } else {
        "python"
    })
}

/// Creates the venv when it is missing and returns its Python.
pub fn ensure_venv(paths: &Paths) -> Result<PathBuf> {
    let venv = venv_dir(paths);
    let python = venv_python(&venv);
    if python.is_file() && shell::succeeds(Command::new(&python).args(["-m", "pip", "--version"])) {
        return Ok(python);
    }
    let system_python = if cfg!(windows) { "python" } else { "python3" };
    fs::create_dir_all(&paths.tools).at(&paths.tools)?;
    shell::run(Command::new(system_python).args(["-m", "venv"]).arg(&venv)).map_err(|err| {
        XtaskError::Missing(format!(
            "could not create a Python venv ({err}); install Python 3 with venv \
             (Debian: apt-get install python3-venv)"
        ))
    })?;
    Ok(python)
}

/// Installs pyHanko (pinned) into the venv and puts the venv's `bin/` first on `PATH`.
pub fn ensure_signature_tools(paths: &Paths, env: &mut ToolEnv) -> Result<()> {
    let python = ensure_venv(paths)?;
    let venv = venv_dir(paths);
    let stamp = venv.join(STAMP);
    let wanted = SIGNATURE_TOOLS.join("\n");
    let installed = fs::read_to_string(&stamp).unwrap_or_default();
    if installed.trim() != wanted {
        shell::run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(SIGNATURE_TOOLS),
        )?;
        fs::write(&stamp, &wanted).at(&stamp)?;
    }
    env.prepend_path(venv_bin(&venv));
    Ok(())
}
