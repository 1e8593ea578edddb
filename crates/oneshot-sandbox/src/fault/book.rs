//! Armed faults: what to break, for which requests, how many times.

use std::sync::Mutex;

use axum::http::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::Error;

/// What happens to a matching request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultAction {
    /// Only the added latency.
    None,
    /// Answer `status` with an HTML error page, like a proxy in front of the
    /// Optimizer would, without running the operation.
    Status,
    /// Reset the connection before running the operation.
    Reset,
    /// Run the operation, send the head and part of the body, then reset.
    ResetMidBody,
    /// Run the operation and send only the first half of its body (which
    /// then ends cleanly: truncated JSON).
    Truncate,
    /// Run the operation and answer 200 with a body that is not JSON.
    Garbage,
    /// Run the operation (its effects stay) and reset instead of answering.
    LoseResponse,
}

/// The request body of `POST /sandbox/v1/faults`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// HTTP method to match; any when absent.
    pub method: Option<String>,
    /// Path to match; `*` matches any run of characters (including `/`).
    pub path: String,
    /// How many matching requests it hits (default 1).
    #[serde(default = "one")]
    pub times: u32,
    /// Delay before anything else happens, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    #[serde(default = "no_action")]
    pub action: FaultAction,
    /// The status for [`FaultAction::Status`] (default 502).
    pub status: Option<u16>,
}

fn one() -> u32 {
    1
}

fn no_action() -> FaultAction {
    FaultAction::None
}

/// What the fault layer does to one request.
#[derive(Debug, Clone, Copy)]
pub struct FaultPlan {
    pub latency_ms: u64,
    pub action: FaultAction,
    pub status: u16,
}

#[derive(Debug)]
struct ArmedFault {
    id: u64,
    method: Option<Method>,
    path: String,
    remaining: u32,
    plan: FaultPlan,
}

/// Faults waiting for their requests; the first armed match wins.
#[derive(Debug, Default)]
pub struct FaultBook {
    armed: Mutex<(u64, Vec<ArmedFault>)>,
}

impl FaultBook {
    /// Arms a fault; returns its id.
    pub fn arm(&self, spec: FaultSpec) -> Result<u64, Error> {
        let method = spec
            .method
            .as_deref()
            .map(|m| {
                Method::from_bytes(m.trim().to_ascii_uppercase().as_bytes())
                    .map_err(|_| Error::BadRequest(format!("Invalid HTTP method '{m}'")))
            })
            .transpose()?;
        if !spec.path.starts_with(['/', '*']) {
            return Err(Error::BadRequest(
                "'path' must start with '/' or '*'".into(),
            ));
        }
        if spec.times == 0 {
            return Err(Error::BadRequest("'times' must be at least 1".into()));
        }
        let status = spec.status.unwrap_or(502);
        if !(100..=599).contains(&status) {
            return Err(Error::BadRequest(
                "'status' must be an HTTP status code".into(),
            ));
        }
        let mut armed = self.lock();
        armed.0 += 1;
        let id = armed.0;
        armed.1.push(ArmedFault {
            id,
            method,
            path: spec.path,
            remaining: spec.times,
            plan: FaultPlan {
                latency_ms: spec.latency_ms,
                action: spec.action,
                status,
            },
        });
        Ok(id)
    }

    /// Takes one hit of the first fault matching this request.
    pub fn take(&self, method: &Method, path: &str) -> Option<FaultPlan> {
        let mut armed = self.lock();
        let index = armed.1.iter().position(|fault| {
            fault.method.as_ref().is_none_or(|m| m == method) && glob_match(&fault.path, path)
        })?;
        let fault = &mut armed.1[index];
        let plan = fault.plan;
        fault.remaining -= 1;
        if fault.remaining == 0 {
            armed.1.remove(index);
        }
        Some(plan)
    }

    pub fn clear(&self) {
        self.lock().1.clear();
    }

    pub fn list(&self) -> Value {
        let armed = self.lock();
        Value::Array(
            armed
                .1
                .iter()
                .map(|f| {
                    json!({
                        "id": f.id,
                        "method": f.method.as_ref().map(Method::as_str),
                        "path": f.path,
                        "remaining": f.remaining,
                        "latency_ms": f.plan.latency_ms,
                        "action": format!("{:?}", f.plan.action),
                        "status": f.plan.status,
                    })
                })
                .collect(),
        )
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (u64, Vec<ArmedFault>)> {
        self.armed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `*` matches any (possibly empty) run of characters; everything else literally.
fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, rest) = (parts[0], &parts[1..]);
    let Some(mut remaining) = text.strip_prefix(first) else {
        return false;
    };
    let (last, middle) = match rest.split_last() {
        Some(split) => split,
        None => return true,
    };
    for part in middle {
        match remaining.find(part) {
            Some(at) => remaining = &remaining[at + part.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: Option<&str>, path: &str, times: u32) -> FaultSpec {
        FaultSpec {
            method: method.map(str::to_owned),
            path: path.to_owned(),
            times,
            latency_ms: 0,
            action: FaultAction::Reset,
            status: None,
        }
    }

    #[test]
    fn globs() {
        assert!(glob_match("/api/v1/sign/*", "/api/v1/sign/1001"));
        assert!(glob_match("*", "/anything"));
        assert!(glob_match("/api/*/approve", "/api/v1/requests/5/approve"));
        assert!(!glob_match("/api/v1/sign/*", "/api/v1/otp/1001"));
        assert!(glob_match("/api/v1/hello", "/api/v1/hello"));
        assert!(!glob_match("/a*b", "/a"));
    }

    #[test]
    fn faults_are_consumed_in_order_and_by_method() {
        let book = FaultBook::default();
        book.arm(spec(Some("post"), "/api/v1/sign/*", 2)).unwrap();
        assert!(book.take(&Method::GET, "/api/v1/sign/1").is_none());
        assert!(book.take(&Method::POST, "/api/v1/sign/1").is_some());
        assert!(book.take(&Method::POST, "/api/v1/sign/1").is_some());
        assert!(book.take(&Method::POST, "/api/v1/sign/1").is_none());
    }

    #[test]
    fn bad_specs_are_refused() {
        let book = FaultBook::default();
        assert!(book.arm(spec(None, "no-slash", 1)).is_err());
        assert!(book.arm(spec(None, "/x", 0)).is_err());
        assert!(book.arm(spec(Some("NOT A METHOD"), "/x", 1)).is_err());
    }
}
