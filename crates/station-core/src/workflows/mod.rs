//! Signature workflows W1–W6 as explicit, resumable state machines.
//!
//! A workflow is a persisted signature request plus an ordered list of steps, each
//! `pending → in_flight → done` (or `awaiting_officer`, `waiting`, `failed`). The
//! engine decides the next step from the database alone; every call to the
//! Optimizer is recorded in flight before it is made and done (with its results, in
//! the same transaction as what it changed and its audit entry) after. After a
//! crash, a power cut or a closed laptop, [`Workflows::resume_unfinished`] brings
//! every open request to the step it stopped at, reconciling interrupted steps
//! first (each step's module says how); a sign whose answer was lost is settled by
//! asking the Optimizer, never by signing again.
//!
//! What a restart does with a step found in flight:
//!
//! | step | on restart |
//! |---|---|
//! | create request / Video ID | create again: a lost answer loses the pk, and an unanswered request holds nothing and is never signed |
//! | upload evidences (W6) | upload again: evidences replace the earlier ones |
//! | upload video (W6) | VIDEOREVIEW already? done; else upload again |
//! | review (approve / refuse) | the decision was recorded first; the status says whether it took effect, else it is sent again |
//! | upload documents | list the Optimizer's documents, match them by SHA-256, delete unrequested copies, upload the rest |
//! | service contract | fetch again (reading only) |
//! | send OTP | send again: the newest code replaces the old one |
//! | sign | never sent again: ISSUED (or a background signature under way) counts as signed, anything else asks the officer for a code again |
//! | fetch signed | download what is not saved intact yet |
//! | verify backup | verify again (local); a file damaged on disk sends the workflow back to fetch |
//! | delete documents | delete again: documents already gone count as deleted |
//! | cancel | cancel again: a request already gone counts as cancelled |
//! | correct signer | fetch a fresh scratchcard, send the recorded correction again |
//!
//! The officer drives a request through intents ([`Workflows::sign`],
//! [`Workflows::approve`], …); each answers the request's view, whose
//! `officer_task` says what is expected next. Changes are also announced as
//! [`StationEvent`](crate::StationEvent)s.

mod db;
mod defaults;
mod draft;
mod engine;
mod evidence;
pub(crate) mod hooks;
mod models;
mod review;
mod services;
mod signed_documents;
mod state;
mod states;
mod steps;
mod trust;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use oneshot_api::Secret;
use serde::Serialize;
use ts_rs::TS;

pub use defaults::ProfileDefaults;
pub use evidence::{EvidenceAcceptance, EvidenceChecks, EvidenceOcr, VideoIdEvidence};
#[cfg(feature = "test-hooks")]
pub use hooks::{STOP_AFTER_ENV, boundaries_passed, set_client_timeout};
pub use models::{
    DocumentToSign, DocumentView, ExternalAuthentication, IdImagePaths, OfficerTask, OtpChannel,
    SignatureRequestDraft, SignatureRequestView, SignerCorrection, StepView, VideoIdQueueEntry,
    VisibleSignatureSpec, WorkflowOptions,
};
pub use review::{ReviewPicture, ReviewPictureKind, ReviewVideo, VideoIdReview};
pub use services::{PollingSettings, ServicesStatus, WebhookSettings, WorkflowServices};
pub use states::{RequestId, RequestPhase, StepName, StepState, WorkflowKind, plan};

use self::engine::{Engine, Run};
use self::state::RequestState;
use crate::audit::{AuditTrail, clock};
use crate::connection::ConnectionService;
use crate::error::{Error, Result};
use crate::events::{EventBus, StationEvent};
use crate::store::requests::StoredRequest;
use crate::store::{Store, documents, requests, steps as step_rows, videoid_queue};
use crate::webhook::WebhookNotification;

/// One line of the request list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureRequestSummary {
    /// The station's id.
    pub id: RequestId,
    /// Which workflow.
    pub kind: WorkflowKind,
    /// Where it stands.
    pub phase: RequestPhase,
    /// Who signs.
    pub signer: String,
    /// The Optimizer's pk, once created.
    #[ts(type = "number | null")]
    pub optimizer_pk: Option<u64>,
    /// The Optimizer's last known status word.
    pub server_status: Option<String>,
    /// When it was started.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// The workflows of one station. Share it in an `Arc`.
#[derive(Debug)]
pub struct Workflows {
    engine: Engine,
    services: tokio::sync::Mutex<Option<services::Running>>,
}

impl Workflows {
    /// Workflows over `store`, on the Optimizer and RAO of `connection`, keeping
    /// backups under `backups` and announcing changes on `events`.
    pub fn new(
        store: Arc<Store>,
        connection: Arc<ConnectionService>,
        events: EventBus,
        backups: PathBuf,
    ) -> Self {
        Self {
            engine: Engine::new(store, connection, events, backups),
            services: tokio::sync::Mutex::new(None),
        }
    }

    /// The channel the UI subscribes to.
    pub fn events(&self) -> &EventBus {
        &self.engine.events
    }

    /// The audit trail the workflows write.
    pub fn audit(&self) -> AuditTrail {
        AuditTrail::new(Arc::clone(&self.engine.store))
    }

    /// Starts the webhook receiver (unless `settings.webhook` is `None`) and the
    /// polling fallback, replacing services already running.
    pub async fn start_services(
        self: &Arc<Self>,
        settings: WorkflowServices,
    ) -> Result<ServicesStatus> {
        let mut running = self.services.lock().await;
        if let Some(previous) = running.take() {
            previous.stop().await;
        }
        let (services, status) = services::start(self, settings).await?;
        *running = Some(services);
        Ok(status)
    }

    /// Stops the receiver and the poller; call when the station quits.
    pub async fn stop_services(&self) {
        if let Some(running) = self.services.lock().await.take() {
            running.stop().await;
        }
        *self
            .engine
            .webhook
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// The URL the Optimizer in use posts status changes to, while the receiver
    /// runs. It holds the receiver's path secret: show it only to whoever sets up
    /// the Registration Authority's webhook.
    pub async fn webhook_url(&self) -> Result<Option<String>> {
        let session = self.engine.session().await?;
        Ok(self.engine.webhook_url(session.profile_id))
    }

    /// Brings every unfinished request to its next stop: interrupted steps are
    /// reconciled, pending ones run. Call at startup, once the RAO is signed in.
    /// A request that cannot go on records why; only "not signed in" stops the lot.
    pub async fn resume_unfinished(&self) -> Result<Vec<SignatureRequestView>> {
        let ids = db::read(&self.engine.store, requests::unfinished).await?;
        let mut views = Vec::with_capacity(ids.len());
        for id in ids {
            match self.engine.drive(&id).await {
                Ok(()) => {}
                Err(Error::NotSignedIn) => return Err(Error::NotSignedIn),
                Err(error) => {
                    tracing::warn!(request = %id, %error, "request not resumed");
                }
            }
            views.push(self.request(&id).await?);
        }
        Ok(views)
    }

    /// Starts a workflow: checks everything the officer submitted, stores the
    /// request with its plan, and works on it until someone must act.
    pub async fn start(&self, draft: SignatureRequestDraft) -> Result<SignatureRequestView> {
        let signer = draft::checked_signer(draft.kind, &draft.signer)?;
        draft::check_options(&draft)?;
        let session = self.engine.session().await?;
        let options = defaults::get(&self.engine.store, session.profile_id)
            .await?
            .fill(draft.options);
        let kind = draft.kind;
        let to_prepare = draft.documents.clone();
        let prepared =
            steps::blocking(move || draft::prepare_documents(kind, 0, &to_prepare)).await?;
        let now = clock::now();
        let stored = StoredRequest {
            id: RequestId::generate(),
            profile_id: session.profile_id,
            kind,
            officer: session.officer.clone(),
            signer,
            id_images: draft.id_images,
            options,
            optimizer_pk: None,
            videoid_pk: None,
            videoid_link: None,
            server_status: None,
            phase: RequestPhase::Running,
            created_at: now.clone(),
            updated_at: now,
        };
        let id = stored.id.clone();
        db::write(&self.engine.store, "request:stored".into(), move |tx| {
            requests::insert(tx, &stored)?;
            for document in &prepared {
                documents::insert(tx, &stored.id, document)?;
            }
            step_rows::insert_plan(tx, &stored.id, &plan(kind))
        })
        .await?;
        tracing::info!(request = %id, %kind, "workflow started");
        self.engine.drive(&id).await?;
        self.request(&id).await
    }

    /// Adds documents to a request whose upload has not started (Video ID
    /// requests are often created before the documents are known).
    pub async fn add_documents(
        &self,
        id: &RequestId,
        documents: Vec<DocumentToSign>,
    ) -> Result<SignatureRequestView> {
        if documents.is_empty() {
            return Err(Error::NoDocuments);
        }
        let lock = self.engine.lock_of(id);
        let _guard = lock.lock().await;
        let state = self.engine.load(id).await?;
        let upload = state
            .planned_step(StepName::UploadDocuments)
            .ok_or_else(|| Error::CorruptStore("a workflow without upload".into()))?;
        if !matches!(
            upload.state,
            StepState::Pending | StepState::AwaitingOfficer
        ) {
            return Err(not_expected("add_documents", &state));
        }
        let (upload_seq, upload_state) = (upload.seq, upload.state);
        let kind = state.request.kind;
        let first = state.documents.len() as u32;
        let prepared =
            steps::blocking(move || draft::prepare_documents(kind, first, &documents)).await?;
        let request = id.clone();
        db::write(&self.engine.store, "documents:added".into(), move |tx| {
            for document in &prepared {
                documents::insert(tx, &request, document)?;
            }
            if upload_state == StepState::AwaitingOfficer {
                step_rows::set_state(tx, &request, upload_seq, StepState::Pending, None)?;
            }
            Ok(())
        })
        .await?;
        self.engine.drive_locked(id).await?;
        self.request(id).await
    }

    /// The officer showed the signer the service contract.
    pub async fn confirm_contract_shown(&self, id: &RequestId) -> Result<SignatureRequestView> {
        self.officer_act(
            id,
            "confirm_contract_shown",
            &[(StepName::ShowContract, StepState::AwaitingOfficer)],
            |run, seq| Box::pin(steps::contract::confirm(run, seq)),
        )
        .await
    }

    /// Sends the signer a new one-time code (the earlier one stops working).
    pub async fn resend_otp(&self, id: &RequestId) -> Result<SignatureRequestView> {
        self.officer_act(
            id,
            "resend_otp",
            &[(StepName::Sign, StepState::AwaitingOfficer)],
            |run, _| {
                Box::pin(async move {
                    if !run.state.request.kind.uses_otp() {
                        return Err(not_expected("resend_otp", &run.state));
                    }
                    let seq = run.begin_extra(StepName::SendOtp, steps::otp::NOTE).await?;
                    steps::otp::send_begun(run, seq).await
                })
            },
        )
        .await
    }

    /// Signs with the code the signer received (or the external authentication
    /// code for W2). The code is used for this one call and never stored.
    pub async fn sign(&self, id: &RequestId, code: Secret) -> Result<SignatureRequestView> {
        if code.expose().trim().is_empty() {
            return Err(Error::MissingInput("code"));
        }
        self.officer_act(
            id,
            "sign",
            &[(StepName::Sign, StepState::AwaitingOfficer)],
            move |run, seq| Box::pin(steps::sign::submit(run, seq, code)),
        )
        .await
    }

    /// Approves a Video ID identification under review; the workflow goes on as W1.
    pub async fn approve(&self, id: &RequestId) -> Result<SignatureRequestView> {
        self.officer_act(
            id,
            "approve",
            &[(StepName::ReviewVideoId, StepState::AwaitingOfficer)],
            |run, seq| {
                Box::pin(steps::videoid::decide(
                    run,
                    seq,
                    steps::videoid::Decision::Approve,
                ))
            },
        )
        .await
    }

    /// Refuses a Video ID identification, with the reason the signer and the RA see.
    pub async fn refuse(&self, id: &RequestId, reason: String) -> Result<SignatureRequestView> {
        let reason = reason.trim().to_owned();
        if reason.is_empty() {
            return Err(Error::MissingInput("reason"));
        }
        self.officer_act(
            id,
            "refuse",
            &[
                (StepName::ReviewVideoId, StepState::AwaitingOfficer),
                (StepName::AwaitVideoReview, StepState::Waiting),
            ],
            move |run, _| {
                Box::pin(async move {
                    let seq = run
                        .state
                        .planned_step(StepName::ReviewVideoId)
                        .map(|step| step.seq)
                        .ok_or_else(|| Error::CorruptStore("Video ID without review".into()))?;
                    steps::videoid::decide(run, seq, steps::videoid::Decision::Refuse { reason })
                        .await
                })
            },
        )
        .await
    }

    /// Cancels the request (`DELETE /request/{pk}`); possible until it is signed.
    pub async fn cancel(&self, id: &RequestId) -> Result<SignatureRequestView> {
        let lock = self.engine.lock_of(id);
        let _guard = lock.lock().await;
        let state = self.engine.load(id).await?;
        let sign = state.planned_step(StepName::Sign).map(|step| step.state);
        let cancellable = !state.request.phase.is_final()
            && matches!(
                sign,
                Some(StepState::Pending | StepState::AwaitingOfficer | StepState::Failed)
            );
        if !cancellable {
            return Err(not_expected("cancel", &state));
        }
        let session = self.engine.session_for(&state).await?;
        let run = Run {
            engine: &self.engine,
            session,
            state,
        };
        let seq = run
            .begin_extra(StepName::CancelRequest, steps::officer::CANCEL_NOTE)
            .await?;
        let outcome = steps::officer::cancel(&run).await;
        self.settle(id, (seq, StepName::CancelRequest), outcome)
            .await
    }

    /// Corrects the signer's data of a Video ID request before approval
    /// (`PUT /request/{pk}`; the scratchcard is fetched by the station).
    pub async fn correct_signer(
        &self,
        id: &RequestId,
        correction: SignerCorrection,
    ) -> Result<SignatureRequestView> {
        let note = serde_json::to_string(&correction)
            .map_err(|error| Error::CorruptStore(error.to_string()))?;
        self.officer_act(
            id,
            "correct_signer",
            &[
                (StepName::ReviewVideoId, StepState::AwaitingOfficer),
                (StepName::AwaitVideoReview, StepState::Waiting),
            ],
            move |run, _| {
                Box::pin(async move {
                    let seq = run
                        .begin_extra(StepName::CorrectSigner, note.clone())
                        .await?;
                    steps::officer::correct(run, seq, Some(&note)).await
                })
            },
        )
        .await
    }

    /// Tries again: a failed step runs anew, an interrupted one is reconciled, a
    /// waiting one asks the Optimizer now.
    pub async fn retry(&self, id: &RequestId) -> Result<SignatureRequestView> {
        let lock = self.engine.lock_of(id);
        let _guard = lock.lock().await;
        let state = self.engine.load(id).await?;
        if let Some(step) = state
            .current()
            .filter(|step| step.state == StepState::Failed)
        {
            let (request, seq) = (id.clone(), step.seq);
            db::write(
                &self.engine.store,
                format!("{}:retry", step.step),
                move |tx| step_rows::set_state(tx, &request, seq, StepState::Pending, None),
            )
            .await?;
        }
        self.engine.drive_locked(id).await?;
        self.request(id).await
    }

    /// One request with its steps and documents.
    pub async fn request(&self, id: &RequestId) -> Result<SignatureRequestView> {
        Ok(self.engine.load(id).await?.view(&self.engine.backups))
    }

    /// Every request, newest first.
    pub async fn requests(&self) -> Result<Vec<SignatureRequestSummary>> {
        let stored = db::read(&self.engine.store, requests::list).await?;
        Ok(stored
            .into_iter()
            .map(|request| SignatureRequestSummary {
                signer: models::display_name(&request.signer),
                id: request.id,
                kind: request.kind,
                phase: request.phase,
                optimizer_pk: request.optimizer_pk,
                server_status: request.server_status,
                created_at: request.created_at,
                updated_at: request.updated_at,
            })
            .collect())
    }

    /// The open Video ID requests, the one waiting longest first.
    pub async fn videoid_queue(&self) -> Result<Vec<VideoIdQueueEntry>> {
        db::read(&self.engine.store, videoid_queue::list).await
    }

    /// Sets the roots (PEM) trusted when verifying the signatures of the Optimizer
    /// in use, before its documents are deleted. The embedded sandbox needs none.
    pub async fn set_signing_trust(&self, pem: String) -> Result<()> {
        let session = self.engine.session().await?;
        trust::set(&self.engine, session.profile_id, pem).await
    }

    /// The Registration Authority and certificate profile new requests on the
    /// Optimizer in use get when the officer chooses none.
    pub async fn profile_defaults(&self) -> Result<ProfileDefaults> {
        let session = self.engine.session().await?;
        defaults::get(&self.engine.store, session.profile_id).await
    }

    /// Sets them (blank values: the Optimizer's own default); answers what was stored.
    pub async fn set_profile_defaults(&self, defaults: ProfileDefaults) -> Result<ProfileDefaults> {
        let session = self.engine.session().await?;
        defaults::set(&self.engine.store, session.profile_id, defaults).await
    }

    /// Applies a status change the Optimizer posted to the webhook.
    pub async fn handle_notification(&self, received: WebhookNotification) {
        if let Err(error) = self.apply_notification(received).await {
            tracing::warn!(%error, "webhook notification not applied");
        }
    }

    async fn apply_notification(&self, received: WebhookNotification) -> Result<()> {
        let WebhookNotification {
            profile_id,
            notification,
        } = received;
        let pk = notification.request;
        let found = db::read(&self.engine.store, move |connection| {
            requests::by_optimizer_pk(connection, profile_id, pk)
        })
        .await?;
        let Some(id) = found else {
            // Debug, not info: a flood of made-up request numbers must not write a
            // line each (the receiver counts what it refuses instead).
            tracing::debug!(
                pk,
                "webhook notification for a request this station does not follow"
            );
            return Ok(());
        };
        let status = notification.status.to_string();
        let ra = notification.registration_authority.clone();
        let request = id.clone();
        let queue = db::write(&self.engine.store, "webhook:status".into(), move |tx| {
            requests::set_server_status(tx, &request, &status)?;
            videoid_queue::set_status(tx, &request, &status, ra.as_deref())
        })
        .await?;
        if queue.changed {
            self.engine.events.emit(StationEvent::QueueChanged);
        }
        if let Some(ready) = queue.ready_for_review {
            self.engine.events.emit(ready);
        }
        let state = self.engine.load(&id).await?;
        self.engine.announce(&state);
        // Driving waits for whatever works on the request now (an intent may be
        // about to start waiting), then looks again: no notification is missed.
        self.engine.drive(&id).await
    }

    /// Runs an officer's intent on the step it belongs to, then drives on.
    async fn officer_act<F>(
        &self,
        id: &RequestId,
        intent: &'static str,
        expected: &[(StepName, StepState)],
        act: F,
    ) -> Result<SignatureRequestView>
    where
        F: for<'a> FnOnce(
            &'a Run<'a>,
            u32,
        ) -> Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>,
    {
        let lock = self.engine.lock_of(id);
        let _guard = lock.lock().await;
        let state = self.engine.load(id).await?;
        let Some(step) = state
            .current()
            .filter(|step| expected.contains(&(step.step, step.state)))
            .cloned()
        else {
            return Err(not_expected(intent, &state));
        };
        let session = self.engine.session_for(&state).await?;
        let run = Run {
            engine: &self.engine,
            session,
            state,
        };
        let outcome = act(&run, step.seq).await;
        self.settle(id, (step.seq, step.step), outcome).await
    }

    /// Records a failed intent on the step it failed in (the one it started last,
    /// or `fallback` when it failed before starting one), drives on, answers the view.
    async fn settle(
        &self,
        id: &RequestId,
        fallback: (u32, StepName),
        outcome: Result<()>,
    ) -> Result<SignatureRequestView> {
        if let Err(error) = outcome {
            let state = self.engine.load(id).await?;
            let (seq, step) = state
                .steps
                .iter()
                .filter(|step| step.state == StepState::InFlight)
                .max_by(|a, b| a.started_at.cmp(&b.started_at).then(a.seq.cmp(&b.seq)))
                .map_or(fallback, |step| (step.seq, step.step));
            self.engine.record_failure(id, seq, step, &error).await?;
        }
        self.engine.drive_locked(id).await?;
        self.request(id).await
    }
}

fn not_expected(intent: &'static str, state: &RequestState) -> Error {
    Error::IntentNotExpected {
        intent,
        step: state
            .current()
            .map(|step| format!("{} ({})", step.step, step.state))
            .unwrap_or_else(|| state.phase().to_string()),
    }
}
