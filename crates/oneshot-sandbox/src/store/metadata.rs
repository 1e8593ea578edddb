//! Signature metadata uploads: `metadata/<uid>.json` holding `{oid, metadata}`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::store::files::{blocking, read_json, remove_file, write_json};

/// One uploaded metadata object, as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataEntry {
    /// Dotted OID of the signed attribute it becomes.
    pub oid: String,
    /// The value, base64 as uploaded.
    pub metadata: String,
}

#[derive(Debug)]
pub struct MetadataShelf {
    dir: PathBuf,
}

impl MetadataShelf {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub async fn add(&self, entry: MetadataEntry) -> Result<String, Error> {
        let uid = hex::encode(rand::random::<[u8; 16]>());
        let path = self.path(&uid);
        blocking(move || write_json(&path, &entry)).await?;
        Ok(uid)
    }

    pub async fn get(&self, uid: &str) -> Result<Option<MetadataEntry>, Error> {
        if !is_uid(uid) {
            return Ok(None);
        }
        let path = self.path(uid);
        blocking(move || read_json(&path)).await
    }

    pub async fn list(&self) -> Result<BTreeMap<String, MetadataEntry>, Error> {
        let dir = self.dir.clone();
        blocking(move || {
            let mut all = BTreeMap::new();
            for uid in json_stems(&dir)? {
                if let Some(entry) = read_json(&dir.join(format!("{uid}.json")))? {
                    all.insert(uid, entry);
                }
            }
            Ok(all)
        })
        .await
    }

    pub async fn delete(&self, uid: &str) -> Result<bool, Error> {
        if !is_uid(uid) {
            return Ok(false);
        }
        let path = self.path(uid);
        blocking(move || remove_file(&path)).await
    }

    pub async fn delete_all(&self) -> Result<(), Error> {
        let dir = self.dir.clone();
        blocking(move || {
            for uid in json_stems(&dir)? {
                remove_file(&dir.join(format!("{uid}.json")))?;
            }
            Ok(())
        })
        .await
    }

    fn path(&self, uid: &str) -> PathBuf {
        self.dir.join(format!("{uid}.json"))
    }
}

/// Our uids are 32 lowercase hex digits; anything else cannot name a file of ours
/// (and cannot walk out of the directory).
fn is_uid(uid: &str) -> bool {
    uid.len() == 32 && uid.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn json_stems(dir: &std::path::Path) -> Result<Vec<String>, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut stems = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".json").filter(|s| is_uid(s)) {
            stems.push(stem.to_owned());
        }
    }
    Ok(stems)
}
