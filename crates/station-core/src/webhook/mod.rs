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
//!
//! A flood is bounded: at most [`MAX_CONCURRENT_POSTS`] posts are handled at once
//! and the channel holds a bounded number of notifications; anything beyond is
//! answered 503 with `Retry-After` at once, never queued. Refusals are counted and
//! logged as one warning every few seconds at most, never a line per post.

mod receiver;
mod refusals;

pub use receiver::{WebhookNotification, WebhookReceiver};

/// The route prefix; the full path is `/webhook/<secret>/<profile id>`.
pub const WEBHOOK_PREFIX: &str = "/webhook";

/// Largest body accepted: notifications are a few hundred bytes.
pub const MAX_NOTIFICATION_BYTES: usize = 64 * 1024;

/// Posts handled at once; with the body limit, at most 4 MiB of bodies in memory.
pub const MAX_CONCURRENT_POSTS: usize = 64;
