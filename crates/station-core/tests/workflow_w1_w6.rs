//! Workflows W1–W6 through the station's domain API against a real sandbox
//! Optimizer: every signed output is checked (signed PDF = original + signature,
//! detached CMS accepted by openssl), the documents end up deleted from the
//! Optimizer only after their verified backup, and the audit trail is intact.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use std::time::Duration;

use oneshot_api::{Client, ClientOptions, RequestStatus, Secret};
use station_core::{
    AuditAction, AuditOutcome, DocumentToSign, EvidenceChecks, EvidenceOcr, ExternalAuthentication,
    OfficerTask, OtpChannel, PollingSettings, RequestPhase, SignStage, SignatureRequestView,
    SignerCorrection, StationEvent, StepName, StepState, VideoIdEvidence, VisibleSignatureSpec,
    WebhookSettings, WorkflowKind, WorkflowOptions, WorkflowServices,
};
use support::{Inputs, SandboxServer, Station, assert_cms_verifies, assert_signed_copy};

async fn setup() -> (SandboxServer, Station, tempfile::TempDir) {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let ca = sandbox.ca_pem().await;
    let station = Station::open(&temp.path().join("station"), &sandbox.url, &ca).await;
    (sandbox, station, temp)
}

fn client(sandbox: &SandboxServer) -> Client {
    Client::new(ClientOptions::new(sandbox.url.clone())).unwrap()
}

/// Confirms the contract and checks the OTP task follows.
async fn show_contract(station: &Station, view: SignatureRequestView) -> SignatureRequestView {
    let Some(OfficerTask::ShowContract { contract }) = view.officer_task else {
        panic!("expected the contract task: {view:?}")
    };
    assert!(std::fs::read(&contract).unwrap().starts_with(b"%PDF"));
    station
        .workflows
        .confirm_contract_shown(&view.id)
        .await
        .unwrap()
}

/// The request ended well: signed copies saved and verified, documents gone from
/// the Optimizer, audit trail intact.
async fn assert_completed(sandbox: &SandboxServer, station: &Station, view: &SignatureRequestView) {
    assert_eq!(view.phase, RequestPhase::Completed, "{view:#?}");
    assert_eq!(view.officer_task, None);
    let pk = view.optimizer_pk.unwrap();
    for document in &view.documents {
        let signed = document.signed_path.as_ref().unwrap();
        assert!(signed.starts_with(&view.backup_folder));
        assert_eq!(document.verification.as_deref(), Some("valid"));
        assert_eq!(
            station_core::sanitized_file_name(&signed.file_name().unwrap().to_string_lossy()),
            signed.file_name().unwrap().to_string_lossy()
        );
    }
    let left = client(sandbox).documents().list(pk).await;
    assert!(
        left.as_ref()
            .map(Vec::is_empty)
            .unwrap_or_else(|e| e.is_not_found()),
        "documents left on the Optimizer: {left:?}"
    );
    let audit = station.workflows.audit();
    assert!(audit.verify().unwrap().valid);
    let actions: Vec<AuditAction> = audit
        .entries_for(&view.id)
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.last(), Some(&AuditAction::Delete), "{actions:?}");
    assert!(actions.contains(&AuditAction::Backup));
}

/// No column the workflows write holds an OTP code (notes, results, errors,
/// audit details), and neither do the request's JSON columns.
fn assert_codes_never_stored(station: &Station, codes: &[&str]) {
    let connection = rusqlite::Connection::open(station.dir.join("station.sqlite3")).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for sql in [
        "SELECT coalesce(note, '') || coalesce(result, '') || coalesce(error_details, '') FROM workflow_step",
        "SELECT coalesce(details, '') FROM audit_entry",
        "SELECT signer || id_images || options FROM signature_request",
    ] {
        let mut statement = connection.prepare(sql).unwrap();
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .unwrap();
        texts.extend(rows.map(Result::unwrap));
    }
    assert!(texts.len() > 10);
    for code in codes {
        assert!(
            texts.iter().all(|text| !text.contains(code)),
            "the code {code} was stored"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn w1_classic_otp_with_wrong_code_resend_and_visible_signature() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 2);
    let mut events = station.workflows.events().subscribe();
    let mut draft = inputs.draft(
        WorkflowKind::ClassicOtp,
        WorkflowOptions {
            delivery_method: Some(OtpChannel::Whatsapp),
            ..WorkflowOptions::default()
        },
    );
    draft.documents[0].visible_signature = Some(VisibleSignatureSpec {
        page: Some(0),
        position: Some("300, 100, 500, 150".into()),
        image: None,
    });
    let view = station.workflows.start(draft).await.unwrap();
    assert_eq!(view.phase, RequestPhase::AwaitingOfficer);
    assert!(view.documents.iter().all(|d| d.server_uid.is_some()));
    let pk = view.optimizer_pk.unwrap();

    let view = show_contract(&station, view).await;
    assert!(matches!(
        view.officer_task,
        Some(OfficerTask::EnterCode {
            external: false,
            last_error: None
        })
    ));
    let first = sandbox.latest_otp(pk).await;
    let wrong: String = first
        .chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect();
    let view = station
        .workflows
        .sign(&view.id, Secret::new(wrong))
        .await
        .unwrap();
    assert_eq!(
        view.officer_task,
        Some(OfficerTask::EnterCode {
            external: false,
            last_error: Some("workflow.wrong_code".into())
        })
    );
    let view = station.workflows.resend_otp(&view.id).await.unwrap();
    assert_eq!(sandbox.otp_count(pk).await, 2);
    let code = sandbox.latest_otp(pk).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code.clone()))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;
    for (document, original) in view.documents.iter().zip(&inputs.documents) {
        assert_signed_copy(original, document.signed_path.as_ref().unwrap());
    }
    assert_codes_never_stored(&station, &[&first, &code]);

    let entries = station.workflows.audit().entries_for(&view.id).unwrap();
    let trail: Vec<(AuditAction, AuditOutcome)> =
        entries.iter().map(|e| (e.action, e.outcome)).collect();
    use AuditAction::*;
    use AuditOutcome::*;
    assert_eq!(
        trail,
        vec![
            (Create, Succeeded),
            (Upload, Succeeded),
            (ContractShown, Succeeded),
            (OtpSent, Succeeded),
            (Sign, Failed),
            (OtpSent, Succeeded),
            (Sign, Succeeded),
            (Backup, Succeeded),
            (Delete, Succeeded),
        ]
    );
    assert!(
        entries
            .iter()
            .all(|e| e.officer == oneshot_sandbox::DEMO_RAO_USERNAME)
    );
    assert_eq!(entries[1].digests_after.len(), 2);
    assert_eq!(entries[8].digests_after.len(), 2);
    assert_ne!(entries[8].digests_before, entries[8].digests_after);

    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        seen.push(event);
    }
    assert!(
        seen.iter()
            .any(|e| matches!(e, StationEvent::UploadProgress { .. }))
    );
    assert!(seen.iter().any(|e| matches!(
        e,
        StationEvent::SignProgress {
            stage: SignStage::Verified,
            ..
        }
    )));
    assert!(seen.iter().any(|e| matches!(
        e,
        StationEvent::RequestStatusChanged {
            phase: RequestPhase::Completed,
            ..
        }
    )));
}

#[tokio::test(flavor = "multi_thread")]
async fn w2_external_authentication() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let options = WorkflowOptions {
        external_authentication: Some(ExternalAuthentication {
            unlock_type: "biometric".into(),
            unlock_value: "ext-0001".into(),
        }),
        ..WorkflowOptions::default()
    };
    // The Optimizer's defaults for requests that choose none.
    let defaults = station
        .workflows
        .set_profile_defaults(station_core::ProfileDefaults {
            registration_authority: Some(" 4321 ".into()),
            certificate_profile: None,
        })
        .await
        .unwrap();
    assert_eq!(defaults.registration_authority.as_deref(), Some("4321"));
    assert_eq!(
        station.workflows.profile_defaults().await.unwrap(),
        defaults
    );
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ExternalAuthentication, options))
        .await
        .unwrap();
    assert!(!view.steps.iter().any(|s| s.step == StepName::SendOtp));
    let view = show_contract(&station, view).await;
    assert!(matches!(
        view.officer_task,
        Some(OfficerTask::EnterCode { external: true, .. })
    ));
    let view = station
        .workflows
        .sign(&view.id, Secret::new("4711"))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;
    let pk = view.optimizer_pk.unwrap();
    assert_eq!(sandbox.otp_count(pk).await, 0);
    let info = client(&sandbox).requests().get(pk).await.unwrap();
    assert_eq!(info.registration_authority.as_deref(), Some("4321"));
}

#[tokio::test(flavor = "multi_thread")]
async fn w3_hash_signature_is_saved_with_its_original_and_verifies_with_openssl() {
    let (sandbox, station, temp) = setup().await;
    let input = temp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let invoice = input.join("invoice.xml");
    std::fs::write(
        &invoice,
        b"<invoice><total>42.00</total></invoice>\n".repeat(500),
    )
    .unwrap();
    let mut inputs = Inputs::pdfs(&input, 0);
    inputs.documents = vec![invoice.clone()];
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::HashSignature, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = show_contract(&station, view).await;
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;

    let p7m = view.documents[0].signed_path.clone().unwrap();
    assert_eq!(p7m.file_name().unwrap(), "01-invoice.xml.p7m");
    let copy = view.backup_folder.join("01-invoice.xml");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&invoice).unwrap()
    );
    let ca = temp.path().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem().await).unwrap();
    assert_cms_verifies(&p7m, &invoice, &ca);
    assert_cms_verifies(&p7m, &copy, &ca);
    let mut names: Vec<_> = std::fs::read_dir(&input)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        3 + 1,
        "the officer's folder gets nothing new: {names:?}"
    );
}

async fn until_phase(
    station: &Station,
    id: &station_core::RequestId,
    phase: RequestPhase,
) -> SignatureRequestView {
    for _ in 0..300 {
        let view = station.workflows.request(id).await.unwrap();
        if view.phase == phase {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{phase} never reached: {:#?}",
        station.workflows.request(id).await.unwrap()
    );
}

/// W4 with only the webhook to learn that the background signature finished.
#[tokio::test(flavor = "multi_thread")]
async fn w4_asynchronous_signature_finishes_on_the_webhook() {
    let (sandbox, station, temp) = setup().await;
    let status = station
        .workflows
        .start_services(WorkflowServices {
            webhook: Some(WebhookSettings::default()),
            polling: PollingSettings {
                first: Duration::from_secs(3600),
                max: Duration::from_secs(3600),
            },
        })
        .await
        .unwrap();
    assert!(
        status
            .webhook_listening_on
            .unwrap()
            .starts_with("127.0.0.1:")
    );
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::Asynchronous, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = show_contract(&station, view).await;
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert!(
        view.steps
            .iter()
            .any(|s| s.step == StepName::AwaitSignature)
    );
    let view = until_phase(&station, &view.id, RequestPhase::Completed).await;
    assert_completed(&sandbox, &station, &view).await;
    station.workflows.stop_services().await;
}

/// W4 when no webhook can reach the station: polling finds the signature.
#[tokio::test(flavor = "multi_thread")]
async fn w4_asynchronous_signature_finishes_by_polling_without_a_webhook() {
    let (sandbox, station, temp) = setup().await;
    station
        .workflows
        .start_services(WorkflowServices {
            webhook: None,
            polling: PollingSettings {
                first: Duration::from_millis(100),
                max: Duration::from_millis(400),
            },
        })
        .await
        .unwrap();
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::Asynchronous, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = show_contract(&station, view).await;
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    let view = until_phase(&station, &view.id, RequestPhase::Completed).await;
    assert_completed(&sandbox, &station, &view).await;
    station.workflows.stop_services().await;
}

fn videoid_draft(
    kind: WorkflowKind,
    options: WorkflowOptions,
) -> station_core::SignatureRequestDraft {
    station_core::SignatureRequestDraft {
        kind,
        signer: station_core::SignerIdentity {
            email: "lucia.perez@example.org".into(),
            mobile_phone_number: "+34600111222".into(),
            ..station_core::SignerIdentity::default()
        },
        id_images: Default::default(),
        documents: Vec::new(),
        options: WorkflowOptions {
            videoid_mode: Some(1),
            ..options
        },
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_eidas_videoid_queue_correction_approval_then_signature() {
    let (sandbox, station, temp) = setup().await;
    station
        .workflows
        .start_services(WorkflowServices {
            webhook: Some(WebhookSettings::default()),
            polling: PollingSettings {
                first: Duration::from_secs(3600),
                max: Duration::from_secs(3600),
            },
        })
        .await
        .unwrap();
    let view = station
        .workflows
        .start(videoid_draft(
            WorkflowKind::VideoIdEidas,
            WorkflowOptions::default(),
        ))
        .await
        .unwrap();
    assert_eq!(view.phase, RequestPhase::WaitingForOptimizer);
    assert!(
        view.videoid_link
            .as_deref()
            .is_some_and(|l| l.contains("/sandbox/v1/videoid/"))
    );
    let pk = view.optimizer_pk.unwrap();
    let queue = station.workflows.videoid_queue().await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (queue[0].optimizer_pk, queue[0].status.as_str()),
        (pk, "VIDEOPENDING")
    );

    // The signer's session ends in review; only the webhook tells the station.
    let mut events = station.workflows.events().subscribe();
    sandbox.complete_session(pk, "review").await;
    let view = until_phase(&station, &view.id, RequestPhase::AwaitingOfficer).await;
    // The desktop notification fires on this event: exactly once per arrival in
    // review, although the webhook and the workflow's own check both see VIDEOREVIEW.
    let mut arrivals = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let StationEvent::VideoIdReadyForReview {
            request,
            optimizer_pk,
            signer,
        } = event
        {
            arrivals.push((request, optimizer_pk, signer));
        }
    }
    assert_eq!(arrivals.len(), 1, "{arrivals:?}");
    assert_eq!((&arrivals[0].0, arrivals[0].1), (&view.id, pk));
    assert_eq!(
        arrivals[0].2,
        station.workflows.videoid_queue().await.unwrap()[0].signer
    );
    assert_eq!(
        view.officer_task,
        Some(OfficerTask::ReviewVideoId {
            status: Some("VIDEOREVIEW".into())
        })
    );
    assert_eq!(
        station.workflows.videoid_queue().await.unwrap()[0].status,
        "VIDEOREVIEW"
    );

    let view = station
        .workflows
        .correct_signer(
            &view.id,
            SignerCorrection {
                given_name: Some("Lucía María".into()),
                ..SignerCorrection::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(view.signer.given_name, "Lucía María");
    let info = client(&sandbox).requests().get(pk).await.unwrap();
    assert_eq!(info.given_name.as_deref(), Some("Lucía María"));

    let view = station.workflows.approve(&view.id).await.unwrap();
    assert_eq!(view.officer_task, Some(OfficerTask::AddDocuments));
    assert!(station.workflows.videoid_queue().await.unwrap().is_empty());
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .add_documents(
            &view.id,
            vec![DocumentToSign {
                path: inputs.documents[0].clone(),
                visible_signature: None,
            }],
        )
        .await
        .unwrap();
    let view = show_contract(&station, view).await;
    let code = sandbox.latest_otp(pk).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;
    let actions: Vec<AuditAction> = station
        .workflows
        .audit()
        .entries_for(&view.id)
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        &actions[..3],
        &[
            AuditAction::Create,
            AuditAction::Update,
            AuditAction::Approve
        ]
    );
    station.workflows.stop_services().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_refusal_with_a_reason_found_by_polling() {
    let (sandbox, station, _temp) = setup().await;
    station
        .workflows
        .start_services(WorkflowServices {
            webhook: None,
            polling: PollingSettings {
                first: Duration::from_millis(100),
                max: Duration::from_millis(300),
            },
        })
        .await
        .unwrap();
    let view = station
        .workflows
        .start(videoid_draft(
            WorkflowKind::VideoIdEidas,
            WorkflowOptions::default(),
        ))
        .await
        .unwrap();
    sandbox
        .complete_session(view.optimizer_pk.unwrap(), "review")
        .await;
    let view = until_phase(&station, &view.id, RequestPhase::AwaitingOfficer).await;
    let refused = station
        .workflows
        .refuse(&view.id, "  ".into())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "input.required");
    let view = station
        .workflows
        .refuse(&view.id, "The face does not match the document".into())
        .await
        .unwrap();
    assert_eq!(view.phase, RequestPhase::Refused);
    assert!(
        view.steps
            .iter()
            .all(|s| matches!(s.state, StepState::Done | StepState::Skipped))
    );
    assert!(station.workflows.videoid_queue().await.unwrap().is_empty());
    assert_eq!(
        client(&sandbox)
            .requests()
            .status(view.optimizer_pk.unwrap())
            .await
            .unwrap(),
        RequestStatus::Refused
    );
    let last = station.workflows.audit().entries().unwrap().pop().unwrap();
    assert_eq!(last.action, AuditAction::Refuse);
    assert_eq!(
        last.details.as_deref(),
        Some("The face does not match the document")
    );
    let error = station.workflows.approve(&view.id).await.unwrap_err();
    assert_eq!(error.code(), "workflow.not_expected");
    station.workflows.stop_services().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn w6_external_videoid_evidences_video_approval_then_signature() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let dir = temp.path().join("evidence");
    std::fs::create_dir_all(&dir).unwrap();
    let picture = |name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, support::PNG).unwrap();
        Some(path)
    };
    let video = dir.join("session.mp4");
    let mut mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    mp4.extend(std::iter::repeat_n(0x5Au8, 50_000));
    std::fs::write(&video, mp4).unwrap();
    let evidence = VideoIdEvidence {
        acceptance: station_core::EvidenceAcceptance {
            description: Some("Accepted terms and privacy policy".into()),
            ip: Some("192.0.2.10".into()),
            date: Some("2026-02-03T08:00:00Z".into()),
            ..Default::default()
        },
        document_front: picture("front.png"),
        document_rear: picture("rear.png"),
        document_photo: picture("photo.png"),
        document_owner: picture("owner.png"),
        ocr: EvidenceOcr {
            given_name: "Lucía".into(),
            surname_1: "Pérez".into(),
            surname_2: Some("Ortega".into()),
            serial_number: "00000023T".into(),
            mobile_phone_number: Some("+34600111222".into()),
            email: Some("lucia.perez@example.org".into()),
            id_document_country: Some("ES".into()),
        },
        security_checks: EvidenceChecks {
            otp_validation: Some(true),
            documents_match: Some(true),
            data_integrity: Some(true),
            document_notcopy: Some(true),
            document_notexpired: Some(true),
            document_notunderage: Some(true),
            liveliness: Some(true),
        },
        similarity_level: Some("high".into()),
        video,
    };
    let mut draft = videoid_draft(
        WorkflowKind::VideoIdExternal,
        WorkflowOptions {
            evidence: Some(evidence),
            ..WorkflowOptions::default()
        },
    );
    draft.documents = vec![DocumentToSign {
        path: inputs.documents[0].clone(),
        visible_signature: None,
    }];
    let view = station.workflows.start(draft).await.unwrap();
    assert_eq!(
        view.officer_task,
        Some(OfficerTask::ReviewVideoId {
            status: Some("VIDEOREVIEW".into())
        }),
        "{view:#?}"
    );
    let view = station.workflows.approve(&view.id).await.unwrap();
    let view = show_contract(&station, view).await;
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lost_sign_answer_is_settled_by_status_and_never_signed_again() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = show_contract(&station, view).await;
    sandbox
        .arm(serde_json::json!({"method": "POST", "path": "/api/v1/sign/*", "action": "lose_response"}))
        .await;
    sandbox.count_sign_calls().await;
    let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
    let view = station
        .workflows
        .sign(&view.id, Secret::new(code))
        .await
        .unwrap();
    assert_completed(&sandbox, &station, &view).await;
    assert!(
        sandbox.sign_faults_used_up().await,
        "the sign answer was lost"
    );
    assert_eq!(sandbox.sign_calls(1).await, 1, "one sign call in all");
    let sign = station
        .workflows
        .audit()
        .entries_for(&view.id)
        .unwrap()
        .into_iter()
        .find(|e| e.action == AuditAction::Sign)
        .unwrap();
    assert!(
        sign.details.unwrap().contains("answer lost"),
        "settled by status"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_before_signing_ends_the_request_on_both_sides() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    let view = station.workflows.cancel(&view.id).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Cancelled);
    let gone = client(&sandbox)
        .requests()
        .status(view.optimizer_pk.unwrap())
        .await;
    assert!(gone.unwrap_err().is_not_found());
    let again = station.workflows.cancel(&view.id).await.unwrap_err();
    assert_eq!(again.code(), "workflow.not_expected");
    let last = station.workflows.audit().entries().unwrap().pop().unwrap();
    assert_eq!(last.action, AuditAction::Cancel);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_refused_before_anything_is_stored_or_sent() {
    let (_sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);

    let text = temp.path().join("in/notes.pdf");
    std::fs::write(&text, b"plain text").unwrap();
    let mut draft = inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default());
    draft.documents[0].path = text;
    assert_eq!(
        station.workflows.start(draft).await.unwrap_err().code(),
        "workflow.invalid_document"
    );

    let mut draft = inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default());
    draft.documents[0].path = temp.path().join("in/missing.pdf");
    assert_eq!(
        station.workflows.start(draft).await.unwrap_err().code(),
        "connection.unreadable_file"
    );

    let mut draft = inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default());
    draft.signer.serial_number = "00000023X".into();
    assert_eq!(
        station.workflows.start(draft).await.unwrap_err().code(),
        "identity.invalid"
    );

    let mut draft = inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default());
    draft.documents.clear();
    assert_eq!(
        station.workflows.start(draft).await.unwrap_err().code(),
        "workflow.no_documents"
    );

    let draft = inputs.draft(
        WorkflowKind::ExternalAuthentication,
        WorkflowOptions::default(),
    );
    assert_eq!(
        station.workflows.start(draft).await.unwrap_err().code(),
        "input.required"
    );

    assert!(station.workflows.requests().await.unwrap().is_empty());
    assert!(station.workflows.audit().entries().unwrap().is_empty());

    let unknown = station_core::RequestId::from_raw("nope");
    assert_eq!(
        station
            .workflows
            .sign(&unknown, Secret::new("1"))
            .await
            .unwrap_err()
            .code(),
        "workflow.unknown_request"
    );
    let empty = station
        .workflows
        .sign(&unknown, Secret::new(" "))
        .await
        .unwrap_err();
    assert_eq!(empty.code(), "input.required");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_out_station_keeps_requests_until_the_rao_is_back() {
    let (sandbox, station, temp) = setup().await;
    let inputs = Inputs::pdfs(&temp.path().join("in"), 1);
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    station.connection.sign_out().await.unwrap();
    let error = station
        .workflows
        .confirm_contract_shown(&view.id)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "signin.required");
    // Nothing the request waits for needs the Optimizer: resuming leaves it as it was.
    let views = station.workflows.resume_unfinished().await.unwrap();
    assert!(matches!(
        views[0].officer_task,
        Some(OfficerTask::ShowContract { .. })
    ));

    let reopened = Station::open(&station.dir, &sandbox.url, &sandbox.ca_pem().await).await;
    let views = reopened.workflows.resume_unfinished().await.unwrap();
    assert_eq!(views.len(), 1);
    let view = reopened
        .workflows
        .confirm_contract_shown(&views[0].id)
        .await
        .unwrap();
    assert!(
        matches!(view.officer_task, Some(OfficerTask::EnterCode { .. })),
        "{view:#?}"
    );
}
