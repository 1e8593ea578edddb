//! GET and POST settings: the Optimizer's `settings.ini`.

use axum::extract::State;
use bytes::Bytes;
use serde_json::Value;

use crate::api::{Answer, AppState, parse_json};
use crate::error::Error;

pub async fn show(State(state): State<AppState>) -> Answer {
    Answer::ok(state.store.settings.to_json().await)
}

pub async fn update(State(state): State<AppState>, body: Bytes) -> Result<Answer, Error> {
    let changes: Value = parse_json(&body)?;
    state.store.settings.update(&changes).await?;
    Ok(Answer::ok("Settings saved successfully"))
}
