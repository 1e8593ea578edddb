//! A test-mode One-Shot Optimizer with a real local PKI.

mod error;

pub use error::Error;
