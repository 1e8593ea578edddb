//! A request's persisted state as one value, and what follows from it alone: the
//! step to work on, the phase, the officer's task. The engine decides from this,
//! never from memory, so a restarted station continues exactly where it stopped.

use std::path::Path;

use super::models::{DocumentView, OfficerTask, SignatureRequestView, StepView};
use super::states::{RequestPhase, StepName, StepState, plan};
use crate::backup::BackupFolder;
use crate::error::{Error, Result};
use crate::store::documents::StoredDocument;
use crate::store::requests::StoredRequest;
use crate::store::steps::StoredStep;

/// Everything stored about one request.
#[derive(Debug, Clone)]
pub(crate) struct RequestState {
    pub request: StoredRequest,
    pub documents: Vec<StoredDocument>,
    pub steps: Vec<StoredStep>,
}

impl RequestState {
    /// How many steps the workflow's plan has; rows after them are the officer's
    /// extra actions (resend OTP, correct the signer, cancel).
    fn planned(&self) -> usize {
        plan(self.request.kind).len()
    }

    /// The step to work on: an interrupted one first (it must be reconciled before
    /// anything else happens), else the first planned step not finished.
    pub fn current(&self) -> Option<&StoredStep> {
        self.steps
            .iter()
            .find(|step| step.state == StepState::InFlight)
            .or_else(|| {
                self.steps
                    .iter()
                    .take(self.planned())
                    .find(|step| !matches!(step.state, StepState::Done | StepState::Skipped))
            })
    }

    /// The planned step called `name`.
    pub fn planned_step(&self, name: StepName) -> Option<&StoredStep> {
        self.steps
            .iter()
            .take(self.planned())
            .find(|step| step.step == name)
    }

    /// The Optimizer's pk; a step that needs it runs only after creation.
    pub fn pk(&self) -> Result<u64> {
        self.request.optimizer_pk.ok_or_else(|| {
            Error::CorruptStore(format!("request {} has no Optimizer pk", self.request.id))
        })
    }

    /// The phase the stored steps put the request in.
    pub fn phase(&self) -> RequestPhase {
        if self.request.phase.is_final() {
            return self.request.phase;
        }
        match self.current() {
            None => RequestPhase::Completed,
            Some(step) => match step.state {
                StepState::AwaitingOfficer => RequestPhase::AwaitingOfficer,
                StepState::Waiting => RequestPhase::WaitingForOptimizer,
                StepState::Failed => RequestPhase::Failed,
                StepState::InFlight if step.error_code.is_some() => RequestPhase::Failed,
                _ => RequestPhase::Running,
            },
        }
    }

    /// What the officer must do now, if anything.
    pub fn officer_task(&self, backups: &Path) -> Option<OfficerTask> {
        let step = self.current()?;
        let retry = || OfficerTask::Retry {
            step: step.step,
            error_code: step.error_code.clone(),
            error_details: step.error_details.clone(),
        };
        match step.state {
            StepState::Failed => Some(retry()),
            StepState::InFlight if step.error_code.is_some() => Some(retry()),
            StepState::AwaitingOfficer => match step.step {
                StepName::UploadDocuments => Some(OfficerTask::AddDocuments),
                StepName::ShowContract => Some(OfficerTask::ShowContract {
                    contract: BackupFolder::of(backups, &self.request.id).contract(),
                }),
                StepName::Sign => Some(OfficerTask::EnterCode {
                    external: !self.request.kind.uses_otp(),
                    last_error: step.error_code.clone(),
                }),
                StepName::ReviewVideoId => Some(OfficerTask::ReviewVideoId {
                    status: self.request.server_status.clone(),
                }),
                _ => None,
            },
            _ => None,
        }
    }

    /// The UI's view.
    pub fn view(&self, backups: &Path) -> SignatureRequestView {
        let request = &self.request;
        SignatureRequestView {
            id: request.id.clone(),
            kind: request.kind,
            phase: self.phase(),
            officer_task: self.officer_task(backups),
            officer: request.officer.clone(),
            signer: request.signer.clone(),
            optimizer_pk: request.optimizer_pk,
            videoid_link: request.videoid_link.clone(),
            server_status: request.server_status.clone(),
            backup_folder: BackupFolder::of(backups, &request.id).dir().to_owned(),
            steps: self
                .steps
                .iter()
                .map(|step| StepView {
                    step: step.step,
                    state: step.state,
                    attempts: step.attempts,
                    error_code: step.error_code.clone(),
                    error_details: step.error_details.clone(),
                    started_at: step.started_at.clone(),
                    finished_at: step.finished_at.clone(),
                })
                .collect(),
            documents: self
                .documents
                .iter()
                .map(|document| DocumentView {
                    position: document.position,
                    file_name: document.file_name.clone(),
                    source_path: document.source_path.clone(),
                    source_sha256: document.source_sha256.clone(),
                    server_uid: document.server_uid.clone(),
                    signed_path: document.signed_path.clone(),
                    signed_sha256: document.signed_sha256.clone(),
                    verification: document.verification.clone(),
                })
                .collect(),
            created_at: request.created_at.clone(),
            updated_at: request.updated_at.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::SignerIdentity;
    use crate::workflows::states::{RequestId, WorkflowKind};
    use crate::workflows::{IdImagePaths, WorkflowOptions};

    fn state(kind: WorkflowKind, states: &[StepState]) -> RequestState {
        let steps = plan(kind)
            .into_iter()
            .zip(
                states
                    .iter()
                    .copied()
                    .chain(std::iter::repeat(StepState::Pending)),
            )
            .enumerate()
            .map(|(seq, (step, state))| StoredStep {
                seq: seq as u32,
                step,
                state,
                attempts: u32::from(state != StepState::Pending),
                note: None,
                result: None,
                error_code: None,
                error_details: None,
                started_at: None,
                finished_at: None,
            })
            .collect();
        RequestState {
            request: StoredRequest {
                id: RequestId::from_raw("r"),
                profile_id: 1,
                kind,
                officer: "1125824".into(),
                signer: SignerIdentity::default(),
                id_images: IdImagePaths::default(),
                options: WorkflowOptions::default(),
                optimizer_pk: Some(7),
                videoid_pk: None,
                videoid_link: None,
                server_status: None,
                phase: RequestPhase::Running,
                created_at: String::new(),
                updated_at: String::new(),
            },
            documents: Vec::new(),
            steps,
        }
    }

    #[test]
    fn the_first_unfinished_step_is_current_and_sets_the_phase() {
        use StepState::*;
        let s = state(WorkflowKind::ClassicOtp, &[Done, Done, AwaitingOfficer]);
        assert_eq!(s.current().unwrap().step, StepName::ShowContract);
        assert_eq!(s.phase(), RequestPhase::AwaitingOfficer);
        assert!(matches!(
            s.officer_task(Path::new("/b")),
            Some(OfficerTask::ShowContract { .. })
        ));
        let s = state(WorkflowKind::VideoIdEidas, &[Done, Waiting]);
        assert_eq!(s.phase(), RequestPhase::WaitingForOptimizer);
        assert_eq!(s.officer_task(Path::new("/b")), None);
        let all_done = vec![Done; plan(WorkflowKind::ClassicOtp).len()];
        let s = state(WorkflowKind::ClassicOtp, &all_done);
        assert!(s.current().is_none());
        assert_eq!(s.phase(), RequestPhase::Completed);
    }

    #[test]
    fn an_interrupted_step_comes_before_anything_else() {
        use StepState::*;
        let mut s = state(
            WorkflowKind::ClassicOtp,
            &[Done, Done, Done, Done, AwaitingOfficer],
        );
        let extra = StoredStep {
            seq: 99,
            step: StepName::SendOtp,
            state: InFlight,
            ..s.steps[0].clone()
        };
        s.steps.push(extra);
        assert_eq!(s.current().unwrap().seq, 99);
        assert_eq!(s.phase(), RequestPhase::Running);
        let last = s.steps.len() - 1;
        s.steps[last].error_code = Some("optimizer.unreachable".into());
        assert_eq!(s.phase(), RequestPhase::Failed);
        assert!(matches!(
            s.officer_task(Path::new("/b")),
            Some(OfficerTask::Retry {
                step: StepName::SendOtp,
                ..
            })
        ));
        // A pending extra step (its intent never started) is not current.
        s.steps[last].state = Pending;
        assert_eq!(s.current().unwrap().step, StepName::Sign);
    }

    #[test]
    fn the_sign_task_says_which_code_and_why_the_last_one_failed() {
        use StepState::*;
        let mut s = state(
            WorkflowKind::ExternalAuthentication,
            &[Done, Done, Done, AwaitingOfficer],
        );
        s.steps[3].error_code = Some(crate::workflows::steps::sign::WRONG_CODE.into());
        assert_eq!(
            s.officer_task(Path::new("/b")),
            Some(OfficerTask::EnterCode {
                external: true,
                last_error: Some("workflow.wrong_code".into())
            })
        );
    }

    #[test]
    fn codes_steps_record_are_in_the_catalog_list() {
        use crate::workflows::steps::sign::{ASYNC_FAILED, NOT_SIGNED, WRONG_CODE};
        for code in [WRONG_CODE, NOT_SIGNED, ASYNC_FAILED] {
            assert!(crate::error::ERROR_CODES.contains(&code), "{code}");
        }
    }
}
