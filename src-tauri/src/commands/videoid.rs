//! Video ID commands (W5, W6): the officer's queue, new Video ID requests, the
//! review of one and the officer's decision.

use station_core::{
    RequestId, SignatureRequestDraft, SignatureRequestView, SignerCorrection, Station,
    VideoIdQueueEntry, VideoIdReview,
};
use tauri::State;
use tauri::ipc::Response;

use crate::error::Result;

/// The open Video ID requests, the one waiting longest first.
#[tauri::command]
pub async fn videoid_queue(station: State<'_, Station>) -> Result<Vec<VideoIdQueueEntry>> {
    Ok(station.workflows().videoid_queue().await?)
}

/// Creates a Video ID request: eIDAS (the answer holds the signer's link) or
/// external (evidences and video uploaded from the officer's files).
#[tauri::command]
pub async fn videoid_create(
    station: State<'_, Station>,
    draft: SignatureRequestDraft,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().start(draft).await?)
}

/// One request as it stands.
#[tauri::command]
pub async fn videoid_request(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().request(&id).await?)
}

/// What the officer reviews: data read, pictures, checks, similarity.
#[tauri::command]
pub async fn videoid_review(station: State<'_, Station>, id: RequestId) -> Result<VideoIdReview> {
    Ok(station.workflows().videoid_review(&id).await?)
}

/// The session's video, as raw bytes (no JSON array of numbers for megabytes).
#[tauri::command]
pub async fn videoid_video(station: State<'_, Station>, id: RequestId) -> Result<Response> {
    Ok(Response::new(station.workflows().videoid_video(&id).await?))
}

/// Approves the identification; the request goes on as a signature.
#[tauri::command]
pub async fn videoid_approve(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().approve(&id).await?)
}

/// Refuses the identification with the reason the signer and the RA see.
#[tauri::command]
pub async fn videoid_refuse(
    station: State<'_, Station>,
    id: RequestId,
    reason: String,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().refuse(&id, reason).await?)
}

/// Cancels the request on the Optimizer.
#[tauri::command]
pub async fn videoid_cancel(
    station: State<'_, Station>,
    id: RequestId,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().cancel(&id).await?)
}

/// Corrects the signer's data before approval (the station fetches the scratchcard).
#[tauri::command]
pub async fn videoid_correct(
    station: State<'_, Station>,
    id: RequestId,
    correction: SignerCorrection,
) -> Result<SignatureRequestView> {
    Ok(station.workflows().correct_signer(&id, correction).await?)
}
