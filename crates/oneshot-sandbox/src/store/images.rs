//! Pictures for visible signatures: `images/<uid>/meta.json` and `images/<uid>/image`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::store::files::{blocking, read_bytes, read_json, remove_dir, write_atomic, write_json};

/// What the API lists about an image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    pub upload_date: String,
    pub ext: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
    pub filename: String,
}

#[derive(Debug)]
pub struct ImageShelf {
    dir: PathBuf,
}

impl ImageShelf {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub async fn add(&self, info: ImageInfo, bytes: Vec<u8>) -> Result<String, Error> {
        let uid = uuid::Uuid::new_v4().to_string();
        let dir = self.dir.join(&uid);
        blocking(move || {
            // The picture first: meta.json is what makes the image exist.
            write_atomic(&dir.join("image"), &bytes)?;
            write_json(&dir.join("meta.json"), &info)
        })
        .await?;
        Ok(uid)
    }

    pub async fn get(&self, uid: &str) -> Result<Option<(ImageInfo, Vec<u8>)>, Error> {
        let Some(dir) = self.dir_of(uid) else {
            return Ok(None);
        };
        blocking(move || {
            let Some(info) = read_json::<ImageInfo>(&dir.join("meta.json"))? else {
                return Ok(None);
            };
            Ok(read_bytes(&dir.join("image"))?.map(|bytes| (info, bytes)))
        })
        .await
    }

    pub async fn list(&self) -> Result<BTreeMap<String, ImageInfo>, Error> {
        let dir = self.dir.clone();
        blocking(move || {
            let mut all = BTreeMap::new();
            for uid in uids(&dir)? {
                if let Some(info) = read_json(&dir.join(&uid).join("meta.json"))? {
                    all.insert(uid, info);
                }
            }
            Ok(all)
        })
        .await
    }

    pub async fn delete(&self, uid: &str) -> Result<bool, Error> {
        let Some(dir) = self.dir_of(uid) else {
            return Ok(false);
        };
        blocking(move || {
            let existed = super::files::remove_file(&dir.join("meta.json"))?;
            remove_dir(&dir)?;
            Ok(existed)
        })
        .await
    }

    pub async fn delete_all(&self) -> Result<(), Error> {
        let dir = self.dir.clone();
        blocking(move || {
            for uid in uids(&dir)? {
                super::files::remove_file(&dir.join(&uid).join("meta.json"))?;
                remove_dir(&dir.join(&uid))?;
            }
            Ok(())
        })
        .await
    }

    /// Only well-formed UUIDs name an image directory (no path tricks).
    fn dir_of(&self, uid: &str) -> Option<PathBuf> {
        uuid::Uuid::parse_str(uid)
            .ok()
            .filter(|parsed| parsed.hyphenated().to_string() == uid)
            .map(|_| self.dir.join(uid))
    }
}

fn uids(dir: &std::path::Path) -> Result<Vec<String>, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut uids = Vec::new();
    for entry in entries {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if uuid::Uuid::parse_str(&name).is_ok() {
            uids.push(name);
        }
    }
    Ok(uids)
}
