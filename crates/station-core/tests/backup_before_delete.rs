//! The safe backup: documents are deleted from the Optimizer only after every
//! signed copy is saved in the request's backup folder and verified locally
//! against trusted roots. A signature that does not verify stops the workflow
//! with everything still on the Optimizer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use oneshot_api::{Client, ClientOptions, Secret};
use station_core::{
    AuditAction, OfficerTask, RequestPhase, SignatureRequestView, StepName, StepState,
    WorkflowKind, WorkflowOptions,
};
use support::{Inputs, SandboxServer, Station};

/// Runs a W1 request up to (and including) the signature.
async fn sign_one(
    sandbox: &SandboxServer,
    station: &Station,
    dir: &std::path::Path,
) -> SignatureRequestView {
    let inputs = Inputs::pdfs(dir, 2);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = station
        .workflows
        .confirm_contract_shown(&view.id)
        .await
        .unwrap();
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap()
}

async fn documents_on_the_optimizer(sandbox: &SandboxServer, pk: u64) -> usize {
    let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
    client
        .documents()
        .list(pk)
        .await
        .map(|l| l.len())
        .unwrap_or(0)
}

fn stopped_at_verification(view: &SignatureRequestView, code: &str) {
    assert_eq!(view.phase, RequestPhase::Failed, "{view:#?}");
    let Some(OfficerTask::Retry {
        step, error_code, ..
    }) = &view.officer_task
    else {
        panic!("expected a retry task: {view:#?}")
    };
    assert_eq!(*step, StepName::VerifyBackup);
    assert_eq!(error_code.as_deref(), Some(code));
    let delete = view
        .steps
        .iter()
        .find(|s| s.step == StepName::DeleteDocuments)
        .unwrap();
    assert_eq!(
        (delete.state, delete.attempts),
        (StepState::Pending, 0),
        "delete never ran"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_untrusted_signature_keeps_the_documents_on_the_optimizer_until_it_verifies() {
    let sandbox = SandboxServer::start().await;
    let stranger = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    // Trusting another PKI: the signatures are intact but chain to nothing trusted.
    let station = Station::open(
        &temp.path().join("station"),
        &sandbox.url,
        &stranger.ca_pem().await,
    )
    .await;
    let view = sign_one(&sandbox, &station, &temp.path().join("in")).await;
    stopped_at_verification(&view, "backup.not_verified");
    let pk = view.optimizer_pk.unwrap();
    assert_eq!(documents_on_the_optimizer(&sandbox, pk).await, 2);
    for document in &view.documents {
        let saved = document.signed_path.as_ref().unwrap();
        assert!(saved.is_file(), "the backup is written before verification");
        assert_eq!(document.verification, None);
    }
    let actions: Vec<AuditAction> = station
        .workflows
        .audit()
        .entries_for(&view.id)
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect();
    assert!(!actions.contains(&AuditAction::Delete) && !actions.contains(&AuditAction::Backup));

    // With the right roots, retrying verifies, then deletes.
    station
        .workflows
        .set_signing_trust(sandbox.ca_pem().await)
        .await
        .unwrap();
    let view = station.workflows.retry(&view.id).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Completed, "{view:#?}");
    assert_eq!(documents_on_the_optimizer(&sandbox, pk).await, 0);
    assert!(station.workflows.audit().verify().unwrap().valid);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_trusted_roots_nothing_is_deleted() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open_trusting(&temp.path().join("station"), &sandbox.url, None).await;
    let view = sign_one(&sandbox, &station, &temp.path().join("in")).await;
    stopped_at_verification(&view, "backup.no_trust");
    assert_eq!(
        documents_on_the_optimizer(&sandbox, view.optimizer_pk.unwrap()).await,
        2
    );
    let bad = station
        .workflows
        .set_signing_trust("not a PEM".into())
        .await
        .unwrap_err();
    assert_eq!(bad.code(), "verification.invalid_trust_bundle");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_file_damaged_on_disk_is_fetched_again_before_deletion() {
    let sandbox = SandboxServer::start().await;
    let stranger = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(
        &temp.path().join("station"),
        &sandbox.url,
        &stranger.ca_pem().await,
    )
    .await;
    let view = sign_one(&sandbox, &station, &temp.path().join("in")).await;
    stopped_at_verification(&view, "backup.not_verified");
    let saved = view.documents[0].signed_path.clone().unwrap();
    let good = std::fs::read(&saved).unwrap();
    std::fs::write(&saved, b"%PDF-1.7 damaged").unwrap();
    station
        .workflows
        .set_signing_trust(sandbox.ca_pem().await)
        .await
        .unwrap();
    let view = station.workflows.retry(&view.id).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Completed, "{view:#?}");
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        good,
        "fetched again from the Optimizer"
    );
    let fetch = view
        .steps
        .iter()
        .find(|s| s.step == StepName::FetchSigned)
        .unwrap();
    assert_eq!(fetch.attempts, 2);
}
