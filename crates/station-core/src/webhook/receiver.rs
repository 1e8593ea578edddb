//! The HTTP side of the webhook receiver (axum on its own task).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use oneshot_api::StatusNotification;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinHandle;

use super::refusals::{Refusal, Refusals};
use super::{MAX_CONCURRENT_POSTS, MAX_NOTIFICATION_BYTES, WEBHOOK_PREFIX};
use crate::error::{Error, Result};

/// The only fields a notification may carry.
const FIELDS: [&str; 5] = [
    "status",
    "date",
    "previous_status",
    "request",
    "registration_authority",
];

/// A notification accepted by the receiver, with the Optimizer profile whose URL
/// it came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookNotification {
    /// The profile id in the URL path.
    pub profile_id: i64,
    /// The notification.
    pub notification: StatusNotification,
}

/// A running receiver. Dropping it leaves it running until the runtime ends; call
/// [`WebhookReceiver::shutdown`] to stop it.
pub struct WebhookReceiver {
    addr: SocketAddr,
    secret: String,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The path secret is what keeps strangers from posting: never printed.
        f.debug_struct("WebhookReceiver")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
struct Shared {
    secret: Arc<str>,
    sink: mpsc::Sender<WebhookNotification>,
    /// One permit per post being handled (its body read, checked and queued).
    slots: Arc<Semaphore>,
    refusals: Arc<Refusals>,
}

impl WebhookReceiver {
    /// Binds `listen` and serves `POST /webhook/<secret>/<profile id>`; accepted
    /// notifications go to `sink`.
    pub async fn start(
        listen: SocketAddr,
        secret: String,
        sink: mpsc::Sender<WebhookNotification>,
    ) -> Result<Self> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|source| Error::WebhookBind {
                address: listen.to_string(),
                reason: source.to_string(),
            })?;
        let addr = listener.local_addr().map_err(|source| Error::WebhookBind {
            address: listen.to_string(),
            reason: source.to_string(),
        })?;
        let shared = Shared {
            secret: secret.clone().into(),
            sink,
            slots: Arc::new(Semaphore::new(MAX_CONCURRENT_POSTS)),
            refusals: Arc::new(Refusals::new()),
        };
        let refusals = Arc::clone(&shared.refusals);
        let app = Router::new()
            .route(
                &format!("{WEBHOOK_PREFIX}/{{secret}}/{{profile}}"),
                post(receive),
            )
            .fallback(not_found)
            .layer(DefaultBodyLimit::max(MAX_NOTIFICATION_BYTES))
            // Outermost, so a post over the limit is answered before its body is read.
            .layer(middleware::from_fn_with_state(shared.clone(), limit))
            .with_state(shared);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
            if let Err(error) = served {
                tracing::warn!(%error, "webhook receiver stopped");
            }
            refusals.flush();
        });
        tracing::info!(%addr, "webhook receiver listening");
        Ok(Self {
            addr,
            secret,
            stop,
            task,
        })
    }

    /// The address it listens on (with the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `<base>/webhook/<secret>`: append `/<profile id>` for an Optimizer. `base`
    /// is the address the Optimizer reaches the station at, by default the
    /// listening address.
    pub fn url_prefix(&self, public_base: Option<&str>) -> String {
        let base = public_base
            .map(|base| base.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{}", self.addr));
        format!("{base}{WEBHOOK_PREFIX}/{}", self.secret)
    }

    /// Stops accepting and waits for the server task.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        if let Err(error) = self.task.await {
            tracing::warn!(%error, "webhook receiver task failed");
        }
    }
}

/// Lets at most [`MAX_CONCURRENT_POSTS`] posts in at once; the others are told at
/// once to come back later, so a flood holds neither memory nor tasks waiting.
async fn limit(State(shared): State<Shared>, request: Request, next: Next) -> Response {
    let Ok(_slot) = Arc::clone(&shared.slots).try_acquire_owned() else {
        shared.refusals.count(Refusal::Busy);
        return busy("busy, try again");
    };
    next.run(request).await
}

async fn not_found(State(shared): State<Shared>) -> Response {
    shared.refusals.count(Refusal::NotFound);
    refuse(StatusCode::NOT_FOUND, "not found")
}

async fn receive(
    State(shared): State<Shared>,
    Path((secret, profile)): Path<(String, String)>,
    headers: HeaderMap,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Response {
    let refused = |refusal: Refusal, status: StatusCode, details: &str| {
        shared.refusals.count(refusal);
        refuse(status, details)
    };
    // Wrong secret and unknown path look alike, so the path cannot be probed.
    if !same_secret(&secret, &shared.secret) {
        return refused(Refusal::NotFound, StatusCode::NOT_FOUND, "not found");
    }
    let Ok(profile_id) = profile.parse::<i64>() else {
        return refused(Refusal::NotFound, StatusCode::NOT_FOUND, "not found");
    };
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return refused(
            Refusal::WrongType,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "a notification is application/json",
        );
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refused(
                Refusal::TooLarge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "a notification is at most 64 KiB",
            );
        }
        Err(rejection) => {
            return refused(Refusal::Malformed, rejection.status(), "unreadable body");
        }
    };
    let notification = match validate(&body) {
        Ok(notification) => notification,
        Err(reason) => return refused(Refusal::Malformed, StatusCode::BAD_REQUEST, &reason),
    };
    match shared.sink.try_send(WebhookNotification {
        profile_id,
        notification,
    }) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(mpsc::error::TrySendError::Full(_)) => {
            shared.refusals.count(Refusal::QueueFull);
            busy("busy, try again")
        }
        Err(mpsc::error::TrySendError::Closed(_)) => {
            shared.refusals.count(Refusal::QueueFull);
            busy("the station is stopping")
        }
    }
}

/// Strict check of a notification body; the reason when it is refused.
pub(crate) fn validate(body: &[u8]) -> std::result::Result<StatusNotification, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|error| format!("not JSON: {error}"))?;
    let object = value
        .as_object()
        .ok_or_else(|| "a notification is a JSON object".to_owned())?;
    if let Some(unknown) = object.keys().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(format!("unexpected field {unknown:?}"));
    }
    match object.get("status") {
        Some(Value::String(status)) if !status.trim().is_empty() => {}
        _ => return Err("status must be a non-empty string".into()),
    }
    match object.get("request") {
        Some(Value::Number(number)) if number.as_u64().is_some() => {}
        Some(Value::String(text)) if text.trim().parse::<u64>().is_ok() => {}
        _ => return Err("request must be a request number".into()),
    }
    match object.get("date") {
        None | Some(Value::String(_)) => {}
        _ => return Err("date must be a string".into()),
    }
    match object.get("previous_status") {
        None | Some(Value::Null) | Some(Value::String(_)) => {}
        _ => return Err("previous_status must be a string or null".into()),
    }
    match object.get("registration_authority") {
        None | Some(Value::Null) | Some(Value::String(_)) => {}
        Some(Value::Number(number)) if number.as_u64().is_some() => {}
        _ => return Err("registration_authority must be a string or a number".into()),
    }
    StatusNotification::from_json(body).map_err(|error| error.to_string())
}

fn same_secret(given: &str, expected: &str) -> bool {
    // Constant time over the expected length, so timing says nothing about a prefix.
    let given = given.as_bytes();
    let expected = expected.as_bytes();
    let mut difference = u8::from(given.len() != expected.len());
    for (index, byte) in expected.iter().enumerate() {
        difference |= byte ^ given.get(index).copied().unwrap_or(0);
    }
    difference == 0
}

/// 503 with a hint for the Optimizer's retry.
fn busy(details: &str) -> Response {
    let mut response = refuse(StatusCode::SERVICE_UNAVAILABLE, details);
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

fn refuse(status: StatusCode, details: &str) -> Response {
    (
        status,
        axum::Json(json!({ "status": status.to_string(), "details": details })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_validation_accepts_the_documented_shape_only() {
        let good = br#"{"status": "VIDEOREVIEW", "date": "2026-02-03T08:08:21.132394", "previous_status": "VIDEOPENDING", "request": 40214, "registration_authority": 139}"#;
        let notification = validate(good).unwrap();
        assert_eq!(notification.request, 40214);
        assert!(
            validate(br#"{"status": "approved", "request": "77", "previous_status": null}"#)
                .is_ok()
        );
        for bad in [
            &br#"[]"#[..],
            br#"{"status": "X"}"#,
            br#"{"request": 1}"#,
            br#"{"status": "", "request": 1}"#,
            br#"{"status": "X", "request": -1}"#,
            br#"{"status": "X", "request": "abc"}"#,
            br#"{"status": "X", "request": 1, "extra": true}"#,
            br#"{"status": 5, "request": 1}"#,
            br#"{"status": "X", "request": 1, "date": 5}"#,
            br#"{"status": "X", "request": 1, "registration_authority": {}}"#,
            br#"{"status": "X", "request": 1"#,
        ] {
            assert!(validate(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("abcd", "abc"));
        assert!(!same_secret("abd", "abc"));
    }
}
