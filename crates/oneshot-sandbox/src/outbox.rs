//! The sandbox's stand-in for the SMS and WhatsApp gateway: OTP messages are
//! "sent" here and read back through `GET /sandbox/v1/messages`.
//!
//! Kept in memory only, like a phone's inbox: the codes never reach a file or
//! the log. After a restart the old messages are gone; generating a new OTP
//! sends a new one.

use std::sync::Mutex;

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::otp::DeliveryMethod;
use crate::secret::Secret;

/// One message as the end user's phone would receive it.
#[derive(Debug)]
pub struct OutboxMessage {
    pub request: u64,
    pub channel: DeliveryMethod,
    pub to: String,
    pub code: Secret,
    pub sent_at: OffsetDateTime,
}

impl OutboxMessage {
    fn text(&self) -> String {
        format!(
            "Your One-Shot signature code is {}. It expires in 5 minutes. Request {}.",
            self.code.expose(),
            self.request
        )
    }

    fn to_json(&self) -> Value {
        json!({
            "request": self.request,
            "channel": self.channel.as_str(),
            "to": self.to,
            "text": self.text(),
            "code": self.code.expose(),
            "sent_at": self.sent_at.format(&Rfc3339).unwrap_or_default(),
        })
    }
}

#[derive(Debug, Default)]
pub struct Outbox {
    messages: Mutex<Vec<OutboxMessage>>,
}

impl Outbox {
    pub fn push(&self, message: OutboxMessage) {
        self.messages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(message);
    }

    /// Messages oldest first, only those of `request` when given.
    pub fn list(&self, request: Option<u64>) -> Vec<Value> {
        self.messages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .iter()
            .filter(|m| request.is_none_or(|pk| m.request == pk))
            .map(OutboxMessage::to_json)
            .collect()
    }
}
