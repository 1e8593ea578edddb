//! `cargo xtask doctor`: what this machine has, what it lacks, and the exact commands to fix it.
//! It changes nothing.

use crate::error::{Result, XtaskError};
use crate::node::{self, MIN_NODE};
use crate::paths::{self, Paths};
use crate::pdfium;
use crate::platform::Platform;
use crate::python_tools;
use crate::shell::ToolEnv;
use crate::system_packages::{self, Purpose};
use crate::tauri_driver;

fn line(ok: bool, what: &str, detail: &str) {
    let mark = if ok { "ok     " } else { "MISSING" };
    println!("  {mark} {what:<28} {detail}");
}

pub fn doctor(paths: &Paths) -> Result<()> {
    let platform = Platform::detect();
    println!("system: {platform:?}\n");
    let mut blocking = Vec::new();

    println!("system packages (Debian names):");
    let missing = system_packages::missing_on(&platform, &Purpose::ALL);
    for package in system_packages::PACKAGES {
        let absent = missing.iter().any(|m| m.name == package.name);
        line(!absent, package.name, &format!("{:?}", package.purpose));
    }
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|p| p.name).collect();
        if platform == Platform::Debian {
            println!(
                "  -> cargo xtask run/test installs them, or by hand:\n     sudo apt-get update && {}",
                system_packages::apt_install_line(&names)
            );
        } else {
            println!("  -> install by hand:\n{}", platform.manual_instructions());
            blocking.push("system packages");
        }
    }

    println!("\ntools:");
    line(
        paths::which("cargo").is_some(),
        "cargo",
        "Rust toolchain (rustup)",
    );
    match node::system_node() {
        Some((path, v)) if v >= MIN_NODE => {
            line(
                true,
                "node",
                &format!("{}.{}.{} at {}", v.0, v.1, v.2, path.display()),
            );
        }
        other => {
            let found = other
                .map(|(_, v)| format!("{}.{}.{} is too old", v.0, v.1, v.2))
                .unwrap_or_else(|| "not on PATH".into());
            line(
                false,
                "node",
                &format!(
                    "{found}; need >= {}.{} (cargo xtask run/test unpack a private copy into .tools/node)",
                    MIN_NODE.0, MIN_NODE.1
                ),
            );
        }
    }
    let python = if cfg!(windows) { "python" } else { "python3" };
    let has_python = paths::which(python).is_some();
    line(has_python, python, "for .tools/venv (pip, pyHanko)");
    if !has_python {
        blocking.push("python3");
    }
    let driver = tauri_driver::find(&ToolEnv::default());
    line(
        driver.is_some(),
        "tauri-driver",
        &driver.map_or_else(
            || {
                format!(
                    "cargo xtask test installs it: {}",
                    tauri_driver::install_command()
                )
            },
            |p| p.display().to_string(),
        ),
    );

    println!("\nprovisioned by xtask into {}:", paths.tools.display());
    let pdfium_lib = std::env::var_os("PDFIUM_LIB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| pdfium::dir(paths).join(pdfium::library_name()));
    line(
        pdfium_lib.is_file(),
        "pdfium",
        &format!(
            "{} (pypdfium2 {}; PDFIUM_LIB overrides)",
            pdfium_lib.display(),
            pdfium::PYPDFIUM2_VERSION
        ),
    );
    let venv = python_tools::venv_dir(paths);
    line(
        paths::venv_bin(&venv).join("pyhanko").is_file(),
        "pyHanko venv",
        &format!(
            "{} ({})",
            venv.display(),
            python_tools::SIGNATURE_TOOLS.join(" ")
        ),
    );
    line(
        paths.ui.join("node_modules").is_dir(),
        "ui/node_modules",
        "npm ci (from ui/package-lock.json)",
    );

    if blocking.is_empty() {
        println!("\nnothing blocks `cargo xtask run` / `cargo xtask test`: they install the rest.");
        Ok(())
    } else {
        Err(XtaskError::Missing(format!(
            "install by hand first: {}",
            blocking.join(", ")
        )))
    }
}
