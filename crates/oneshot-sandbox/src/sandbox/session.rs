//! The end user's side of an eIDAS Video ID session, played by the sandbox.
//!
//! `videoid_link` points at a small page with one button per outcome; tests
//! post the outcome directly to `/complete`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::Html;
use bytes::Bytes;
use serde::Deserialize;

use crate::api::videoid::{OcrData, change_status};
use crate::api::{Answer, AppState, parse_json, request_not_found};
use crate::error::Error;
use crate::signature_request::RequestStatus;

#[derive(Debug, Deserialize)]
struct Completion {
    outcome: Option<String>,
    /// What the session read from the ID document; the sandbox invents a
    /// consistent identity for whatever is missing.
    ocr_data: Option<OcrData>,
}

pub async fn complete(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Answer, Error> {
    let completion = parse_completion(&headers, &body)?;
    let status = match completion.outcome.as_deref().map(str::trim) {
        Some("review") => RequestStatus::VideoReview,
        Some("incomplete") => RequestStatus::VideoIncomplete,
        Some("error") => RequestStatus::VideoError,
        Some(other) => {
            return Err(Error::BadRequest(format!(
                "Invalid outcome '{other}': expected review, incomplete or error"
            )));
        }
        None => {
            return Err(Error::BadRequest(
                "Missing required parameter: 'outcome'".into(),
            ));
        }
    };
    let (_lock, mut request) = state.open_request(&pk, request_not_found).await?;
    let open = matches!(
        request.status,
        RequestStatus::VideoPending | RequestStatus::VideoIncomplete | RequestStatus::VideoError
    );
    if request.videoid.is_none() || !open {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status: no Video ID session is open",
            request.status
        )));
    }
    if status == RequestStatus::VideoReview {
        if let Some(ocr) = &completion.ocr_data {
            ocr.apply(&mut request.signer)?;
        }
        fill_invented_identity(request.pk, &mut request.signer);
        if let Some(session) = request.videoid.as_mut() {
            session.evidences_complete = true;
        }
    }
    change_status(&state, &mut request, status).await?;
    Ok(Answer::ok(format!(
        "Video ID session completed: {}",
        status.as_str()
    )))
}

/// JSON, or the page's form posts (`outcome=review`).
fn parse_completion(headers: &HeaderMap, body: &Bytes) -> Result<Completion, Error> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        let outcome = url::form_urlencoded::parse(body)
            .find(|(key, _)| key == "outcome")
            .map(|(_, value)| value.into_owned());
        Ok(Completion {
            outcome,
            ocr_data: None,
        })
    } else {
        parse_json(body)
    }
}

/// A sandbox person for what the session did not capture, with a well-formed
/// Spanish DNI derived from the request number.
fn fill_invented_identity(pk: u64, signer: &mut crate::signature_request::Signer) {
    const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&signer.given_name) {
        signer.given_name = Some("Sandbox".into());
    }
    if blank(&signer.surname_1) {
        signer.surname_1 = Some("Videoid".into());
    }
    if blank(&signer.serial_number) {
        let number = 10_000_000 + pk % 90_000_000;
        let letter = DNI_LETTERS[(number % 23) as usize] as char;
        signer.serial_number = Some(format!("{number}{letter}"));
    }
}

pub async fn page(
    State(state): State<AppState>,
    Path(pk): Path<String>,
) -> Result<Html<String>, Error> {
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    let pk = request.pk;
    let status = request.status.as_str();
    let buttons: String = ["review", "incomplete", "error"]
        .iter()
        .map(|outcome| {
            format!(
                "<form method=\"post\" action=\"/sandbox/v1/videoid/{pk}/complete\">\
                 <input type=\"hidden\" name=\"outcome\" value=\"{outcome}\">\
                 <button type=\"submit\">Finish session: {outcome}</button></form>"
            )
        })
        .collect();
    Ok(Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sandbox Video ID {pk}</title></head>\
         <body><h1>Sandbox Video ID session</h1><p>Request {pk} is in status {status}.</p>{buttons}</body></html>"
    )))
}
