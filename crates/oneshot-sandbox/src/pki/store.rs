//! Files of the sandbox CA: written atomically, private keys readable by the owner only.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;

/// Writes `contents` to `path` so that a reader sees either the old file or the
/// whole new one, never a torn write: a temporary file in the same directory,
/// flushed to disk, then renamed over the target.
pub(crate) fn write_atomically(path: &Path, contents: &[u8], private: bool) -> Result<(), Error> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = write_new_file(&temporary, contents, private)
        .and_then(|()| std::fs::rename(&temporary, path).map_err(Error::from));
    if result.is_err() {
        // Best effort: a leftover temporary file is harmless but untidy.
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn write_new_file(path: &Path, contents: &[u8], private: bool) -> Result<(), Error> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Set at creation so the key is never readable by others, not even briefly.
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()?;
    Ok(())
}

/// A pair of files holding one certificate and its private key.
#[derive(Debug, Clone)]
pub(crate) struct KeyAndCertificateFiles {
    pub(crate) key: PathBuf,
    pub(crate) certificate: PathBuf,
}

impl KeyAndCertificateFiles {
    pub(crate) fn new(dir: &Path, stem: &str) -> Self {
        Self {
            key: dir.join(format!("{stem}.key")),
            certificate: dir.join(format!("{stem}.pem")),
        }
    }

    /// Reads both files; `None` when neither exists (the material is yet to be made).
    pub(crate) fn read(&self) -> Result<Option<(String, String)>, Error> {
        match (self.key.exists(), self.certificate.exists()) {
            (false, false) => Ok(None),
            (true, true) => {
                let key = std::fs::read_to_string(&self.key)?;
                let certificate = std::fs::read_to_string(&self.certificate)?;
                Ok(Some((key, certificate)))
            }
            (true, false) => Err(missing(&self.certificate, &self.key)),
            (false, true) => Err(missing(&self.key, &self.certificate)),
        }
    }

    pub(crate) fn write(&self, key_pem: &str, certificate_pem: &str) -> Result<(), Error> {
        write_atomically(&self.key, key_pem.as_bytes(), true)?;
        write_atomically(&self.certificate, certificate_pem.as_bytes(), false)
    }
}

fn missing(absent: &Path, present: &Path) -> Error {
    Error::CorruptAuthority {
        path: absent.to_path_buf(),
        reason: format!(
            "missing while {} exists; restore it or delete both",
            present.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_owner_only_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.key");
        write_atomically(&path, b"first", true).unwrap();
        write_atomically(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file may remain");
    }

    #[test]
    fn a_key_without_its_certificate_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let files = KeyAndCertificateFiles::new(dir.path(), "root-ca");
        assert!(files.read().unwrap().is_none());
        std::fs::write(&files.key, "x").unwrap();
        assert!(matches!(files.read(), Err(Error::CorruptAuthority { .. })));
    }
}
