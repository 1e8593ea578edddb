//! Sign screen commands (W1, W2, W4): the signer's checks, ID pictures, and the
//! officer's intents on a signature request. The workflow itself is station-core's.

use std::path::PathBuf;

use station_core::{
    IdImageEdit, IdImageFolder, IdentityCheck, PreparedIdImage, ProfileDefaults, RequestId, Secret,
    SignatureRequestDraft, SignatureRequestSummary, SignatureRequestView, SignerIdentity, Station,
    check_identity,
};
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use crate::error::Result;

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

/// Turns a chosen picture upright (then as the officer turned and cropped it), shrinks
/// it to the upload limits, judges its quality and keeps the result for the request.
#[tauri::command]
pub async fn sign_prepare_id_image(
    station: State<'_, Station>,
    path: PathBuf,
    edit: Option<IdImageEdit>,
) -> Result<PreparedIdImage> {
    let folder = IdImageFolder::in_data_dir(station.data_dir());
    Ok(folder.prepare_file(path, edit.unwrap_or_default()).await?)
}

/// Keeps a picture the station's camera took (the JPEG or PNG bytes as the request's raw
/// body, not JSON) and prepares it like a chosen file.
#[tauri::command]
pub async fn sign_prepare_captured_image(
    station: State<'_, Station>,
    request: Request<'_>,
) -> Result<PreparedIdImage> {
    // A JSON body carries no picture: station-core refuses the empty bytes by name.
    let bytes = match request.body() {
        InvokeBody::Raw(bytes) => bytes.clone(),
        InvokeBody::Json(_) => Vec::new(),
    };
    let folder = IdImageFolder::in_data_dir(station.data_dir());
    Ok(folder.prepare_captured(bytes).await?)
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
