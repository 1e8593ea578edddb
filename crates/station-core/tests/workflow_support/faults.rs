//! The faults the sandbox Optimizer injects (`/sandbox/v1/faults`) and what the
//! fault tables check after each: the error code the officer is shown (and that
//! the UI translates), the next action offered, and that the request can resume.
//!
//! Used with `#[path = "workflow_support/faults.rs"] mod faults;` next to
//! `mod support;`.
#![allow(dead_code)] // each test binary uses a part

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};
use station_core::{OfficerTask, RequestPhase, SignatureRequestView, StepState};

use crate::support::SandboxServer;

/// Every call of the station gives up after this long in a fault-table binary…
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);
/// …and the latency fault holds the answer longer than that.
pub const LATENCY: Duration = Duration::from_secs(8);
/// Tries of a repeatable call (reads and deletes) under the default retry policy:
/// a fault on such a call is armed this many times so every try meets it.
pub const REPEATABLE_TRIES: u32 = 3;
/// The count `count_sign_calls` arms its counter with.
pub const SIGN_COUNTER: u64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The answer comes after the client's timeout.
    Latency,
    /// A proxy's 500 page (HTML) instead of the Optimizer's answer.
    Html500,
    /// A proxy's 502 page (HTML): the Optimizer is unreachable behind it.
    Html502,
    /// The connection is reset while the request is being sent, before the
    /// Optimizer does anything.
    ResetMidUpload,
    /// The operation runs, then half its answer arrives: JSON cut short.
    TruncatedJson,
    /// The operation runs, then the connection is reset instead of answering. On
    /// sign the Optimizer's status cannot be read either at first, so the sign
    /// stays unsettled until the officer's retry; a sign sent again then would
    /// meet the Optimizer's 412 "already ISSUED".
    LostAnswer,
}

impl Fault {
    pub const ALL: [Fault; 6] = [
        Fault::Latency,
        Fault::Html500,
        Fault::Html502,
        Fault::ResetMidUpload,
        Fault::TruncatedJson,
        Fault::LostAnswer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Fault::Latency => "latency > timeout",
            Fault::Html500 => "500 (HTML body)",
            Fault::Html502 => "502 (HTML body)",
            Fault::ResetMidUpload => "reset mid-upload",
            Fault::TruncatedJson => "truncated JSON",
            Fault::LostAnswer => "lost answer (sign: then 412 on retry)",
        }
    }

    /// True when the faulted call never reaches the Optimizer's operation (a proxy
    /// answers, the connection breaks first, or the client gives up while it waits).
    pub fn stops_the_call(self) -> bool {
        matches!(
            self,
            Fault::Latency | Fault::Html500 | Fault::Html502 | Fault::ResetMidUpload
        )
    }

    /// The error code the officer must be shown for this fault: what went wrong
    /// in the officer's terms (too slow, the server failed, the line broke, the
    /// answer made no sense).
    pub fn expected_code(self) -> &'static str {
        match self {
            Fault::Latency => "optimizer.timeout",
            Fault::Html500 | Fault::Html502 => "optimizer.server_error",
            Fault::ResetMidUpload | Fault::LostAnswer => "optimizer.connection_lost",
            Fault::TruncatedJson => "optimizer.bad_answer",
        }
    }

    /// The body of `POST /sandbox/v1/faults` for this fault on the call
    /// `method path`, tried `times` times by the client.
    pub fn spec(self, method: &str, path: &str, times: u32) -> Value {
        let mut spec = json!({"method": method, "path": path, "times": times});
        let fields = match self {
            Fault::Latency => json!({"latency_ms": LATENCY.as_millis() as u64, "action": "none"}),
            Fault::Html500 => json!({"action": "status", "status": 500}),
            Fault::Html502 => json!({"action": "status", "status": 502}),
            Fault::ResetMidUpload => json!({"action": "reset"}),
            Fault::TruncatedJson => json!({"action": "truncate"}),
            Fault::LostAnswer => json!({"action": "lose_response"}),
        };
        for (key, value) in fields.as_object().unwrap() {
            spec[key] = value.clone();
        }
        spec
    }
}

/// Every armed fault, as the sandbox lists them.
pub async fn armed(sandbox: &SandboxServer) -> Vec<Value> {
    let faults: Value = reqwest::get(format!("{}/sandbox/v1/faults", sandbox.url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    faults["details"].as_array().unwrap().clone()
}

/// The sign counter armed by `count_sign_calls` (no latency, no action, a huge count).
pub fn is_counter(fault: &Value) -> bool {
    fault["action"] == "None"
        && fault["latency_ms"] == 0
        && fault["remaining"]
            .as_u64()
            .is_some_and(|n| n > SIGN_COUNTER / 2)
}

/// How many times the fault on `method path` (not the counter) was met, out of
/// `times`; `times` once it is used up and gone from the list.
pub async fn times_met(sandbox: &SandboxServer, method: &str, path: &str, times: u32) -> u32 {
    armed(sandbox)
        .await
        .iter()
        .find(|f| f["path"] == path && f["method"] == method && !is_counter(f))
        .map_or(times, |f| times - f["remaining"].as_u64().unwrap() as u32)
}

/// Sign calls the counter saw.
pub async fn counted_sign_calls(sandbox: &SandboxServer) -> u32 {
    armed(sandbox)
        .await
        .iter()
        .find(|f| f["path"] == "/api/v1/sign/*" && is_counter(f))
        .map(|f| (SIGN_COUNTER - f["remaining"].as_u64().unwrap()) as u32)
        .expect("the sign counter is armed")
}

/// The error code the view shows the officer, if any.
pub fn shown_code(view: &SignatureRequestView) -> Option<String> {
    match &view.officer_task {
        Some(OfficerTask::Retry { error_code, .. }) => error_code.clone(),
        Some(OfficerTask::EnterCode { last_error, .. }) => last_error.clone(),
        _ => view
            .steps
            .iter()
            .rev()
            .find_map(|step| step.error_code.clone()),
    }
}

/// What the officer is asked to do next, in words for the table.
pub fn next_action(view: &SignatureRequestView) -> String {
    match &view.officer_task {
        Some(OfficerTask::Retry { step, .. }) => format!("retry {step}"),
        Some(OfficerTask::EnterCode { .. }) => "enter the code again".into(),
        Some(OfficerTask::ShowContract { .. }) => "show the contract".into(),
        Some(OfficerTask::ReviewVideoId { .. }) => "review the Video ID".into(),
        Some(other) => format!("{other:?}"),
        None if view.phase == RequestPhase::Completed => "none (completed)".into(),
        None => format!("none ({})", view.phase),
    }
}

/// The request is not lost: not final, and the step it stopped at can be taken up
/// again (failed, unsettled in flight, or waiting for the officer).
pub fn resumable(view: &SignatureRequestView) -> bool {
    !view.phase.is_final()
        && view.officer_task.is_some()
        && view.steps.iter().any(|step| {
            matches!(
                step.state,
                StepState::Failed | StepState::InFlight | StepState::AwaitingOfficer
            )
        })
}

/// Error codes the UI has a message for in all three languages.
pub fn translated_codes() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/i18n/errors");
    let codes = |language: &str| -> BTreeSet<String> {
        let text = std::fs::read_to_string(dir.join(format!("{language}.ts"))).unwrap();
        text.split('\'')
            .filter_map(|piece| piece.strip_prefix("error."))
            .map(str::to_owned)
            .collect()
    };
    let en = codes("en");
    assert!(en.len() > 20, "the English error catalog is read");
    let es = codes("es");
    let pl = codes("pl");
    en.into_iter()
        .filter(|code| es.contains(code) && pl.contains(code))
        .collect()
}
