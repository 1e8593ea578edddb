//! The bench binary's one way to speak: lines on stdout that xtask reads.
#![allow(clippy::print_stdout)]

use std::io::Write;

use serde_json::Value;

/// Prints one line and flushes, so a reading parent sees it at once.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

/// Prints a measurement as one JSON line.
pub fn json(value: &Value) {
    line(&value.to_string());
}
