//! The system packages the project needs (the one list), and installing the missing ones with apt.

use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::platform::Platform;
use crate::shell;

/// Why a package is needed; steps ask only for the groups they use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Purpose {
    /// Compiling and running the Tauri app.
    Build,
    /// `python3 -m venv` for the Python tools and the pip download of pdfium.
    Python,
    /// The real app under Xvfb through tauri-driver.
    WebDriver,
    /// Playwright UI tests.
    Browser,
    /// Validating signed PDFs (pdfsig and its NSS trust database) and CMS (openssl).
    SignatureTools,
    /// Keyring tests against a real Secret Service.
    Keyring,
    /// Reference tools `cargo xtask bench` compares against (besides poppler and openssl).
    Benchmark,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::Build,
        Purpose::Python,
        Purpose::WebDriver,
        Purpose::Browser,
        Purpose::SignatureTools,
        Purpose::Keyring,
        Purpose::Benchmark,
    ];
}

/// How to tell on a non-Debian system whether a package's equivalent is there.
#[derive(Debug, Clone, Copy)]
pub enum Probe {
    Program(&'static str),
    PkgConfig(&'static str),
    /// Only dpkg can tell (a header-only or build-only package).
    DpkgOnly,
}

#[derive(Debug, Clone, Copy)]
pub struct SystemPackage {
    /// Debian's package name.
    pub name: &'static str,
    pub purpose: Purpose,
    pub probe: Probe,
}

const fn pkg(name: &'static str, purpose: Purpose, probe: Probe) -> SystemPackage {
    SystemPackage {
        name,
        purpose,
        probe,
    }
}

/// Every Debian package the project needs, in one place.
pub const PACKAGES: &[SystemPackage] = &[
    pkg(
        "libwebkit2gtk-4.1-dev",
        Purpose::Build,
        Probe::PkgConfig("webkit2gtk-4.1"),
    ),
    pkg("build-essential", Purpose::Build, Probe::Program("cc")),
    pkg("libxdo-dev", Purpose::Build, Probe::DpkgOnly),
    pkg("libssl-dev", Purpose::Build, Probe::PkgConfig("openssl")),
    pkg(
        "libayatana-appindicator3-dev",
        Purpose::Build,
        Probe::DpkgOnly,
    ),
    pkg(
        "librsvg2-dev",
        Purpose::Build,
        Probe::PkgConfig("librsvg-2.0"),
    ),
    pkg("pkg-config", Purpose::Build, Probe::Program("pkg-config")),
    pkg("python3-venv", Purpose::Python, Probe::Program("python3")),
    pkg("xvfb", Purpose::WebDriver, Probe::Program("Xvfb")),
    pkg(
        "webkit2gtk-driver",
        Purpose::WebDriver,
        Probe::Program("WebKitWebDriver"),
    ),
    pkg("chromium", Purpose::Browser, Probe::Program("chromium")),
    pkg(
        "poppler-utils",
        Purpose::SignatureTools,
        Probe::Program("pdfsig"),
    ),
    pkg(
        "libnss3-tools",
        Purpose::SignatureTools,
        Probe::Program("certutil"),
    ),
    pkg(
        "openssl",
        Purpose::SignatureTools,
        Probe::Program("openssl"),
    ),
    pkg(
        "gnome-keyring",
        Purpose::Keyring,
        Probe::Program("gnome-keyring-daemon"),
    ),
    pkg("dbus", Purpose::Keyring, Probe::Program("dbus-daemon")),
    pkg("dbus-x11", Purpose::Keyring, Probe::Program("dbus-launch")),
    pkg(
        "libsecret-tools",
        Purpose::Keyring,
        Probe::Program("secret-tool"),
    ),
    pkg(
        "libdbus-1-dev",
        Purpose::Keyring,
        Probe::PkgConfig("dbus-1"),
    ),
    pkg(
        "libvips-tools",
        Purpose::Benchmark,
        Probe::Program("vipsthumbnail"),
    ),
];

/// The packages needed for these purposes, in list order, without repeats.
pub fn packages_for(purposes: &[Purpose]) -> Vec<&'static SystemPackage> {
    PACKAGES
        .iter()
        .filter(|p| purposes.contains(&p.purpose))
        .collect()
}

/// True when a `dpkg-query -W -f='${Status}'` answer says the package is installed.
pub fn dpkg_says_installed(status: &str) -> bool {
    // "want flag status", e.g. "install ok installed" or "hold ok installed"; a removed
    // package keeps "deinstall ok config-files".
    status.split_whitespace().nth(2) == Some("installed")
}

/// The packages whose status (from `status_of`) is not "installed".
pub fn missing<'p>(
    packages: &[&'p SystemPackage],
    status_of: impl Fn(&str) -> Option<String>,
) -> Vec<&'p SystemPackage> {
    packages
        .iter()
        .copied()
        .filter(|p| !status_of(p.name).is_some_and(|s| dpkg_says_installed(&s)))
        .collect()
}

fn dpkg_status(name: &str) -> Option<String> {
    shell::capture(Command::new("dpkg-query").args(["-W", "-f=${Status}", name])).ok()
}

fn probe_present(probe: Probe) -> bool {
    match probe {
        Probe::Program(program) => crate::paths::which(program).is_some(),
        Probe::PkgConfig(module) => {
            shell::succeeds(Command::new("pkg-config").args(["--exists", module]))
        }
        // Without dpkg there is no way to tell; the build will say if it is missing.
        Probe::DpkgOnly => true,
    }
}

/// The packages for these purposes that this machine lacks.
pub fn missing_on(platform: &Platform, purposes: &[Purpose]) -> Vec<&'static SystemPackage> {
    let wanted = packages_for(purposes);
    if *platform == Platform::Debian {
        missing(&wanted, dpkg_status)
    } else {
        wanted
            .into_iter()
            .filter(|p| !probe_present(p.probe))
            .collect()
    }
}

fn is_root() -> bool {
    shell::capture(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// `apt-get` as root, or through `sudo -n` (never prompting) otherwise.
fn apt_get(args: &[&str]) -> Command {
    let mut cmd = if is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", "apt-get"]);
        sudo
    };
    cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    cmd
}

/// The exact command that installs these packages on Debian.
pub fn apt_install_line(names: &[&str]) -> String {
    format!(
        "sudo apt-get install -y --no-install-recommends {}",
        names.join(" ")
    )
}

/// Makes sure the packages for these purposes are installed: with apt on Debian, or by
/// failing with exact instructions elsewhere.
pub fn ensure(platform: &Platform, purposes: &[Purpose]) -> Result<()> {
    let missing = missing_on(platform, purposes);
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|p| p.name).collect();
    if *platform != Platform::Debian {
        return Err(XtaskError::Missing(format!(
            "missing system requirements (Debian names: {}).\n{}",
            names.join(", "),
            platform.manual_instructions()
        )));
    }
    println!("installing missing system packages: {}", names.join(" "));
    let installed = shell::run(&mut apt_get(&["update", "-q"])).and_then(|()| {
        let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
        args.extend(&names);
        shell::run(&mut apt_get(&args))
    });
    installed.map_err(|err| {
        XtaskError::Missing(format!(
            "could not install system packages ({err}); run:\n  sudo apt-get update && {}",
            apt_install_line(&names)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_installed_status_counts_as_present() {
        assert!(dpkg_says_installed("install ok installed"));
        assert!(dpkg_says_installed("hold ok installed"));
        assert!(!dpkg_says_installed("deinstall ok config-files"));
        assert!(!dpkg_says_installed("install ok half-configured"));
        assert!(!dpkg_says_installed(""));
    }

    #[test]
    fn missing_lists_absent_and_removed_packages_in_order() {
        let wanted = packages_for(&[Purpose::WebDriver, Purpose::Keyring]);
        let missing = missing(&wanted, |name| match name {
            "xvfb" | "dbus" => Some("install ok installed".into()),
            "gnome-keyring" => Some("deinstall ok config-files".into()),
            _ => None,
        });
        let names: Vec<_> = missing.iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            [
                "webkit2gtk-driver",
                "gnome-keyring",
                "dbus-x11",
                "libsecret-tools",
                "libdbus-1-dev"
            ]
        );
    }

    #[test]
    fn every_purpose_has_packages_and_names_are_unique() {
        for purpose in Purpose::ALL {
            assert!(!packages_for(&[purpose]).is_empty(), "{purpose:?}");
        }
        let mut names: Vec<_> = PACKAGES.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PACKAGES.len());
    }

    #[test]
    fn install_line_is_copy_pasteable() {
        assert_eq!(
            apt_install_line(&["xvfb", "chromium"]),
            "sudo apt-get install -y --no-install-recommends xvfb chromium"
        );
    }
}
