//! Binaries shipped inside PyPI wheels (pdfium, and Node.js as a fallback): download one wheel
//! for this platform with pip and unpack the files we want from it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{IoContext, Result, XtaskError};
use crate::shell;

/// Downloads `name==version` as a binary wheel for this platform into `dir`, returns its path.
pub fn download(python: &Path, name: &str, version: &str, dir: &Path) -> Result<PathBuf> {
    fs::create_dir_all(dir).at(dir)?;
    let requirement = format!("{name}=={version}");
    shell::run(
        Command::new(python)
            .args(["-m", "pip", "download", "--quiet", "--no-deps"])
            .args(["--only-binary=:all:", "--disable-pip-version-check"])
            .arg("--dest")
            .arg(dir)
            .arg(&requirement),
    )?;
    // Wheel file names use underscores for dashes in the project name.
    let prefix = format!("{}-{version}-", name.replace('-', "_"));
    let entries = fs::read_dir(dir).at(dir)?;
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".whl"))
        })
        .ok_or_else(|| XtaskError::Missing(format!("pip saved no wheel for {requirement}")))
}

/// Unpacks the members for which `place` names a destination; returns how many it wrote.
/// Unix permission bits stored in the wheel are kept, so executables stay executable.
pub fn extract(wheel: &Path, place: impl Fn(&str) -> Option<PathBuf>) -> Result<usize> {
    let zip_err = |source| XtaskError::Zip {
        path: wheel.to_path_buf(),
        source,
    };
    let file = File::open(wheel).at(wheel)?;
    let mut archive = zip::ZipArchive::new(file).map_err(zip_err)?;
    let mut written = 0;
    for index in 0..archive.len() {
        let mut member = archive.by_index(index).map_err(zip_err)?;
        if member.is_dir() {
            continue;
        }
        // Refuse names that would escape the destination.
        let Some(name) = member.enclosed_name() else {
            continue;
        };
        let Some(dest) = name.to_str().and_then(&place) else {
            continue;
        };
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).at(parent)?;
        }
        let mut out = File::create(&dest).at(&dest)?;
        io::copy(&mut member, &mut out).at(&dest)?;
        #[cfg(unix)]
        if let Some(mode) = member.unix_mode() {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&dest, fs::Permissions::from_mode(mode & 0o777)).at(&dest)?;
        }
        written += 1;
    }
    Ok(written)
}
