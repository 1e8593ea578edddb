//! The webhook receiver: where the Optimizer posts status changes of Video ID and
//! asynchronous requests.
//!
//! It listens on a configurable address under a path holding a random secret
//! (`/webhook/<64 hex>/<profile id>`), so only whoever was given the URL (the
//! Optimizer) can post. Bodies are limited to 64 KiB and must be strict JSON
//! objects with exactly the notification's fields (`status`, `request`, and
//! optionally `date`, `previous_status`, `registration_authority`); anything else
//! is refused with 4xx and changes nothing. Accepted notifications go to a channel
//! the workflows consume; the answer does not wait for them.

mod receiver;

pub use receiver::{WebhookNotification, WebhookReceiver};

/// The route prefix; the full path is `/webhook/<secret>/<profile id>`.
pub const WEBHOOK_PREFIX: &str = "/webhook";

/// Largest body accepted: notifications are a few hundred bytes.
pub const MAX_NOTIFICATION_BYTES: usize = 64 * 1024;
