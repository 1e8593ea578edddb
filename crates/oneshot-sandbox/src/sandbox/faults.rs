//! `/sandbox/v1/faults`: arm, list and clear faults.

use axum::extract::State;
use bytes::Bytes;
use serde_json::json;

use crate::api::{Answer, AppState, parse_json};
use crate::error::Error;
use crate::fault::FaultSpec;

pub async fn arm(State(state): State<AppState>, body: Bytes) -> Result<Answer, Error> {
    let spec: FaultSpec = parse_json(&body)?;
    let id = state.faults.arm(spec)?;
    Ok(Answer::ok(json!({ "fault": id })))
}

pub async fn list(State(state): State<AppState>) -> Answer {
    Answer::ok(state.faults.list())
}

pub async fn clear(State(state): State<AppState>) -> Answer {
    state.faults.clear();
    Answer::ok("Faults cleared")
}
