//! Generate OTP: six digits "sent" by SMS or WhatsApp to the signer.

use axum::extract::{Path, State};
use bytes::Bytes;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::api::{Answer, AppState, parse_json};
use crate::error::Error;
use crate::otp::{DeliveryMethod, PendingOtp};
use crate::outbox::OutboxMessage;
use crate::signature_request::RequestStatus;

#[derive(Debug, Default, Deserialize)]
struct GenerateOtp {
    delivery_method: Option<String>,
}

pub async fn generate(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let input: GenerateOtp = parse_json(&body)?;
    let channel = match input.delivery_method.as_deref().map(str::trim) {
        None | Some("") => DeliveryMethod::Sms,
        Some(word) => DeliveryMethod::parse(word).ok_or_else(|| {
            Error::BadRequest(format!(
                "Invalid delivery_method '{word}': expected sms or whatsapp"
            ))
        })?,
    };
    let (_lock, mut request) = state
        .open_request(&pk, |pk| {
            format!("Request {pk} not found. Cannot send OTP secret")
        })
        .await?;
    if request.status != RequestStatus::EnrollReady {
        return Err(Error::PreconditionFailed(format!(
            "Error occured during OTP generation: Invalid request status ({})",
            request.status
        )));
    }
    let missing = request.signer.missing_for_issuance();
    if !missing.is_empty() {
        return Err(Error::PreconditionFailed(format!(
            "Error occured during OTP generation: Invalid request fields: {} (set them with PUT /api/v1/request/{pk})",
            missing.join(", ")
        )));
    }
    let now = OffsetDateTime::now_utc();
    let (pending, code) = PendingOtp::generate(channel, now);
    request.otp = Some(pending);
    state.store.requests.save(&request).await?;
    state.outbox.push(OutboxMessage {
        request: request.pk,
        channel,
        to: request.signer.mobile_phone_number.clone(),
        code,
        sent_at: now,
    });
    tracing::info!(
        pk = request.pk,
        channel = channel.as_str(),
        "OTP sent to the outbox"
    );
    Ok(Answer::ok("OTP generated"))
}
