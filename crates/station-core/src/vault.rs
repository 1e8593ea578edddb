//! The vault: RAO tokens, passwords and PINs in the OS keyring, never on disk or in a log.
//!
//! Where no keyring service runs (a bare server session, a container), the vault says so
//! and keeps the secrets in memory for this session only, so the officer can still work
//! and knows that they must sign in again after a restart.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use oneshot_api::Secret;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::store::ProfileId;

/// The service name of every keyring entry the station writes.
pub const KEYRING_SERVICE: &str = "oneshot-station";

/// What a vault entry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    /// The RAO token the session uses.
    RaoToken,
    /// The RAO's password.
    RaoPassword,
    /// The RAO's PIN.
    RaoPin,
    /// The Optimizer's billing password, kept here so the settings form can say
    /// whether one is set without the Optimizer ever sending it back.
    BillingPassword,
}

impl SecretKind {
    /// The RAO's session secrets, forgotten at each sign-in and sign-out. The billing
    /// password belongs to the Optimizer, not to a session, and stays.
    pub const SESSION: [SecretKind; 3] = [Self::RaoToken, Self::RaoPassword, Self::RaoPin];

    fn slug(self) -> &'static str {
        match self {
            Self::RaoToken => "rao-token",
            Self::RaoPassword => "rao-password",
            Self::RaoPin => "rao-pin",
            Self::BillingPassword => "billing-password",
        }
    }
}

/// Where the vault keeps secrets, for the UI to tell the officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    /// True when secrets go to the OS keyring and survive a restart.
    pub persistent: bool,
    /// Why the OS keyring cannot be used, when it cannot.
    pub unavailable_reason: Option<String>,
}

/// The station's secret store. Cheap to clone; calls block (the keyring speaks D-Bus on
/// Linux), so async callers run them on a blocking thread.
#[derive(Debug, Clone)]
pub struct Vault {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    installation_id: String,
    backend: Mutex<Backend>,
}

#[derive(Debug)]
enum Backend {
    Keyring,
    SessionOnly {
        reason: String,
        secrets: HashMap<(ProfileId, SecretKind), Secret>,
    },
}

impl Vault {
    /// The OS keyring when it answers, else a session-only vault that says why.
    ///
    /// `installation_id` keeps this station's entries apart from another data
    /// directory's on the same machine.
    pub fn open(installation_id: impl Into<String>) -> Self {
        let installation_id = installation_id.into();
        // A lookup of an entry that cannot exist tells whether the service answers.
        let probe = keyring::Entry::new(KEYRING_SERVICE, &format!("{installation_id}/probe"))
            .and_then(|entry| entry.get_password());
        match probe {
            Ok(_) | Err(keyring::Error::NoEntry) => Self::with(installation_id, Backend::Keyring),
            Err(error) => {
                tracing::warn!(%error, "no OS keyring: secrets are kept for this session only");
                Self::session_only(installation_id, error.to_string())
            }
        }
    }

    /// A vault that keeps secrets in memory until the station quits.
    pub fn session_only(installation_id: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::with(
            installation_id.into(),
            Backend::SessionOnly {
                reason: reason.into(),
                secrets: HashMap::new(),
            },
        )
    }

    fn with(installation_id: String, backend: Backend) -> Self {
        Self {
            inner: Arc::new(Inner {
                installation_id,
                backend: Mutex::new(backend),
            }),
        }
    }

    /// Whether secrets survive a restart, and if not why.
    pub fn status(&self) -> VaultStatus {
        match &*self.backend() {
            Backend::Keyring => VaultStatus {
                persistent: true,
                unavailable_reason: None,
            },
            Backend::SessionOnly { reason, .. } => VaultStatus {
                persistent: false,
                unavailable_reason: Some(reason.clone()),
            },
        }
    }

    /// Keeps `secret` as the `kind` of `profile`, replacing an earlier one.
    ///
    /// If the keyring stops answering, the vault turns session-only (see
    /// [`Vault::status`]) and keeps the secret in memory rather than losing it.
    pub fn put(&self, profile: ProfileId, kind: SecretKind, secret: &Secret) -> Result<()> {
        let mut backend = self.backend();
        if let Backend::Keyring = *backend {
            match self.entry(profile, kind)?.set_password(secret.expose()) {
                Ok(()) => return Ok(()),
                Err(error) if is_unavailable(&error) => {
                    tracing::warn!(%error, "the OS keyring stopped answering: session-only from now");
                    *backend = Backend::SessionOnly {
                        reason: error.to_string(),
                        secrets: HashMap::new(),
                    };
                }
                Err(error) => return Err(error.into()),
            }
        }
        if let Backend::SessionOnly { secrets, .. } = &mut *backend {
            secrets.insert((profile, kind), secret.clone());
        }
        Ok(())
    }

    /// The `kind` of `profile`, if the vault holds one.
    pub fn get(&self, profile: ProfileId, kind: SecretKind) -> Result<Option<Secret>> {
        match &*self.backend() {
            Backend::Keyring => match self.entry(profile, kind)?.get_password() {
                Ok(value) => Ok(Some(Secret::new(value))),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(error) => Err(error.into()),
            },
            Backend::SessionOnly { secrets, .. } => Ok(secrets.get(&(profile, kind)).cloned()),
        }
    }

    /// Removes the `kind` of `profile`; removing what is not there is fine.
    pub fn delete(&self, profile: ProfileId, kind: SecretKind) -> Result<()> {
        match &mut *self.backend() {
            Backend::Keyring => match self.entry(profile, kind)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(error) => Err(error.into()),
            },
            Backend::SessionOnly { secrets, .. } => {
                secrets.remove(&(profile, kind));
                Ok(())
            }
        }
    }

    /// Removes the RAO session's secrets of `profile`.
    pub fn forget(&self, profile: ProfileId) -> Result<()> {
        SecretKind::SESSION
            .into_iter()
            .try_for_each(|kind| self.delete(profile, kind))
    }

    fn entry(&self, profile: ProfileId, kind: SecretKind) -> Result<keyring::Entry> {
        let user = format!(
            "{}/{}/{}",
            self.inner.installation_id,
            profile.get(),
            kind.slug()
        );
        keyring::Entry::new(KEYRING_SERVICE, &user).map_err(Error::from)
    }

    /// The backend; a poisoned lock only means a panic elsewhere mid-call, and the
    /// map or the keyring are still consistent, so go on.
    fn backend(&self) -> MutexGuard<'_, Backend> {
        self.inner
            .backend
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn is_unavailable(error: &keyring::Error) -> bool {
    matches!(
        error,
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn profile() -> ProfileId {
        Store::open_in_memory()
            .unwrap()
            .profiles()
            .active()
            .unwrap()
            .0
    }

    #[test]
    fn session_only_vault_says_why_and_keeps_secrets_in_memory() {
        let vault = Vault::session_only("install", "no Secret Service on the session bus");
        assert_eq!(
            vault.status(),
            VaultStatus {
                persistent: false,
                unavailable_reason: Some("no Secret Service on the session bus".into()),
            }
        );
        let profile = profile();
        vault
            .put(profile, SecretKind::RaoPassword, &Secret::new("pw-1"))
            .unwrap();
        vault
            .put(profile, SecretKind::RaoPin, &Secret::new("112233"))
            .unwrap();
        assert_eq!(
            vault.get(profile, SecretKind::RaoPassword).unwrap(),
            Some(Secret::new("pw-1"))
        );
        assert_eq!(vault.get(profile, SecretKind::RaoToken).unwrap(), None);

        vault.delete(profile, SecretKind::RaoPassword).unwrap();
        assert_eq!(vault.get(profile, SecretKind::RaoPassword).unwrap(), None);
        vault.forget(profile).unwrap();
        assert_eq!(vault.get(profile, SecretKind::RaoPin).unwrap(), None);
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let vault = Vault::session_only("install", "none");
        vault
            .put(profile(), SecretKind::RaoPin, &Secret::new("987654"))
            .unwrap();
        let printed = format!("{vault:?}");
        assert!(!printed.contains("987654"), "{printed}");
    }
}
