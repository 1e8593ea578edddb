//! The sandbox phone: what the signer's phone would receive from the embedded
//! sandbox (OTP messages by SMS or WhatsApp), and the end user's side of a Video ID
//! session, played with one click. Both use the sandbox's own routes outside
//! `/api/v1`, so they are only ever called on the embedded sandbox.

use std::sync::Arc;
use std::time::Duration;

use oneshot_api::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connection::ConnectionService;
use crate::error::{Error, Result};
use crate::optimizer::OptimizerProfile;
use crate::sandbox_host::SandboxStatus;

/// One message as the signer's phone shows it. The code is the sandbox's, never a
/// real one, but it still stays out of `Debug` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneMessage {
    /// The signature request it belongs to.
    #[ts(type = "number")]
    pub request: u64,
    /// `sms` or `whatsapp`.
    pub channel: String,
    /// The mobile number it went to.
    pub to: String,
    /// The message as the signer reads it.
    #[ts(type = "string")]
    pub text: Secret,
    /// The one-time code in it.
    #[ts(type = "string")]
    pub code: Secret,
    /// When it was sent, RFC 3339.
    #[serde(alias = "sent_at")]
    pub sent_at: String,
}

/// How the end user's Video ID session ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VideoIdOutcome {
    /// The session is complete: the request waits for the officer's review.
    Review,
    /// The end user left before the end.
    Incomplete,
    /// The session failed.
    Error,
}

/// The sandbox phone over the connection's embedded sandbox.
#[derive(Debug)]
pub struct SandboxPhone {
    connection: Arc<ConnectionService>,
    http: reqwest::Client,
}

#[derive(Deserialize)]
struct Envelope<T> {
    details: T,
}

impl SandboxPhone {
    /// The phone of `connection`'s embedded sandbox.
    pub fn new(connection: Arc<ConnectionService>) -> Self {
        Self {
            connection,
            // Loopback only: a short timeout keeps a polling panel from piling up calls.
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        }
    }

    /// The messages the sandbox "sent", newest first; only `request`'s when given.
    pub async fn messages(&self, request: Option<u64>) -> Result<Vec<PhoneMessage>> {
        let mut url = format!("{}/sandbox/v1/messages", self.base_url().await?);
        if let Some(pk) = request {
            url.push_str(&format!("?request={pk}"));
        }
        let answer = self.http.get(url).send().await.map_err(transport)?;
        let mut messages = read::<Vec<PhoneMessage>>(answer).await?;
        messages.reverse();
        Ok(messages)
    }

    /// Plays the end user's Video ID session of request `pk` to `outcome`.
    pub async fn play_video_id(&self, pk: u64, outcome: VideoIdOutcome) -> Result<()> {
        let url = format!(
            "{}/sandbox/v1/videoid/{pk}/complete",
            self.base_url().await?
        );
        let answer = self
            .http
            .post(url)
            .json(&serde_json::json!({ "outcome": outcome }))
            .send()
            .await
            .map_err(transport)?;
        read::<serde_json::Value>(answer).await?;
        tracing::info!(pk, ?outcome, "sandbox phone played a Video ID session");
        Ok(())
    }

    /// The embedded sandbox's base URL, starting it if needed; refused on any other
    /// Optimizer, whose routes outside the API are not ours to call.
    async fn base_url(&self) -> Result<String> {
        if self.connection.overview().await.optimizer != OptimizerProfile::EmbeddedSandbox {
            return Err(Error::NotEmbeddedSandbox);
        }
        self.connection.warm_up().await?;
        let overview = self.connection.overview().await;
        match (overview.optimizer, overview.sandbox) {
            (OptimizerProfile::EmbeddedSandbox, SandboxStatus::Running { url }) => {
                Ok(url.trim_end_matches('/').to_owned())
            }
            _ => Err(Error::NotEmbeddedSandbox),
        }
    }
}

async fn read<T: serde::de::DeserializeOwned>(answer: reqwest::Response) -> Result<T> {
    let status = answer.status();
    let body = answer.bytes().await.map_err(transport)?;
    if !status.is_success() {
        let details = serde_json::from_slice::<Envelope<serde_json::Value>>(&body)
            .map(|envelope| match envelope.details {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            })
            .unwrap_or_else(|_| String::from_utf8_lossy(&body).into_owned());
        return Err(Error::SandboxPhone(format!(
            "HTTP {}: {details}",
            status.as_u16()
        )));
    }
    serde_json::from_slice::<Envelope<T>>(&body)
        .map(|envelope| envelope.details)
        .map_err(|error| Error::SandboxPhone(format!("unreadable answer: {error}")))
}

fn transport(error: reqwest::Error) -> Error {
    Error::SandboxPhone(error.without_url().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_the_sandbox_shape_and_hide_codes_from_debug() {
        let message: PhoneMessage = serde_json::from_str(
            r#"{"request":7,"channel":"sms","to":"+34600000000",
                "text":"Your code is 052174.","code":"052174",
                "sent_at":"2025-03-07T10:15:00Z"}"#,
        )
        .unwrap();
        assert_eq!(message.code.expose(), "052174");
        assert_eq!(message.sent_at, "2025-03-07T10:15:00Z");
        assert!(!format!("{message:?}").contains("052174"));
        let shown = serde_json::to_value(&message).unwrap();
        assert_eq!(shown["sentAt"], "2025-03-07T10:15:00Z");
        assert_eq!(shown["code"], "052174");
    }
}
