//! The spec's answer envelope: `{"status": "200 OK", "details": …}` for every
//! answer, success or error.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::error::Error;

/// A successful answer with its HTTP status.
#[derive(Debug)]
pub struct Answer {
    status: StatusCode,
    details: Value,
}

impl Answer {
    /// `201 Created` with `details`.
    pub fn created(details: impl Into<Value>) -> Self {
        Self {
            status: StatusCode::CREATED,
            details: details.into(),
        }
    }

    /// `200 OK` with `details`.
    pub fn ok(details: impl Into<Value>) -> Self {
        Self {
            status: StatusCode::OK,
            details: details.into(),
        }
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        envelope(self.status, self.details)
    }
}

fn envelope(status: StatusCode, details: Value) -> Response {
    let status_text = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Unknown")
    );
    (
        status,
        Json(json!({ "status": status_text, "details": details })),
    )
        .into_response()
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match &self {
            Error::InvalidOptions(per_document) => {
                return envelope(StatusCode::BAD_REQUEST, json!(per_document));
            }
            Error::MissingImages(per_document) => {
                return envelope(StatusCode::NOT_FOUND, json!(per_document));
            }
            Error::Billing(message) => {
                return envelope(StatusCode::INTERNAL_SERVER_ERROR, json!(message));
            }
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            Error::UnsupportedMediaType(_) | Error::EncryptedPdf => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            Error::MalformedPdf(_)
            | Error::InvalidSignatureAppearance(_)
            | Error::InvalidHashFile(_)
            | Error::InvalidSignerIdentity(_)
            | Error::UnknownCertificateProfile(_)
            | Error::InvalidMetadata(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The cause stays in the server log; the client only learns that it failed.
            tracing::error!(error = %self, "request failed");
            return envelope(status, Value::from("Internal server error"));
        }
        envelope(status, Value::from(self.to_string()))
    }
}

/// Parses a JSON request body, answering the spec's 400 when it is broken.
///
/// An empty body reads as `{}` so that "missing parameter" is what the caller
/// hears about, not a parse error.
pub fn parse_json<T: DeserializeOwned>(body: &Bytes) -> Result<T, Error> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| Error::BadRequest(format!("Could not parse JSON body - {e}")))
}

/// Fails with the spec's wording when any of the named parameters is absent.
pub fn require(present: &[(&str, bool)]) -> Result<(), Error> {
    let missing: Vec<&str> = present
        .iter()
        .filter(|(_, here)| !here)
        .map(|(name, _)| *name)
        .collect();
    match missing.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::BadRequest(format!(
            "Missing required parameter: '{one}'"
        ))),
        many => Err(Error::BadRequest(format!(
            "Missing required parameters: {}",
            many.join(", ")
        ))),
    }
}
