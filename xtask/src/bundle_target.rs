//! Which system an installable package is for: its Rust target, the installer formats it
//! gets, and the `pypdfium2` wheel whose pdfium goes inside.

use std::fmt;

use crate::error::{Result, XtaskError};

/// The desktop systems the station ships installers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Linux,
    Windows,
    Mac,
}

impl fmt::Display for Os {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Os::Linux => "Linux",
            Os::Windows => "Windows",
            Os::Mac => "macOS",
        })
    }
}

impl Os {
    /// The folder under `packaging/` that holds this system's bundle files.
    pub fn packaging_dir(self) -> &'static str {
        match self {
            Os::Linux => "linux",
            Os::Windows => "windows",
            Os::Mac => "macos",
        }
    }

    /// The installer formats built when none are asked for. The AppImage is left out on
    /// Linux: its bundler downloads linuxdeploy from GitHub, outside the package registries.
    pub fn default_formats(self) -> &'static [Format] {
        match self {
            Os::Linux => &[Format::Deb, Format::Rpm],
            Os::Windows => &[Format::Msi],
            Os::Mac => &[Format::App, Format::Dmg],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Aarch64,
}

/// An installer format of the Tauri bundler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Deb,
    Rpm,
    Appimage,
    Msi,
    Nsis,
    App,
    Dmg,
}

impl Format {
    /// The name `tauri build --bundles` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Deb => "deb",
            Format::Rpm => "rpm",
            Format::Appimage => "appimage",
            Format::Msi => "msi",
            Format::Nsis => "nsis",
            Format::App => "app",
            Format::Dmg => "dmg",
        }
    }

    pub fn os(self) -> Os {
        match self {
            Format::Deb | Format::Rpm | Format::Appimage => Os::Linux,
            Format::Msi | Format::Nsis => Os::Windows,
            Format::App | Format::Dmg => Os::Mac,
        }
    }

    /// Where under `<target>/release/bundle/` the bundler writes this format, and the
    /// ending of what it writes there (a `.app` is a folder).
    pub fn output(self) -> (&'static str, &'static str) {
        match self {
            Format::Deb => ("deb", ".deb"),
            Format::Rpm => ("rpm", ".rpm"),
            Format::Appimage => ("appimage", ".AppImage"),
            Format::Msi => ("msi", ".msi"),
            Format::Nsis => ("nsis", "-setup.exe"),
            Format::App => ("macos", ".app"),
            Format::Dmg => ("dmg", ".dmg"),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` honours widths such as `{:<9}` in the summary table.
        f.pad(self.as_str())
    }
}

/// The system and processor a package is built for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleTarget {
    pub os: Os,
    pub arch: Arch,
    /// The Rust target triple, when one was asked for (cargo then builds into
    /// `<target dir>/<triple>/`); `None` builds for this machine.
    pub triple: Option<String>,
}

impl BundleTarget {
    /// This machine.
    pub fn host() -> Result<Self> {
        let os = if cfg!(target_os = "linux") {
            Os::Linux
        } else if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::Mac
        } else {
            return Err(XtaskError::Missing(format!(
                "no installer format for {}; build packages on Linux, Windows or macOS",
                std::env::consts::OS
            )));
        };
        let arch = match std::env::consts::ARCH {
            "x86_64" => Arch::X86_64,
            "aarch64" => Arch::Aarch64,
            other => {
                return Err(XtaskError::Missing(format!(
                    "pdfium is shipped for x86_64 and aarch64 only, not {other}"
                )));
            }
        };
        Ok(Self {
            os,
            arch,
            triple: None,
        })
    }

    /// Parses a Rust target triple such as `aarch64-apple-darwin`.
    pub fn from_triple(triple: &str) -> Result<Self> {
        let unsupported = |why: &str| {
            XtaskError::Missing(format!(
                "cannot bundle for `{triple}`: {why} (supported: x86_64 or aarch64 of \
                 unknown-linux-gnu, pc-windows-msvc, apple-darwin)"
            ))
        };
        let mut parts = triple.splitn(2, '-');
        let arch = match parts.next() {
            Some("x86_64") => Arch::X86_64,
            Some("aarch64") => Arch::Aarch64,
            _ => return Err(unsupported("no pdfium build for this processor")),
        };
        let rest = parts.next().unwrap_or_default();
        let os = match rest {
            "unknown-linux-gnu" => Os::Linux,
            "pc-windows-msvc" => Os::Windows,
            "apple-darwin" => Os::Mac,
            _ => return Err(unsupported("not a desktop system Tauri bundles for")),
        };
        Ok(Self {
            os,
            arch,
            triple: Some(triple.to_owned()),
        })
    }

    /// The wheel platform tag `pip download --platform` takes for this target. pip also
    /// accepts older compatible tags, so these find the `manylinux_2_17` and `macosx_13_0`
    /// wheels `pypdfium2` publishes.
    pub fn wheel_platform(&self) -> &'static str {
        match (self.os, self.arch) {
            (Os::Linux, Arch::X86_64) => "manylinux_2_17_x86_64",
            (Os::Linux, Arch::Aarch64) => "manylinux_2_17_aarch64",
            (Os::Windows, Arch::X86_64) => "win_amd64",
            (Os::Windows, Arch::Aarch64) => "win_arm64",
            (Os::Mac, Arch::X86_64) => "macosx_13_0_x86_64",
            (Os::Mac, Arch::Aarch64) => "macosx_13_0_arm64",
        }
    }

    /// The pdfium library's file name on this target.
    pub fn pdfium_library(&self) -> &'static str {
        match self.os {
            Os::Linux => "libpdfium.so",
            Os::Windows => "pdfium.dll",
            Os::Mac => "libpdfium.dylib",
        }
    }

    /// Checks that every format can be built for this target.
    pub fn check_formats(&self, formats: &[Format]) -> Result<()> {
        match formats.iter().find(|f| f.os() != self.os) {
            Some(wrong) => {
                let valid: Vec<Format> = <Format as clap::ValueEnum>::value_variants()
                    .iter()
                    .copied()
                    .filter(|f| f.os() == self.os)
                    .collect();
                Err(XtaskError::Missing(format!(
                    "a {wrong} package is not built for {}; its formats: {}",
                    self.os,
                    format_list(&valid)
                )))
            }
            None => Ok(()),
        }
    }
}

/// `deb,rpm`: formats as `tauri build --bundles` takes them.
pub fn format_list(formats: &[Format]) -> String {
    formats
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_desktop_triples() {
        let mac = BundleTarget::from_triple("aarch64-apple-darwin").unwrap();
        assert_eq!((mac.os, mac.arch), (Os::Mac, Arch::Aarch64));
        assert_eq!(mac.triple.as_deref(), Some("aarch64-apple-darwin"));
        assert_eq!(mac.wheel_platform(), "macosx_13_0_arm64");
        assert_eq!(mac.pdfium_library(), "libpdfium.dylib");

        let windows = BundleTarget::from_triple("x86_64-pc-windows-msvc").unwrap();
        assert_eq!(windows.wheel_platform(), "win_amd64");
        assert_eq!(windows.pdfium_library(), "pdfium.dll");

        let linux = BundleTarget::from_triple("x86_64-unknown-linux-gnu").unwrap();
        assert_eq!(linux.wheel_platform(), "manylinux_2_17_x86_64");
        assert_eq!(linux.os.packaging_dir(), "linux");
    }

    #[test]
    fn refuses_targets_without_pdfium_or_bundler() {
        for triple in [
            "i686-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
            "x86_64-pc-windows-gnu",
            "wasm32-unknown-unknown",
            "",
        ] {
            assert!(BundleTarget::from_triple(triple).is_err(), "{triple}");
        }
    }

    #[test]
    fn formats_must_match_the_target_system() {
        let linux = BundleTarget::from_triple("x86_64-unknown-linux-gnu").unwrap();
        assert!(linux.check_formats(&[Format::Deb, Format::Rpm]).is_ok());
        let err = linux
            .check_formats(&[Format::Deb, Format::Msi])
            .unwrap_err();
        assert!(
            err.to_string()
                .ends_with("a msi package is not built for Linux; its formats: deb,rpm,appimage"),
            "{err}"
        );
        for os in [Os::Linux, Os::Windows, Os::Mac] {
            assert!(os.default_formats().iter().all(|f| f.os() == os));
        }
        assert!(!Os::Linux.default_formats().contains(&Format::Appimage));
    }

    #[test]
    fn format_names_match_the_bundler() {
        assert_eq!(format_list(&[Format::Deb, Format::Rpm]), "deb,rpm");
        assert_eq!(Format::App.output(), ("macos", ".app"));
        assert_eq!(Format::Appimage.to_string(), "appimage");
        assert_eq!(format!("{:<5}|", Format::Deb), "deb  |");
    }
}
