//! Video ID: the external platform's evidences and video (W6), waiting for the
//! session to reach review, and the officer's decision (W5, W6).
//!
//! Reconciliation:
//! - evidences: uploading them again replaces them, so an interrupted upload repeats;
//! - video: if the request already reached VIDEOREVIEW the video arrived, else it is
//!   uploaded again (it replaces the earlier one);
//! - approve / refuse: the officer's decision is recorded before the call; a restart
//!   asks the Optimizer for the status (ENROLLREADY: approved, REFUSED: refused) and
//!   sends the decision again only when it did not take effect.

use oneshot_api::{FileSource, RequestStatus};
use serde::{Deserialize, Serialize};

use super::super::engine::Run;
use super::super::states::{RequestPhase, StepName, StepState};
use super::blocking;
use crate::audit::{AuditAction, DocumentDigest};
use crate::backup::file_sha256;
use crate::error::{Error, Result};
use crate::events::StationEvent;
use crate::store::{audit, requests, steps, videoid_queue};

const EVIDENCES_NOTE: &str = "evidences: uploading again replaces them";
const VIDEO_NOTE: &str = "video: a restart checks for VIDEOREVIEW and uploads again otherwise";

/// The officer's decision on a Video ID, recorded before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub(crate) enum Decision {
    Approve,
    Refuse { reason: String },
}

/// `POST /videoid/{pk}/evidences` (W6).
pub(crate) async fn upload_evidences(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let evidence = run
        .state
        .request
        .options
        .evidence
        .clone()
        .ok_or(Error::MissingInput("evidence"))?;
    let body = blocking(move || evidence.to_api()).await?;
    run.begin(StepName::UploadEvidences, seq, EVIDENCES_NOTE)
        .await?;
    run.session
        .client
        .videoid()
        .upload_evidences(pk, &body)
        .await?;
    run.answered(StepName::UploadEvidences);
    let entry = run
        .audit(AuditAction::Upload)
        .with_details("video id evidences");
    run.finish(StepName::UploadEvidences, seq, None, move |tx| {
        audit::append(tx, entry).map(|_| ())
    })
    .await
}

/// `POST /videoid/{pk}/evidences/video` (W6).
pub(crate) async fn upload_video(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let video = run
        .state
        .request
        .options
        .evidence
        .as_ref()
        .map(|evidence| evidence.video.clone())
        .ok_or(Error::MissingInput("evidence"))?;
    let path = video.clone();
    let sha256 = blocking(move || file_sha256(&path)).await?;
    run.begin(StepName::UploadVideo, seq, VIDEO_NOTE).await?;
    run.session
        .client
        .videoid()
        .upload_video(pk, FileSource::path(&video), None)
        .await?;
    run.answered(StepName::UploadVideo);
    finish_video(run, seq, sha256, &video).await
}

/// An interrupted video upload: done if the request reached review, else again.
pub(crate) async fn reconcile_video(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let status = run.session.client.requests().status(pk).await?;
    if status == RequestStatus::VideoReview {
        let video = run
            .state
            .request
            .options
            .evidence
            .as_ref()
            .map(|evidence| evidence.video.clone())
            .ok_or(Error::MissingInput("evidence"))?;
        let path = video.clone();
        let sha256 = blocking(move || file_sha256(&path)).await?;
        return finish_video(run, seq, sha256, &video).await;
    }
    upload_video(run, seq).await
}

async fn finish_video(
    run: &Run<'_>,
    seq: u32,
    sha256: String,
    video: &std::path::Path,
) -> Result<()> {
    let name = video
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let entry = run
        .audit(AuditAction::Upload)
        .with_details("video id recording")
        .with_digests(Vec::new(), vec![DocumentDigest { name, sha256 }]);
    run.finish(StepName::UploadVideo, seq, None, move |tx| {
        audit::append(tx, entry).map(|_| ())
    })
    .await
}

/// Starts waiting for the session to reach review, and looks once.
pub(crate) async fn start_waiting(run: &Run<'_>, seq: u32) -> Result<()> {
    run.set_state(StepName::AwaitVideoReview, seq, StepState::Waiting, None)
        .await?;
    check(run, seq).await
}

/// Asks the Optimizer where the session stands and updates the queue.
pub(crate) async fn check(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let status = run.session.client.requests().status(pk).await?;
    record_status(run, &status).await?;
    match status {
        RequestStatus::VideoReview => {
            run.finish(StepName::AwaitVideoReview, seq, None, |_| Ok(()))
                .await
        }
        // Approved or refused elsewhere (another station of the same RA).
        RequestStatus::EnrollReady | RequestStatus::Issued => {
            let id = run.id().clone();
            let review = run
                .state
                .planned_step(StepName::ReviewVideoId)
                .map(|s| s.seq);
            run.finish(
                StepName::AwaitVideoReview,
                seq,
                Some("{\"decided_elsewhere\":true}".into()),
                move |tx| {
                    if let Some(review) = review {
                        steps::finish(tx, &id, review, Some("{\"decided_elsewhere\":true}"))?;
                    }
                    videoid_queue::remove(tx, &id).map(|_| ())
                },
            )
            .await?;
            run.engine.events.emit(StationEvent::QueueChanged);
            Ok(())
        }
        RequestStatus::Refused | RequestStatus::Cancelled => {
            let phase = if status == RequestStatus::Refused {
                RequestPhase::Refused
            } else {
                RequestPhase::Cancelled
            };
            end(run, phase, None).await
        }
        _ => Ok(()),
    }
}

/// Waits for the officer's decision.
pub(crate) async fn await_decision(run: &Run<'_>, seq: u32) -> Result<()> {
    run.set_state(
        StepName::ReviewVideoId,
        seq,
        StepState::AwaitingOfficer,
        None,
    )
    .await
}

/// Carries out the officer's decision: recorded first, then sent once.
pub(crate) async fn decide(run: &Run<'_>, seq: u32, decision: Decision) -> Result<()> {
    let note =
        serde_json::to_string(&decision).map_err(|error| Error::CorruptStore(error.to_string()))?;
    run.begin(StepName::ReviewVideoId, seq, note).await?;
    send_decision(run, seq, &decision).await
}

/// An interrupted decision: the Optimizer's status says whether it took effect.
pub(crate) async fn reconcile_decision(run: &Run<'_>, seq: u32, note: Option<&str>) -> Result<()> {
    let decision: Decision = note
        .and_then(|note| serde_json::from_str(note).ok())
        .ok_or_else(|| Error::CorruptStore("a Video ID decision was not recorded".into()))?;
    let pk = run.state.pk()?;
    let status = run.session.client.requests().status(pk).await?;
    record_status(run, &status).await?;
    match (&decision, &status) {
        (Decision::Approve, RequestStatus::EnrollReady | RequestStatus::Issued) => {
            approved(run, seq, "approval confirmed by the Optimizer's status").await
        }
        (Decision::Refuse { reason }, RequestStatus::Refused) => refused(run, reason.clone()).await,
        _ => send_decision(run, seq, &decision).await,
    }
}

async fn send_decision(run: &Run<'_>, seq: u32, decision: &Decision) -> Result<()> {
    let pk = run.state.pk()?;
    let videoid = run.session.client.videoid();
    let answer = match decision {
        Decision::Approve => videoid.approve(pk, &run.session.credentials).await,
        Decision::Refuse { reason } => videoid.refuse(pk, &run.session.credentials, reason).await,
    };
    run.answered(StepName::ReviewVideoId);
    match answer {
        Ok(_) => match decision {
            Decision::Approve => approved(run, seq, "approved").await,
            Decision::Refuse { reason } => refused(run, reason.clone()).await,
        },
        Err(error) if crate::error::optimizer_outcome_unknown(&error) => Err(error.into()),
        Err(error) => {
            // The Optimizer refused the decision (e.g. the session is not in review):
            // back to the officer with the reason.
            let error = Error::from(error);
            let (action, code) = match decision {
                Decision::Approve => (AuditAction::Approve, error.code()),
                Decision::Refuse { .. } => (AuditAction::Refuse, error.code()),
            };
            let details = error.details();
            let entry = run
                .audit(action)
                .failed()
                .with_details(format!("{code}: {}", details.clone().unwrap_or_default()));
            let id = run.id().clone();
            let code = code.to_owned();
            run.progress(
                format!("{}:awaiting_officer", StepName::ReviewVideoId),
                move |tx| {
                    steps::set_state(
                        tx,
                        &id,
                        seq,
                        StepState::AwaitingOfficer,
                        Some((&code, details.as_deref())),
                    )?;
                    audit::append(tx, entry).map(|_| ())
                },
            )
            .await
        }
    }
}

async fn approved(run: &Run<'_>, seq: u32, details: &str) -> Result<()> {
    let id = run.id().clone();
    let entry = run.audit(AuditAction::Approve).with_details(details);
    run.finish(StepName::ReviewVideoId, seq, None, move |tx| {
        requests::set_server_status(tx, &id, "ENROLLREADY")?;
        videoid_queue::remove(tx, &id)?;
        audit::append(tx, entry).map(|_| ())
    })
    .await?;
    run.engine.events.emit(StationEvent::QueueChanged);
    Ok(())
}

async fn refused(run: &Run<'_>, reason: String) -> Result<()> {
    let entry = run.audit(AuditAction::Refuse).with_details(reason);
    end(run, RequestPhase::Refused, Some(entry)).await
}

/// Ends the request (refused or cancelled): every unfinished planned step is
/// skipped, any in-flight extra step finished, the request leaves the queue.
pub(crate) async fn end(
    run: &Run<'_>,
    phase: RequestPhase,
    entry: Option<crate::audit::NewAuditEntry>,
) -> Result<()> {
    let id = run.id().clone();
    let planned = super::super::states::plan(run.state.request.kind).len();
    let status = match phase {
        RequestPhase::Refused => "REFUSED",
        _ => "CANCELLED",
    };
    // The decision or extra action that ends the request is done; any other step
    // still in flight (an upload after a crash) is skipped with the rest.
    let in_flight: Vec<u32> = run
        .state
        .steps
        .iter()
        .filter(|step| {
            step.state == StepState::InFlight
                && (step.seq as usize >= planned || step.step == StepName::ReviewVideoId)
        })
        .map(|step| step.seq)
        .collect();
    run.progress(format!("request:{phase}"), move |tx| {
        steps::skip_unfinished(tx, &id, planned)?;
        for seq in &in_flight {
            steps::finish(tx, &id, *seq, None)?;
        }
        requests::set_server_status(tx, &id, status)?;
        requests::set_phase(tx, &id, phase)?;
        videoid_queue::remove(tx, &id)?;
        if let Some(entry) = entry {
            audit::append(tx, entry)?;
        }
        Ok(())
    })
    .await?;
    run.engine.events.emit(StationEvent::QueueChanged);
    Ok(())
}

/// Keeps the request's status and its queue entry up to date.
pub(crate) async fn record_status(run: &Run<'_>, status: &RequestStatus) -> Result<()> {
    if run.state.request.server_status.as_deref() == Some(status.as_str()) {
        return Ok(());
    }
    let id = run.id().clone();
    let word = status.to_string();
    let (changed, ready) = run
        .progress("status".into(), move |tx| {
            let request = requests::set_server_status(tx, &id, &word)?;
            let queue = videoid_queue::set_status(tx, &id, &word, None)?;
            Ok((request || queue.changed, queue.ready_for_review))
        })
        .await?;
    if changed {
        run.engine.events.emit(StationEvent::QueueChanged);
    }
    if let Some(ready) = ready {
        run.engine.events.emit(ready);
    }
    Ok(())
}
