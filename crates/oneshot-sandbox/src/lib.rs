//! A test-mode One-Shot Optimizer with a real local PKI.
//!
//! Embed it with [`Sandbox::start`] or run the `oneshot-sandbox` binary
//! (`--listen 127.0.0.1:PORT --data-dir DIR`, prints `listening on http://ADDR`).
//! With [`SandboxTls`] (`--tls-cert PEM --tls-key PEM`, optionally
//! `--tls-client-ca PEM` to require client certificates) it serves HTTPS.
//! It speaks the 37 operations of the One-Shot REST API under `/api/v1`, and
//! offers sandbox-only extensions under `/sandbox/v1`:
//!
//! - `GET /sandbox/v1/messages?request=PK`: OTP messages "sent" (`request`,
//!   `channel`, `to`, `text`, `code`, `sent_at`); kept in memory only.
//! - `GET /sandbox/v1/videoid/PK`: the end user's Video ID page (the `videoid_link`);
//!   `POST /sandbox/v1/videoid/PK/complete` `{"outcome": "review"|"incomplete"|"error",
//!   "ocr_data": {…}?}` plays the session.
//! - `GET /sandbox/v1/ca.pem`: the root CA, issuing CA and TSA certificates.
//! - `POST /sandbox/v1/faults` `{"method"?, "path", "times"?, "latency_ms"?,
//!   "action"?, "status"?}` arms a fault for the next `times` (default 1)
//!   `/api/v1` requests whose path matches the `*` glob; `action` is `none`
//!   (latency only), `status` (an nginx-style HTML page with `status`, default
//!   502, without doing the work), `reset` (connection reset before the work),
//!   `reset_mid_body` (work done, head and half the body sent, then reset),
//!   `truncate` (work done, first half of the body), `garbage` (work done,
//!   200 with a non-JSON body) or `lose_response` (work done, then reset).
//!   `GET` lists armed faults, `DELETE` clears them.

mod api;
mod config;
mod error;
mod fault;
#[doc(hidden)]
pub mod fuzzing;
mod identity_rules;
mod media;
mod notify;
mod otp;
mod outbox;
pub mod pdf;
pub mod pki;
mod rao;
mod sandbox;
mod secret;
mod server;
mod signature_request;
mod signing;
mod store;
mod timefmt;
mod tls;
mod visible_text;

pub use config::SandboxConfig;
pub use error::Error;
pub use rao::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME};
pub use server::Sandbox;
pub use tls::SandboxTls;

/// The Optimizer version `GET /api/v1/version` reports in `details.version`:
/// the vendor release whose API the sandbox plays, tagged as ours.
pub const OPTIMIZER_VERSION: &str = concat!("1.5.0+sandbox.", env!("CARGO_PKG_VERSION"));

/// The pre-configured token of the demo RAO (username [`DEMO_RAO_USERNAME`],
/// password and PIN stored). It is always listed and cannot be deleted.
pub const DEMO_TOKEN: &str = "fd6a21e6fb7d43b9893a520d67d6ff60";
