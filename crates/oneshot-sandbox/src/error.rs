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

    /// A file in the data directory holds JSON the sandbox cannot read back.
    #[error("corrupt data file {path}: {source}")]
    CorruptData {
        /// The file that failed to parse.
        path: std::path::PathBuf,
        /// What the JSON parser said.
        source: serde_json::Error,
    },

    /// A background task died before finishing (a panic or a cancelled runtime).
    #[error("background task failed: {0}")]
    Task(String),

    /// The TLS certificate, key or client CA given to serve HTTPS is unusable.
    #[error("TLS configuration: {0}")]
    Tls(String),

    /// The caller sent a missing or malformed parameter (HTTP 400).
    #[error("{0}")]
    BadRequest(String),

    /// A wrong OTP, wrong RAO credentials or a forbidden action (HTTP 403).
    #[error("{0}")]
    Forbidden(String),

    /// The request, document, image, token or metadata does not exist (HTTP 404).
    #[error("{0}")]
    NotFound(String),

    /// The signature request is not in a state that allows the call (HTTP 412).
    #[error("{0}")]
    PreconditionFailed(String),

    /// An upload is not of the media type the call needs (HTTP 415).
    #[error("{0}")]
    UnsupportedMediaType(String),

    /// The billing account cannot pay for the request (HTTP 500, as the spec answers).
    #[error("{0}")]
    Billing(String),

    /// Per-document problems with the sign options, keyed by document uid (HTTP 400).
    #[error("invalid signature options: {0:?}")]
    InvalidOptions(std::collections::BTreeMap<String, String>),

    /// Images named by the sign options that do not exist, keyed by document uid (HTTP 404).
    #[error("missing signature images: {0:?}")]
    MissingImages(std::collections::BTreeMap<String, String>),

    // --- PKI and PDF (sandbox-pki) ---
    /// The uploaded PDF is encrypted; the sandbox signs only unencrypted PDFs (HTTP 415).
    #[error("the PDF is encrypted: remove its password protection before signing")]
    EncryptedPdf,

    /// The uploaded file is not a PDF the sandbox can read (HTTP 400).
    #[error("malformed PDF: {0}")]
    MalformedPdf(String),

    /// The visible-signature options do not fit the document (HTTP 400).
    #[error("invalid signature appearance: {0}")]
    InvalidSignatureAppearance(String),

    /// The hash file JSON is missing a field or carries an inconsistent digest (HTTP 400).
    #[error("invalid hash file: {0}")]
    InvalidHashFile(String),

    /// The signer's identity cannot go into a certificate as given (HTTP 400).
    #[error("invalid signer identity: {0}")]
    InvalidSignerIdentity(String),

    /// The certificate profile is not one the sandbox issues (HTTP 400).
    #[error("unknown certificate profile {0:?}")]
    UnknownCertificateProfile(String),

    /// Metadata for the signed attributes is unusable, e.g. a malformed OID (HTTP 400).
    #[error("invalid signature metadata: {0}")]
    InvalidMetadata(String),

    /// The sandbox CA material in the data directory is unreadable or inconsistent (HTTP 500).
    #[error("sandbox CA files in {path}: {reason}")]
    CorruptAuthority {
        /// The file or directory at fault.
        path: std::path::PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// Building a certificate, CMS structure or PDF failed inside the sandbox (HTTP 500).
    #[error("internal signing error: {0}")]
    Signing(String),
}
