//! `GET /sandbox/v1/ca.pem`: the root CA and every intermediate (issuing CA,
//! TSA) to trust when validating what the sandbox signs.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::api::AppState;

pub async fn ca_pem(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/x-pem-file")],
        state.authority.ca_pem(),
    )
}
