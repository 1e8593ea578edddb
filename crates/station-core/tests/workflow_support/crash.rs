//! The crash test's harness: the child process it stops and restarts, the inputs
//! each kind of request signs, and the counted checks of a finished run (documents
//! lost, duplicate signs, broken audit chains) summed per flow into a [`Tally`].
//!
//! Used with `#[path = "workflow_support/crash.rs"] mod crash;` next to
//! `mod support;` (it builds on that module's sandbox and station).
#![allow(dead_code)] // each test binary uses a part

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use oneshot_api::{Client, ClientOptions};
use station_core::{
    AuditAction, AuditOutcome, AuditTrail, RequestPhase, STOP_AFTER_ENV, SignatureRequestDraft,
    SignatureRequestView, Store, WorkflowKind, WorkflowOptions,
};

use crate::support::{Inputs, SandboxServer, Station};

pub const DATA_ENV: &str = "ONESHOT_CRASH_DATA_DIR";
pub const SANDBOX_ENV: &str = "ONESHOT_CRASH_SANDBOX_URL";
pub const TRACE_ENV: &str = "ONESHOT_TEST_TRACE_BOUNDARIES";
pub const KIND_ENV: &str = "ONESHOT_CRASH_KIND";

/// The officer's files a `kind` request signs, in the folder `inputs`.
pub fn originals(kind: WorkflowKind, inputs: &Path) -> Vec<PathBuf> {
    match kind {
        WorkflowKind::HashSignature => vec![inputs.join("invoice.xml"), inputs.join("ledger.csv")],
        _ => (0..2)
            .map(|index| inputs.join(format!("contract {index}.pdf")))
            .collect(),
    }
}

/// Writes the inputs of a `kind` request into `inputs` and answers its draft.
pub fn draft(kind: WorkflowKind, inputs: &Path) -> SignatureRequestDraft {
    match kind {
        WorkflowKind::HashSignature => {
            // W3 signs any file by its hash: no PDFs, only the ID pictures.
            let mut files = Inputs::pdfs(inputs, 0);
            let [invoice, ledger] = <[PathBuf; 2]>::try_from(originals(kind, inputs)).unwrap();
            std::fs::write(
                &invoice,
                b"<invoice><total>42.00</total></invoice>\n".repeat(200),
            )
            .unwrap();
            std::fs::write(&ledger, b"date;amount\n2024-05-01;42.00\n".repeat(300)).unwrap();
            files.documents = vec![invoice, ledger];
            files.draft(kind, WorkflowOptions::default())
        }
        WorkflowKind::VideoIdEidas => {
            let mut draft = Inputs::pdfs(inputs, 2).draft(kind, WorkflowOptions::default());
            draft.id_images = Default::default();
            draft.options.videoid_mode = Some(1);
            draft
        }
        _ => Inputs::pdfs(inputs, 2).draft(kind, WorkflowOptions::default()),
    }
}

/// Runs the child for a `kind` request on `data`, stopping after boundary `stop`
/// if given.
pub async fn child(
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

/// A child's stdout and stderr, for failure messages.
pub fn text(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The counts of one flow (a kind of request stopped at every boundary).
#[derive(Debug, Default)]
pub struct Tally {
    pub boundaries_tried: u64,
    /// Runs inspected: the uninterrupted one, one per boundary, and any extra.
    pub runs: u64,
    pub flows_finished: u64,
    pub signed_lost: u64,
    pub duplicate_signs: u64,
    pub invalid_chains: u64,
    /// What went wrong beyond the counts, with the run it happened in.
    pub problems: Vec<String>,
}

impl Tally {
    /// Checks the run left in `data` and adds it to the counts; `consumed_before`
    /// are sign calls made by faults armed before the sign counter.
    pub async fn inspect(
        &mut self,
        sandbox: &SandboxServer,
        kind: WorkflowKind,
        data: &Path,
        label: &str,
        consumed_before: u32,
    ) {
        let run = Run::inspect(sandbox, kind, data, consumed_before).await;
        self.runs += 1;
        self.flows_finished += u64::from(run.finished);
        self.signed_lost += run.lost;
        self.duplicate_signs += u64::from(run.signs.saturating_sub(1));
        self.invalid_chains += u64::from(!run.chain_valid);
        if run.signs == 0 {
            self.problems.push(format!("{label}: never signed"));
        }
        self.problems
            .extend(run.problems.into_iter().map(|p| format!("{label}: {p}")));
    }

    /// Prints the summary of `flow` and fails unless every run finished with
    /// nothing lost, nothing signed twice and a valid audit chain.
    pub fn print_and_check(&self, flow: &str) {
        println!(
            "crash summary {flow}: boundaries tried {}, flows finished {}/{}, \
             signed documents lost {}, duplicate signs {}, invalid audit chains {}",
            self.boundaries_tried,
            self.flows_finished,
            self.runs,
            self.signed_lost,
            self.duplicate_signs,
            self.invalid_chains
        );
        let problems = self.problems.join("\n");
        assert!(self.boundaries_tried > 20, "{flow}: {self:?}");
        assert_eq!(self.flows_finished, self.runs, "{flow}: {problems}");
        assert_eq!(self.signed_lost, 0, "{flow}: {problems}");
        assert_eq!(self.duplicate_signs, 0, "{flow}: {problems}");
        assert_eq!(self.invalid_chains, 0, "{flow}: {problems}");
        assert!(self.problems.is_empty(), "{flow}: {problems}");
    }
}

/// What one run left behind.
struct Run {
    finished: bool,
    /// Originals without a saved, verified signed copy.
    lost: u64,
    /// Sign calls the Optimizer saw, or successful signs in the trail if more.
    signs: u32,
    chain_valid: bool,
    problems: Vec<String>,
}

impl Run {
    async fn inspect(
        sandbox: &SandboxServer,
        kind: WorkflowKind,
        data: &Path,
        consumed_before: u32,
    ) -> Self {
        let store = Arc::new(Store::open(&data.join("station/station.sqlite3")).unwrap());
        let audit = AuditTrail::new(Arc::clone(&store));
        let chain_valid = audit.verify().is_ok_and(|report| report.valid);
        let sign_calls = sandbox.sign_calls(consumed_before).await;
        let originals = originals(kind, &data.join("inputs"));
        let mut run = Self {
            finished: false,
            lost: originals.len() as u64,
            signs: sign_calls,
            chain_valid,
            problems: Vec::new(),
        };

        let ca = sandbox.ca_pem().await;
        let station = Station::open(&data.join("station"), &sandbox.url, &ca).await;
        let requests = station.workflows.requests().await.unwrap();
        if requests.len() != 1 {
            run.problems
                .push(format!("{} requests, not exactly one", requests.len()));
        }
        let Some(first) = requests.first() else {
            return run;
        };
        let view = station.workflows.request(&first.id).await.unwrap();
        run.finished = view.phase == RequestPhase::Completed;
        if !run.finished {
            run.problems.push(format!("not completed: {view:#?}"));
        }
        let ca_file = data.join("sandbox-ca.pem");
        std::fs::write(&ca_file, &ca).unwrap();
        run.lost = 0;
        for (index, original) in originals.iter().enumerate() {
            if let Err(problem) = signed_copy_kept(kind, &view, index, original, &ca_file) {
                run.lost += 1;
                run.problems.push(problem);
            }
        }

        let entries = audit.entries_for(&view.id).unwrap();
        let signed = entries
            .iter()
            .filter(|e| e.action == AuditAction::Sign && e.outcome == AuditOutcome::Succeeded)
            .count() as u32;
        run.signs = run.signs.max(signed);
        if run.finished {
            run.problems
                .extend(deleted_after_backup(sandbox, &view, &entries).await);
        }
        run
    }
}

/// The signed copy of `original` (document `index` of the request) is saved in the
/// request's backup folder, verified by the station and by the check of its kind.
pub fn signed_copy_kept(
    kind: WorkflowKind,
    view: &SignatureRequestView,
    index: usize,
    original: &Path,
    ca_file: &Path,
) -> Result<(), String> {
    let name = original.display();
    let document = view
        .documents
        .get(index)
        .ok_or_else(|| format!("{name}: not in the request"))?;
    let signed = document
        .signed_path
        .as_ref()
        .ok_or_else(|| format!("{name}: no signed copy recorded"))?;
    if !signed.starts_with(&view.backup_folder) {
        return Err(format!(
            "{name}: {} is outside the backup",
            signed.display()
        ));
    }
    if document.verification.as_deref() != Some("valid") {
        return Err(format!("{name}: verification {:?}", document.verification));
    }
    let original_bytes = std::fs::read(original).map_err(|e| format!("{name}: {e}"))?;
    let signed_bytes = std::fs::read(signed).map_err(|e| format!("{}: {e}", signed.display()))?;
    if kind != WorkflowKind::HashSignature {
        // A signed PDF is the original plus an incremental update with a signature.
        let update = signed_bytes
            .strip_prefix(original_bytes.as_slice())
            .ok_or_else(|| format!("{name}: the signed PDF lost the original bytes"))?;
        if !update.windows(10).any(|w| w == b"/ByteRange") {
            return Err(format!("{name}: no signature in the update"));
        }
        return Ok(());
    }
    // W3: `NN-name.p7m` next to `NN-name`, a copy of the officer's file.
    let copy = signed.with_extension("");
    if signed.extension().is_none_or(|e| e != "p7m") {
        return Err(format!("{name}: {} is not a .p7m", signed.display()));
    }
    if std::fs::read(&copy).ok() != Some(original_bytes) {
        return Err(format!("{name}: {} differs or is missing", copy.display()));
    }
    cms_verifies(signed, original, ca_file)?;
    cms_verifies(signed, &copy, ca_file)
}

/// `openssl cms -verify` accepts the detached CMS `p7m` over `content`.
fn cms_verifies(p7m: &Path, content: &Path, ca: &Path) -> Result<(), String> {
    let output = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in",
        ])
        .arg(p7m)
        .arg("-content")
        .arg(content)
        .arg("-CAfile")
        .arg(ca)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "openssl cms -verify {} over {}: {}",
        p7m.display(),
        content.display(),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// The documents are gone from the Optimizer, and the trail has the backup
/// before the deletion.
pub async fn deleted_after_backup(
    sandbox: &SandboxServer,
    view: &SignatureRequestView,
    entries: &[station_core::AuditEntry],
) -> Vec<String> {
    let mut problems = Vec::new();
    let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
    let left = client.documents().list(view.optimizer_pk.unwrap()).await;
    if !left
        .as_ref()
        .map(Vec::is_empty)
        .unwrap_or_else(|e| e.is_not_found())
    {
        problems.push(format!("documents left on the Optimizer: {left:?}"));
    }
    let backup = entries.iter().position(|e| e.action == AuditAction::Backup);
    let delete = entries.iter().position(|e| e.action == AuditAction::Delete);
    if backup.is_none() || backup >= delete {
        problems.push("the backup is not recorded before the deletion".into());
    }
    problems
}

/// Runs a `kind` request once uninterrupted, then once stopped after each of its
/// boundaries and resumed, counting every run into `tally`; answers the boundary
/// labels.
pub async fn stop_everywhere(
    sandbox: &SandboxServer,
    kind: WorkflowKind,
    root: &Path,
    tally: &mut Tally,
) -> Vec<String> {
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
    tally
        .inspect(sandbox, kind, &clean, &format!("{kind} uninterrupted"), 0)
        .await;

    for stop in 1..=total {
        let label = format!("{kind} stopped after {}", labels[stop as usize - 1]);
        sandbox.clear_faults().await;
        sandbox.count_sign_calls().await;
        let data = root.join(format!("stop-{stop}"));
        let crashed = child(kind, &data, &sandbox.url, Some(stop), false).await;
        // The harness itself must have stopped the child where it was told to.
        assert!(
            !crashed.status.success()
                && text(&crashed).contains(&format!("stopping after boundary {stop} ")),
            "{label}: the child must stop there: {}",
            text(&crashed)
        );
        tally.boundaries_tried += 1;
        let resumed = child(kind, &data, &sandbox.url, None, false).await;
        if !resumed.status.success() {
            tally
                .problems
                .push(format!("{label}: the restart failed: {}", text(&resumed)));
        }
        tally.inspect(sandbox, kind, &data, &label, 0).await;
    }
    labels
}
