//! The fault × step tables of W3 (hash signature, a detached `.p7m`) and W5 (the
//! Optimizer's Video ID, then the signature), as `optimizer_faults.rs` does for W1:
//! every fault the sandbox Optimizer injects, at every call of the workflow. For
//! each cell the officer is shown the error code that says what happened (too
//! slow, the server failed, the line broke, the answer made no sense), which the UI
//! translates (en, es, pl), with a next action; the request stays resumable; a later
//! retry finishes it; and it is signed exactly once: one sign call reached the
//! Optimizer (a second only when the first was stopped in front of it), one
//! successful sign in the audit trail, each signed copy verified, and a further
//! sign is refused there as already issued. The tables are printed (`--nocapture`).
//!
//! Each cell arms its fault before the request starts; the first officer action
//! that meets it is "right after the fault".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

#[path = "workflow_support/crash.rs"]
mod crash;

#[path = "workflow_support/faults.rs"]
mod faults;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use faults::{
    CLIENT_TIMEOUT, Fault, LATENCY, REPEATABLE_TRIES, counted_sign_calls, next_action, resumable,
    shown_code, times_met, translated_codes,
};
use oneshot_api::{Client, ClientOptions, RequestStatus, Secret};
use serde_json::json;
use station_core::{
    AuditAction, AuditOutcome, OfficerTask, RequestPhase, SignatureRequestView, StepName,
    StepState, WorkflowKind,
};
use support::{SandboxServer, Station};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    CreateRequest,
    CreateVideoId,
    ApproveVideoId,
    UploadDocuments,
    SendOtp,
    Sign,
    FetchSigned,
    DeleteDocuments,
}

impl Step {
    fn of(kind: WorkflowKind) -> Vec<Step> {
        use Step::*;
        let mut steps = match kind {
            WorkflowKind::VideoIdEidas => vec![CreateVideoId, ApproveVideoId],
            _ => vec![CreateRequest],
        };
        steps.extend([UploadDocuments, SendOtp, Sign, FetchSigned, DeleteDocuments]);
        steps
    }

    fn label(self, kind: WorkflowKind) -> &'static str {
        match self {
            Step::CreateRequest => "register signer",
            Step::CreateVideoId => "create Video ID",
            Step::ApproveVideoId => "approve Video ID",
            Step::UploadDocuments if kind == WorkflowKind::HashSignature => "upload hash file",
            Step::UploadDocuments => "upload document",
            Step::SendOtp => "send OTP",
            Step::Sign => "sign",
            Step::FetchSigned if kind == WorkflowKind::HashSignature => "fetch .p7m",
            Step::FetchSigned => "fetch signed",
            Step::DeleteDocuments => "delete documents",
        }
    }

    /// The Optimizer call the step makes.
    fn call(self) -> (&'static str, &'static str) {
        match self {
            Step::CreateRequest => ("POST", "/api/v1/request"),
            Step::CreateVideoId => ("POST", "/api/v1/videoid"),
            Step::ApproveVideoId => ("POST", "/api/v1/requests/*/approve"),
            Step::UploadDocuments => ("POST", "/api/v1/document/*"),
            Step::SendOtp => ("POST", "/api/v1/otp/*"),
            Step::Sign => ("POST", "/api/v1/sign/*"),
            Step::FetchSigned => ("GET", "/api/v1/document/*/signed/*"),
            Step::DeleteDocuments => ("DELETE", "/api/v1/documents/*"),
        }
    }

    /// The workflow step that makes the call.
    fn name(self) -> StepName {
        match self {
            Step::CreateRequest => StepName::CreateRequest,
            Step::CreateVideoId => StepName::CreateVideoId,
            Step::ApproveVideoId => StepName::ReviewVideoId,
            Step::UploadDocuments => StepName::UploadDocuments,
            Step::SendOtp => StepName::SendOtp,
            Step::Sign => StepName::Sign,
            Step::FetchSigned => StepName::FetchSigned,
            Step::DeleteDocuments => StepName::DeleteDocuments,
        }
    }

    /// How many times the client sends the call before giving up.
    fn tries(self) -> u32 {
        match self {
            Step::FetchSigned | Step::DeleteDocuments => REPEATABLE_TRIES,
            _ => 1,
        }
    }
}

/// What the officer was shown right after the fault.
struct Seen {
    code: Option<String>,
    /// The faulted step was done right after, with no error for the officer.
    settled: bool,
    next: String,
    intact: bool,
    sign_calls: u32,
}

/// What one cell found.
struct Cell {
    fault: Fault,
    step: Step,
    code: Option<String>,
    settled: bool,
    next: String,
    sign_calls: u32,
    passed: Result<(), String>,
}

#[tokio::test(flavor = "multi_thread")]
async fn w3_every_fault_at_every_step_keeps_the_request_resumable_and_signs_once() {
    fault_table(WorkflowKind::HashSignature, "W3 hash signature (.p7m)").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn w5_every_fault_at_every_step_keeps_the_request_resumable_and_signs_once() {
    fault_table(WorkflowKind::VideoIdEidas, "W5 Video ID then signature").await;
}

async fn fault_table(kind: WorkflowKind, title: &str) {
    station_core::set_client_timeout(CLIENT_TIMEOUT);
    let sandbox = SandboxServer::start().await;
    let ca = sandbox.ca_pem().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(&temp.path().join("station"), &sandbox.url, &ca).await;
    let ca_file = temp.path().join("ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let translated = translated_codes();

    let mut cells = Vec::new();
    for step in Step::of(kind) {
        for fault in Fault::ALL {
            let dir = temp
                .path()
                .join(format!("in-{step:?}-{fault:?}").to_lowercase());
            let cell = run_cell(&sandbox, &station, &dir, &ca_file, kind, fault, step).await;
            let cell = check_code(kind, cell, &translated);
            println!(
                "{kind}: {} × {}: {}",
                fault.label(),
                step.label(kind),
                match &cell.passed {
                    Ok(()) => "passed".to_owned(),
                    Err(why) => format!("FAILED: {why}"),
                }
            );
            cells.push(cell);
        }
    }
    let audit = station.workflows.audit().verify().unwrap();
    assert!(
        audit.valid,
        "the audit chain survives every fault: {audit:?}"
    );
    println!("\n{title}\n\n{}", table(kind, &cells));
    let failed: Vec<String> = cells
        .iter()
        .filter_map(|cell| {
            cell.passed
                .as_ref()
                .err()
                .map(|why| format!("{} × {}: {why}", cell.fault.label(), cell.step.label(kind)))
        })
        .collect();
    assert!(failed.is_empty(), "failed cells:\n{}", failed.join("\n"));
}

/// The codes the officer may see for `fault` on `step`: the fault's own, except
/// where the station settles the call itself and reports what it found. A sign
/// whose outcome is unknown (no answer in time, a gateway's 502, a broken line) is
/// settled by asking the Optimizer, which reports it unsigned; a download cut
/// short by a lying Content-Length is only found out when its signature is read.
/// (The sandbox reads an upload to its end before its error page, as a proxy does,
/// so a 500 or 502 on an upload is the page, never a broken line.)
fn expected_codes(kind: WorkflowKind, fault: Fault, step: Step) -> Vec<&'static str> {
    match (fault, step) {
        (Fault::Latency | Fault::Html502 | Fault::ResetMidUpload, Step::Sign) => {
            vec!["workflow.not_signed"]
        }
        (Fault::TruncatedJson, Step::FetchSigned) if kind == WorkflowKind::HashSignature => {
            vec!["verification.not_a_signature"]
        }
        (Fault::TruncatedJson, Step::FetchSigned) => vec!["verification.no_signature"],
        _ => vec![fault.expected_code()],
    }
}

/// The code shown is the right one and translated; none only when the station
/// settled the faulted step itself (by asking the Optimizer or sending a call
/// that is safe to repeat), without the officer.
fn check_code(kind: WorkflowKind, mut cell: Cell, translated: &BTreeSet<String>) -> Cell {
    let expected = expected_codes(kind, cell.fault, cell.step);
    let problem = match &cell.code {
        Some(code) if !translated.contains(code) => {
            Some(format!("the code {code} has no message in en, es and pl"))
        }
        Some(code) if !expected.contains(&code.as_str()) => Some(format!(
            "the officer was shown {code}, not {}",
            expected.join(" or ")
        )),
        Some(_) => None,
        None if cell.settled => None,
        None if cell.fault.stops_the_call() => Some("no error code shown".to_owned()),
        None => None,
    };
    if let Some(problem) = problem {
        cell.passed = match cell.passed {
            Ok(()) => Err(problem),
            Err(why) => Err(format!("{why}; {problem}")),
        };
    }
    cell
}

/// The officer's next move on `view`, and the view after it; `None` once completed.
async fn act(
    sandbox: &SandboxServer,
    station: &Station,
    view: &SignatureRequestView,
) -> Option<Result<SignatureRequestView, String>> {
    let workflows = &station.workflows;
    let id = &view.id;
    let answer = match (&view.phase, &view.officer_task) {
        (RequestPhase::Completed, _) => return None,
        (_, Some(OfficerTask::Retry { .. })) => workflows.retry(id).await,
        (_, Some(OfficerTask::ShowContract { .. })) => workflows.confirm_contract_shown(id).await,
        (_, Some(OfficerTask::EnterCode { .. })) => {
            let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
            workflows.sign(id, Secret::new(code)).await
        }
        (_, Some(OfficerTask::ReviewVideoId { .. })) => workflows.approve(id).await,
        (RequestPhase::WaitingForOptimizer, None) => {
            // The signer's video session, played once; then the officer looks again.
            let pk = view.optimizer_pk.unwrap();
            let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
            if client.requests().status(pk).await.ok() == Some(RequestStatus::VideoPending) {
                sandbox.complete_session(pk, "review").await;
            }
            workflows.retry(id).await
        }
        _ => return Some(Err(format!("stuck: {view:#?}"))),
    };
    Some(match answer {
        Ok(view) => Ok(view),
        // An error answered to the action: the officer sees it on the request.
        Err(error) => workflows
            .request(id)
            .await
            .map_err(|again| format!("{}: {error}; then {again}", error.code())),
    })
}

/// One `kind` request with `fault` armed on `step`'s call.
async fn run_cell(
    sandbox: &SandboxServer,
    station: &Station,
    dir: &Path,
    ca_file: &Path,
    kind: WorkflowKind,
    fault: Fault,
    step: Step,
) -> Cell {
    let (method, path) = step.call();
    sandbox.clear_faults().await;
    sandbox.arm(fault.spec(method, path, step.tries())).await;
    // After the step's fault: the first armed match wins.
    sandbox.count_sign_calls().await;
    let draft = crash::draft(kind, dir);
    let mut checks = Vec::new();
    let mut view = station.workflows.start(draft).await.unwrap();
    let mut seen = None;
    let mut actions = 0;
    let finished = loop {
        if seen.is_none() {
            if let Some(found) = right_after(sandbox, &view, fault, step).await {
                seen = Some(found);
            } else if fault == Fault::LostAnswer
                && step == Step::Sign
                && matches!(view.officer_task, Some(OfficerTask::EnterCode { .. }))
            {
                // The reconciliation's status read fails too (every try), so the
                // lost sign stays unsettled until the officer retries.
                sandbox
                    .arm(json!({
                        "method": "GET", "path": "/api/v1/request/*",
                        "times": REPEATABLE_TRIES, "action": "status", "status": 502
                    }))
                    .await;
            }
        }
        actions += 1;
        if actions > 15 {
            break Err(format!("not completed after 15 officer actions: {view:#?}"));
        }
        match act(sandbox, station, &view).await {
            None => break Ok(view),
            Some(Ok(next)) => view = next,
            Some(Err(why)) => break Err(why),
        }
    };
    let finished = match (finished, &seen) {
        // The fault met the last call (delete): the completed view is "right after".
        (Ok(view), None) => match right_after(sandbox, &view, fault, step).await {
            Some(found) => {
                seen = Some(found);
                Ok(view)
            }
            None => Err("the fault never met its call".to_owned()),
        },
        (finished, _) => finished,
    };
    let Some(seen) = seen else {
        checks.push("the fault never met its call".to_owned());
        return cell(fault, step, None, false, "?".into(), 0, checks);
    };
    if !seen.intact {
        checks.push("not at a resumable step right after the fault".to_owned());
    }
    let sign_calls = seen.sign_calls + counted_sign_calls(sandbox).await;
    let allowed = if step == Step::Sign && fault.stops_the_call() {
        2
    } else {
        1
    };
    if sign_calls == 0 || sign_calls > allowed {
        checks.push(format!("{sign_calls} sign calls were sent"));
    }
    match finished {
        Ok(view) => {
            if let Err(why) = signed_once(sandbox, station, &view, kind, dir, ca_file).await {
                checks.push(why);
            }
        }
        Err(why) => checks.push(why),
    }
    cell(
        fault,
        step,
        seen.code,
        seen.settled,
        seen.next,
        sign_calls,
        checks,
    )
}

#[allow(clippy::too_many_arguments)]
fn cell(
    fault: Fault,
    step: Step,
    code: Option<String>,
    settled: bool,
    next: String,
    sign_calls: u32,
    checks: Vec<String>,
) -> Cell {
    Cell {
        fault,
        step,
        code,
        settled,
        next,
        sign_calls,
        passed: if checks.is_empty() {
            Ok(())
        } else {
            Err(checks.join("; "))
        },
    }
}

/// When the fault was met by the action that led to `view`: what the officer sees,
/// the sign calls so far; then the Optimizer is healthy again for the rest.
async fn right_after(
    sandbox: &SandboxServer,
    view: &SignatureRequestView,
    fault: Fault,
    step: Step,
) -> Option<Seen> {
    let (method, path) = step.call();
    if times_met(sandbox, method, path, step.tries()).await == 0 {
        return None;
    }
    // A fault on sign takes its call before the counter sees it.
    let sign_calls = counted_sign_calls(sandbox).await + u32::from(step == Step::Sign);
    let seen = Seen {
        code: shown_code(view),
        settled: view.phase == RequestPhase::Completed
            || view
                .steps
                .iter()
                .any(|s| s.step == step.name() && s.state == StepState::Done),
        next: next_action(view),
        intact: view.phase == RequestPhase::Completed || resumable(view),
        sign_calls,
    };
    sandbox.clear_faults().await;
    sandbox.count_sign_calls().await;
    if fault == Fault::Latency {
        // Anything the slow call still did lands before the retry looks.
        tokio::time::sleep(LATENCY).await;
    }
    Some(seen)
}

/// The Optimizer signed the request once: one successful sign in the trail, every
/// signed copy saved and verified, nothing left there, and a further sign refused
/// as already issued.
async fn signed_once(
    sandbox: &SandboxServer,
    station: &Station,
    view: &SignatureRequestView,
    kind: WorkflowKind,
    inputs: &Path,
    ca_file: &Path,
) -> Result<(), String> {
    let entries = station.workflows.audit().entries_for(&view.id).unwrap();
    let signs = entries
        .iter()
        .filter(|e| e.action == AuditAction::Sign && e.outcome == AuditOutcome::Succeeded)
        .count();
    if signs != 1 {
        return Err(format!("{signs} successful signs in the audit trail"));
    }
    for (index, original) in crash::originals(kind, inputs).iter().enumerate() {
        crash::signed_copy_kept(kind, view, index, original, ca_file)?;
        if kind != WorkflowKind::HashSignature {
            let signed = view.documents[index].signed_path.as_ref().unwrap();
            let bytes = std::fs::read(signed).unwrap();
            let signatures = bytes.windows(10).filter(|w| w == b"/ByteRange").count();
            if signatures != 1 {
                return Err(format!("{signatures} signatures in {}", signed.display()));
            }
        }
    }
    let problems = crash::deleted_after_backup(sandbox, view, &entries).await;
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
    let again = client
        .requests()
        .sign(
            view.optimizer_pk.unwrap(),
            &oneshot_api::SignOptions::with_otp(Secret::new("000000")),
        )
        .await;
    match again {
        Err(error) if error.is_already_issued() => Ok(()),
        other => Err(format!(
            "a second sign was not refused as issued: {other:?}"
        )),
    }
}

/// The markdown table fault × step → outcome.
fn table(kind: WorkflowKind, cells: &[Cell]) -> String {
    let steps = Step::of(kind);
    let mut out = String::from("| fault \\ step |");
    for step in &steps {
        write!(out, " {} |", step.label(kind)).unwrap();
    }
    out.push_str("\n|---|");
    for _ in &steps {
        out.push_str("---|");
    }
    out.push('\n');
    for fault in Fault::ALL {
        write!(out, "| {} |", fault.label()).unwrap();
        for step in &steps {
            let cell = cells
                .iter()
                .find(|c| c.fault == fault && c.step == *step)
                .unwrap();
            let verdict = if cell.passed.is_ok() { "✅" } else { "❌" };
            let code = cell.code.as_deref().unwrap_or("no error");
            write!(
                out,
                " {verdict} `{code}` → {} → {} sign call(s), 1 signature |",
                cell.next, cell.sign_calls
            )
            .unwrap();
        }
        out.push('\n');
    }
    out
}
