//! Signing (`POST /sign/{pk}`) and, in asynchronous mode, waiting for the
//! background signature.
//!
//! A sign is never sent twice blindly. Before asking the officer for a code the
//! step asks the Optimizer whether the request is already signed; a sign whose
//! answer was lost (timeout, reset, crash before the answer was recorded) stays in
//! flight until the Optimizer's status says what happened: ISSUED (or, in
//! asynchronous mode, a background signature under way) counts as signed and the
//! documents are fetched; anything else means it did not sign, and the officer
//! types the code again. "Already in ISSUED status" also counts as signed.

use std::collections::BTreeMap;

use oneshot_api::{RequestStatus, Secret, SignOptions, VisibleSignature};

use super::super::engine::Run;
use super::super::states::{StepName, StepState, WorkflowKind};
use crate::audit::{AuditAction, DocumentDigest, NewAuditEntry};
use crate::error::{Error, Result};
use crate::events::{SignStage, StationEvent};
use crate::store::{audit, requests, steps};

const NOTE: &str = "sign: never sent twice; a restart asks the Optimizer for the request's \
                    status and fetches the documents if it signed";

/// Code of a sign refused because the OTP (or external code) was wrong.
pub(crate) const WRONG_CODE: &str = "workflow.wrong_code";
/// Code of a sign whose answer was lost and that the Optimizer reports unsigned.
pub(crate) const NOT_SIGNED: &str = "workflow.not_signed";
/// Code of a background signature that failed.
pub(crate) const ASYNC_FAILED: &str = "workflow.async_sign_failed";

/// Before asking for the code: if the Optimizer already signed, record it.
pub(crate) async fn prepare(run: &Run<'_>, seq: u32) -> Result<()> {
    let status = current_status(run).await?;
    if counts_as_signed(run.state.request.kind, &status) {
        return signed(
            run,
            seq,
            format!("found {status} at the Optimizer before signing"),
        )
        .await;
    }
    run.set_state(StepName::Sign, seq, StepState::AwaitingOfficer, None)
        .await
}

/// The officer's code: sign once, and settle what happened.
pub(crate) async fn submit(run: &Run<'_>, seq: u32, code: Secret) -> Result<()> {
    let pk = run.state.pk()?;
    let options = sign_options(run, code)?;
    run.begin(StepName::Sign, seq, NOTE).await?;
    run.engine.events.emit(StationEvent::SignProgress {
        request: run.id().clone(),
        stage: SignStage::Sent,
    });
    let answer = run.session.client.requests().sign(pk, &options).await;
    run.answered(StepName::Sign);
    match answer {
        Ok(_) => signed(run, seq, "signed".into()).await,
        Err(error) if error.is_already_issued() => {
            signed(run, seq, "the Optimizer reports it already signed".into()).await
        }
        Err(error) if crate::error::optimizer_outcome_unknown(&error) => reconcile(run, seq).await,
        Err(error) if error.is_wrong_otp() => {
            not_signed(
                run,
                seq,
                WRONG_CODE,
                "the Optimizer refused the code".into(),
            )
            .await
        }
        Err(error) => {
            let error = Error::from(error);
            let details = error.details().unwrap_or_else(|| error.to_string());
            not_signed(run, seq, error.code(), details).await
        }
    }
}

/// A sign in flight whose answer is unknown: the Optimizer's status decides.
pub(crate) async fn reconcile(run: &Run<'_>, seq: u32) -> Result<()> {
    let status = current_status(run).await?;
    if counts_as_signed(run.state.request.kind, &status) {
        signed(
            run,
            seq,
            format!("answer lost; the Optimizer reports {status}"),
        )
        .await
    } else {
        not_signed(
            run,
            seq,
            NOT_SIGNED,
            format!("answer lost; the Optimizer reports {status}: not signed"),
        )
        .await
    }
}

/// Asynchronous mode: start following the background signature.
pub(crate) async fn start_waiting(run: &Run<'_>, seq: u32) -> Result<()> {
    run.set_state(StepName::AwaitSignature, seq, StepState::Waiting, None)
        .await?;
    check(run, seq).await
}

/// Asynchronous mode: asks how the background signature is doing.
pub(crate) async fn check(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let status = run.session.client.requests().async_status(pk).await?;
    remember_status(run, &status).await?;
    if status.is_signed() {
        run.engine.events.emit(StationEvent::SignProgress {
            request: run.id().clone(),
            stage: SignStage::Signed,
        });
        return run
            .finish(StepName::AwaitSignature, seq, None, |_| Ok(()))
            .await;
    }
    if status == RequestStatus::Failed {
        // The Optimizer lets a failed background signature be signed again.
        let id = run.id().clone();
        let sign_seq = run
            .state
            .planned_step(StepName::Sign)
            .map(|step| step.seq)
            .ok_or_else(|| Error::CorruptStore("asynchronous workflow without sign".into()))?;
        let entry = run
            .audit(AuditAction::Sign)
            .failed()
            .with_details("the background signature failed");
        return run
            .progress(format!("{}:failed", StepName::AwaitSignature), move |tx| {
                steps::set_state(tx, &id, seq, StepState::Pending, None)?;
                steps::set_state(
                    tx,
                    &id,
                    sign_seq,
                    StepState::AwaitingOfficer,
                    Some((ASYNC_FAILED, None)),
                )?;
                audit::append(tx, entry).map(|_| ())
            })
            .await;
    }
    run.engine.events.emit(StationEvent::SignProgress {
        request: run.id().clone(),
        stage: SignStage::InProgress {
            status: status.to_string(),
        },
    });
    Ok(())
}

/// The status that tells whether the request signed: the asynchronous word in
/// asynchronous mode, the request's status otherwise.
async fn current_status(run: &Run<'_>) -> Result<RequestStatus> {
    let pk = run.state.pk()?;
    let requests = run.session.client.requests();
    let status = if run.state.request.kind == WorkflowKind::Asynchronous {
        match requests.async_status(pk).await? {
            // Async words say nothing once it issued; the request's status does.
            RequestStatus::Approved => requests.status(pk).await?,
            word => word,
        }
    } else {
        requests.status(pk).await?
    };
    remember_status(run, &status).await?;
    Ok(status)
}

fn counts_as_signed(kind: WorkflowKind, status: &RequestStatus) -> bool {
    status.is_signed() || (kind == WorkflowKind::Asynchronous && *status == RequestStatus::Pending)
}

async fn remember_status(run: &Run<'_>, status: &RequestStatus) -> Result<()> {
    if run.state.request.server_status.as_deref() == Some(status.as_str()) {
        return Ok(());
    }
    let id = run.id().clone();
    let word = status.to_string();
    run.progress("status".into(), move |tx| {
        requests::set_server_status(tx, &id, &word).map(|_| ())
    })
    .await
}

async fn signed(run: &Run<'_>, seq: u32, details: String) -> Result<()> {
    let entry = run
        .audit(AuditAction::Sign)
        .with_details(details)
        .with_digests(uploaded_digests(run), Vec::new());
    run.finish(StepName::Sign, seq, None, move |tx| {
        audit::append(tx, entry).map(|_| ())
    })
    .await?;
    if run.state.request.kind != WorkflowKind::Asynchronous {
        run.engine.events.emit(StationEvent::SignProgress {
            request: run.id().clone(),
            stage: SignStage::Signed,
        });
    }
    Ok(())
}

async fn not_signed(run: &Run<'_>, seq: u32, code: &str, details: String) -> Result<()> {
    let id = run.id().clone();
    let entry: NewAuditEntry = run
        .audit(AuditAction::Sign)
        .failed()
        .with_details(format!("{code}: {details}"))
        .with_digests(uploaded_digests(run), Vec::new());
    let code = code.to_owned();
    run.progress(format!("{}:awaiting_officer", StepName::Sign), move |tx| {
        steps::set_state(
            tx,
            &id,
            seq,
            StepState::AwaitingOfficer,
            Some((&code, Some(&details))),
        )?;
        audit::append(tx, entry).map(|_| ())
    })
    .await
}

fn uploaded_digests(run: &Run<'_>) -> Vec<DocumentDigest> {
    run.state
        .documents
        .iter()
        .map(|document| DocumentDigest {
            name: document.file_name.clone(),
            sha256: document.upload_sha256.clone(),
        })
        .collect()
}

fn sign_options(run: &Run<'_>, code: Secret) -> Result<SignOptions> {
    if code.expose().trim().is_empty() {
        return Err(Error::MissingInput("code"));
    }
    let mut options = match (
        run.state.request.kind,
        &run.state.request.options.external_authentication,
    ) {
        (WorkflowKind::ExternalAuthentication, Some(external)) => {
            SignOptions::with_external_authentication(
                code,
                external.unlock_type.clone(),
                external.unlock_value.clone(),
            )
        }
        (WorkflowKind::ExternalAuthentication, None) => {
            return Err(Error::MissingInput("externalAuthentication"));
        }
        _ => SignOptions::with_otp(code),
    };
    let mut visible = BTreeMap::new();
    for document in &run.state.documents {
        if let (Some(spec), Some(uid)) = (&document.visible_signature, &document.server_uid) {
            visible.insert(
                uid.clone(),
                VisibleSignature {
                    position: spec.position.clone(),
                    page: spec.page,
                    image: spec.image.clone(),
                    usecountersignature: None,
                },
            );
        }
    }
    options.options = visible;
    Ok(options)
}
