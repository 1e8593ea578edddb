//! RAO tokens: `tokens.json`, a map from token uid to the officer it stands for.
//!
//! Only the username and whether a password and PIN were given are stored:
//! the credentials are checked when the token is created, so the secrets
//! themselves never have to be written to disk.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::DEMO_TOKEN;
use crate::error::Error;
use crate::rao::DEMO_RAO_USERNAME;
use crate::store::files::{blocking, read_json, write_private_json};

/// What a token stands for, as shown by GET token and list tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaoToken {
    /// The officer's username (RAO id).
    pub username: String,
    /// True when the token carries the officer's (verified) password.
    pub password: bool,
    /// True when the token carries the officer's (verified) PIN.
    pub pin: bool,
}

impl RaoToken {
    fn demo() -> Self {
        Self {
            username: DEMO_RAO_USERNAME.to_owned(),
            password: true,
            pin: true,
        }
    }
}

/// The token book of one data directory.
#[derive(Debug)]
pub struct TokenBook {
    path: PathBuf,
    // Create/delete are read-modify-write of one file: serialize them.
    write_lock: tokio::sync::Mutex<()>,
}

impl TokenBook {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            write_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// Every token, the undeletable demo token first.
    pub async fn list(&self) -> Result<Vec<(String, RaoToken)>, Error> {
        let mut all = vec![(DEMO_TOKEN.to_owned(), RaoToken::demo())];
        all.extend(self.stored().await?);
        Ok(all)
    }

    pub async fn get(&self, uid: &str) -> Result<Option<RaoToken>, Error> {
        if uid == DEMO_TOKEN {
            return Ok(Some(RaoToken::demo()));
        }
        Ok(self.stored().await?.remove(uid))
    }

    /// Stores a new token; `None` when an identical one already exists.
    pub async fn create(&self, token: RaoToken) -> Result<Option<String>, Error> {
        let _guard = self.write_lock.lock().await;
        if self.list().await?.iter().any(|(_, t)| *t == token) {
            return Ok(None);
        }
        let mut stored = self.stored().await?;
        let uid = hex::encode(rand::random::<[u8; 16]>());
        stored.insert(uid.clone(), token);
        let path = self.path.clone();
        blocking(move || write_private_json(&path, &stored)).await?;
        Ok(Some(uid))
    }

    /// Removes a stored token; false when there was none.
    pub async fn delete(&self, uid: &str) -> Result<bool, Error> {
        let _guard = self.write_lock.lock().await;
        let mut stored = self.stored().await?;
        if stored.remove(uid).is_none() {
            return Ok(false);
        }
        let path = self.path.clone();
        blocking(move || write_private_json(&path, &stored)).await?;
        Ok(true)
    }

    async fn stored(&self) -> Result<BTreeMap<String, RaoToken>, Error> {
        let path = self.path.clone();
        Ok(blocking(move || read_json(&path))
            .await?
            .unwrap_or_default())
    }
}
