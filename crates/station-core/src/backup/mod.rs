//! The local backup of signed documents: one folder per request under
//! `<data dir>/backups/<request id>/`, every file written atomically (temporary
//! file, fsync, rename, fsync of the folder) so that after a crash or a power cut
//! a file under its final name is always whole. Workflows delete documents on the
//! Optimizer only after their backup is written and verified.

mod file_name;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use file_name::sanitized_file_name;

use crate::error::{Error, Result};
use crate::workflows::RequestId;

/// The backup folder of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFolder {
    dir: PathBuf,
}

impl BackupFolder {
    /// The folder of `request` under `root` (`<data dir>/backups`).
    pub fn of(root: &Path, request: &RequestId) -> Self {
        // Request ids are hex, but a folder name must never come from elsewhere.
        Self {
            dir: root.join(sanitized_file_name(request.as_str())),
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folder (and `backups/`) and makes its entry durable.
    pub fn ensure(&self) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|source| io(&self.dir, source))?;
        if let Some(parent) = self.dir.parent() {
            sync_dir(parent)?;
        }
        Ok(())
    }

    /// Where the document at `position` is kept: `NN-<safe name><suffix>`, so names
    /// stay readable, never collide and sort in upload order. The suffix (`.p7m`)
    /// is added after the name is made safe and short, so a detached signature is
    /// always named after the copy of the file it signs, however long the name.
    pub fn document(&self, position: u32, original_name: &str, suffix: &str) -> PathBuf {
        let name = sanitized_file_name(original_name);
        // The suffix is the station's own (`.p7m`); kept to what an extension holds.
        let suffix: String = suffix
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        self.dir.join(format!("{:02}-{name}{suffix}", position + 1))
    }

    /// Where the service contract shown to the signer is kept.
    pub fn contract(&self) -> PathBuf {
        self.dir.join("service-contract.pdf")
    }

    /// A hidden name next to `target` to download into before publishing.
    pub fn staging(&self, target: &Path) -> PathBuf {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.dir.join(format!(".{name}.download"))
    }

    /// Moves a complete, synced `staging` file to `target` and makes the rename durable.
    pub fn publish(&self, staging: &Path, target: &Path) -> Result<()> {
        std::fs::rename(staging, target).map_err(|source| io(target, source))?;
        sync_dir(&self.dir)
    }
}

/// Writes `bytes` to `path` so that `path` holds either its old content or all of
/// `bytes`, never a mix, even after a power cut.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(source) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(io(path, source));
    }
    if let Err(source) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(io(path, source));
    }
    sync_dir(dir)
}

/// Makes the entries of `dir` (new names, renames) durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    // Windows cannot open a directory as a file; its renames are durable with the file.
    if cfg!(windows) {
        return Ok(());
    }
    File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(|source| io(dir, source))
}

/// SHA-256 of a file, lowercase hex.
pub fn file_sha256(path: &Path) -> Result<String> {
    oneshot_api::hashfile::sha256_file_blocking(path)
        .map(hex::encode)
        .map_err(|error| Error::Backup {
            path: path.to_owned(),
            reason: error.to_string(),
        })
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Backup {
        path: path.to_owned(),
        reason: source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporary() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("signed.pdf");
        write_file_atomically(&path, b"first").unwrap();
        write_file_atomically(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(temp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("signed.pdf")]);
    }

    #[test]
    fn a_failed_write_names_the_file() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("missing-dir").join("x.pdf");
        let error = write_file_atomically(&path, b"x").unwrap_err();
        assert_eq!(error.code(), "backup.io");
        assert!(error.details().unwrap().contains("x.pdf"));
    }

    #[test]
    fn folders_and_names_stay_inside_the_backup_root() {
        let temp = tempfile::tempdir().unwrap();
        let folder = BackupFolder::of(temp.path(), &RequestId::from_raw("../../evil"));
        assert!(folder.dir().starts_with(temp.path()));
        assert_eq!(folder.dir().file_name().unwrap(), "evil");
        folder.ensure().unwrap();
        let path = folder.document(0, "../../x/contract.pdf", "");
        assert_eq!(path, folder.dir().join("01-contract.pdf"));
        let p7m = folder.document(11, "invoice.xml", ".p7m");
        assert_eq!(p7m, folder.dir().join("12-invoice.xml.p7m"));
        let staging = folder.staging(&path);
        std::fs::write(&staging, b"%PDF").unwrap();
        folder.publish(&staging, &path).unwrap();
        assert!(path.is_file() && !staging.exists());
        assert_eq!(
            file_sha256(&path).unwrap(),
            "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027"
        );
    }

    #[test]
    fn a_detached_signature_is_named_after_its_copy_however_long_the_name() {
        let folder = BackupFolder::of(Path::new("/backups"), &RequestId::from_raw("r"));
        for name in [
            format!("{}.xml", "a".repeat(300)),
            format!("{}.xml", "ł".repeat(200)),
            "x".repeat(300),
            "../../..".to_owned(),
            "contract\u{202E}lmx.p7m".to_owned(),
        ] {
            let copy = folder.document(0, &name, "");
            let p7m = folder.document(0, &name, ".p7m");
            assert_eq!(p7m.parent(), Some(folder.dir()), "{name:?}");
            assert_eq!(
                p7m,
                copy.with_file_name(format!(
                    "{}.p7m",
                    copy.file_name().unwrap().to_str().unwrap()
                )),
                "{name:?}"
            );
            assert!(p7m.file_name().unwrap().len() <= 255, "{name:?}");
            // The officer pairs them the usual way: the signature minus `.p7m`.
            assert_eq!(p7m.with_extension(""), copy, "{name:?}");
        }
    }
}
