//! Sign screen commands (W1, W2, W4): the signer's checks, ID pictures, and the
//! officer's intents on a signature request. The workflow itself is station-core's.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::Serialize;
use station_core::{
    IdImageReport, IdentityCheck, ProfileDefaults, RequestId, Secret, SignatureRequestDraft,
    SignatureRequestSummary, SignatureRequestView, SignerIdentity, Station, check_identity,
    normalize_id_image, write_file_atomically,
};
use tauri::State;
use ts_rs::TS;

use crate::error::Result;

/// An ID picture made fit to upload, kept in the station's data folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreparedIdImage {
    /// The upright, resized JPEG the request will upload.
    pub path: PathBuf,
    /// The file the officer chose.
    pub source_name: String,
    /// Size, quality measures and hints.
    pub report: IdImageReport,
    /// The JPEG as a `data:` URL, for the preview.
    pub preview: String,
}

/// Checks the signer's data field by field; the UI shows the issues as the officer types.
#[tauri::command]
pub fn sign_check_signer(signer: SignerIdentity) -> IdentityCheck {
    check_identity(&signer)
}

/// The Registration Authority and certificate profile new requests get by default.
#[tauri::command]
pub async fn sign_profile_defaults(station: State<'_, Station>) -> Result<ProfileDefaults> {
    Ok(station.workflows().profile_defaults().await?)
}

/// Turns a chosen picture upright, shrinks it to the upload limits, judges its
/// quality and keeps the result (not the original) for the request.
#[tauri::command]
pub async fn sign_prepare_id_image(
    station: State<'_, Station>,
    path: PathBuf,
) -> Result<PreparedIdImage> {
    let bytes = read(&path).await?;
    let normalized = normalize_id_image(bytes).await?;
    let folder = station.data_dir().root().join("id-images");
    let target = folder.join(format!("{}.jpg", RequestId::generate()));
    let jpeg = normalized.jpeg.clone();
    let written = target.clone();
    tauri::async_runtime::spawn_blocking(move || {
        std::fs::create_dir_all(&folder).map_err(|source| station_core::Error::UnreadableFile {
            path: folder.clone(),
            source,
        })?;
        write_file_atomically(&written, &jpeg)
    })
    .await
    .map_err(|error| station_core::Error::Task(error.to_string()))??;
    Ok(PreparedIdImage {
        path: target,
        source_name: file_name(&path),
        report: normalized.report,
        preview: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&normalized.jpeg)
        ),
    })
}

/// Starts a signature request and works on it until the officer must act.
#[tauri::command]
pub async fn sign_start(
    station: State<'_, Station>,
    draft: SignatureRequestDraft,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().start(draft).await?)
}

/// Every request, newest first (the screen offers the unfinished ones to resume).
#[tauri::command]
pub async fn sign_requests(station: State<'_, Station>) -> Result<Vec<SignatureRequestSummary>> {
    Ok(station.workflows().requests().await?)
}

/// One request with its steps and documents.
#[tauri::command]
pub async fn sign_request(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().request(&id).await?)
}

/// The officer showed the signer the service contract and the documents.
#[tauri::command]
pub async fn sign_confirm_contract(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().confirm_contract_shown(&id).await?)
}

/// Sends the signer a new one-time code.
#[tauri::command]
pub async fn sign_resend_otp(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().resend_otp(&id).await?)
}

/// Signs with the code the signer received (never stored or logged).
#[tauri::command]
pub async fn sign_submit_code(
    station: State<'_, Station>,
    id: RequestId,
    code: Secret,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().sign(&id, code).await?)
}

/// Resumes a request: a failed step runs again, an interrupted one is reconciled.
#[tauri::command]
pub async fn sign_retry(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().retry(&id).await?)
}

/// Cancels a request that is not signed yet.
#[tauri::command]
pub async fn sign_cancel(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().cancel(&id).await?)
}

async fn read(path: &Path) -> Result<Vec<u8>> {
    let owned = path.to_owned();
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        std::fs::read(&owned).map_err(|source| station_core::Error::UnreadableFile {
            path: owned.clone(),
            source,
        })
    })
    .await
    .map_err(|error| station_core::Error::Task(error.to_string()))??;
    Ok(bytes)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
