//! hello and version: is the Optimizer up, and which one is it.

use serde_json::json;

use crate::OPTIMIZER_VERSION;
use crate::api::envelope::Answer;

pub async fn hello() -> Answer {
    Answer::ok("Hello")
}

pub async fn version() -> Answer {
    Answer::ok(json!({
        "info": {
            "machine": std::env::consts::ARCH,
            "version": kernel_fact("version"),
            "release": kernel_fact("osrelease"),
            "hostname": kernel_fact("hostname"),
            "system": system_name(),
            "processor": std::env::consts::ARCH,
        },
        "version": OPTIMIZER_VERSION,
        "name": "OneShot Optimizer",
    }))
}

/// Linux exposes uname's fields under /proc; elsewhere the field says so.
fn kernel_fact(name: &str) -> String {
    std::fs::read_to_string(format!("/proc/sys/kernel/{name}"))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn system_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "macos" => "Darwin",
        "windows" => "Windows",
        other => other,
    }
}
