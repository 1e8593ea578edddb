//! Background services of the workflows: the webhook receiver, the polling
//! fallback and the resumption of unfinished requests at startup.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::OptionalExtension;
use serde::Serialize;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use ts_rs::TS;

use super::Workflows;
use super::db;
use crate::error::Result;
use crate::store::requests;
use crate::webhook::WebhookReceiver;

/// Settings key of the webhook path secret: kept so that URLs given to the
/// Optimizer for requests still open keep working after a restart.
const SECRET_KEY: &str = "webhook_secret";
/// Settings key of the last address the receiver listened on, reused when free.
const LISTEN_KEY: &str = "webhook_listen";

/// How the workflows learn about changes made by the Optimizer or the signer.
#[derive(Debug, Clone)]
pub struct WorkflowServices {
    /// The webhook receiver, or `None` when no webhook can reach the station (then
    /// only polling follows open requests).
    pub webhook: Option<WebhookSettings>,
    /// The polling fallback.
    pub polling: PollingSettings,
}

impl Default for WorkflowServices {
    fn default() -> Self {
        Self {
            webhook: Some(WebhookSettings::default()),
            polling: PollingSettings::default(),
        }
    }
}

/// Where the webhook receiver listens and how the Optimizer reaches it.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// Address to listen on; port 0 reuses the last port if free, else any.
    pub listen: SocketAddr,
    /// The base URL the Optimizer posts to (e.g. `https://station.branch.local:8443`
    /// behind a reverse proxy); by default `http://<listen address>`.
    pub public_url: Option<String>,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            public_url: None,
        }
    }
}

/// Backoff of the polling fallback: each waiting request is asked after `first`,
/// then twice as late each time nothing changed, up to `max`.
#[derive(Debug, Clone, Copy)]
pub struct PollingSettings {
    /// First (and, after a change, next) interval.
    pub first: Duration,
    /// Longest interval.
    pub max: Duration,
}

impl Default for PollingSettings {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(2),
            max: Duration::from_secs(60),
        }
    }
}

/// What runs, for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServicesStatus {
    /// The address the webhook receiver listens on, when it runs.
    pub webhook_listening_on: Option<String>,
    /// Whether the polling fallback runs.
    pub polling: bool,
}

/// The running services.
#[derive(Debug)]
pub(crate) struct Running {
    receiver: Option<WebhookReceiver>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Some(receiver) = self.receiver {
            receiver.shutdown().await;
        }
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// Starts the receiver (if asked), the notification consumer and the poller.
pub(crate) async fn start(
    workflows: &Arc<Workflows>,
    settings: WorkflowServices,
) -> Result<(Running, ServicesStatus)> {
    let (stop, stopped) = watch::channel(false);
    let mut tasks = Vec::new();
    let receiver = match settings.webhook {
        Some(webhook) => {
            let (sink, mut notifications) = mpsc::channel(1024);
            let receiver = bind(workflows, &webhook, sink).await?;
            *workflows
                .engine
                .webhook
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) =
                Some(receiver.url_prefix(webhook.public_url.as_deref()));
            let consumer = Arc::clone(workflows);
            tasks.push(tokio::spawn(async move {
                while let Some(notification) = notifications.recv().await {
                    consumer.handle_notification(notification).await;
                }
            }));
            Some(receiver)
        }
        None => None,
    };
    let poller = Arc::clone(workflows);
    tasks.push(tokio::spawn(poll(poller, settings.polling, stopped)));
    let status = ServicesStatus {
        webhook_listening_on: receiver.as_ref().map(|r| r.local_addr().to_string()),
        polling: true,
    };
    Ok((
        Running {
            receiver,
            stop,
            tasks,
        },
        status,
    ))
}

async fn bind(
    workflows: &Workflows,
    settings: &WebhookSettings,
    sink: mpsc::Sender<crate::webhook::WebhookNotification>,
) -> Result<WebhookReceiver> {
    let (secret, last) = db::write(&workflows.engine.store, "webhook_settings".into(), |tx| {
        let secret: Option<String> = tx
            .query_row(
                "SELECT value FROM station_setting WHERE key = ?1",
                [SECRET_KEY],
                |row| row.get(0),
            )
            .optional()?;
        let secret = match secret {
            Some(secret) => secret,
            None => {
                let secret = hex::encode(rand::random::<[u8; 32]>());
                tx.execute(
                    "INSERT INTO station_setting (key, value) VALUES (?1, ?2)",
                    [SECRET_KEY, &secret],
                )?;
                secret
            }
        };
        let last: Option<String> = tx
            .query_row(
                "SELECT value FROM station_setting WHERE key = ?1",
                [LISTEN_KEY],
                |row| row.get(0),
            )
            .optional()?;
        Ok((
            secret,
            last.and_then(|text| text.parse::<SocketAddr>().ok()),
        ))
    })
    .await?;
    let preferred = match last {
        Some(last) if settings.listen.port() == 0 && last.ip() == settings.listen.ip() => last,
        _ => settings.listen,
    };
    let receiver = match WebhookReceiver::start(preferred, secret.clone(), sink.clone()).await {
        Ok(receiver) => receiver,
        Err(_) if preferred != settings.listen => {
            WebhookReceiver::start(settings.listen, secret, sink).await?
        }
        Err(error) => return Err(error),
    };
    let address = receiver.local_addr().to_string();
    db::write(
        &workflows.engine.store,
        "webhook_listen".into(),
        move |tx| {
            tx.execute(
                "INSERT INTO station_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [LISTEN_KEY, &address],
            )?;
            Ok(())
        },
    )
    .await?;
    Ok(receiver)
}

/// The polling fallback: asks the Optimizer about requests waiting on it, each
/// with its own backoff, reset whenever its status changes.
async fn poll(
    workflows: Arc<Workflows>,
    settings: PollingSettings,
    mut stop: watch::Receiver<bool>,
) {
    let tick = (settings.first / 2).clamp(Duration::from_millis(50), Duration::from_secs(1));
    let mut schedule: HashMap<String, (Instant, Duration)> = HashMap::new();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = stop.changed() => return,
        }
        let waiting = match db::read(&workflows.engine.store, requests::waiting).await {
            Ok(waiting) => waiting,
            Err(error) => {
                tracing::warn!(%error, "polling: cannot read the waiting requests");
                continue;
            }
        };
        schedule.retain(|id, _| waiting.iter().any(|(w, _)| w.as_str() == id));
        let now = Instant::now();
        for (id, before) in waiting {
            let (due, interval) = schedule
                .get(id.as_str())
                .copied()
                .unwrap_or((now, settings.first / 2));
            if now < due {
                continue;
            }
            if let Err(error) = workflows.engine.drive(&id).await {
                tracing::debug!(request = %id, %error, "polling: request not refreshed");
            }
            let after = workflows
                .engine
                .load(&id)
                .await
                .ok()
                .and_then(|state| state.request.server_status);
            let interval = if after != before {
                settings.first
            } else {
                (interval * 2).clamp(settings.first, settings.max)
            };
            schedule.insert(id.to_string(), (Instant::now() + interval, interval));
        }
    }
}
