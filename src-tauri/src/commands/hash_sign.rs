//! Hash sign commands (W3): the SHA-256 of a local file, and the verified `.p7m`
//! placed next to each signed file. The workflow itself is station-core's.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use station_core::{Error as CoreError, RequestId, Station, write_file_atomically};
use tauri::State;
use ts_rs::TS;

use crate::error::Result;

/// A local file and its SHA-256, as the hash signature will cover it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FileDigest {
    /// The file.
    pub path: PathBuf,
    /// Its name.
    pub file_name: String,
    /// Its size.
    #[ts(type = "number")]
    pub byte_size: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

/// A verified detached signature copied next to the file it signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureBeside {
    /// The signed file.
    pub source: PathBuf,
    /// The `.p7m` next to it.
    pub signature: PathBuf,
}

/// Reads a local file once and answers its SHA-256 (computed here, never uploaded).
#[tauri::command]
pub async fn hash_sign_digest(path: PathBuf) -> Result<FileDigest> {
    let digest = tauri::async_runtime::spawn_blocking(move || digest_of(path))
        .await
        .map_err(|error| CoreError::Task(error.to_string()))??;
    Ok(digest)
}

/// Copies each verified `.p7m` of a completed hash signature next to its file
/// (`report.pdf` → `report.pdf.p7m`; an existing different file is never replaced).
#[tauri::command]
pub async fn hash_sign_save_beside(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<Vec<SignatureBeside>> {
    let view = station.workflows().request(&id).await?;
    let verified: Vec<(PathBuf, PathBuf)> = view
        .documents
        .into_iter()
        .filter(|document| document.verification.as_deref() == Some("valid"))
        .filter_map(|document| {
            document
                .signed_path
                .map(|signed| (document.source_path, signed))
        })
        .collect();
    let saved = tauri::async_runtime::spawn_blocking(move || {
        verified
            .into_iter()
            .map(|(source, signed)| place_beside(&source, &signed))
            .collect::<std::result::Result<Vec<_>, CoreError>>()
    })
    .await
    .map_err(|error| CoreError::Task(error.to_string()))??;
    Ok(saved)
}

fn digest_of(path: PathBuf) -> std::result::Result<FileDigest, CoreError> {
    let unreadable = |source| CoreError::UnreadableFile {
        path: path.clone(),
        source,
    };
    let mut file = std::fs::File::open(&path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    let mut byte_size = 0u64;
    loop {
        let read = file.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        byte_size += read as u64;
        hasher.update(&buffer[..read]);
    }
    Ok(FileDigest {
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        byte_size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// Writes `signed` as `<source>.p7m`, or `<source> (n).p7m` when another file holds that name.
fn place_beside(source: &Path, signed: &Path) -> std::result::Result<SignatureBeside, CoreError> {
    let bytes = std::fs::read(signed).map_err(|error| CoreError::UnreadableFile {
        path: signed.to_owned(),
        source: error,
    })?;
    let name = source
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let folder = source.parent().unwrap_or(Path::new("."));
    for attempt in 0..100 {
        let candidate = if attempt == 0 {
            folder.join(format!("{name}.p7m"))
        } else {
            folder.join(format!("{name} ({attempt}).p7m"))
        };
        match std::fs::read(&candidate) {
            Ok(existing) if existing == bytes => {}
            Ok(_) => continue,
            Err(_) => write_file_atomically(&candidate, &bytes)?,
        }
        return Ok(SignatureBeside {
            source: source.to_owned(),
            signature: candidate,
        });
    }
    Err(CoreError::InvalidDocument {
        path: source.to_owned(),
        reason: "no free name for its .p7m beside it".into(),
    })
}
