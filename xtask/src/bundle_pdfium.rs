//! The pdfium that goes inside an installer: the library for the package's target, taken
//! from the same pinned `pypdfium2` release as the development copy, with its licence
//! notices. Staged in `.tools/bundle-pdfium/`, where `packaging/<os>/pdfium.conf.json`
//! points the Tauri bundler.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::bundle_target::BundleTarget;
use crate::error::{IoContext, Result, XtaskError};
use crate::paths::Paths;
use crate::pdfium::PYPDFIUM2_VERSION;
use crate::shell;
use crate::wheel;

/// Where the bundle's pdfium is staged; the `pdfium.conf.json` files name this folder.
pub fn staging_dir(paths: &Paths) -> PathBuf {
    paths.tools.join("bundle-pdfium")
}

/// Member of the wheel that records which pdfium build it carries.
const VERSION_MEMBER: &str = "pypdfium2_raw/version.json";

/// Where a wheel member goes in the staging folder, if it is shipped.
fn placement(member: &str, library: &str, dest: &Path) -> Option<PathBuf> {
    if member == format!("pypdfium2_raw/{library}") {
        return Some(dest.join(library));
    }
    if member == VERSION_MEMBER {
        return Some(dest.join("version.json"));
    }
    let licenses = format!("pypdfium2-{PYPDFIUM2_VERSION}.dist-info/licenses/");
    member
        .strip_prefix(&licenses)
        .filter(|rest| !rest.is_empty())
        .map(|rest| dest.join("licenses").join(rest))
}

/// Downloads the target's wheel (cached per platform tag under `.tools/downloads/`).
fn download(python: &Path, paths: &Paths, target: &BundleTarget) -> Result<PathBuf> {
    let platform = target.wheel_platform();
    // One folder per platform: every platform's wheel shares the `pypdfium2-<version>-` prefix.
    let dir = paths.tools.join("downloads").join(platform);
    if let Some(wheel) = find_wheel(&dir)? {
        return Ok(wheel);
    }
    fs::create_dir_all(&dir).at(&dir)?;
    shell::run(
        Command::new(python)
            .args(["-m", "pip", "download", "--quiet", "--no-deps"])
            .args(["--only-binary=:all:", "--disable-pip-version-check"])
            .args(["--platform", platform])
            .arg("--dest")
            .arg(&dir)
            .arg(format!("pypdfium2=={PYPDFIUM2_VERSION}")),
    )?;
    find_wheel(&dir)?.ok_or_else(|| {
        XtaskError::Missing(format!(
            "pip saved no pypdfium2 {PYPDFIUM2_VERSION} wheel for {platform} in {}",
            dir.display()
        ))
    })
}

fn find_wheel(dir: &Path) -> Result<Option<PathBuf>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let prefix = format!("pypdfium2-{PYPDFIUM2_VERSION}-");
    let entries = fs::read_dir(dir).at(dir)?;
    Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".whl"))
    }))
}

/// The pdfium build a wheel's `version.json` names, e.g. `159.0.8149.0`.
fn pdfium_version(json: &str) -> Result<String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| XtaskError::UnexpectedOutput {
            what: VERSION_MEMBER.into(),
            detail: e.to_string(),
        })?;
    let part = |key: &str| value.get(key).and_then(serde_json::Value::as_u64);
    match (part("major"), part("minor"), part("build"), part("patch")) {
        (Some(major), Some(minor), Some(build), Some(patch)) => {
            Ok(format!("{major}.{minor}.{build}.{patch}"))
        }
        _ => Err(XtaskError::UnexpectedOutput {
            what: VERSION_MEMBER.into(),
            detail: "no major/minor/build/patch numbers".into(),
        }),
    }
}

/// The note shipped next to the licences: what the library is and where it came from.
fn source_note(library: &str, pdfium: &str, wheel_name: &str) -> String {
    format!(
        "The pdfium library shipped with One-Shot Station\n\
         \n\
         file:      {library}\n\
         PDFium:    {pdfium} (https://pdfium.googlesource.com/pdfium/)\n\
         taken from pypdfium2 {PYPDFIUM2_VERSION}, wheel {wheel_name}\n\
         \x20          (https://pypi.org/project/pypdfium2/{PYPDFIUM2_VERSION}/)\n\
         \n\
         BUILD_LICENSES/ holds the licences of PDFium and of every library compiled into\n\
         this build; LICENSES/ the licence texts they refer to.\n"
    )
}

/// Stages the target's pdfium and its notices; returns the staging folder.
pub fn stage(python: &Path, paths: &Paths, target: &BundleTarget) -> Result<PathBuf> {
    let wheel = download(python, paths, target)?;
    let dest = staging_dir(paths);
    // A previous run may have staged another target's library.
    if dest.exists() {
        fs::remove_dir_all(&dest).at(&dest)?;
    }
    let library = target.pdfium_library();
    wheel::extract(&wheel, |member| placement(member, library, &dest))?;
    if !dest.join(library).is_file() {
        return Err(XtaskError::Missing(format!(
            "{} holds no pypdfium2_raw/{library}",
            wheel.display()
        )));
    }
    let version_file = dest.join("version.json");
    let pdfium = pdfium_version(&fs::read_to_string(&version_file).at(&version_file)?)?;
    let wheel_name = wheel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let note = dest.join("licenses").join("SOURCE.txt");
    fs::write(&note, source_note(library, &pdfium, &wheel_name)).at(&note)?;
    println!(
        "staged pdfium {pdfium} ({library}, {}) in {}",
        target.wheel_platform(),
        dest.display()
    );
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_the_target_library_version_and_licences_only() {
        let dest = Path::new("/s");
        assert_eq!(
            placement("pypdfium2_raw/pdfium.dll", "pdfium.dll", dest),
            Some(dest.join("pdfium.dll"))
        );
        assert_eq!(
            placement("pypdfium2_raw/libpdfium.so", "pdfium.dll", dest),
            None
        );
        assert_eq!(
            placement(VERSION_MEMBER, "pdfium.dll", dest),
            Some(dest.join("version.json"))
        );
        let notice =
            format!("pypdfium2-{PYPDFIUM2_VERSION}.dist-info/licenses/BUILD_LICENSES/pdfium.txt");
        assert_eq!(
            placement(&notice, "pdfium.dll", dest),
            Some(dest.join("licenses/BUILD_LICENSES/pdfium.txt"))
        );
        assert_eq!(
            placement("pypdfium2_raw/bindings.py", "pdfium.dll", dest),
            None
        );
        let other_release = "pypdfium2-1.0.0.dist-info/licenses/LICENSES/Apache-2.0.txt";
        assert_eq!(placement(other_release, "pdfium.dll", dest), None);
    }

    #[test]
    fn reads_the_pdfium_build_from_version_json() {
        let json = r#"{"major": 159, "minor": 0, "build": 8149, "patch": 0, "origin": "x"}"#;
        assert_eq!(pdfium_version(json).unwrap(), "159.0.8149.0");
        assert!(pdfium_version(r#"{"major": 159}"#).is_err());
        assert!(pdfium_version("not json").is_err());
    }

    #[test]
    fn the_source_note_names_library_build_and_wheel() {
        let note = source_note("libpdfium.so", "159.0.8149.0", "pypdfium2-x.whl");
        assert!(note.contains("file:      libpdfium.so\n"), "{note}");
        assert!(note.contains("PDFium:    159.0.8149.0"), "{note}");
        assert!(note.contains(&format!(
            "pypdfium2 {PYPDFIUM2_VERSION}, wheel pypdfium2-x.whl"
        )));
        assert!(
            note.contains("           (https://pypi.org/project/pypdfium2/"),
            "{note}"
        );
    }
}
