//! The crash test: a W1 workflow, and a W5 (Video ID then signature) workflow, run in
//! a child process that is stopped (aborted, like a crash or a power cut) right after
//! each step boundary in turn: every commit of a step's state and every answered
//! Optimizer call. A new process then reopens the same database and finishes. Each
//! time: no document lost (both signed copies saved, verified and matching the
//! originals), exactly one sign call reached the Optimizer, the documents were
//! deleted there only after the backup, and the audit trail is a valid chain. One
//! more W1 run loses the sign answer and crashes right after it.
//!
//! The child is this test binary itself, running the ignored `crash_child_process`
//! test with the `test-hooks` feature's stop switch.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use oneshot_api::{Client, ClientOptions, RequestStatus, Secret};
use station_core::{
    AuditAction, AuditOutcome, AuditTrail, OfficerTask, RequestPhase, STOP_AFTER_ENV, Store,
    WorkflowKind, WorkflowOptions, boundaries_passed,
};
use support::{Inputs, SandboxServer, Station, assert_signed_copy};

const DATA_ENV: &str = "ONESHOT_CRASH_DATA_DIR";
const SANDBOX_ENV: &str = "ONESHOT_CRASH_SANDBOX_URL";
const TRACE_ENV: &str = "ONESHOT_TEST_TRACE_BOUNDARIES";
const KIND_ENV: &str = "ONESHOT_CRASH_KIND";

/// The child: opens the station in `$ONESHOT_CRASH_DATA_DIR`, resumes or starts one
/// W1 (or W5) request and plays the officer (contract shown, code typed, Video ID
/// approved) and the signer (the video session) until it completes.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the crash test in a child process"]
async fn crash_child_process() {
    let data =
        PathBuf::from(std::env::var(DATA_ENV).expect("run by stopping_at_every_step_boundary…"));
    let url = std::env::var(SANDBOX_ENV).unwrap();
    let sandbox = Client::new(ClientOptions::new(url.clone())).unwrap();
    let ca = reqwest::get(format!("{url}/sandbox/v1/ca.pem"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let station = Station::open(&data.join("station"), &url, &ca).await;
    let workflows = &station.workflows;

    let resumed = workflows.resume_unfinished().await.unwrap();
    let id = match resumed.first() {
        Some(view) => view.id.clone(),
        None => match workflows.requests().await.unwrap().first() {
            Some(done) => done.id.clone(),
            None => {
                let inputs = Inputs::pdfs(&data.join("inputs"), 2);
                let mut draft = inputs.draft(kind(), WorkflowOptions::default());
                if kind() == WorkflowKind::VideoIdEidas {
                    draft.id_images = Default::default();
                    draft.options.videoid_mode = Some(1);
                }
                workflows.start(draft).await.unwrap().id
            }
        },
    };
    for _ in 0..20 {
        let view = workflows.request(&id).await.unwrap();
        match (&view.phase, &view.officer_task) {
            (RequestPhase::Completed, _) => {
                println!("boundaries={}", boundaries_passed());
                return;
            }
            (_, Some(OfficerTask::ShowContract { .. })) => {
                workflows.confirm_contract_shown(&id).await.unwrap();
            }
            (_, Some(OfficerTask::EnterCode { .. })) => {
                let pk = view.optimizer_pk.unwrap();
                let code = latest_otp(&sandbox, &url, pk).await;
                workflows.sign(&id, Secret::new(code)).await.unwrap();
            }
            (_, Some(OfficerTask::ReviewVideoId { .. })) => {
                workflows.approve(&id).await.unwrap();
            }
            (RequestPhase::WaitingForOptimizer, None) => {
                // The signer's video session, played once; then look again.
                let pk = view.optimizer_pk.unwrap();
                if sandbox.requests().status(pk).await.unwrap() == RequestStatus::VideoPending {
                    let answer = reqwest::Client::new()
                        .post(format!("{url}/sandbox/v1/videoid/{pk}/complete"))
                        .json(&serde_json::json!({ "outcome": "review" }))
                        .send()
                        .await
                        .unwrap();
                    assert!(answer.status().is_success());
                }
                workflows.retry(&id).await.unwrap();
            }
            (_, Some(OfficerTask::Retry { .. })) => {
                workflows.retry(&id).await.unwrap();
            }
            other => panic!("unexpected state {other:?}: {view:#?}"),
        }
    }
    panic!(
        "the request did not complete: {:#?}",
        workflows.request(&id).await.unwrap()
    );
}

fn kind() -> WorkflowKind {
    match std::env::var(KIND_ENV).as_deref() {
        Ok("videoid_eidas") => WorkflowKind::VideoIdEidas,
        _ => WorkflowKind::ClassicOtp,
    }
}

async fn latest_otp(_client: &Client, url: &str, pk: u64) -> String {
    let messages: serde_json::Value =
        reqwest::get(format!("{url}/sandbox/v1/messages?request={pk}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    messages["details"]
        .as_array()
        .and_then(|list| list.iter().rev().find_map(|m| m["code"].as_str()))
        .unwrap()
        .to_owned()
}

/// Runs the child for a `kind` request on `data`, stopping after boundary `stop`
/// if given.
async fn child(
    kind: WorkflowKind,
    data: &Path,
    sandbox: &str,
    stop: Option<u64>,
    trace: bool,
) -> Output {
    let mut command = tokio::process::Command::new(std::env::current_exe().unwrap());
    command
        .env(KIND_ENV, kind.as_str())
        .args([
            "crash_child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DATA_ENV, data)
        .env(SANDBOX_ENV, sandbox)
        .env_remove(STOP_AFTER_ENV)
        .env_remove(TRACE_ENV)
        .kill_on_drop(true);
    if let Some(stop) = stop {
        command.env(STOP_AFTER_ENV, stop.to_string());
    }
    if trace {
        command.env(TRACE_ENV, "1");
    }
    command.output().await.unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Everything that must hold once a run finished, however it was interrupted.
async fn assert_whole(sandbox: &SandboxServer, data: &Path, label: &str, sign_faults_before: u32) {
    let store = Arc::new(Store::open(&data.join("station/station.sqlite3")).unwrap());
    let audit = AuditTrail::new(Arc::clone(&store));
    let report = audit.verify().unwrap();
    assert!(report.valid, "{label}: audit chain broken: {report:?}");

    let ca = sandbox.ca_pem().await;
    let station = Station::open(&data.join("station"), &sandbox.url, &ca).await;
    let requests = station.workflows.requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{label}: exactly one request");
    let view = station.workflows.request(&requests[0].id).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Completed, "{label}: {view:#?}");
    assert_eq!(view.documents.len(), 2, "{label}");
    let inputs = data.join("inputs");
    for (index, document) in view.documents.iter().enumerate() {
        let original = inputs.join(format!("contract {index}.pdf"));
        assert_signed_copy(&original, document.signed_path.as_ref().unwrap());
        assert_eq!(document.verification.as_deref(), Some("valid"), "{label}");
    }
    let pk = view.optimizer_pk.unwrap();
    let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
    let left = client.documents().list(pk).await;
    assert!(
        left.as_ref()
            .map(Vec::is_empty)
            .unwrap_or_else(|e| e.is_not_found()),
        "{label}: documents left on the Optimizer"
    );
    assert_eq!(
        sandbox.sign_calls(sign_faults_before).await,
        1,
        "{label}: one sign call"
    );

    let entries = audit.entries_for(&view.id).unwrap();
    let signed = entries
        .iter()
        .filter(|e| e.action == AuditAction::Sign && e.outcome == AuditOutcome::Succeeded)
        .count();
    assert_eq!(signed, 1, "{label}: one successful sign in the trail");
    let backup = entries.iter().position(|e| e.action == AuditAction::Backup);
    let delete = entries.iter().position(|e| e.action == AuditAction::Delete);
    assert!(
        backup.is_some() && backup < delete,
        "{label}: backup recorded before deletion"
    );
}

/// Runs a `kind` request once uninterrupted, then once stopped after each of its
/// boundaries and resumed; answers the boundary labels.
async fn stop_everywhere(sandbox: &SandboxServer, kind: WorkflowKind, root: &Path) -> Vec<String> {
    // An uninterrupted run tells how many boundaries there are and what they are.
    sandbox.clear_faults().await;
    sandbox.count_sign_calls().await;
    let clean = root.join("clean");
    let output = child(kind, &clean, &sandbox.url, None, true).await;
    assert!(output.status.success(), "{}", text(&output));
    let total: u64 = String::from_utf8_lossy(&output.stdout)
        .lines()
        // The harness prints "test crash_child_process ... " before the output.
        .find_map(|line| line.split("boundaries=").nth(1)?.trim().parse().ok())
        .expect("the child reports its boundaries");
    assert!(total > 20, "a {kind} run has many boundaries: {total}");
    let labels: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| line.split("test-hooks: boundary ").nth(1))
        .map(str::to_owned)
        .collect();
    assert_eq!(labels.len() as u64, total, "every boundary is traced");
    println!(
        "{kind}: stopping after each of {total} boundaries: {}",
        labels.join(", ")
    );
    assert_whole(sandbox, &clean, &format!("{kind} uninterrupted"), 0).await;

    for stop in 1..=total {
        let label = format!("{kind} stopped after {}", labels[stop as usize - 1]);
        sandbox.clear_faults().await;
        sandbox.count_sign_calls().await;
        let data = root.join(format!("stop-{stop}"));
        let crashed = child(kind, &data, &sandbox.url, Some(stop), false).await;
        assert!(
            !crashed.status.success(),
            "{label}: the child must stop: {}",
            text(&crashed)
        );
        assert!(
            text(&crashed).contains(&format!("stopping after boundary {stop} ")),
            "{label}: {}",
            text(&crashed)
        );
        let resumed = child(kind, &data, &sandbox.url, None, false).await;
        assert!(resumed.status.success(), "{label}: {}", text(&resumed));
        assert_whole(sandbox, &data, &label, 0).await;
    }
    labels
}

#[tokio::test(flavor = "multi_thread")]
async fn w1_stopped_at_every_step_boundary_loses_nothing_and_signs_once() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let labels = stop_everywhere(&sandbox, WorkflowKind::ClassicOtp, temp.path()).await;

    // The sign answer is lost and the process dies right after: the restart settles
    // the sign by the Optimizer's status, never by signing again.
    let answered = labels
        .iter()
        .position(|label| label.ends_with("sign:answered"))
        .expect("a sign:answered boundary") as u64
        + 1;
    sandbox.clear_faults().await;
    sandbox
        .arm(serde_json::json!({"method": "POST", "path": "/api/v1/sign/*", "action": "lose_response"}))
        .await;
    sandbox.count_sign_calls().await;
    let data = temp.path().join("lost-answer");
    let crashed = child(
        WorkflowKind::ClassicOtp,
        &data,
        &sandbox.url,
        Some(answered),
        false,
    )
    .await;
    assert!(!crashed.status.success(), "{}", text(&crashed));
    assert!(
        sandbox.sign_faults_used_up().await,
        "the sign answer was lost"
    );
    let resumed = child(WorkflowKind::ClassicOtp, &data, &sandbox.url, None, false).await;
    assert!(resumed.status.success(), "{}", text(&resumed));
    assert_whole(&sandbox, &data, "lost sign answer, then a crash", 1).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_stopped_at_every_step_boundary_loses_nothing_and_signs_once() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let labels = stop_everywhere(&sandbox, WorkflowKind::VideoIdEidas, temp.path()).await;
    assert!(
        labels
            .iter()
            .any(|label| label.ends_with("review_videoid:answered"))
    );
}
