//! Optimizer profiles: which Optimizers the station knows and which one is in use.

use std::path::PathBuf;

use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use crate::error::{Error, Result};
use crate::optimizer::{OptimizerProfile, RemoteOptimizer};

/// The database id of an Optimizer profile; secrets in the vault are filed under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfileId(i64);

impl ProfileId {
    /// The raw id.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// Optimizer profile rows. Get it from [`Store::profiles`].
#[derive(Debug)]
pub struct Profiles<'a> {
    store: &'a Store,
}

const ACTIVE_KEY: &str = "active_optimizer_profile";

impl<'a> Profiles<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// The profile in use (a fresh station: the embedded sandbox).
    pub fn active(&self) -> Result<(ProfileId, OptimizerProfile)> {
        let id: i64 = self
            .store
            .setting(ACTIVE_KEY)?
            .ok_or_else(|| Error::CorruptStore(format!("{ACTIVE_KEY} is missing")))?
            .parse()
            .map_err(|_| Error::CorruptStore(format!("{ACTIVE_KEY} is not an id")))?;
        let profile = self
            .store
            .lock()
            .query_row(
                "SELECT mode, url, ca_pem_path, client_cert_path, client_key_path
                 FROM optimizer_profile WHERE id = ?1",
                [id],
                profile_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::CorruptStore(format!("optimizer profile {id} is missing")))??;
        Ok((ProfileId(id), profile))
    }

    /// Makes `profile` the one in use, reusing the row of an identical profile so
    /// that the vault entries and sessions filed under its id stay valid.
    pub fn activate(&self, profile: &OptimizerProfile) -> Result<ProfileId> {
        let columns = Columns::of(profile);
        let mut connection = self.store.lock();
        let transaction = connection.transaction()?;
        let existing: Option<i64> = transaction
            .query_row(
                "SELECT id FROM optimizer_profile
                 WHERE mode = ?1 AND url IS ?2 AND ca_pem_path IS ?3
                   AND client_cert_path IS ?4 AND client_key_path IS ?5
                 ORDER BY id LIMIT 1",
                columns.params(),
                |row| row.get(0),
            )
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                transaction.execute(
                    "INSERT INTO optimizer_profile
                     (mode, url, ca_pem_path, client_cert_path, client_key_path)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    columns.params(),
                )?;
                transaction.last_insert_rowid()
            }
        };
        transaction.execute(
            "INSERT INTO station_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![ACTIVE_KEY, id.to_string()],
        )?;
        transaction.commit()?;
        Ok(ProfileId(id))
    }
}

/// A profile as table columns.
struct Columns {
    mode: &'static str,
    url: Option<String>,
    ca_pem_path: Option<String>,
    client_cert_path: Option<String>,
    client_key_path: Option<String>,
}

impl Columns {
    fn of(profile: &OptimizerProfile) -> Self {
        // Paths arrive from the UI as JSON strings, so they are always valid UTF-8.
        let text = |path: &Option<PathBuf>| path.as_ref().map(|p| p.to_string_lossy().into_owned());
        match profile {
            OptimizerProfile::EmbeddedSandbox => Self {
                mode: "embedded_sandbox",
                url: None,
                ca_pem_path: None,
                client_cert_path: None,
                client_key_path: None,
            },
            OptimizerProfile::Remote(remote) => Self {
                mode: "remote",
                url: Some(remote.url.clone()),
                ca_pem_path: text(&remote.ca_pem_path),
                client_cert_path: text(&remote.client_cert_path),
                client_key_path: text(&remote.client_key_path),
            },
        }
    }

    fn params(&self) -> impl rusqlite::Params + '_ {
        (
            self.mode,
            &self.url,
            &self.ca_pem_path,
            &self.client_cert_path,
            &self.client_key_path,
        )
    }
}

fn profile_from_row(row: &Row<'_>) -> rusqlite::Result<Result<OptimizerProfile>> {
    let mode: String = row.get(0)?;
    let path = |index| {
        row.get::<_, Option<String>>(index)
            .map(|p| p.map(PathBuf::from))
    };
    Ok(match mode.as_str() {
        "embedded_sandbox" => Ok(OptimizerProfile::EmbeddedSandbox),
        "remote" => match row.get::<_, Option<String>>(1)? {
            Some(url) => Ok(OptimizerProfile::Remote(RemoteOptimizer {
                url,
                ca_pem_path: path(2)?,
                client_cert_path: path(3)?,
                client_key_path: path(4)?,
            })),
            None => Err(Error::CorruptStore("remote profile without URL".into())),
        },
        other => Err(Error::CorruptStore(format!(
            "unknown profile mode {other:?}"
        ))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(url: &str, ca: Option<&str>) -> OptimizerProfile {
        OptimizerProfile::Remote(RemoteOptimizer {
            url: url.into(),
            ca_pem_path: ca.map(PathBuf::from),
            client_cert_path: Some("/etc/station/client.pem".into()),
            client_key_path: Some("/etc/station/client.key".into()),
        })
    }

    #[test]
    fn a_fresh_store_uses_the_embedded_sandbox() {
        let store = Store::open_in_memory().unwrap();
        let (_, profile) = store.profiles().active().unwrap();
        assert_eq!(profile, OptimizerProfile::EmbeddedSandbox);
    }

    #[test]
    fn activating_round_trips_and_reuses_identical_rows() {
        let store = Store::open_in_memory().unwrap();
        let (sandbox, _) = store.profiles().active().unwrap();
        let office = remote("https://optimizer.office:8443", Some("/etc/station/ca.pem"));
        let first = store.profiles().activate(&office).unwrap();
        assert_ne!(first, sandbox);
        assert_eq!(store.profiles().active().unwrap(), (first, office.clone()));

        let other = remote("https://optimizer.office:8443", None);
        let second = store.profiles().activate(&other).unwrap();
        assert_ne!(second, first);

        assert_eq!(store.profiles().activate(&office).unwrap(), first);
        assert_eq!(
            store
                .profiles()
                .activate(&OptimizerProfile::EmbeddedSandbox)
                .unwrap(),
            sandbox
        );
    }
}
