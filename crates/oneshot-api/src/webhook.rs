//! What the Optimizer posts to a webhook at every status change (Video ID
//! `webhook_url`, asynchronous `callback`).

use serde::{Deserialize, Serialize};

use crate::de;
use crate::error::{Error, Result};
use crate::response::excerpt;
use crate::status::RequestStatus;

/// Largest notification body accepted: they are a few hundred bytes.
const MAX_NOTIFICATION: usize = 64 * 1024;

/// One status change of a request, as posted to the webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusNotification {
    /// The request pk.
    #[serde(deserialize_with = "de::pk")]
    pub request: u64,
    /// The new status.
    pub status: RequestStatus,
    /// The status before, when there was one.
    #[serde(default)]
    pub previous_status: Option<RequestStatus>,
    /// When it changed, as the Optimizer wrote it.
    #[serde(default, deserialize_with = "de::text")]
    pub date: String,
    /// The Registration Authority of the request.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub registration_authority: Option<String>,
}

impl StatusNotification {
    /// Decodes a webhook body; refuses bodies over 64 KiB and anything that is
    /// not a notification.
    pub fn from_json(body: &[u8]) -> Result<Self> {
        let refuse = |reason: String| Error::Decode {
            operation: "webhook",
            http_status: 0,
            reason,
            excerpt: excerpt(body),
        };
        if body.len() > MAX_NOTIFICATION {
            return Err(refuse(format!(
                "notification larger than {MAX_NOTIFICATION} bytes"
            )));
        }
        serde_json::from_slice(body).map_err(|error| refuse(error.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_notification_and_refuses_junk() {
        let body = br#"{"status": "VIDEOINCOMPLETE", "date": "2026-02-03T08:08:21.132394", "previous_status": "VIDEOPENDING", "request": 40214, "registration_authority": 139}"#;
        let notification = StatusNotification::from_json(body).unwrap();
        assert_eq!(notification.request, 40214);
        assert_eq!(notification.status, RequestStatus::VideoIncomplete);
        assert_eq!(
            notification.previous_status,
            Some(RequestStatus::VideoPending)
        );
        assert_eq!(notification.registration_authority.as_deref(), Some("139"));
        let first = br#"{"status": "approved", "request": "77", "previous_status": null}"#;
        let notification = StatusNotification::from_json(first).unwrap();
        assert_eq!(notification.previous_status, None);
        assert!(StatusNotification::from_json(b"<html>").is_err());
        assert!(StatusNotification::from_json(&vec![b' '; 70_000]).is_err());
    }
}
