//! `cargo xtask bundle`: installable packages for officers' machines, built by the Tauri
//! bundler (the npm `@tauri-apps/cli` of ui/) with pdfium and its notices inside; with
//! `--test`, the `.deb` is then installed, started and removed by
//! `tests/packaging/deb_install.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use clap::Args;

use crate::bundle_outputs::{self, Package};
use crate::bundle_pdfium;
use crate::bundle_target::{self, BundleTarget, Format};
use crate::error::{Result, XtaskError};
use crate::node;
use crate::paths::Paths;
use crate::prerequisites::{Need, Prepared};
use crate::python_tools;
use crate::shell;
use crate::system_packages::Purpose;

/// The install test of the `.deb`, relative to the clone.
pub const DEB_INSTALL_TEST: &str = "tests/packaging/deb_install.sh";

#[derive(Debug, Args)]
pub struct BundleArgs {
    /// Installer formats (comma-separated); default: deb,rpm on Linux, msi on Windows,
    /// app,dmg on macOS.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub bundles: Vec<Format>,
    /// Rust target triple to build for (e.g. `x86_64-apple-darwin` on an Apple silicon Mac);
    /// default: this machine.
    #[arg(long)]
    pub target: Option<String>,
    /// Afterwards install the `.deb` on this machine, start it under Xvfb, screenshot it
    /// and remove it again (`tests/packaging/deb_install.sh`, through sudo unless root).
    #[arg(long)]
    pub test: bool,
}

/// The Tauri command-line tool that `npm ci` installed in ui/.
fn tauri_cli(paths: &Paths) -> Result<PathBuf> {
    let name = if cfg!(windows) { "tauri.cmd" } else { "tauri" };
    let cli = paths.ui.join("node_modules/.bin").join(name);
    if cli.is_file() {
        Ok(cli)
    } else {
        Err(XtaskError::Missing(format!(
            "{} not found: @tauri-apps/cli is a devDependency of ui/ (npm ci installs it)",
            cli.display()
        )))
    }
}

/// Where the bundler writes its packages for this target.
fn bundle_dir(target_dir: &Path, target: &BundleTarget) -> PathBuf {
    let mut dir = target_dir.to_path_buf();
    if let Some(triple) = &target.triple {
        dir.push(triple);
    }
    dir.join("release").join("bundle")
}

/// The `tauri build` arguments for these formats, run from src-tauri/.
fn tauri_build_args(target: &BundleTarget, formats: &[Format]) -> Vec<String> {
    let pdfium_config = format!(
        "../packaging/{}/pdfium.conf.json",
        target.os.packaging_dir()
    );
    let mut args = vec![
        "build".to_owned(),
        "--ci".to_owned(),
        "--bundles".to_owned(),
        bundle_target::format_list(formats),
        "--config".to_owned(),
        pdfium_config,
    ];
    if let Some(triple) = &target.triple {
        args.extend(["--target".to_owned(), triple.clone()]);
    }
    args
}

pub fn bundle(paths: &Paths, args: &BundleArgs) -> Result<()> {
    let host = BundleTarget::host()?;
    let target = match &args.target {
        Some(triple) => BundleTarget::from_triple(triple)?,
        None => host.clone(),
    };
    if target.os != host.os {
        return Err(XtaskError::Missing(format!(
            "packages for {} are built on {} itself (the bundler needs that system's tools)",
            target.os, target.os
        )));
    }
    let formats = if args.bundles.is_empty() {
        target.os.default_formats().to_vec()
    } else {
        args.bundles.clone()
    };
    target.check_formats(&formats)?;
    if args.test && !formats.contains(&Format::Deb) {
        return Err(XtaskError::Missing(
            "--test installs the .deb: include deb in --bundles".into(),
        ));
    }

    let mut prepared = Prepared::new();
    let mut needs = vec![Need::NodePackages];
    if prepared.platform.is_linux() {
        needs.extend([Need::System(Purpose::Build), Need::System(Purpose::Python)]);
    }
    prepared.ensure(paths, &needs)?;
    // Always rebuild the UI: a package must never carry a stale ui/dist.
    node::run_script(paths, &prepared.env, "build")?;
    let python = python_tools::ensure_venv(paths)?;
    bundle_pdfium::stage(&python, paths, &target)?;

    let started = SystemTime::now();
    let mut cmd = Command::new(tauri_cli(paths)?);
    cmd.args(tauri_build_args(&target, &formats))
        .current_dir(paths.root.join("src-tauri"));
    prepared.env.apply(&mut cmd);
    shell::run(&mut cmd)?;

    let packages = bundle_outputs::find(
        &bundle_dir(&paths.target_dir()?, &target),
        &formats,
        started,
    )?;
    println!("\npackages:");
    for package in &packages {
        println!(
            "  {:<9} {:>10}  {}",
            package.format,
            bundle_outputs::human_size(package.bytes),
            package.path.display()
        );
    }
    if let Some(missing) = formats
        .iter()
        .find(|f| !packages.iter().any(|p| p.format == **f))
    {
        return Err(XtaskError::Missing(format!(
            "the bundler wrote no {missing} package"
        )));
    }
    if args.test {
        install_test(paths, &packages)?;
    }
    Ok(())
}

fn install_test(paths: &Paths, packages: &[Package]) -> Result<()> {
    let deb = packages
        .iter()
        .find(|p| p.format == Format::Deb)
        .ok_or_else(|| XtaskError::Missing("no .deb to test".into()))?;
    // dpkg needs root; sudo may ask for the password on this terminal.
    let as_root = shell::capture(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0");
    let mut cmd = if as_root {
        Command::new("bash")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("bash");
        sudo
    };
    cmd.arg(paths.root.join(DEB_INSTALL_TEST))
        .arg(&deb.path)
        .current_dir(&paths.root);
    shell::run(&mut cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_formats_pdfium_config_and_target_to_tauri() {
        let host = BundleTarget::from_triple("x86_64-unknown-linux-gnu").unwrap();
        let host = BundleTarget {
            triple: None,
            ..host
        };
        assert_eq!(
            tauri_build_args(&host, &[Format::Deb, Format::Rpm]),
            [
                "build",
                "--ci",
                "--bundles",
                "deb,rpm",
                "--config",
                "../packaging/linux/pdfium.conf.json"
            ]
        );
        let intel_mac = BundleTarget::from_triple("x86_64-apple-darwin").unwrap();
        let args = tauri_build_args(&intel_mac, &[Format::Dmg]);
        assert!(args.ends_with(&["--target".to_owned(), "x86_64-apple-darwin".to_owned()]));
        assert!(args.contains(&"../packaging/macos/pdfium.conf.json".to_owned()));
    }

    #[test]
    fn a_target_triple_builds_into_its_own_folder() {
        let target_dir = Path::new("/t");
        let host = BundleTarget {
            triple: None,
            ..BundleTarget::from_triple("x86_64-unknown-linux-gnu").unwrap()
        };
        assert_eq!(
            bundle_dir(target_dir, &host),
            Path::new("/t/release/bundle")
        );
        let mac = BundleTarget::from_triple("aarch64-apple-darwin").unwrap();
        assert_eq!(
            bundle_dir(target_dir, &mac),
            Path::new("/t/aarch64-apple-darwin/release/bundle")
        );
    }
}
