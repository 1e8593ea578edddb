//! Status-change notifications POSTed to a request's webhook or async callback.
//!
//! Deliveries leave the request path: handlers queue them and one worker sends
//! them in order (so a receiver sees a request's changes in the order they
//! happened), each with a timeout. A failed delivery is logged and dropped, as
//! a real Optimizer would not hold the request for a slow webhook.

use std::time::Duration;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::format_description;
use tokio::sync::mpsc;

/// How long one delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// One status change to report.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub url: String,
    pub status: String,
    pub previous_status: Option<String>,
    pub request: u64,
    pub registration_authority: String,
}

impl StatusChange {
    /// The JSON body receivers get, as the guide's webhook section shows it.
    pub fn payload(&self, at: OffsetDateTime) -> Value {
        let date = at
            .format(format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]"
            ))
            .unwrap_or_default();
        let ra: Value = self
            .registration_authority
            .parse::<u64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(self.registration_authority.clone()));
        json!({
            "status": self.status,
            "date": date,
            "previous_status": self.previous_status,
            "request": self.request,
            "registration_authority": ra,
        })
    }
}

/// The sending side handlers use.
#[derive(Debug, Clone)]
pub struct Notifier {
    queue: mpsc::UnboundedSender<(StatusChange, OffsetDateTime)>,
}

impl Notifier {
    /// Starts the delivery worker on the current runtime.
    pub fn start(tracker: &tokio_util::task::TaskTracker) -> Self {
        let (queue, mut pending) = mpsc::unbounded_channel::<(StatusChange, OffsetDateTime)>();
        tracker.spawn(async move {
            let client = match reqwest::Client::builder().timeout(DELIVERY_TIMEOUT).build() {
                Ok(client) => client,
                Err(e) => {
                    tracing::error!(error = %e, "webhook client unavailable; notifications are off");
                    return;
                }
            };
            while let Some((change, at)) = pending.recv().await {
                deliver(&client, &change, at).await;
            }
        });
        Self { queue }
    }

    /// Queues a notification stamped with the moment of the change.
    pub fn send(&self, change: StatusChange) {
        let at = OffsetDateTime::now_utc();
        if self.queue.send((change, at)).is_err() {
            tracing::warn!("webhook worker stopped; a status change was not delivered");
        }
    }
}

async fn deliver(client: &reqwest::Client, change: &StatusChange, at: OffsetDateTime) {
    let result = client
        .post(&change.url)
        .json(&change.payload(at))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status);
    match result {
        Ok(_) => {
            tracing::debug!(request = change.request, status = %change.status, "webhook delivered")
        }
        Err(e) => tracing::warn!(
            request = change.request,
            status = %change.status,
            url = %change.url,
            error = %e,
            "webhook delivery failed"
        ),
    }
}
