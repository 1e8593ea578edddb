//! One module per step; this file says what each step does when it is pending
//! (run), interrupted (reconcile) or waiting (check). The reconciliation of each
//! step is documented in its module.

pub(crate) mod backup;
pub(crate) mod contract;
mod create;
mod delete;
pub(crate) mod documents;
pub(crate) mod officer;
pub(crate) mod otp;
pub(crate) mod sign;
pub(crate) mod videoid;

use super::engine::Run;
use super::states::StepName;
use crate::error::{Error, Result};
use crate::store::steps::StoredStep;

/// Works on a pending step.
pub(crate) async fn run(run: &mut Run<'_>, step: &StoredStep) -> Result<()> {
    let seq = step.seq;
    match step.step {
        StepName::CreateRequest => create::request(run, seq).await,
        StepName::CreateVideoId => create::videoid(run, seq).await,
        StepName::UploadEvidences => videoid::upload_evidences(run, seq).await,
        StepName::UploadVideo => videoid::upload_video(run, seq).await,
        StepName::AwaitVideoReview => videoid::start_waiting(run, seq).await,
        StepName::ReviewVideoId => videoid::await_decision(run, seq).await,
        StepName::UploadDocuments => documents::upload(run, seq).await,
        StepName::ShowContract => contract::fetch(run, seq).await,
        StepName::SendOtp => otp::send(run, seq).await,
        StepName::Sign => sign::prepare(run, seq).await,
        StepName::AwaitSignature => sign::start_waiting(run, seq).await,
        StepName::FetchSigned => backup::fetch(run, seq).await,
        StepName::VerifyBackup => backup::verify(run, seq).await,
        StepName::DeleteDocuments => delete::documents(run, seq).await,
        // Extra steps are created in flight by the officer's intent.
        StepName::CancelRequest | StepName::CorrectSigner => Err(Error::CorruptStore(format!(
            "the extra step {} is pending",
            step.step
        ))),
    }
}

/// Settles a step recorded in flight whose outcome was never recorded (a crash,
/// a lost answer): see each step's module for why this is safe.
pub(crate) async fn reconcile(run: &mut Run<'_>, step: &StoredStep) -> Result<()> {
    let seq = step.seq;
    tracing::info!(request = %run.id(), step = %step.step, "reconciling an interrupted step");
    match step.step {
        StepName::CreateRequest => create::request(run, seq).await,
        StepName::CreateVideoId => create::videoid(run, seq).await,
        StepName::UploadEvidences => videoid::upload_evidences(run, seq).await,
        StepName::UploadVideo => videoid::reconcile_video(run, seq).await,
        StepName::AwaitVideoReview => videoid::start_waiting(run, seq).await,
        StepName::ReviewVideoId => {
            videoid::reconcile_decision(run, seq, step.note.as_deref()).await
        }
        StepName::UploadDocuments => documents::reconcile(run, seq).await,
        StepName::ShowContract => contract::fetch(run, seq).await,
        StepName::SendOtp => otp::send(run, seq).await,
        StepName::Sign => sign::reconcile(run, seq).await,
        StepName::AwaitSignature => sign::start_waiting(run, seq).await,
        StepName::FetchSigned => backup::fetch(run, seq).await,
        StepName::VerifyBackup => backup::verify(run, seq).await,
        StepName::DeleteDocuments => delete::documents(run, seq).await,
        StepName::CancelRequest => officer::cancel(run).await,
        StepName::CorrectSigner => officer::correct(run, seq, step.note.as_deref()).await,
    }
}

/// Looks again at a step waiting for the Optimizer or the signer.
pub(crate) async fn check(run: &mut Run<'_>, step: &StoredStep) -> Result<()> {
    match step.step {
        StepName::AwaitVideoReview => videoid::check(run, step.seq).await,
        StepName::AwaitSignature => sign::check(run, step.seq).await,
        other => Err(Error::CorruptStore(format!("the step {other} cannot wait"))),
    }
}

/// Runs file and hashing work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}
