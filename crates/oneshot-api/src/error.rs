//! The one error type of the client.

use std::path::PathBuf;

use crate::details::Details;
use crate::tls_problem::TlsProblem;

/// Why a call failed to reach the Optimizer or to get its whole answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No connection could be opened (refused, DNS).
    Connect,
    /// The connect, request or sign timeout elapsed.
    Timeout,
    /// The connection broke while sending the request or reading the answer.
    Reset,
    /// The secure connection was refused, for the reason given. Trying again
    /// does not help: a certificate or the configuration must change.
    Tls(TlsProblem),
}

impl std::fmt::Display for TransportKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Connect => f.write_str("cannot connect to the Optimizer"),
            Self::Timeout => f.write_str("the Optimizer did not answer in time"),
            Self::Reset => f.write_str("the connection to the Optimizer broke"),
            Self::Tls(problem) => write!(f, "secure connection refused: {problem}"),
        }
    }
}

/// Everything that can go wrong in a call, with what a caller needs to decide
/// what to do next.
///
/// URLs are never kept: some paths carry a token uid.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The Optimizer could not be reached, or the connection broke.
    #[error("{operation}: {kind}: {source}")]
    Transport {
        /// The operation, e.g. `sign`.
        operation: &'static str,
        /// What kind of transport failure.
        kind: TransportKind,
        /// The underlying error (its URL removed).
        #[source]
        source: reqwest::Error,
    },
    /// The Optimizer answered with an HTTP error and a JSON body.
    #[error("{operation}: HTTP {http_status} {status}: {details}")]
    Api {
        /// The operation, e.g. `sign`.
        operation: &'static str,
        /// The HTTP status code.
        http_status: u16,
        /// The server's `status` text, e.g. `412 Precondition Failed`.
        status: String,
        /// The server's `details`.
        details: Details,
    },
    /// The answer could not be understood (HTML error page, truncated JSON, wrong types, too big).
    #[error(
        "{operation}: undecodable answer (HTTP {http_status}): {reason}; body starts with {excerpt:?}"
    )]
    Decode {
        /// The operation, e.g. `sign`.
        operation: &'static str,
        /// The HTTP status code.
        http_status: u16,
        /// What was wrong.
        reason: String,
        /// The first bytes of the body, lossily decoded.
        excerpt: String,
    },
    /// The input was refused before anything was sent.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The client configuration is unusable (bad base URL, CA or client certificate PEM, proxy).
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A multi-call upload failed after some calls succeeded: `uploaded` lists
    /// the documents the Optimizer already holds.
    #[error("upload stopped after {} documents: {source}", uploaded.len())]
    PartialUpload {
        /// Documents already accepted.
        uploaded: Vec<crate::documents::UploadedDocument>,
        /// Why the next call failed.
        #[source]
        source: Box<Error>,
    },
    /// A local file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Result with the client's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn transport(operation: &'static str, source: reqwest::Error) -> Self {
        let kind = if let Some(problem) = TlsProblem::find(&source) {
            TransportKind::Tls(problem)
        } else if source.is_timeout() {
            TransportKind::Timeout
        } else if source.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Reset
        };
        Self::Transport {
            operation,
            kind,
            source: source.without_url(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// The HTTP status code, when the Optimizer answered.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::Api { http_status, .. } | Self::Decode { http_status, .. } => Some(*http_status),
            _ => None,
        }
    }

    /// The server's `status` text, when it sent one.
    pub fn server_status(&self) -> Option<&str> {
        match self {
            Self::Api { status, .. } => Some(status),
            _ => None,
        }
    }

    /// The server's `details`, when it sent them.
    pub fn details(&self) -> Option<&Details> {
        match self {
            Self::Api { details, .. } => Some(details),
            _ => None,
        }
    }

    /// The operation that failed, when a call was made.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Self::Transport { operation, .. }
            | Self::Api { operation, .. }
            | Self::Decode { operation, .. } => Some(operation),
            _ => None,
        }
    }

    /// True when the Optimizer refused the OTP (or external code) given to sign.
    pub fn is_wrong_otp(&self) -> bool {
        match self {
            Self::Api {
                operation: "sign",
                http_status: 403,
                details,
                ..
            } => !details.mentions("countersignature"),
            _ => false,
        }
    }

    /// Why the secure connection was refused, when that is what failed.
    pub fn tls_problem(&self) -> Option<TlsProblem> {
        match self {
            Self::Transport {
                kind: TransportKind::Tls(problem),
                ..
            } => Some(*problem),
            _ => None,
        }
    }

    /// True when the request is already in ISSUED status: the signature happened,
    /// fetch the signed documents instead of signing again.
    pub fn is_already_issued(&self) -> bool {
        match self {
            Self::Api {
                http_status: 412,
                details,
                ..
            } => details.mentions("issued"),
            _ => false,
        }
    }

    /// True when the thing asked for does not exist (HTTP 404).
    pub fn is_not_found(&self) -> bool {
        self.http_status() == Some(404)
    }

    /// True when the same call may succeed later: transport failures other
    /// than a refused TLS connection, and 502/503/504.
    ///
    /// Whether repeating is *safe* is another question: after a lost answer to a
    /// call that changes state (see [`Error::outcome_unknown`]), check first.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => !matches!(kind, TransportKind::Tls(_)),
            Self::Api { http_status, .. } | Self::Decode { http_status, .. } => {
                matches!(http_status, 502..=504)
            }
            _ => false,
        }
    }

    /// True when the call may have been carried out although no answer came
    /// (timeout, reset, gateway error). For sign, ask
    /// [`Requests::status`](crate::Requests::status) whether the request is ISSUED.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Transport { kind, .. } => {
                matches!(kind, TransportKind::Timeout | TransportKind::Reset)
            }
            Self::Api { http_status, .. } | Self::Decode { http_status, .. } => {
                matches!(http_status, 502 | 504)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(operation: &'static str, http_status: u16, details: &str) -> Error {
        Error::Api {
            operation,
            http_status,
            status: format!("{http_status}"),
            details: Details::Text(details.into()),
        }
    }

    #[test]
    fn helpers_answer_the_callers_questions() {
        assert!(api("sign", 403, "Confirmation Code invalid").is_wrong_otp());
        assert!(!api("sign", 403, "Invalid countersignature credentials").is_wrong_otp());
        assert!(!api("create_request", 403, "Invalid RAO Credentials").is_wrong_otp());
        assert!(api("sign", 412, "Request already in ISSUED status").is_already_issued());
        assert!(
            !api("generate_otp", 412, "Otp generated less than a minute ago").is_already_issued()
        );
        assert!(api("hello", 503, "busy").is_retryable());
        assert!(!api("hello", 500, "boom").is_retryable());
        assert!(api("sign", 504, "gateway").outcome_unknown());
        assert!(api("get_token", 404, "Token not found").is_not_found());
        assert!(!Error::InvalidInput("x".into()).is_retryable());
    }
}
