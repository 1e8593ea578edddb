//! The Result step's actions on a signed document: its verification report checked
//! again from the backup (so an edited backup shows as such), and a copy saved where
//! the officer chooses, byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use station_core::{
    OfficerTask, PadesLevel, RequestId, Secret, SignatureRequestView, SignatureTrust,
    VerificationVerdict, WorkflowKind, WorkflowOptions,
};
use support::{Inputs, SandboxServer, Station};

async fn signed_request() -> (
    SandboxServer,
    Station,
    tempfile::TempDir,
    SignatureRequestView,
) {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let ca = sandbox.ca_pem().await;
    let station = Station::open(&temp.path().join("station"), &sandbox.url, &ca).await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    let Some(OfficerTask::ShowContract { .. }) = view.officer_task else {
        panic!("expected the contract task: {view:?}")
    };
    let view = station
        .workflows
        .confirm_contract_shown(&view.id)
        .await
        .unwrap();
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert_eq!(view.documents[0].verification.as_deref(), Some("valid"));
    (sandbox, station, temp, view)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_report_names_the_signer_and_the_timestamp_and_sees_an_edited_backup() {
    let (_sandbox, station, _temp, view) = signed_request().await;
    let report = station
        .workflows
        .verification_report(&view.id, 0)
        .await
        .unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid);
    let signature = &report.signatures[0];
    let signer = signature.signer.as_ref().unwrap();
    assert!(
        signer
            .id_number
            .as_deref()
            .is_some_and(|id| id.contains(&support::signer().serial_number)),
        "{signer:?}"
    );
    assert!(signature.timestamp.as_ref().unwrap().time.is_some());
    assert!(matches!(signature.trust, SignatureTrust::Trusted { .. }));
    assert_eq!(signature.pades_level, PadesLevel::BT);

    // Bytes appended to the backup after signing: the report says so, not the stored verdict.
    let signed = view.documents[0].signed_path.clone().unwrap();
    let mut bytes = std::fs::read(&signed).unwrap();
    bytes.extend_from_slice(b"\n% appended later\n");
    std::fs::write(&signed, &bytes).unwrap();
    let report = station
        .workflows
        .verification_report(&view.id, 0)
        .await
        .unwrap();
    assert_ne!(report.verdict, VerificationVerdict::Valid);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_copy_is_the_signed_document_byte_for_byte() {
    let (_sandbox, station, temp, view) = signed_request().await;
    let target = temp.path().join("desk").join("contrato firmado.pdf");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let saved = station
        .workflows
        .save_signed_copy(&view.id, 0, target.clone())
        .await
        .unwrap();
    assert_eq!(saved, target);
    let signed = station.workflows.signed_copy(&view.id, 0).await.unwrap();
    assert_eq!(signed, view.documents[0].signed_path.clone().unwrap());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        std::fs::read(&signed).unwrap()
    );
    // The backup stays where it is.
    assert!(signed.is_file());
}

#[tokio::test(flavor = "multi_thread")]
async fn asking_for_a_document_that_is_not_there_is_a_clear_error() {
    let (_sandbox, station, _temp, view) = signed_request().await;
    let missing = station.workflows.verification_report(&view.id, 7).await;
    assert_eq!(missing.unwrap_err().code(), "input.required");
    let unknown = station
        .workflows
        .verification_report(&RequestId::generate(), 0)
        .await;
    assert_eq!(unknown.unwrap_err().code(), "workflow.unknown_request");
}
