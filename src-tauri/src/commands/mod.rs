//! The commands the UI invokes, one file per screen. Each is a few lines over station-core.

pub mod admin;
pub mod audit;
pub mod connection;
pub mod hash_sign;
pub mod pdf;
pub mod sandbox_phone;
pub mod sign;
pub mod signed_document;
pub mod videoid;
