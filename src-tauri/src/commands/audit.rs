//! Audit commands: the trail, the check of its chain and its export.

use std::path::PathBuf;

use station_core::{AuditEntry, AuditExportFormat, AuditTrail, AuditVerification, Station};
use tauri::State;

use crate::error::Result;

/// Every entry, oldest first.
#[tauri::command]
pub async fn audit_entries(station: State<'_, Station>) -> Result<Vec<AuditEntry>> {
    on_a_blocking_thread(station.audit(), |trail| trail.entries()).await
}

/// Checks the whole hash chain.
#[tauri::command]
pub async fn audit_verify(station: State<'_, Station>) -> Result<AuditVerification> {
    on_a_blocking_thread(station.audit(), |trail| trail.verify()).await
}

/// Writes the trail to `path` (chosen in the save dialog) as JSON or CSV.
#[tauri::command]
pub async fn audit_export(
    station: State<'_, Station>,
    format: AuditExportFormat,
    path: PathBuf,
) -> Result<()> {
    on_a_blocking_thread(station.audit(), move |trail| {
        trail.export_to_file(format, &path)
    })
    .await
}

/// The trail reads SQLite and files synchronously: keep that off the async workers.
async fn on_a_blocking_thread<T: Send + 'static>(
    trail: AuditTrail,
    work: impl FnOnce(&AuditTrail) -> station_core::Result<T> + Send + 'static,
) -> Result<T> {
    let outcome = tauri::async_runtime::spawn_blocking(move || work(&trail))
        .await
        .map_err(|error| station_core::Error::Task(error.to_string()))?;
    Ok(outcome?)
}
