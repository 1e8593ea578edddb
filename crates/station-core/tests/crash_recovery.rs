//! The crash test: a W1 workflow, a W3 (hash signature) workflow and a W5 (Video ID
//! then signature) workflow, each run in a child process that is stopped (aborted,
//! like a crash or a power cut) right after each step boundary in turn: every commit
//! of a step's state and every answered Optimizer call. A new process then reopens
//! the same database and finishes. Each time: no document lost (every signed copy
//! saved in the backup folder, verified and matching its original: a signed PDF
//! keeps the original's bytes, a W3 `.p7m` sits next to a copy of the officer's file
//! and openssl verifies it over both), exactly one sign call reached the Optimizer,
//! the documents were deleted there only after the backup, and the audit trail is a
//! valid chain. One more W1 run loses the sign answer and crashes right after it.
//!
//! Each flow prints a summary (boundaries tried, flows finished, signed documents
//! lost, duplicate signs, invalid audit chains) and asserts the zeros from those
//! counts; see `workflow_support/crash.rs`.
//!
//! The child is this test binary itself, running the ignored `crash_child_process`
//! test with the `test-hooks` feature's stop switch.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

#[path = "workflow_support/crash.rs"]
mod crash;

use std::path::PathBuf;

use crash::{DATA_ENV, KIND_ENV, SANDBOX_ENV, Tally, child, stop_everywhere, text};
use oneshot_api::{Client, ClientOptions, RequestStatus, Secret};
use station_core::{OfficerTask, RequestPhase, WorkflowKind, boundaries_passed};
use support::{SandboxServer, Station};

/// The child: opens the station in `$ONESHOT_CRASH_DATA_DIR`, resumes or starts one
/// W1, W3 or W5 request and plays the officer (contract shown, code typed, Video ID
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
                let draft = crash::draft(kind(), &data.join("inputs"));
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
        Ok("hash_signature") => WorkflowKind::HashSignature,
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

#[tokio::test(flavor = "multi_thread")]
async fn w1_stopped_at_every_step_boundary_loses_nothing_and_signs_once() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let kind = WorkflowKind::ClassicOtp;
    let mut tally = Tally::default();
    let labels = stop_everywhere(&sandbox, kind, temp.path(), &mut tally).await;

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
    let crashed = child(kind, &data, &sandbox.url, Some(answered), false).await;
    assert!(
        !crashed.status.success()
            && text(&crashed).contains(&format!("stopping after boundary {answered} ")),
        "{}",
        text(&crashed)
    );
    assert!(
        sandbox.sign_faults_used_up().await,
        "the sign answer was lost"
    );
    tally.boundaries_tried += 1;
    let label = "lost sign answer, then a crash";
    let resumed = child(kind, &data, &sandbox.url, None, false).await;
    if !resumed.status.success() {
        tally.problems.push(format!("{label}: {}", text(&resumed)));
    }
    // The lost answer's sign call was counted by the fault, not by the counter.
    tally.inspect(&sandbox, kind, &data, label, 1).await;
    tally.print_and_check("W1 classic OTP");
}

#[tokio::test(flavor = "multi_thread")]
async fn w3_stopped_at_every_step_boundary_loses_nothing_and_signs_once() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let mut tally = Tally::default();
    let labels = stop_everywhere(
        &sandbox,
        WorkflowKind::HashSignature,
        temp.path(),
        &mut tally,
    )
    .await;
    for step in [
        "sign:answered",
        "fetch_signed:saved",
        "delete_documents:done",
    ] {
        assert!(
            labels.iter().any(|label| label.ends_with(step)),
            "{step} in {labels:?}"
        );
    }
    tally.print_and_check("W3 hash signature (.p7m)");
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_stopped_at_every_step_boundary_loses_nothing_and_signs_once() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let mut tally = Tally::default();
    let labels = stop_everywhere(
        &sandbox,
        WorkflowKind::VideoIdEidas,
        temp.path(),
        &mut tally,
    )
    .await;
    assert!(
        labels
            .iter()
            .any(|label| label.ends_with("review_videoid:answered"))
    );
    tally.print_and_check("W5 Video ID then signature");
}
