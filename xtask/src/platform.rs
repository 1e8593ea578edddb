//! Which kind of system xtask runs on, and what to install by hand where it cannot install itself.

use std::fs;

/// The systems xtask knows how to help on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Platform {
    /// Debian, Ubuntu and their derivatives: xtask installs system packages with apt.
    Debian,
    Fedora,
    Arch,
    OtherLinux(String),
    MacOs,
    Windows,
    Other(String),
}

impl Platform {
    pub fn detect() -> Self {
        if cfg!(target_os = "macos") {
            Self::MacOs
        } else if cfg!(windows) {
            Self::Windows
        } else if cfg!(target_os = "linux") {
            let os_release = fs::read_to_string("/etc/os-release")
                .or_else(|_| fs::read_to_string("/usr/lib/os-release"))
                .unwrap_or_default();
            Self::from_os_release(&os_release)
        } else {
            Self::Other(std::env::consts::OS.to_owned())
        }
    }

    /// Classifies a Linux system from the contents of `/etc/os-release`.
    pub fn from_os_release(text: &str) -> Self {
        let field = |key: &str| {
            text.lines()
                .filter_map(|line| line.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().trim_matches('"').to_ascii_lowercase())
                .unwrap_or_default()
        };
        let id = field("ID");
        let family: Vec<String> = std::iter::once(id.clone())
            .chain(field("ID_LIKE").split_whitespace().map(str::to_owned))
            .collect();
        let is = |name: &str| family.iter().any(|f| f == name);
        if is("debian") || is("ubuntu") {
            Self::Debian
        } else if is("fedora") || is("rhel") {
            Self::Fedora
        } else if is("arch") {
            Self::Arch
        } else {
            Self::OtherLinux(if id.is_empty() { "linux".into() } else { id })
        }
    }

    pub fn is_linux(&self) -> bool {
        matches!(
            self,
            Self::Debian | Self::Fedora | Self::Arch | Self::OtherLinux(_)
        )
    }

    /// What to install by hand on systems where xtask does not run the package manager.
    pub fn manual_instructions(&self) -> String {
        const NODE: &str = "Node.js 20.19 or newer with npm (xtask falls back to a private copy from PyPI when python3 is present)";
        const RUST_AND_PYTHON: &str = "Rust (rustup, stable) and Python 3 with venv";
        match self {
            Self::Debian => "xtask installs missing packages itself with apt-get.".into(),
            Self::Fedora => format!(
                "Build and run:\n  sudo dnf install webkit2gtk4.1-devel openssl-devel curl wget file \\\n    libappindicator-gtk3-devel librsvg2-devel libxdo-devel pkgconf-pkg-config python3\n  sudo dnf group install \"c-development\"\n\
                 Full test suite, in addition:\n  sudo dnf install xorg-x11-server-Xvfb webkit2gtk4.1 chromium poppler-utils nss-tools \\\n    gnome-keyring dbus-daemon dbus-tools libsecret dbus-devel openssl\n\
                 Also: {NODE}; {RUST_AND_PYTHON}."
            ),
            Self::Arch => format!(
                "Build and run:\n  sudo pacman -S --needed webkit2gtk-4.1 base-devel curl wget file openssl \\\n    appmenu-gtk-module libappindicator-gtk3 librsvg xdotool python\n\
                 Full test suite, in addition:\n  sudo pacman -S --needed xorg-server-xvfb chromium poppler nss gnome-keyring dbus libsecret\n\
                 Also: {NODE}; {RUST_AND_PYTHON}."
            ),
            Self::OtherLinux(id) => format!(
                "On {id}, install the equivalents of Debian's packages listed above \
                 (WebKitGTK 4.1 development files, a C toolchain, libxdo, OpenSSL, \
                 Ayatana AppIndicator, librsvg, pkg-config; for the tests also Xvfb, \
                 WebKitWebDriver, Chromium, poppler-utils, NSS tools, gnome-keyring, dbus, libsecret).\n\
                 Also: {NODE}; {RUST_AND_PYTHON}."
            ),
            Self::MacOs => format!(
                "Build and run:\n  xcode-select --install\n\
                 Also: {NODE}; {RUST_AND_PYTHON}.\n\
                 The WebDriver and keyring test steps need Linux (Xvfb, WebKitWebDriver, gnome-keyring)."
            ),
            Self::Windows => format!(
                "Build and run: Microsoft C++ Build Tools (\"Desktop development with C++\") and \
                 the WebView2 runtime (preinstalled on Windows 10 1803+ and 11).\n\
                 Also: {NODE}; {RUST_AND_PYTHON}.\n\
                 The WebDriver and keyring test steps need Linux (Xvfb, WebKitWebDriver, gnome-keyring)."
            ),
            Self::Other(os) => {
                format!("{os} is not a system Tauri 2 supports; use Linux, macOS or Windows.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_debian_and_its_derivatives() {
        let debian =
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n";
        assert_eq!(Platform::from_os_release(debian), Platform::Debian);
        let mint = "ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n";
        assert_eq!(Platform::from_os_release(mint), Platform::Debian);
    }

    #[test]
    fn recognises_fedora_arch_and_others() {
        assert_eq!(Platform::from_os_release("ID=fedora\n"), Platform::Fedora);
        assert_eq!(
            Platform::from_os_release("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n"),
            Platform::Fedora
        );
        assert_eq!(Platform::from_os_release("ID=arch\n"), Platform::Arch);
        assert_eq!(
            Platform::from_os_release("ID=alpine\n"),
            Platform::OtherLinux("alpine".into())
        );
        assert_eq!(
            Platform::from_os_release(""),
            Platform::OtherLinux("linux".into())
        );
    }
}
