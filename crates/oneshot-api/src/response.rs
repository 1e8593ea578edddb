//! Reading answers: bounded bodies, the `{status, details}` envelope, error answers.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::details::Details;
use crate::error::{Error, Result};

/// How many bytes of an undecodable body an error keeps.
const EXCERPT_BYTES: usize = 200;

/// The JSON envelope every JSON answer uses.
#[derive(Debug, Deserialize)]
pub(crate) struct Envelope<D> {
    #[serde(default)]
    pub(crate) status: Option<String>,
    pub(crate) details: D,
}

/// Reads the whole body, refusing more than `limit` bytes so a hostile or broken
/// server cannot make us allocate without bound.
pub(crate) async fn read_bounded(
    operation: &'static str,
    mut response: reqwest::Response,
    limit: usize,
) -> Result<(u16, Vec<u8>)> {
    let http_status = response.status().as_u16();
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(too_big(operation, http_status, limit, &[]));
    }
    let mut body = Vec::with_capacity(announced as usize);
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| Error::transport(operation, error))?
    {
        if body.len() + chunk.len() > limit {
            body.extend_from_slice(&chunk[..limit.saturating_sub(body.len())]);
            return Err(too_big(operation, http_status, limit, &body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((http_status, body))
}

fn too_big(operation: &'static str, http_status: u16, limit: usize, body: &[u8]) -> Error {
    Error::Decode {
        operation,
        http_status,
        reason: format!("answer larger than {limit} bytes"),
        excerpt: excerpt(body),
    }
}

/// The first bytes of a body, lossily decoded, for error messages.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let end = body.len().min(EXCERPT_BYTES);
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// Decodes a successful JSON answer's `details` into `D`.
pub(crate) fn decode_details<D: DeserializeOwned>(
    operation: &'static str,
    http_status: u16,
    body: &[u8],
) -> Result<D> {
    serde_json::from_slice::<Envelope<D>>(body)
        .map(|envelope| envelope.details)
        .map_err(|error| Error::Decode {
            operation,
            http_status,
            reason: error.to_string(),
            excerpt: excerpt(body),
        })
}

/// Turns an HTTP error answer into [`Error::Api`], or [`Error::Decode`] when its
/// body is not the JSON envelope (an HTML page from a proxy, say).
pub(crate) fn error_from_body(operation: &'static str, http_status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<Envelope<Option<Details>>>(body) {
        Ok(envelope) => Error::Api {
            operation,
            http_status,
            status: envelope.status.unwrap_or_default(),
            details: envelope.details.unwrap_or_default(),
        },
        Err(error) => Error::Decode {
            operation,
            http_status,
            reason: format!("error answer is not JSON: {error}"),
            excerpt: excerpt(body),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_keep_status_and_details() {
        let body =
            br#"{"status":"412 Precondition Failed","details":"Request already in ISSUED status"}"#;
        let error = error_from_body("sign", 412, body);
        assert!(error.is_already_issued());
        assert_eq!(error.server_status(), Some("412 Precondition Failed"));
    }

    #[test]
    fn html_error_page_is_a_decode_error_with_excerpt() {
        let body = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        let error = error_from_body("hello", 502, body);
        match &error {
            Error::Decode { excerpt, .. } => assert!(excerpt.contains("502 Bad Gateway")),
            other => panic!("unexpected {other:?}"),
        }
        assert!(error.is_retryable());
    }

    #[test]
    fn details_absent_in_error_is_empty() {
        let error = error_from_body("hello", 500, br#"{"status":"500 Internal Server Error"}"#);
        assert_eq!(error.details(), Some(&Details::Empty));
    }
}
