//! The officer's extra actions, recorded as steps after the plan: cancelling the
//! request and correcting the signer's data of a Video ID request.
//!
//! Reconciliation: cancelling again is harmless (a request already gone counts as
//! cancelled). A correction is recorded with its data before the call; a restart
//! fetches a fresh scratchcard and sends the same correction again, which leaves
//! the request as the first one would have.

use oneshot_api::RequestUpdate;

use super::super::engine::Run;
use super::super::models::SignerCorrection;
use super::super::states::{RequestPhase, StepName};
use super::videoid::end;
use crate::audit::AuditAction;
use crate::error::{Error, Result};
use crate::store::{audit, requests};

pub(crate) const CANCEL_NOTE: &str = "cancel: cancelling again is harmless";

/// `DELETE /request/{pk}` (when the Optimizer knows the request), then the request ends.
pub(crate) async fn cancel(run: &Run<'_>) -> Result<()> {
    if let Some(pk) = run.state.request.optimizer_pk {
        match run.session.client.videoid().cancel(pk).await {
            Ok(_) => {}
            Err(error) if error.is_not_found() => {}
            Err(error) => return Err(error.into()),
        }
        run.answered(StepName::CancelRequest);
    }
    let entry = run.audit(AuditAction::Cancel);
    end(run, RequestPhase::Cancelled, Some(entry)).await
}

/// `PUT /request/{pk}` with the correction recorded in the step's note.
pub(crate) async fn correct(run: &Run<'_>, seq: u32, note: Option<&str>) -> Result<()> {
    let correction: SignerCorrection = note
        .and_then(|note| serde_json::from_str(note).ok())
        .ok_or_else(|| Error::CorruptStore("a correction was not recorded".into()))?;
    let pk = run.state.pk()?;
    let client = &run.session.client;
    let current = client.requests().get(pk).await?;
    let scratchcard = current.scratchcard.clone().ok_or_else(|| {
        Error::Optimizer(oneshot_api::Error::Decode {
            operation: "get_request",
            http_status: 200,
            reason: "the request has no scratchcard".into(),
            excerpt: String::new(),
        })
    })?;
    let pick = |new: &Option<String>, old: &Option<String>| {
        new.clone()
            .filter(|value| !value.trim().is_empty())
            .or_else(|| old.clone())
    };
    let update = RequestUpdate {
        scratchcard,
        email: pick(&correction.email, &current.email).unwrap_or_default(),
        registration_authority: current.registration_authority.clone().unwrap_or_default(),
        profile: current.profile.clone().unwrap_or_default(),
        country_name: pick(&correction.country_name, &current.id_document_country)
            .unwrap_or_default(),
        given_name: pick(&correction.given_name, &current.given_name),
        surname_1: pick(&correction.surname_1, &current.surname_1),
        surname_2: pick(&correction.surname_2, &current.surname_2),
        birth_date: correction.birth_date.clone(),
        mobile_phone_number: pick(
            &correction.mobile_phone_number,
            &current.mobile_phone_number,
        ),
        serial_number: pick(&correction.serial_number, &current.serial_number),
    };
    client.videoid().update_request(pk, &update).await?;
    run.answered(StepName::CorrectSigner);
    let mut signer = run.state.request.signer.clone();
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(value) = value.as_ref().filter(|v| !v.trim().is_empty()) {
            value.clone_into(field);
        }
    };
    set(&mut signer.given_name, &correction.given_name);
    set(&mut signer.surname_1, &correction.surname_1);
    set(&mut signer.serial_number, &correction.serial_number);
    set(&mut signer.email, &correction.email);
    set(
        &mut signer.mobile_phone_number,
        &correction.mobile_phone_number,
    );
    set(&mut signer.id_document_country, &correction.country_name);
    if let Some(surname) = correction
        .surname_2
        .as_ref()
        .filter(|v| !v.trim().is_empty())
    {
        signer.surname_2 = Some(surname.clone());
    }
    let entry = run.audit(AuditAction::Update).with_details(format!(
        "corrected: {}",
        corrected_fields(&correction).join(", ")
    ));
    let id = run.id().clone();
    run.finish(StepName::CorrectSigner, seq, None, move |tx| {
        requests::set_signer(tx, &id, &signer)?;
        audit::append(tx, entry).map(|_| ())
    })
    .await
}

/// The names (never the values: the trail is not a copy of personal data) of the
/// fields a correction changes.
fn corrected_fields(correction: &SignerCorrection) -> Vec<&'static str> {
    [
        ("givenName", &correction.given_name),
        ("surname1", &correction.surname_1),
        ("surname2", &correction.surname_2),
        ("birthDate", &correction.birth_date),
        ("mobilePhoneNumber", &correction.mobile_phone_number),
        ("serialNumber", &correction.serial_number),
        ("email", &correction.email),
        ("countryName", &correction.country_name),
    ]
    .into_iter()
    .filter(|(_, value)| value.as_deref().is_some_and(|v| !v.trim().is_empty()))
    .map(|(name, _)| name)
    .collect()
}
