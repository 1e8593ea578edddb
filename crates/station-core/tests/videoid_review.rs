//! What the officer reviews before deciding on a Video ID, against a real sandbox:
//! W6 shows the station's own evidences and video, W5 what the Optimizer recorded
//! from the session.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use station_core::{
    EvidenceChecks, EvidenceOcr, ReviewPictureKind, ReviewVideo, SignatureRequestDraft,
    SignerIdentity, VideoIdEvidence, WorkflowKind, WorkflowOptions,
};
use support::{SandboxServer, Station};

fn draft(kind: WorkflowKind, evidence: Option<VideoIdEvidence>) -> SignatureRequestDraft {
    SignatureRequestDraft {
        kind,
        signer: SignerIdentity {
            email: "lucia.perez@example.org".into(),
            mobile_phone_number: "+34600111222".into(),
            ..SignerIdentity::default()
        },
        id_images: Default::default(),
        documents: Vec::new(),
        options: WorkflowOptions {
            evidence,
            ..WorkflowOptions::default()
        },
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn w6_review_shows_the_uploaded_evidences_and_video() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(
        &temp.path().join("station"),
        &sandbox.url,
        &sandbox.ca_pem().await,
    )
    .await;
    let front = temp.path().join("front.png");
    std::fs::write(&front, support::PNG).unwrap();
    let video = temp.path().join("session.mp4");
    let mut mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    mp4.extend(std::iter::repeat_n(0x5Au8, 4_000));
    std::fs::write(&video, &mp4).unwrap();
    let ocr = EvidenceOcr {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        serial_number: "00000023T".into(),
        id_document_country: Some("ES".into()),
        ..EvidenceOcr::default()
    };
    let checks = EvidenceChecks {
        liveliness: Some(true),
        document_notcopy: Some(false),
        ..EvidenceChecks::default()
    };
    let evidence = VideoIdEvidence {
        document_front: Some(front),
        ocr: ocr.clone(),
        security_checks: checks.clone(),
        similarity_level: Some("87".into()),
        video,
        ..VideoIdEvidence::default()
    };
    let view = station
        .workflows
        .start(draft(WorkflowKind::VideoIdExternal, Some(evidence)))
        .await
        .unwrap();

    let review = station.workflows.videoid_review(&view.id).await.unwrap();
    assert_eq!(review.request.id, view.id);
    assert_eq!(review.read, Some(ocr));
    assert_eq!(review.security_checks, Some(checks));
    assert_eq!(review.similarity_level.as_deref(), Some("87"));
    assert_eq!(review.video, ReviewVideo::Station);
    assert_eq!(review.pictures.len(), 1);
    assert_eq!(review.pictures[0].kind, ReviewPictureKind::DocumentFront);
    assert!(
        review.pictures[0]
            .data_url
            .starts_with("data:image/png;base64,iVBOR")
    );
    assert_eq!(
        station.workflows.videoid_video(&view.id).await.unwrap(),
        mp4
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_review_shows_what_the_session_read_and_says_when_no_video_is_held() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(
        &temp.path().join("station"),
        &sandbox.url,
        &sandbox.ca_pem().await,
    )
    .await;
    let view = station
        .workflows
        .start(draft(WorkflowKind::VideoIdEidas, None))
        .await
        .unwrap();
    let pk = view.optimizer_pk.unwrap();
    sandbox.complete_session(pk, "review").await;

    let review = station.workflows.videoid_review(&view.id).await.unwrap();
    let read = review.read.expect("the Optimizer's record of the session");
    // The sandbox invents the identity a session without OCR did not capture.
    assert_eq!(read.given_name, "Sandbox");
    assert_eq!(read.surname_1, "Videoid");
    assert_eq!(read.email.as_deref(), Some("lucia.perez@example.org"));
    assert!(review.pictures.is_empty());
    assert_eq!(review.security_checks, None);
    assert_eq!(review.video, ReviewVideo::Optimizer);
    let error = station.workflows.videoid_video(&view.id).await.unwrap_err();
    assert_eq!(error.code(), "optimizer.not_found", "{error}");
}
