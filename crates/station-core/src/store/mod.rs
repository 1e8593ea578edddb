//! The station's store: one SQLite database in the data directory, schema kept by SQL
//! migration files. It holds Optimizer profiles, who is signed in where, signature
//! requests with their documents and workflow steps, the Video ID queue and the audit
//! trail. Never a secret.

pub(crate) mod audit;
pub(crate) mod documents;
mod profiles;
pub(crate) mod requests;
mod sessions;
pub(crate) mod steps;
pub(crate) mod videoid_queue;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension};
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

pub use profiles::{ProfileId, Profiles};
pub use sessions::Sessions;

/// Migrations in order; a released file is never edited, a change is a new file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_optimizer_profiles_and_sessions.sql"),
    include_str!("../../migrations/0002_signature_workflows.sql"),
];

/// The station's database. Cheap calls, each its own short transaction; share it in an `Arc`.
#[derive(Debug)]
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        let mut connection = Connection::open(path)?;
        // WAL lets the audit reader of later releases read while a workflow writes.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a committed workflow step survives a power cut, not only a crash.
        // Without it the last commits (a sign recorded as sent, a backup recorded
        // as verified) could roll back while their effects stay.
        connection.pragma_update(None, "synchronous", "FULL")?;
        Self::prepare(&mut connection)?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    /// A private in-memory database with the full schema, for tests and dry runs.
    pub fn open_in_memory() -> Result<Self> {
        let mut connection = Connection::open_in_memory()?;
        Self::prepare(&mut connection)?;
        Ok(Self {
            connection: Mutex::new(connection),
        })
    }

    fn prepare(connection: &mut Connection) -> Result<()> {
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect()).to_latest(connection)?;
        Ok(())
    }

    /// The id naming this station's entries in the OS keyring.
    pub fn installation_id(&self) -> Result<String> {
        self.setting("installation_id")?
            .ok_or_else(|| Error::CorruptStore("installation_id is missing".into()))
    }

    /// Optimizer profiles.
    pub fn profiles(&self) -> Profiles<'_> {
        Profiles::new(self)
    }

    /// Signed-in RAO sessions, one per Optimizer profile.
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions::new(self)
    }

    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .lock()
            .query_row(
                "SELECT value FROM station_setting WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The connection; a poisoned lock only means another thread panicked mid-call,
    /// and SQLite's own transactions keep the data consistent, so go on.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Connection> {
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations.validate().unwrap();
    }

    #[test]
    fn a_file_database_uses_wal_and_survives_reopening() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("station.sqlite3");
        let id = {
            let store = Store::open(&path).unwrap();
            let mode: String = store
                .lock()
                .query_row("PRAGMA journal_mode", [], |row| row.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
            store.installation_id().unwrap()
        };
        let reopened = Store::open(&path).unwrap();
        assert_eq!(reopened.installation_id().unwrap(), id);
        assert_eq!(id.len(), 32);
    }

    #[test]
    fn two_stores_have_different_installation_ids() {
        let one = Store::open_in_memory().unwrap().installation_id().unwrap();
        let two = Store::open_in_memory().unwrap().installation_id().unwrap();
        assert_ne!(one, two);
    }
}
