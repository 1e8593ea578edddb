//! The middleware that applies armed faults to `/api/v1` requests.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::api::AppState;
use crate::fault::book::{FaultAction, FaultPlan};
use crate::fault::connection::ConnectionKill;

/// Only the Optimizer API is subject to faults: the sandbox extensions that
/// arm and clear them must keep working.
const FAULTABLE_PREFIX: &str = "/api/v1/";

pub async fn apply_faults(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(FAULTABLE_PREFIX) {
        return next.run(request).await;
    }
    let Some(plan) = state.faults.take(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    tracing::info!(
        method = %request.method(),
        action = ?plan.action,
        latency_ms = plan.latency_ms,
        "injecting fault"
    );
    let kill = request.extensions().get::<ConnectionKill>().cloned();
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    match plan.action {
        FaultAction::None => next.run(request).await,
        FaultAction::Status => {
            drain(request).await;
            error_page(plan)
        }
        FaultAction::Reset => reset(kill),
        FaultAction::LoseResponse => {
            let _done = next.run(request).await;
            reset(kill)
        }
        FaultAction::Truncate => {
            let (mut parts, bytes) = collect(next.run(request).await).await;
            let half = bytes.slice(..bytes.len() / 2);
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(half.len()));
            Response::from_parts(parts, Body::from(half))
        }
        FaultAction::Garbage => {
            let (mut parts, _) = collect(next.run(request).await).await;
            parts.status = StatusCode::OK;
            let garbage = Bytes::from_static(b"\x00\xffgarbage{\"status\": 2\x00\x01<<not json");
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(garbage.len()));
            Response::from_parts(parts, Body::from(garbage))
        }
        FaultAction::ResetMidBody => {
            let (parts, bytes) = collect(next.run(request).await).await;
            reset_mid_body(parts, bytes, kill)
        }
    }
}

/// Reads the request's body to its end without keeping it. A proxy in front of an
/// Optimizer reads the whole request before it finds the upstream dead (nginx buffers
/// request bodies by default), so its error page comes after an upload, not in the
/// middle of it; answering first would show the client a reset instead of the page.
async fn drain(request: Request) {
    use futures_util::StreamExt as _;
    let mut body = request.into_body().into_data_stream();
    while let Some(chunk) = body.next().await {
        if chunk.is_err() {
            return;
        }
    }
}

/// A proxy-style HTML error page (what nginx shows for a dead upstream).
fn error_page(plan: FaultPlan) -> Response {
    let status = StatusCode::from_u16(plan.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Error")
    );
    let html = format!(
        "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    );
    (status, [(header::CONTENT_TYPE, "text/html")], html).into_response()
}

/// Kills the connection; the returned response is never delivered.
fn reset(kill: Option<ConnectionKill>) -> Response {
    if let Some(kill) = kill {
        kill.kill();
    }
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault injection",
        ))
    });
    Response::new(Body::from_stream(failing))
}

/// Sends the head (announcing the full length) and half the body, then resets.
fn reset_mid_body(
    mut parts: axum::http::response::Parts,
    bytes: Bytes,
    kill: Option<ConnectionKill>,
) -> Response {
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let first = bytes.slice(..bytes.len() / 2);
    let chunks = futures_util::stream::unfold(0u8, move |step| {
        let first = first.clone();
        let kill = kill.clone();
        async move {
            match step {
                0 => Some((Ok(first), 1)),
                1 => {
                    // Let the first half reach the client before the reset.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    if let Some(kill) = kill {
                        kill.kill();
                    }
                    Some((
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionReset,
                            "fault injection",
                        )),
                        2,
                    ))
                }
                _ => None,
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}

async fn collect(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => (parts, bytes),
        Err(e) => {
            tracing::warn!(error = %e, "could not buffer a response for fault injection");
            (parts, Bytes::new())
        }
    }
}
