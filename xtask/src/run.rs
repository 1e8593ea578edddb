//! `cargo xtask run`: install what is missing, build the UI, launch the station.

use std::env;
use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::node;
use crate::paths::{self, Paths};
use crate::prerequisites::{Need, Prepared};
use crate::shell;
use crate::system_packages::Purpose;

/// A Linux desktop app needs an X11 or Wayland display to open its window.
fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| env::var_os(var).is_some_and(|v| !v.is_empty()))
}

pub fn run(paths: &Paths) -> Result<()> {
    let mut prepared = Prepared::new();
    if prepared.platform.is_linux() && !has_display() {
        return Err(XtaskError::Missing(
            "no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the window cannot open.\n\
             Run it from a desktop session, or under a virtual display:\n  \
             Xvfb :99 & DISPLAY=:99 cargo xtask run"
                .into(),
        ));
    }
    prepared.ensure(
        paths,
        &[
            Need::System(Purpose::Build),
            Need::NodePackages,
            Need::Pdfium,
        ],
    )?;
    node::run_script(paths, &prepared.env, "build")?;
    let mut cmd = Command::new(paths::cargo());
    cmd.args(["run", "-p", "oneshot-station"])
        .current_dir(&paths.root);
    prepared.env.apply(&mut cmd);
    shell::run(&mut cmd)
}
