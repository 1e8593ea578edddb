//! The packages a bundler run produced: found by format and age in the bundle folder, with
//! their sizes for the closing summary.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::bundle_target::Format;
use crate::error::{IoContext, Result};

/// One package the bundler wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub format: Format,
    pub path: PathBuf,
    pub bytes: u64,
}

/// Of `entries` (name, modified) in a format's folder, those with the format's ending that
/// were written at or after `since`: older files are earlier versions' packages.
pub fn fresh_names(
    format: Format,
    entries: &[(String, SystemTime)],
    since: SystemTime,
) -> Vec<String> {
    let (_, ending) = format.output();
    let mut names: Vec<String> = entries
        .iter()
        .filter(|(name, modified)| name.ends_with(ending) && *modified >= since)
        .map(|(name, _)| name.clone())
        .collect();
    names.sort();
    names
}

/// Bytes in a file, or in everything under a folder (a macOS `.app`).
fn size_of(path: &Path) -> Result<u64> {
    let meta = fs::symlink_metadata(path).at(path)?;
    if !meta.is_dir() {
        return Ok(meta.len());
    }
    let mut total = 0;
    for entry in fs::read_dir(path).at(path)? {
        total += size_of(&entry.at(path)?.path())?;
    }
    Ok(total)
}

/// The packages of these formats that the bundler wrote into `bundle_dir` since `since`.
pub fn find(bundle_dir: &Path, formats: &[Format], since: SystemTime) -> Result<Vec<Package>> {
    let mut packages = Vec::new();
    for &format in formats {
        let dir = bundle_dir.join(format.output().0);
        if !dir.is_dir() {
            continue;
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(&dir).at(&dir)? {
            let entry = entry.at(&dir)?;
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .at(entry.path())?;
            entries.push((entry.file_name().to_string_lossy().into_owned(), modified));
        }
        for name in fresh_names(format, &entries, since) {
            let path = dir.join(name);
            let bytes = size_of(&path)?;
            packages.push(Package {
                format,
                path,
                bytes,
            });
        }
    }
    Ok(packages)
}

/// `12.3 MB`: sizes as a person reads them.
pub fn human_size(bytes: u64) -> String {
    const MB: f64 = 1_000_000.0;
    if bytes >= 100_000 {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn keeps_this_run_s_packages_of_the_format() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let before = t0 - Duration::from_secs(60);
        let after = t0 + Duration::from_secs(5);
        let entries = vec![
            ("oneshot-station_0.1.0_amd64.deb".to_owned(), after),
            ("oneshot-station_0.0.9_amd64.deb".to_owned(), before),
            ("oneshot-station_0.1.0_amd64".to_owned(), after),
            ("oneshot-station_0.1.0-1.x86_64.rpm".to_owned(), after),
        ];
        assert_eq!(
            fresh_names(Format::Deb, &entries, t0),
            ["oneshot-station_0.1.0_amd64.deb"]
        );
        assert_eq!(
            fresh_names(Format::Rpm, &entries, t0),
            ["oneshot-station_0.1.0-1.x86_64.rpm"]
        );
        assert!(fresh_names(Format::Msi, &entries, t0).is_empty());
    }

    #[test]
    fn sizes_files_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path().join("One-Shot Station.app");
        fs::create_dir_all(app.join("Contents/MacOS")).unwrap();
        fs::write(app.join("Contents/Info.plist"), [0u8; 10]).unwrap();
        fs::write(app.join("Contents/MacOS/oneshot-station"), [0u8; 32]).unwrap();
        assert_eq!(size_of(&app).unwrap(), 42);
        let found = find(dir.path(), &[Format::App], SystemTime::UNIX_EPOCH).unwrap();
        assert_eq!(found.len(), 0, "a .app lives in macos/, not in the root");
        let bundle = dir.path().join("bundle");
        fs::create_dir_all(bundle.join("macos")).unwrap();
        fs::rename(&app, bundle.join("macos/One-Shot Station.app")).unwrap();
        let found = find(&bundle, &[Format::App, Format::Dmg], SystemTime::UNIX_EPOCH).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].bytes, 42);
    }

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(45_234_567), "45.2 MB");
    }
}
