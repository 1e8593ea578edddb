//! Where the station keeps its database and the embedded sandbox's files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable that overrides the data directory (tests always set it).
pub const DATA_DIR_ENV: &str = "ONESHOT_STATION_DATA_DIR";

/// The station's data directory, created on [`DataDir::resolve`] / [`DataDir::at`].
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// `$ONESHOT_STATION_DATA_DIR` when set and not empty, else the platform's data
    /// directory (`~/.local/share/oneshot-station` on Linux).
    pub fn resolve() -> Result<Self> {
        let root = match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::data_dir()
                .ok_or(Error::NoDataDir)?
                .join("oneshot-station"),
        };
        Self::at(root)
    }

    /// Uses `root` as the data directory, creating it when missing.
    pub fn at(root: impl Into<PathBuf>) -> Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(&root).map_err(|source| Error::DataDir {
            path: root.clone(),
            source,
        })?;
        Ok(Self { root })
    }

    /// The directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The station's SQLite database.
    pub fn database(&self) -> PathBuf {
        self.root.join("station.sqlite3")
    }

    /// The embedded sandbox Optimizer's own data directory.
    pub fn sandbox(&self) -> PathBuf {
        self.root.join("sandbox")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_the_directory_and_places_files_inside() {
        let temp = tempfile::tempdir().unwrap();
        let dir = DataDir::at(temp.path().join("nested/station")).unwrap();
        assert!(dir.root().is_dir());
        assert!(dir.database().starts_with(dir.root()));
        assert!(dir.sandbox().starts_with(dir.root()));
    }
}
