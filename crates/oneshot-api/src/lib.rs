//! Typed async client for the Uanataca One-Shot Signature API, as served by a
//! One-Shot Optimizer.
//!
//! ```no_run
//! # async fn demo() -> oneshot_api::Result<()> {
//! use oneshot_api::{Client, ClientOptions};
//!
//! let client = Client::new(ClientOptions::new("http://127.0.0.1:8080"))?;
//! assert_eq!(client.settings().hello().await?, "Hello");
//! for stored in client.tokens().list().await? {
//!     println!("token for RAO {}", stored.credentials.username);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Every operation returns a [`Call`]; `.await` sends it. Reads and deletes are
//! [`Repeatable`] and retried on transport failures and 502/503/504; calls
//! that change state are sent [`Once`]. Secrets travel as [`Secret`], whose
//! `Debug` and `Display` redact. No URL, body or secret is ever logged.

#![warn(missing_docs)]

mod call;
mod client;
mod credentials;
mod de;
mod details;
mod documents;
mod environment;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod hashfile;
mod images;
mod metadata;
mod options;
mod requests;
mod response;
mod retry;
mod secret;
mod settings;
mod status;
mod tls_problem;
mod tokens;
mod transfer;
mod videoid;
mod webhook;

pub use call::{Call, Once, Repeatable};
pub use client::Client;
pub use credentials::RaoCredentials;
pub use details::Details;
pub use documents::{
    DocumentKind, DocumentUpload, Documents, FileSize, MAX_FILES_PER_UPLOAD, StoredFile,
    UploadedDocument,
};
pub use environment::Environment;
pub use error::{Error, Result, TransportKind};
pub use hashfile::HashFile;
pub use images::Images;
pub use metadata::{Metadata, SignatureMetadata, StoredMetadata};
pub use options::{ClientIdentity, ClientOptions, ProxyOptions};
pub use requests::{
    AsyncMode, Countersignature, DeliveryMethod, IdDocumentType, IdImages, NewSignatureRequest,
    Requests, SignOptions, SignatureFormat, SignatureRequestInfo, Signer, VisibleSignature,
};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use settings::{
    BillingSettings, GeneralSettings, HostInfo, OptimizerSettings, OptimizerVersion, ProxySettings,
    RequestDefaults, Settings, TsaSettings,
};
pub use status::RequestStatus;
pub use tls_problem::TlsProblem;
pub use tokens::{NewToken, StoredToken, TokenCredentials, Tokens};
pub use transfer::{DownloadedFile, FileSource, Progress, ProgressFn};
pub use videoid::{
    Acceptance, EvidenceImages, Evidences, NewVideoIdRequest, OcrData, RequestUpdate,
    SecurityChecks, SimilarityLevel, VideoId, VideoIdCreated, VideoIdData,
};
pub use webhook::StatusNotification;
