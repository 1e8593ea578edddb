//! The Result step's actions on one signed document: its verification report, a copy
//! saved where the officer chooses, and opening it in the desktop's PDF viewer. The UI
//! names a document by request and position, never by path, so it can open nothing else.

use std::path::PathBuf;

use station_core::{RequestId, Station, VerificationReport};
use tauri::State;

use crate::error::{Error, Result};

/// Verifies the saved signed copy again and reports signer, times, timestamp and trust.
#[tauri::command]
pub async fn signed_document_report(
    station: State<'_, Station>,
    id: RequestId,
    position: u32,
) -> Result<VerificationReport> {
    Ok(station
        .workflows()
        .verification_report(&id, position)
        .await?)
}

/// Saves a copy of the signed document at `target` (from the save dialog).
#[tauri::command]
pub async fn signed_document_save_copy(
    station: State<'_, Station>,
    id: RequestId,
    position: u32,
    target: PathBuf,
) -> Result<PathBuf> {
    Ok(station
        .workflows()
        .save_signed_copy(&id, position, target)
        .await?)
}

/// Opens the signed document in the desktop's default application (to read or print it).
#[tauri::command]
pub async fn signed_document_open(
    station: State<'_, Station>,
    id: RequestId,
    position: u32,
) -> Result<()> {
    let path = station.workflows().signed_copy(&id, position).await?;
    let shown = path.display().to_string();
    tauri_plugin_opener::open_path(path, None::<&str>).map_err(|error| Error::CannotOpen {
        path: shown,
        reason: error.to_string(),
    })
}
