//! Sandbox-only extensions under `/sandbox/v1` (design.md §3): the OTP outbox,
//! the end user's Video ID session, the CA to trust and fault injection.

mod ca;
mod faults;
mod messages;
mod session;

use axum::Router;
use axum::routing::{get, post};

use crate::api::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox/v1/messages", get(messages::list))
        .route("/sandbox/v1/ca.pem", get(ca::ca_pem))
        .route("/sandbox/v1/videoid/{pk}", get(session::page))
        .route("/sandbox/v1/videoid/{pk}/complete", post(session::complete))
        .route(
            "/sandbox/v1/faults",
            get(faults::list).post(faults::arm).delete(faults::clear),
        )
}
