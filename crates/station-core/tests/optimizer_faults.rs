//! The fault × step table: every fault the sandbox Optimizer can inject, at every W1
//! step that calls it (register the signer, upload the documents, send the OTP,
//! sign, fetch the signed documents, delete them). For each cell the officer gets an
//! error with a stable code that the UI translates (en, es, pl) and a next action,
//! the request stays at a step it can resume from, a later retry finishes it, and
//! the Optimizer signed it exactly once: one successful sign in the audit trail,
//! each signed PDF holds exactly one signature, a further sign is refused there as
//! already issued, and whenever the faulted sign call may have reached the
//! Optimizer no second sign call was sent (the lost answer is settled by status). The table is printed at the end
//! (`--nocapture`); every cell must pass.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

#[path = "workflow_support/faults.rs"]
mod faults;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use faults::{
    CLIENT_TIMEOUT, Fault, LATENCY, REPEATABLE_TRIES, SIGN_COUNTER, armed, is_counter, next_action,
    resumable, shown_code, translated_codes,
};
use oneshot_api::{Client, ClientOptions, Secret};
use serde_json::json;
use station_core::{
    AuditAction, AuditOutcome, OfficerTask, RequestPhase, SignatureRequestView, WorkflowKind,
    WorkflowOptions,
};
use support::{Inputs, SandboxServer, Station, assert_signed_copy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    RegisterSigner,
    UploadDocument,
    SendOtp,
    Sign,
    FetchSigned,
    DeleteDocuments,
}

impl Step {
    const ALL: [Step; 6] = [
        Step::RegisterSigner,
        Step::UploadDocument,
        Step::SendOtp,
        Step::Sign,
        Step::FetchSigned,
        Step::DeleteDocuments,
    ];

    fn label(self) -> &'static str {
        match self {
            Step::RegisterSigner => "register signer",
            Step::UploadDocument => "upload document",
            Step::SendOtp => "send OTP",
            Step::Sign => "sign",
            Step::FetchSigned => "fetch signed",
            Step::DeleteDocuments => "delete documents",
        }
    }

    /// The Optimizer call the step makes.
    fn call(self) -> (&'static str, &'static str) {
        match self {
            Step::RegisterSigner => ("POST", "/api/v1/request"),
            Step::UploadDocument => ("POST", "/api/v1/document/*"),
            Step::SendOtp => ("POST", "/api/v1/otp/*"),
            Step::Sign => ("POST", "/api/v1/sign/*"),
            Step::FetchSigned => ("GET", "/api/v1/document/*/signed/*"),
            Step::DeleteDocuments => ("DELETE", "/api/v1/documents/*"),
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

/// What one cell found.
struct Cell {
    fault: Fault,
    step: Step,
    /// The error code the officer was shown, if the station had to show one.
    code: Option<String>,
    /// What the officer was asked to do next.
    next: String,
    sign_calls: u32,
    passed: Result<(), String>,
}

#[tokio::test(flavor = "multi_thread")]
async fn every_fault_at_every_step_keeps_the_request_resumable_and_signs_once() {
    station_core::set_client_timeout(CLIENT_TIMEOUT);
    let sandbox = SandboxServer::start().await;
    let ca = sandbox.ca_pem().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(&temp.path().join("station"), &sandbox.url, &ca).await;
    let translated = translated_codes();

    let mut cells = Vec::new();
    for step in Step::ALL {
        for fault in Fault::ALL {
            let dir = temp
                .path()
                .join(format!("in-{step:?}-{fault:?}").to_lowercase());
            let cell = run_cell(&sandbox, &station, &dir, fault, step, &translated).await;
            println!(
                "{} × {}: {}",
                fault.label(),
                step.label(),
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

    let table = table(&cells);
    println!("\n{table}");
    let failed: Vec<String> = cells
        .iter()
        .filter_map(|cell| {
            cell.passed
                .as_ref()
                .err()
                .map(|why| format!("{} × {}: {why}", cell.fault.label(), cell.step.label()))
        })
        .collect();
    assert!(failed.is_empty(), "failed cells:\n{}", failed.join("\n"));
}

/// One W1 request with `fault` armed on `step`'s call.
async fn run_cell(
    sandbox: &SandboxServer,
    station: &Station,
    dir: &std::path::Path,
    fault: Fault,
    step: Step,
    translated: &BTreeSet<String>,
) -> Cell {
    sandbox.clear_faults().await;
    let inputs = Inputs::pdfs(dir, 1);
    let workflows = &station.workflows;
    let arm = || async {
        let (method, path) = step.call();
        sandbox.arm(fault.spec(method, path, step.tries())).await;
        if fault == Fault::LostAnswer && step == Step::Sign {
            // The reconciliation's status read fails too (every try), so the
            // lost sign stays unsettled until the officer retries.
            sandbox
                .arm(json!({
                    "method": "GET", "path": "/api/v1/request/*",
                    "times": REPEATABLE_TRIES, "action": "status", "status": 502
                }))
                .await;
        }
        // After the step's fault: the first armed match wins.
        sandbox.count_sign_calls().await;
    };

    // Play the officer up to the faulted call, with the fault armed just before it.
    if matches!(step, Step::RegisterSigner | Step::UploadDocument) {
        arm().await;
    } else {
        sandbox.count_sign_calls().await;
    }
    let mut view = workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    if !matches!(step, Step::RegisterSigner | Step::UploadDocument) {
        assert!(
            matches!(view.officer_task, Some(OfficerTask::ShowContract { .. })),
            "{view:#?}"
        );
        sandbox.clear_faults().await;
        if step == Step::SendOtp {
            arm().await;
        } else {
            sandbox.count_sign_calls().await;
        }
        view = workflows.confirm_contract_shown(&view.id).await.unwrap();
        if step != Step::SendOtp {
            assert!(
                matches!(view.officer_task, Some(OfficerTask::EnterCode { .. })),
                "{view:#?}"
            );
            sandbox.clear_faults().await;
            arm().await;
            let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
            view = workflows.sign(&view.id, Secret::new(code)).await.unwrap();
        }
    }

    // What the officer sees right after the fault.
    let hit = !fault_still_armed(sandbox, step).await;
    let code = shown_code(&view);
    let next = next_action(&view);
    let sign_calls_so_far = sign_calls(sandbox, step).await;
    let mut checks = Vec::new();
    if !hit {
        checks.push("the fault never met its call".to_owned());
    }
    match &code {
        Some(code) if !translated.contains(code) => {
            checks.push(format!("the code {code} has no message in en, es and pl"));
        }
        Some(_) => {}
        // A lost answer, a truncated one or a slow one may be settled by asking
        // the Optimizer: the request went on without bothering the officer.
        None if view.phase == RequestPhase::Completed => {}
        None => checks.push(format!("no error code shown: {view:#?}")),
    }
    if view.phase != RequestPhase::Completed && !resumable(&view) {
        checks.push(format!("not at a resumable step: {view:#?}"));
    }

    // Later, with the Optimizer healthy again: the officer retries until done.
    sandbox.clear_faults().await;
    sandbox.count_sign_calls().await;
    if fault == Fault::Latency {
        // Anything the slow call still did lands before the retry looks.
        tokio::time::sleep(LATENCY).await;
    }
    let finished = finish(sandbox, station, view).await;
    let sign_calls = sign_calls_so_far + sandbox.sign_calls(0).await;
    if let Err(why) = &finished {
        checks.push(why.clone());
    }
    // A fault that lets the call reach the Optimizer (which may then have signed)
    // must never be followed by a second sign call; one that stops the call in
    // front of it leaves the request unsigned, and the officer signs once more.
    let allowed = if fault.stops_the_call() { 2 } else { 1 };
    if sign_calls == 0 || sign_calls > allowed {
        checks.push(format!("{sign_calls} sign calls were sent"));
    }
    if let Ok(view) = &finished
        && let Err(why) = signed_once(sandbox, station, view, &inputs).await
    {
        checks.push(why);
    }
    Cell {
        fault,
        step,
        code,
        next,
        sign_calls,
        passed: if checks.is_empty() {
            Ok(())
        } else {
            Err(checks.join("; "))
        },
    }
}

/// True while the step's fault is armed untouched (it never met its call).
async fn fault_still_armed(sandbox: &SandboxServer, step: Step) -> bool {
    let (method, path) = step.call();
    armed(sandbox).await.iter().any(|f| {
        f["path"] == path
            && f["method"] == method
            && !is_counter(f)
            && f["remaining"] == u64::from(step.tries())
    })
}

/// Sign calls so far: the counter's hits, plus the sign fault's own hit (a fault
/// on sign is armed before the counter and takes its call).
async fn sign_calls(sandbox: &SandboxServer, step: Step) -> u32 {
    let faults = armed(sandbox).await;
    let counter = faults
        .iter()
        .find(|f| f["path"] == "/api/v1/sign/*" && is_counter(f))
        .map(|f| SIGN_COUNTER - f["remaining"].as_u64().unwrap())
        .expect("the sign counter is armed");
    let faulted_sign = u64::from(step == Step::Sign && !fault_still_armed(sandbox, step).await);
    (counter + faulted_sign) as u32
}

/// Plays the officer until the request completes.
async fn finish(
    sandbox: &SandboxServer,
    station: &Station,
    mut view: SignatureRequestView,
) -> Result<SignatureRequestView, String> {
    let workflows = &station.workflows;
    for _ in 0..10 {
        let answer = match (&view.phase, &view.officer_task) {
            (RequestPhase::Completed, _) => return Ok(view),
            (_, Some(OfficerTask::Retry { .. })) => workflows.retry(&view.id).await,
            (_, Some(OfficerTask::ShowContract { .. })) => {
                workflows.confirm_contract_shown(&view.id).await
            }
            (_, Some(OfficerTask::EnterCode { .. })) => {
                let code = sandbox.latest_otp(view.optimizer_pk.unwrap()).await;
                workflows.sign(&view.id, Secret::new(code)).await
            }
            _ => return Err(format!("stuck: {view:#?}")),
        };
        view = answer.map_err(|error| format!("{}: {error}", error.code()))?;
    }
    Err(format!("not completed after 10 officer actions: {view:#?}"))
}

/// The Optimizer signed the request once: one successful sign in the trail, each
/// saved copy is the original plus exactly one signature, nothing left on the
/// Optimizer, and signing once more is refused there as already issued.
async fn signed_once(
    sandbox: &SandboxServer,
    station: &Station,
    view: &SignatureRequestView,
    inputs: &Inputs,
) -> Result<(), String> {
    let entries = station.workflows.audit().entries_for(&view.id).unwrap();
    let signs = entries
        .iter()
        .filter(|e| e.action == AuditAction::Sign && e.outcome == AuditOutcome::Succeeded)
        .count();
    if signs != 1 {
        return Err(format!("{signs} successful signs in the audit trail"));
    }
    for (document, original) in view.documents.iter().zip(&inputs.documents) {
        let signed = document.signed_path.as_ref().ok_or("no signed copy")?;
        assert_signed_copy(original, signed);
        let bytes = std::fs::read(signed).unwrap();
        let signatures = bytes.windows(10).filter(|w| w == b"/ByteRange").count();
        if signatures != 1 {
            return Err(format!("{signatures} signatures in {}", signed.display()));
        }
        if document.verification.as_deref() != Some("valid") {
            return Err(format!("{:?} verified {:?}", signed, document.verification));
        }
    }
    let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
    let pk = view.optimizer_pk.unwrap();
    let left = client.documents().list(pk).await;
    if !left
        .as_ref()
        .map(Vec::is_empty)
        .unwrap_or_else(|e| e.is_not_found())
    {
        return Err(format!("documents left on the Optimizer: {left:?}"));
    }
    let again = client
        .requests()
        .sign(
            pk,
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
fn table(cells: &[Cell]) -> String {
    let mut out = String::from("| fault \\ step |");
    for step in Step::ALL {
        write!(out, " {} |", step.label()).unwrap();
    }
    out.push_str("\n|---|");
    for _ in Step::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for fault in Fault::ALL {
        write!(out, "| {} |", fault.label()).unwrap();
        for step in Step::ALL {
            let cell = cells
                .iter()
                .find(|c| c.fault == fault && c.step == step)
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
