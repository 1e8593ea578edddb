//! `GET /sandbox/v1/messages?request=PK`: the OTP messages "sent" so far.

use axum::extract::{Query, State};
use serde::Deserialize;

use crate::api::{Answer, AppState};
use crate::error::Error;
use crate::store::parse_pk;

#[derive(Debug, Deserialize)]
pub struct MessagesQuery {
    request: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Query(query): Query<MessagesQuery>,
) -> Result<Answer, Error> {
    let request = match query.request.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(parse_pk(raw).ok_or_else(|| {
            Error::BadRequest(format!("'request' must be a request number, not '{raw}'"))
        })?),
    };
    Ok(Answer::ok(state.outbox.list(request)))
}
