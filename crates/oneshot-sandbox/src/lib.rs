//! A test-mode One-Shot Optimizer with a real local PKI.
//!
//! Embed it with [`Sandbox::start`] or run the `oneshot-sandbox` binary; it
//! speaks the One-Shot REST API under `/api/v1` plus the sandbox extensions
//! under `/sandbox/v1`.

mod api;
mod config;
mod error;
mod fault;
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
mod visible_text;

pub use config::SandboxConfig;
pub use error::Error;
pub use rao::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME};
pub use server::Sandbox;

/// The Optimizer version `GET /api/v1/version` reports in `details.version`:
/// the vendor release whose API the sandbox plays, tagged as ours.
pub const OPTIMIZER_VERSION: &str = concat!("1.5.0+sandbox.", env!("CARGO_PKG_VERSION"));

/// The pre-configured token of the demo RAO (username [`DEMO_RAO_USERNAME`],
/// password and PIN stored). It is always listed and cannot be deleted.
pub const DEMO_TOKEN: &str = "fd6a21e6fb7d43b9893a520d67d6ff60";
