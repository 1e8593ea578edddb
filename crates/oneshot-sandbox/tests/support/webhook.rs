//! A webhook receiver on loopback that records every JSON body POSTed to it.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::routing::post;
use serde_json::Value;

#[derive(Clone)]
pub struct WebhookReceiver {
    pub url: String,
    received: Arc<Mutex<Vec<Value>>>,
}

impl WebhookReceiver {
    pub async fn start() -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new()
            .route("/hook", post(record))
            .with_state(received.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, received }
    }

    pub fn received(&self) -> Vec<Value> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (up to 10 s) until `count` notifications arrived; returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Value> {
        for _ in 0..200 {
            let now = self.received();
            if now.len() >= count {
                return now;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} webhook calls, got {:?}", self.received());
    }

    /// The `status` words received, in order.
    pub fn statuses(&self) -> Vec<String> {
        self.received()
            .iter()
            .map(|v| v["status"].as_str().unwrap().to_owned())
            .collect()
    }
}

async fn record(State(received): State<Arc<Mutex<Vec<Value>>>>, Json(body): Json<Value>) {
    received.lock().unwrap().push(body);
}
