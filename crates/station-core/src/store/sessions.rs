//! Who is signed in on which Optimizer. The secrets of a session are in the vault.

use rusqlite::{OptionalExtension, params};

use super::{ProfileId, Store};
use crate::connection::{RaoSession, SignInMethod};
use crate::error::{Error, Result};

/// Signed-in RAO sessions. Get it from [`Store::sessions`].
#[derive(Debug)]
pub struct Sessions<'a> {
    store: &'a Store,
}

impl<'a> Sessions<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// The RAO signed in on `profile`, if any.
    pub fn get(&self, profile: ProfileId) -> Result<Option<RaoSession>> {
        let row = self
            .store
            .lock()
            .query_row(
                "SELECT username, method, token_holds_password, token_holds_pin
                 FROM rao_session WHERE profile_id = ?1",
                [profile.get()],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, bool>(2)?,
                        row.get::<_, bool>(3)?,
                    ))
                },
            )
            .optional()?;
        row.map(
            |(username, method, token_holds_password, token_holds_pin)| {
                Ok(RaoSession {
                    username,
                    method: match method.as_str() {
                        "token" => SignInMethod::Token,
                        "credentials" => SignInMethod::Credentials,
                        other => {
                            return Err(Error::CorruptStore(format!(
                                "unknown sign-in method {other:?}"
                            )));
                        }
                    },
                    token_holds_password,
                    token_holds_pin,
                })
            },
        )
        .transpose()
    }

    /// Records that `session`'s RAO is signed in on `profile`, replacing any earlier one.
    pub fn put(&self, profile: ProfileId, session: &RaoSession) -> Result<()> {
        let method = match session.method {
            SignInMethod::Token => "token",
            SignInMethod::Credentials => "credentials",
        };
        self.store.lock().execute(
            "INSERT OR REPLACE INTO rao_session
             (profile_id, username, method, token_holds_password, token_holds_pin)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                profile.get(),
                session.username,
                method,
                session.token_holds_password,
                session.token_holds_pin
            ],
        )?;
        Ok(())
    }

    /// Forgets the session on `profile`.
    pub fn remove(&self, profile: ProfileId) -> Result<()> {
        self.store.lock().execute(
            "DELETE FROM rao_session WHERE profile_id = ?1",
            [profile.get()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_replace_remove() {
        let store = Store::open_in_memory().unwrap();
        let (profile, _) = store.profiles().active().unwrap();
        assert_eq!(store.sessions().get(profile).unwrap(), None);

        let mut session = RaoSession {
            username: "1125824".into(),
            method: SignInMethod::Token,
            token_holds_password: true,
            token_holds_pin: false,
        };
        store.sessions().put(profile, &session).unwrap();
        assert_eq!(
            store.sessions().get(profile).unwrap(),
            Some(session.clone())
        );

        session.method = SignInMethod::Credentials;
        session.token_holds_pin = true;
        store.sessions().put(profile, &session).unwrap();
        assert_eq!(store.sessions().get(profile).unwrap(), Some(session));

        store.sessions().remove(profile).unwrap();
        assert_eq!(store.sessions().get(profile).unwrap(), None);
    }
}
