//! GET async/status: one word for where an asynchronous request stands.

use axum::extract::{Path, State};

use crate::api::{Answer, AppState};
use crate::error::Error;
use crate::signature_request::{AsyncStage, RequestStatus};

pub async fn get(State(state): State<AppState>, Path(pk): Path<String>) -> Result<Answer, Error> {
    let (_lock, request) = state
        .open_request(&pk, |pk| {
            format!("Request {pk} not found. Make sure the upload directory is correct")
        })
        .await?;
    // Requests created without useasync still get a meaningful word.
    let word = match (request.async_stage, request.status) {
        (Some(stage), _) => stage.as_str(),
        (None, RequestStatus::EnrollReady) => AsyncStage::Approved.as_str(),
        (None, RequestStatus::Issued) => AsyncStage::Signed.as_str(),
        (None, other) => other.as_str(),
    };
    Ok(Answer::ok(word))
}
