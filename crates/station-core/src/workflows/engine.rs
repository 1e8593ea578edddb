//! The engine: drives one request from its stored state to the next point where the
//! officer, the signer or the Optimizer must act, recording every step before and
//! after its call.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use oneshot_api::{Client, RaoCredentials};
use rusqlite::Transaction;

use super::db;
use super::hooks;
use super::state::RequestState;
use super::states::{RequestId, RequestPhase, StepName, StepState};
use super::steps;
use crate::audit::NewAuditEntry;
use crate::connection::ConnectionService;
use crate::error::{Error, Result};
use crate::events::{EventBus, StationEvent};
use crate::store::{Store, documents, requests, steps as step_rows};

/// What every part of the workflows shares.
#[derive(Debug)]
pub(crate) struct Engine {
    pub store: Arc<Store>,
    pub connection: Arc<ConnectionService>,
    pub events: EventBus,
    /// `<data dir>/backups`.
    pub backups: PathBuf,
    /// The webhook receiver's URL prefix while it runs (`…/webhook/<secret>`).
    pub webhook: Mutex<Option<String>>,
    /// One lock per request: intents, webhooks and polling never work on the same
    /// request at once.
    locks: Mutex<HashMap<RequestId, Arc<tokio::sync::Mutex<()>>>>,
    /// Fetches the embedded sandbox's CA for verification.
    pub http: reqwest::Client,
}

/// The Optimizer in use and the RAO the work is done for.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub profile_id: i64,
    pub client: Client,
    pub credentials: RaoCredentials,
    pub officer: String,
    pub embedded_sandbox: bool,
}

/// One request being worked on, with the session to work with.
#[derive(Debug)]
pub(crate) struct Run<'a> {
    pub engine: &'a Engine,
    pub session: Session,
    pub state: RequestState,
}

impl Engine {
    pub fn new(
        store: Arc<Store>,
        connection: Arc<ConnectionService>,
        events: EventBus,
        backups: PathBuf,
    ) -> Self {
        Self {
            store,
            connection,
            events,
            backups,
            webhook: Mutex::new(None),
            locks: Mutex::new(HashMap::new()),
            http: reqwest::Client::new(),
        }
    }

    /// The webhook URL for requests on `profile_id`'s Optimizer, while the
    /// receiver runs.
    pub fn webhook_url(&self, profile_id: i64) -> Option<String> {
        self.webhook
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map(|prefix| format!("{prefix}/{profile_id}"))
    }

    /// The lock of one request.
    pub fn lock_of(&self, id: &RequestId) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self
            .locks
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(locks.entry(id.clone()).or_default())
    }

    /// The request's stored state.
    pub async fn load(&self, id: &RequestId) -> Result<RequestState> {
        let id = id.clone();
        db::read(&self.store, move |connection| {
            let request = requests::get(connection, &id)?
                .ok_or_else(|| Error::UnknownRequest(id.to_string()))?;
            Ok(RequestState {
                documents: documents::list(connection, &id)?,
                steps: step_rows::list(connection, &id)?,
                request,
            })
        })
        .await
    }

    /// The signed-in RAO on the Optimizer the request was created on.
    pub async fn session_for(&self, state: &RequestState) -> Result<Session> {
        let session = self.session().await?;
        if session.profile_id != state.request.profile_id {
            return Err(Error::OtherOptimizer);
        }
        Ok(session)
    }

    /// The signed-in RAO on the Optimizer in use.
    pub async fn session(&self) -> Result<Session> {
        let signed_in = self.connection.signed_in().await?;
        Ok(Session {
            profile_id: signed_in.profile_id.get(),
            credentials: RaoCredentials::token(signed_in.token),
            officer: signed_in.session.username,
            client: signed_in.client,
            embedded_sandbox: signed_in.embedded_sandbox,
        })
    }

    /// Tells the UI where the request stands.
    pub fn announce(&self, state: &RequestState) {
        self.events.emit(StationEvent::RequestStatusChanged {
            request: state.request.id.clone(),
            phase: state.phase(),
            step: state.current().map(|step| step.step),
            server_status: state.request.server_status.clone(),
        });
    }

    /// Works on the request until someone else must act. Step failures are recorded
    /// on the step (the view shows them); only failing to reach the store, or to
    /// have a signed-in RAO, is an error here.
    pub async fn drive(&self, id: &RequestId) -> Result<()> {
        let lock = self.lock_of(id);
        let _guard = lock.lock().await;
        self.drive_locked(id).await
    }

    /// [`Engine::drive`] for a caller that holds the request's lock.
    pub async fn drive_locked(&self, id: &RequestId) -> Result<()> {
        loop {
            let state = self.load(id).await?;
            if state.request.phase.is_final() {
                return Ok(());
            }
            let Some(step) = state.current().cloned() else {
                return self.settle_phase(state).await;
            };
            let action = match step.state {
                StepState::Pending => Action::Run,
                StepState::InFlight => Action::Reconcile,
                StepState::Waiting => Action::Check,
                StepState::AwaitingOfficer | StepState::Failed => {
                    return self.settle_phase(state).await;
                }
                StepState::Done | StepState::Skipped => {
                    return Err(Error::CorruptStore("a finished step is current".into()));
                }
            };
            let session = self.session_for(&state).await?;
            let before = fingerprint(&state);
            let mut run = Run {
                engine: self,
                session,
                state,
            };
            let outcome = match action {
                Action::Run => steps::run(&mut run, &step).await,
                Action::Reconcile => steps::reconcile(&mut run, &step).await,
                Action::Check => steps::check(&mut run, &step).await,
            };
            if let Err(error) = outcome {
                self.record_failure(id, step.seq, step.step, &error).await?;
                let state = self.load(id).await?;
                return self.settle_phase(state).await;
            }
            let after = self.load(id).await?;
            let moved = fingerprint(&after) != before;
            self.announce(&after);
            // A waiting step that is still waiting, or a step that did not move,
            // stops the drive until something else happens.
            if !moved
                || after
                    .current()
                    .is_some_and(|s| s.state == StepState::Waiting && s.seq == step.seq)
            {
                return self.settle_phase(after).await;
            }
        }
    }

    /// Stores the phase the steps put the request in, and tells the UI.
    async fn settle_phase(&self, state: RequestState) -> Result<()> {
        let phase = state.phase();
        if phase != state.request.phase {
            let id = state.request.id.clone();
            db::write(&self.store, format!("phase:{phase}"), move |tx| {
                requests::set_phase(tx, &id, phase)
            })
            .await?;
        }
        let mut state = state;
        state.request.phase = phase;
        self.announce(&state);
        Ok(())
    }

    /// Records why a step failed. A step whose call may have happened stays in
    /// flight, so it is reconciled (never blindly repeated) on the next attempt.
    pub async fn record_failure(
        &self,
        id: &RequestId,
        seq: u32,
        step: StepName,
        error: &Error,
    ) -> Result<()> {
        tracing::warn!(request = %id, step = %step, code = error.code(), %error, "workflow step failed");
        let id = id.clone();
        // A sign in flight leaves that state only on the Optimizer's word (see
        // steps::sign), whatever stopped its reconciliation.
        let unknown = error.outcome_unknown() || step == StepName::Sign;
        let code = error.code().to_owned();
        let details = error.details();
        db::write(&self.store, format!("{step}:failed"), move |tx| {
            let current = step_rows::list(tx, &id)?
                .into_iter()
                .find(|s| s.seq == seq)
                .map(|s| s.state);
            if current == Some(StepState::InFlight) && unknown {
                step_rows::note_error(tx, &id, seq, &code, details.as_deref())
            } else {
                step_rows::set_state(
                    tx,
                    &id,
                    seq,
                    StepState::Failed,
                    Some((&code, details.as_deref())),
                )
            }
        })
        .await
    }
}

/// What changes when a step moves: a drive stops when a step left everything as it was.
fn fingerprint(state: &RequestState) -> Vec<(u32, StepState, u32)> {
    state
        .steps
        .iter()
        .map(|step| (step.seq, step.state, step.attempts))
        .collect()
}

enum Action {
    Run,
    Reconcile,
    Check,
}

impl Run<'_> {
    /// The request's id.
    pub fn id(&self) -> &RequestId {
        &self.state.request.id
    }

    /// An audit entry for this request by the session's RAO.
    pub fn audit(&self, action: crate::audit::AuditAction) -> NewAuditEntry {
        NewAuditEntry::succeeded(
            &self.session.officer,
            action,
            self.id(),
            self.state.request.optimizer_pk,
        )
    }

    /// Records that `step` is about to make its call; `note` says how a restart
    /// reconciles it if the answer never gets recorded.
    pub async fn begin(&self, step: StepName, seq: u32, note: impl Into<String>) -> Result<()> {
        let id = self.id().clone();
        let note = note.into();
        db::write(&self.engine.store, format!("{step}:in_flight"), move |tx| {
            step_rows::begin(tx, &id, seq, &note)?;
            requests::set_phase(tx, &id, RequestPhase::Running)
        })
        .await
    }

    /// Records the officer's extra action (`step`, e.g. cancel) as started, after
    /// the planned steps; answers its number. From here a restart carries it out.
    pub async fn begin_extra(&self, step: StepName, note: impl Into<String>) -> Result<u32> {
        let id = self.id().clone();
        let note = note.into();
        db::write(&self.engine.store, format!("{step}:in_flight"), move |tx| {
            let seq = step_rows::append(tx, &id, step)?;
            step_rows::begin(tx, &id, seq, &note)?;
            Ok(seq)
        })
        .await
    }

    /// Marks the moment a call answered, before its result is recorded: the crash
    /// test stops here to lose an answer.
    pub fn answered(&self, step: StepName) {
        hooks::boundary(&format!("{step}:answered"));
    }

    /// Records `step` done with `result`, together with what it changed (`apply`).
    pub async fn finish(
        &self,
        step: StepName,
        seq: u32,
        result: Option<String>,
        apply: impl FnOnce(&Transaction<'_>) -> Result<()> + Send + 'static,
    ) -> Result<()> {
        let id = self.id().clone();
        db::write(&self.engine.store, format!("{step}:done"), move |tx| {
            apply(tx)?;
            step_rows::finish(tx, &id, seq, result.as_deref())
        })
        .await
    }

    /// Commits `apply` as part of a step still in flight (one batch of several).
    pub async fn progress<T: Send + 'static>(
        &self,
        label: String,
        apply: impl FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        db::write(&self.engine.store, label, apply).await
    }

    /// Moves `step` to `state` (awaiting the officer, waiting, pending again),
    /// with the error that sent it there, if any.
    pub async fn set_state(
        &self,
        step: StepName,
        seq: u32,
        state: StepState,
        error: Option<(String, Option<String>)>,
    ) -> Result<()> {
        let id = self.id().clone();
        db::write(&self.engine.store, format!("{step}:{state}"), move |tx| {
            step_rows::set_state(
                tx,
                &id,
                seq,
                state,
                error
                    .as_ref()
                    .map(|(code, details)| (code.as_str(), details.as_deref())),
            )
        })
        .await
    }
}
