//! The sandbox's one error type.

/// Everything that can go wrong inside the sandbox Optimizer.
///
/// HTTP handlers map these to the spec's status codes; the PKI and PDF modules
/// add their own variants here rather than defining a second error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing the data directory failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}
