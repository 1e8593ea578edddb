//! The crash test with SIGKILL at random points: one station (one data folder, one
//! SQLite database) runs a W1, a W3 and a W5 request at the same time in a child
//! process, which the parent kills with SIGKILL — no handler, no flush, whatever
//! was being written — at a random moment, or while it is held at a random step
//! boundary (its other requests still running). A new child then resumes whatever
//! is unfinished, and is killed again, until every request has ended; then a new
//! round starts in a fresh folder. After `OSS_CRASH_KILLS` kills (100 by default)
//! the last round is finished without a kill.
//!
//! Every round is checked: each request completed, each signed document saved in
//! the backup, verified and matching its original (signed documents lost: 0), the
//! Optimizer received exactly one sign call per request (duplicate signs: 0,
//! counted at the sandbox, which outlives the children), the documents were
//! deleted there only after the backup, and the audit trail is a valid chain.
//!
//! The random points come from a seeded generator: the seed is printed, and
//! `OSS_CRASH_SEED=<seed>` replays a run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

#[path = "workflow_support/crash.rs"]
mod crash;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crash::{DATA_ENV, SANDBOX_ENV, deleted_after_backup, originals, signed_copy_kept};
use oneshot_api::{Client, ClientOptions, RequestStatus, Secret};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use station_core::{
    AuditAction, AuditOutcome, AuditTrail, OfficerTask, RequestId, RequestPhase, STOP_AFTER_ENV,
    Store, WorkflowKind, Workflows, boundaries_passed,
};
use support::{SandboxServer, Station};
use tokio::io::{AsyncBufReadExt, BufReader};

const KINDS: [WorkflowKind; 3] = [
    WorkflowKind::ClassicOtp,
    WorkflowKind::HashSignature,
    WorkflowKind::VideoIdEidas,
];
/// Makes the child hold at a boundary (see the test hooks); the child announces it
/// on stderr as `test-hooks: pausing at boundary N (label)`.
const PAUSE_AT_ENV: &str = "ONESHOT_TEST_PAUSE_AT";
const TRACE_ENV: &str = "ONESHOT_TEST_TRACE_BOUNDARIES";
/// What the child prints when all its requests have ended.
const ALL_ENDED: &str = "sigkill-child: all requests ended";
/// A child that neither ends nor pauses in this long is stuck.
const HANG_GUARD: Duration = Duration::from_secs(180);

/// The child: opens the station in `$ONESHOT_CRASH_DATA_DIR`, resumes its
/// unfinished requests, starts those of the three kinds it has not started yet,
/// and plays the officer and the signer for all three at once until they end.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "run by the SIGKILL crash test in a child process"]
async fn sigkill_child_process() {
    let data = PathBuf::from(std::env::var(DATA_ENV).expect("run by the SIGKILL crash test"));
    let url = std::env::var(SANDBOX_ENV).unwrap();
    let ca = reqwest::get(format!("{url}/sandbox/v1/ca.pem"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let station = Station::open(&data.join("station"), &url, &ca).await;
    let workflows = Arc::clone(&station.workflows);
    // What an earlier child left mid-step goes on first, as at the station's start.
    workflows.resume_unfinished().await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for kind in KINDS {
        let workflows = Arc::clone(&workflows);
        let url = url.clone();
        let inputs = inputs(&data, kind);
        tasks.spawn(async move { drive(&workflows, &url, kind, &inputs).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    println!("{ALL_ENDED} after {} boundaries", boundaries_passed());
}

/// The folder of the officer's files for a `kind` request.
fn inputs(data: &Path, kind: WorkflowKind) -> PathBuf {
    data.join(format!("inputs-{kind}"))
}

/// Resumes or starts the `kind` request and plays it to its end.
async fn drive(workflows: &Workflows, url: &str, kind: WorkflowKind, inputs: &Path) {
    let existing = workflows
        .requests()
        .await
        .unwrap()
        .into_iter()
        .find(|request| request.kind == kind);
    let id: RequestId = match existing {
        Some(request) => request.id,
        None => {
            let draft = crash::draft(kind, inputs);
            workflows.start(draft).await.unwrap().id
        }
    };
    let sandbox = Client::new(ClientOptions::new(url.to_owned())).unwrap();
    for _ in 0..30 {
        let view = workflows.request(&id).await.unwrap();
        match (&view.phase, &view.officer_task) {
            (phase, _) if phase.is_final() => return,
            (_, Some(OfficerTask::ShowContract { .. })) => {
                workflows.confirm_contract_shown(&id).await.unwrap();
            }
            (_, Some(OfficerTask::EnterCode { last_error, .. })) => {
                if last_error.as_deref() == Some("workflow.wrong_code") {
                    // The code was spent by a sign call the kill cut short before
                    // the Optimizer signed: the officer has a new code sent.
                    println!("{kind}: the code was refused; a new one is sent");
                    workflows.resend_otp(&id).await.unwrap();
                }
                let code = latest_otp(url, view.optimizer_pk.unwrap()).await;
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
            other => panic!("{kind}: unexpected state {other:?}: {view:#?}"),
        }
    }
    panic!(
        "{kind}: the request did not end: {:#?}",
        workflows.request(&id).await.unwrap()
    );
}

async fn latest_otp(url: &str, pk: u64) -> String {
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

/// How the parent ends a child.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// SIGKILL after this long, wherever the child is.
    After(Duration),
    /// SIGKILL while the child holds at this boundary (counted from its start).
    AtBoundary(u64),
    /// No kill: the child runs to its end.
    Never,
}

/// How a child run went.
enum Ended {
    Killed,
    /// The child ended by itself, reporting its requests ended.
    Finished,
}

/// Runs one child on `data`, killing it as `kill` says; its output goes to `log`.
async fn run_child(data: &Path, sandbox: &str, kill: Kill, trace: bool, log: &Path) -> Ended {
    let stdout = std::fs::File::create(log.with_extension("out")).unwrap();
    let mut command = tokio::process::Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "sigkill_child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DATA_ENV, data)
        .env(SANDBOX_ENV, sandbox)
        .env_remove(STOP_AFTER_ENV)
        .env_remove(PAUSE_AT_ENV)
        .env_remove(TRACE_ENV)
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if let Kill::AtBoundary(boundary) = kill {
        command.env(PAUSE_AT_ENV, boundary.to_string());
    }
    if trace {
        command.env(TRACE_ENV, "1");
    }
    let mut child = command.spawn().unwrap();
    // stderr is read as it comes: the pause is announced there, and a full pipe
    // would stall the child.
    let (paused_tx, mut paused) = tokio::sync::mpsc::channel::<()>(1);
    let stderr = child.stderr.take().unwrap();
    let stderr_log = log.with_extension("err");
    let reader = tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        let mut text = String::new();
        while let Ok(Some(line)) = lines.next_line().await {
            if line.starts_with("test-hooks: pausing at boundary") {
                let _ = paused_tx.try_send(());
            }
            text.push_str(&line);
            text.push('\n');
        }
        std::fs::write(stderr_log, &text).unwrap();
    });
    let delay = match kill {
        Kill::After(delay) => delay,
        Kill::AtBoundary(_) | Kill::Never => HANG_GUARD,
    };
    let ended = tokio::select! {
        status = child.wait() => Some(status.unwrap()),
        _ = tokio::time::sleep(delay) => None,
        Some(()) = paused.recv() => None,
    };
    match ended {
        Some(status) => {
            reader.await.unwrap();
            let out = std::fs::read_to_string(log.with_extension("out")).unwrap();
            let err = std::fs::read_to_string(log.with_extension("err")).unwrap();
            assert!(
                status.success() && out.contains(ALL_ENDED),
                "the child failed ({status}):\n{out}\n{err}"
            );
            Ended::Finished
        }
        None => {
            assert!(
                !matches!(kill, Kill::Never),
                "the child hung for {HANG_GUARD:?}: see {}",
                log.display()
            );
            // Child::kill sends SIGKILL on Unix and reaps the child.
            child.kill().await.unwrap();
            reader.await.unwrap();
            Ended::Killed
        }
    }
}

/// Between the children and the sandbox: forwards every call unchanged and notes
/// each sign call with the Optimizer's answer, per request. A call cut by a kill
/// is noted as cut (the sandbox may or may not have acted on it).
#[derive(Clone)]
struct SignLedger {
    upstream: String,
    client: reqwest::Client,
    calls: Arc<Mutex<Vec<SignCall>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignAnswer {
    /// 200: the Optimizer signed.
    Signed,
    /// 412 "already ISSUED": a sign sent for a signed request — a duplicate.
    AlreadyIssued,
    /// Any other refusal (a code spent by an earlier, cut call).
    Refused(u16),
    /// The child was killed before the answer came.
    Cut,
}

#[derive(Debug, Clone, Copy)]
struct SignCall {
    pk: u64,
    answer: SignAnswer,
}

/// Notes a sign call as cut unless its answer is noted first.
struct PendingSign {
    ledger: SignLedger,
    pk: u64,
    answered: bool,
}

impl PendingSign {
    fn answer(mut self, answer: SignAnswer) {
        self.answered = true;
        self.ledger.note(self.pk, answer);
    }
}

impl Drop for PendingSign {
    fn drop(&mut self) {
        if !self.answered {
            self.ledger.note(self.pk, SignAnswer::Cut);
        }
    }
}

impl SignLedger {
    /// Listens on loopback in front of `upstream`; answers its URL.
    async fn start(upstream: &str) -> (Self, String) {
        let ledger = Self {
            upstream: upstream.trim_end_matches('/').to_owned(),
            client: reqwest::Client::new(),
            calls: Arc::default(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(ledger.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (ledger, url)
    }

    fn note(&self, pk: u64, answer: SignAnswer) {
        self.calls.lock().unwrap().push(SignCall { pk, answer });
    }

    /// The sign calls noted since the last take.
    fn take(&self) -> Vec<SignCall> {
        std::mem::take(&mut *self.calls.lock().unwrap())
    }
}

async fn forward(
    axum::extract::State(ledger): axum::extract::State<SignLedger>,
    request: axum::extract::Request,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let sign_pk = (parts.method == axum::http::Method::POST)
        .then(|| path.strip_prefix("/api/v1/sign/"))
        .flatten()
        .and_then(|rest| rest.split(['/', '?']).next()?.parse::<u64>().ok());
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return axum::http::StatusCode::BAD_REQUEST.into_response();
    };
    let pending = sign_pk.map(|pk| PendingSign {
        ledger: ledger.clone(),
        pk,
        answered: false,
    });
    let mut upstream = ledger
        .client
        .request(parts.method.clone(), format!("{}{path}", ledger.upstream))
        .body(bytes);
    for (name, value) in &parts.headers {
        if name != axum::http::header::HOST && name != axum::http::header::CONTENT_LENGTH {
            upstream = upstream.header(name, value);
        }
    }
    let Ok(answer) = upstream.send().await else {
        return axum::http::StatusCode::BAD_GATEWAY.into_response();
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let Ok(body) = answer.bytes().await else {
        return axum::http::StatusCode::BAD_GATEWAY.into_response();
    };
    if let Some(pending) = pending {
        pending.answer(match status.as_u16() {
            200..=299 => SignAnswer::Signed,
            412 if String::from_utf8_lossy(&body).contains("ISSUED") => SignAnswer::AlreadyIssued,
            other => SignAnswer::Refused(other),
        });
    }
    let mut response = (status, body).into_response();
    for (name, value) in &headers {
        if name != axum::http::header::TRANSFER_ENCODING
            && name != axum::http::header::CONTENT_LENGTH
            && name != axum::http::header::CONNECTION
        {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}

/// The counts over all rounds.
#[derive(Debug, Default)]
struct Counts {
    kills: u64,
    kills_at_boundary: u64,
    child_runs: u64,
    rounds: u64,
    flows: u64,
    flows_finished: u64,
    signed_documents: u64,
    signed_lost: u64,
    sign_calls: u64,
    /// Sign calls answered "signed".
    signed_answers: u64,
    /// Sign calls the kill cut before their answer.
    cut_calls: u64,
    /// Sign calls refused otherwise (the code spent by a cut call), and their statuses.
    refused_calls: u64,
    refused_statuses: std::collections::BTreeSet<u16>,
    duplicate_signs: u64,
    chains: u64,
    invalid_chains: u64,
    problems: Vec<String>,
}

/// Checks the round left in `data` (its station on `optimizer`); `calls` are the
/// sign calls of the round.
async fn inspect_round(
    sandbox: &SandboxServer,
    optimizer: &str,
    data: &Path,
    calls: Vec<SignCall>,
    counts: &mut Counts,
) {
    let round = counts.rounds;
    let store = Arc::new(Store::open(&data.join("station/station.sqlite3")).unwrap());
    let audit = AuditTrail::new(Arc::clone(&store));
    counts.chains += 1;
    match audit.verify() {
        Ok(report) if report.valid => {}
        other => {
            counts.invalid_chains += 1;
            counts
                .problems
                .push(format!("round {round}: audit chain {other:?}"));
        }
    }
    drop(audit);
    drop(store);

    let ca = sandbox.ca_pem().await;
    let ca_file = data.join("sandbox-ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();
    let station = Station::open(&data.join("station"), optimizer, &ca).await;
    let requests = station.workflows.requests().await.unwrap();
    let mut signs_in_trail = 0u64;
    for kind in KINDS {
        counts.flows += 1;
        let originals = originals(kind, &inputs(data, kind));
        counts.signed_documents += originals.len() as u64;
        let found: Vec<_> = requests.iter().filter(|r| r.kind == kind).collect();
        let [request] = found.as_slice() else {
            counts.signed_lost += originals.len() as u64;
            counts.problems.push(format!(
                "round {round} {kind}: {} requests, not one",
                found.len()
            ));
            continue;
        };
        let view = station.workflows.request(&request.id).await.unwrap();
        if view.phase == RequestPhase::Completed {
            counts.flows_finished += 1;
        } else {
            counts
                .problems
                .push(format!("round {round} {kind}: not completed: {view:#?}"));
        }
        for (index, original) in originals.iter().enumerate() {
            if let Err(problem) = signed_copy_kept(kind, &view, index, original, &ca_file) {
                counts.signed_lost += 1;
                counts
                    .problems
                    .push(format!("round {round} {kind}: {problem}"));
            }
        }
        let entries = station.workflows.audit().entries_for(&view.id).unwrap();
        let signed = entries
            .iter()
            .filter(|e| e.action == AuditAction::Sign && e.outcome == AuditOutcome::Succeeded)
            .count() as u64;
        signs_in_trail += signed;
        if signed != 1 {
            counts.problems.push(format!(
                "round {round} {kind}: {signed} successful signs in the audit trail"
            ));
        }
        if view.phase == RequestPhase::Completed {
            for problem in deleted_after_backup(sandbox, &view, &entries).await {
                counts
                    .problems
                    .push(format!("round {round} {kind}: {problem}"));
            }
        }
    }
    // A duplicate sign: a request the Optimizer answered "signed" more than once,
    // or a sign sent for a request already signed (refused there as ISSUED; a
    // laxer Optimizer might sign again). A call cut by the kill before the
    // Optimizer signed, whose code the next call then finds spent, is not one.
    counts.sign_calls += calls.len() as u64;
    let mut pks: Vec<u64> = calls.iter().map(|call| call.pk).collect();
    pks.sort_unstable();
    pks.dedup();
    for pk in pks {
        let of = |answer: SignAnswer| {
            calls
                .iter()
                .filter(|call| call.pk == pk && call.answer == answer)
                .count() as u64
        };
        let signed = of(SignAnswer::Signed);
        let again = of(SignAnswer::AlreadyIssued);
        let cut = of(SignAnswer::Cut);
        counts.signed_answers += signed;
        counts.cut_calls += cut;
        let duplicates = signed.saturating_sub(1) + again;
        counts.duplicate_signs += duplicates;
        if duplicates > 0 {
            counts.problems.push(format!(
                "round {round}: request {pk} signed {signed} times, {again} more sign calls \
                 refused as already issued"
            ));
        }
        if signed == 0 && cut == 0 {
            counts
                .problems
                .push(format!("round {round}: request {pk} never signed"));
        }
    }
    for call in &calls {
        if let SignAnswer::Refused(status) = call.answer {
            counts.refused_calls += 1;
            counts.refused_statuses.insert(status);
        }
    }
    if signs_in_trail != KINDS.len() as u64 {
        counts.problems.push(format!(
            "round {round}: {signs_in_trail} successful signs in the audit trail"
        ));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_at_random_points_loses_nothing_and_signs_once() {
    let kills_wanted: u64 = std::env::var("OSS_CRASH_KILLS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(100);
    let seed: u64 = std::env::var("OSS_CRASH_SEED")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(rand::random);
    println!(
        "SIGKILL crash test: seed {seed} (OSS_CRASH_SEED={seed} replays it), {kills_wanted} kills"
    );
    let mut rng = StdRng::seed_from_u64(seed);

    // The sandbox lives in this process, so it outlives every child; the children
    // reach it through the ledger of sign calls.
    let sandbox = SandboxServer::start().await;
    let (ledger, optimizer) = SignLedger::start(&sandbox.url).await;
    let temp = tempfile::tempdir().unwrap();
    let started = Instant::now();

    // One uninterrupted round sizes the window: how long the three requests take
    // from the child's start, and how many boundaries they pass.
    let mut counts = Counts::default();
    let data = temp.path().join("round-0");
    let measured = Instant::now();
    let clean = run_child(
        &data,
        &optimizer,
        Kill::Never,
        true,
        &data.with_extension("log"),
    )
    .await;
    assert!(matches!(clean, Ended::Finished));
    let window = measured.elapsed();
    let err = std::fs::read_to_string(data.with_extension("err")).unwrap();
    let boundaries = err
        .lines()
        .filter(|line| line.starts_with("test-hooks: boundary "))
        .count() as u64;
    assert!(boundaries > 30, "the boundaries are traced: {boundaries}");
    println!("an uninterrupted round: {window:?}, {boundaries} boundaries");
    counts.child_runs += 1;
    inspect_round(&sandbox, &optimizer, &data, ledger.take(), &mut counts).await;
    counts.rounds += 1;

    let mut round_data = None;
    let mut kills_this_round = 0u64;
    while counts.kills < kills_wanted || round_data.is_some() {
        let data = round_data
            .get_or_insert_with(|| {
                kills_this_round = 0;
                temp.path().join(format!("round-{}", counts.rounds))
            })
            .clone();
        let kill = if counts.kills >= kills_wanted {
            Kill::Never
        } else if rng.gen_bool(0.5) {
            Kill::After(Duration::from_millis(
                rng.gen_range(0..=window.as_millis() as u64),
            ))
        } else {
            Kill::AtBoundary(rng.gen_range(1..=boundaries))
        };
        let log = temp
            .path()
            .join(format!("round-{}-run-{kills_this_round}", counts.rounds));
        counts.child_runs += 1;
        match run_child(&data, &optimizer, kill, false, &log).await {
            Ended::Killed => {
                counts.kills += 1;
                kills_this_round += 1;
                counts.kills_at_boundary += u64::from(matches!(kill, Kill::AtBoundary(_)));
            }
            Ended::Finished => {
                println!(
                    "round {}: ended after {kills_this_round} kills",
                    counts.rounds
                );
                inspect_round(&sandbox, &optimizer, &data, ledger.take(), &mut counts).await;
                counts.rounds += 1;
                round_data = None;
            }
        }
    }

    println!(
        "\n| SIGKILL crash test (seed {seed}) | count |\n|---|---|\n\
         | kills (SIGKILL) | {} ({} at a held step boundary, {} at a random moment) |\n\
         | child processes run | {} |\n\
         | rounds (W1 + W3 + W5 at once, one database) | {} |\n\
         | flows finished | {}/{} |\n\
         | signed documents lost | {} of {} |\n\
         | sign calls at the Optimizer | {} for {} requests: {} signed, {} cut by a kill, \
         {} refused with HTTP {:?} (the code spent by a cut call) |\n\
         | duplicate signs | {} |\n\
         | invalid audit chains | {} of {} |\n\
         | time | {:?} |",
        counts.kills,
        counts.kills_at_boundary,
        counts.kills - counts.kills_at_boundary,
        counts.child_runs,
        counts.rounds,
        counts.flows_finished,
        counts.flows,
        counts.signed_lost,
        counts.signed_documents,
        counts.sign_calls,
        counts.flows,
        counts.signed_answers,
        counts.cut_calls,
        counts.refused_calls,
        counts.refused_statuses,
        counts.duplicate_signs,
        counts.invalid_chains,
        counts.chains,
        started.elapsed()
    );
    let problems = counts.problems.join("\n");
    assert_eq!(counts.kills, kills_wanted);
    assert_eq!(counts.flows_finished, counts.flows, "{problems}");
    assert_eq!(counts.signed_lost, 0, "{problems}");
    assert_eq!(counts.duplicate_signs, 0, "{problems}");
    assert_eq!(counts.invalid_chains, 0, "{problems}");
    assert!(counts.problems.is_empty(), "{problems}");
}
