//! Signature requests: `requests/<pk>/request.json` plus the request's files.
//!
//! Every request has its own directory, and every change to a request happens
//! under that request's lock, so concurrent calls on different requests never
//! touch the same file and calls on one request see each other's results whole.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::sync::OwnedMutexGuard;

use crate::error::Error;
use crate::signature_request::{AsyncStage, SignatureRequest};
use crate::store::files::{blocking, read_bytes, read_json, remove_dir, write_atomic, write_json};

/// Last numbers handed out, so a restart never reuses one.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Counters {
    last_request_pk: u64,
    last_videoid_pk: u64,
}

/// Numbers start here so they look like the vendor's and never collide with 0.
const FIRST_PK: u64 = 1000;

/// Exclusive access to one request until dropped.
#[derive(Debug)]
pub struct RequestLock {
    _guard: OwnedMutexGuard<()>,
}

/// All requests of one data directory.
#[derive(Debug)]
pub struct RequestBook {
    dir: PathBuf,
    counters: tokio::sync::Mutex<()>,
    locks: Mutex<HashMap<u64, Arc<tokio::sync::Mutex<()>>>>,
}

impl RequestBook {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            counters: tokio::sync::Mutex::new(()),
            locks: Mutex::new(HashMap::new()),
        }
    }

    /// A fresh request number and, for Video ID, a fresh session number.
    pub async fn allocate(&self, videoid: bool) -> Result<(u64, Option<u64>), Error> {
        let _guard = self.counters.lock().await;
        let path = self.dir.join("counters.json");
        blocking(move || {
            let mut counters: Counters = read_json(&path)?.unwrap_or_default();
            counters.last_request_pk = counters.last_request_pk.max(FIRST_PK - 1) + 1;
            let videoid_pk = videoid.then(|| {
                counters.last_videoid_pk += 1;
                counters.last_videoid_pk
            });
            write_json(&path, &counters)?;
            Ok((counters.last_request_pk, videoid_pk))
        })
        .await
    }

    /// Waits for exclusive access to request `pk`.
    pub async fn lock(&self, pk: u64) -> RequestLock {
        let mutex = {
            let mut locks = self
                .locks
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            locks.entry(pk).or_default().clone()
        };
        RequestLock {
            _guard: mutex.lock_owned().await,
        }
    }

    /// The request's directory (it holds `request.json` once the request exists).
    pub fn dir_of(&self, pk: u64) -> PathBuf {
        self.dir.join(pk.to_string())
    }

    pub async fn load(&self, pk: u64) -> Result<Option<SignatureRequest>, Error> {
        let path = self.dir_of(pk).join("request.json");
        blocking(move || read_json(&path)).await
    }

    pub async fn save(&self, request: &SignatureRequest) -> Result<(), Error> {
        let path = self.dir_of(request.pk).join("request.json");
        let request = request.clone();
        blocking(move || write_json(&path, &request)).await
    }

    /// Removes the request and all its files; false when it did not exist.
    pub async fn remove(&self, pk: u64) -> Result<bool, Error> {
        let dir = self.dir_of(pk);
        let existed = blocking(move || {
            let existed = dir.join("request.json").exists();
            // Drop request.json first: from then on the request is gone even if
            // removing the rest is interrupted.
            super::files::remove_file(&dir.join("request.json"))?;
            remove_dir(&dir)?;
            Ok(existed)
        })
        .await?;
        Ok(existed)
    }

    /// Writes a file under the request's directory.
    pub async fn write_file(&self, pk: u64, relative: &str, bytes: Vec<u8>) -> Result<(), Error> {
        let path = self.dir_of(pk).join(relative);
        blocking(move || write_atomic(&path, &bytes)).await
    }

    /// Reads a file under the request's directory; `None` when absent.
    pub async fn read_file(&self, pk: u64, relative: &str) -> Result<Option<Vec<u8>>, Error> {
        let path = self.dir_of(pk).join(relative);
        blocking(move || read_bytes(&path)).await
    }

    /// Marks async signatures that a restart interrupted as failed, so the
    /// request can be signed again instead of staying "pending" forever.
    pub async fn recover_interrupted_signatures(&self) -> Result<(), Error> {
        let dir = self.dir.clone();
        let pks = blocking(move || {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let mut pks = Vec::new();
            for entry in entries {
                if let Some(pk) = entry?.file_name().to_str().and_then(parse_pk) {
                    pks.push(pk);
                }
            }
            Ok(pks)
        })
        .await?;
        for pk in pks {
            let Some(mut request) = self.load(pk).await? else {
                continue;
            };
            if request.async_stage == Some(AsyncStage::Pending) {
                request.async_stage = Some(AsyncStage::Failed);
                request.last_error = Some("interrupted by a restart of the sandbox".into());
                self.save(&request).await?;
                tracing::warn!(
                    pk,
                    "background signature interrupted by a restart: marked failed"
                );
            }
        }
        Ok(())
    }

    /// Removes a half-created request directory after a failed creation.
    pub async fn discard(&self, pk: u64) -> Result<(), Error> {
        let dir = self.dir_of(pk);
        blocking(move || remove_dir(&dir).map(|_| ())).await
    }
}

/// Parses a request number from a path segment.
pub fn parse_pk(raw: &str) -> Option<u64> {
    raw.trim().parse().ok()
}
