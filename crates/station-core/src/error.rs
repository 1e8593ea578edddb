//! The one error type of the station's domain, with a stable code per case for the UI.

use std::path::PathBuf;

use oneshot_api::{TlsProblem, TransportKind};

/// Everything that can go wrong in the station's domain.
///
/// Messages never carry a secret: the client's errors drop URLs (a token can be
/// part of one) and the vault's errors name the kind of secret, never its value.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Neither `ONESHOT_STATION_DATA_DIR` nor a platform data directory is known.
    #[error("no data directory: set ONESHOT_STATION_DATA_DIR")]
    NoDataDir,

    /// The data directory cannot be created or used.
    #[error("data directory {path}: {source}")]
    DataDir {
        /// The directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// The station's SQLite database failed.
    #[error("station database: {0}")]
    Database(#[from] rusqlite::Error),

    /// The station's database schema could not be brought up to date.
    #[error("station database schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// A row of the station's database holds something this version cannot read.
    #[error("station database holds an unreadable value: {0}")]
    CorruptStore(String),

    /// The remote Optimizer URL is not an `http(s)://host[:port][/prefix]` URL.
    #[error("invalid Optimizer URL: {0}")]
    InvalidOptimizerUrl(String),

    /// A client certificate was given without its private key, or the reverse.
    #[error("a client certificate needs its private key, and a private key its certificate")]
    IncompleteClientIdentity,

    /// A CA, client certificate or key file cannot be read.
    #[error("cannot read {path}: {source}")]
    UnreadableFile {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// The embedded sandbox Optimizer failed to start.
    #[error("embedded sandbox: {0}")]
    Sandbox(#[from] oneshot_sandbox::Error),

    /// A call to the Optimizer failed.
    #[error(transparent)]
    Optimizer(#[from] oneshot_api::Error),

    /// A required field was left empty.
    #[error("{0} is required")]
    MissingInput(&'static str),

    /// The Optimizer does not know the token given to sign in.
    #[error("the Optimizer does not know this token")]
    UnknownToken,

    /// The Optimizer refused the RAO's username, password or PIN.
    #[error("the Optimizer refused these RAO credentials")]
    InvalidCredentials,

    /// The action needs a signed-in RAO.
    #[error("no RAO is signed in")]
    NotSignedIn,

    /// The OS keyring failed while it was reachable.
    #[error("keyring: {0}")]
    Keyring(#[from] keyring::Error),

    /// A background task died (panicked or was cancelled).
    #[error("background task failed: {0}")]
    Task(String),

    /// A file given for verification is not a readable PDF.
    #[error("not a readable PDF: {0}")]
    NotAPdf(String),

    /// A document given for verification carries no signature.
    #[error("the document carries no signature")]
    NoSignature,

    /// A signature file (`.p7m`) is not a readable CMS SignedData.
    #[error("not a readable signature file: {0}")]
    NotASignature(String),

    /// A document to verify, or its original, cannot be read.
    #[error("cannot read {name}: {source}")]
    UnreadableDocument {
        /// The file (or "the original document" for a stream).
        name: String,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A PEM bundle of trusted certificates cannot be used.
    #[error("invalid trusted certificates: {0}")]
    InvalidTrustBundle(String),

    /// The signer's identity data failed its checks; the issues say which field and why.
    #[error("the signer's identity data has {} problem(s)", .0.len())]
    InvalidIdentity(Vec<crate::identity::FieldIssue>),

    /// No signature request has this id.
    #[error("no signature request {0}")]
    UnknownRequest(String),

    /// The officer's intent does not fit where the request stands.
    #[error("{intent} is not possible now: the request is at {step}")]
    IntentNotExpected {
        /// The intent, e.g. `sign`.
        intent: &'static str,
        /// Where the request stands.
        step: String,
    },

    /// The request was created on another Optimizer than the one in use.
    #[error("the request belongs to another Optimizer: switch to it to go on")]
    OtherOptimizer,

    /// A workflow needs at least one document.
    #[error("no document to sign")]
    NoDocuments,

    /// A document (or evidence file) cannot be used as given.
    #[error("{path}: {reason}")]
    InvalidDocument {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },

    /// A signed document did not pass local verification: the documents stay on
    /// the Optimizer.
    #[error("{file} did not pass verification ({verdict})")]
    SignatureNotVerified {
        /// The document's file name.
        file: String,
        /// The verdict, e.g. `untrusted`.
        verdict: String,
    },

    /// The backup folder cannot be written.
    #[error("backup {path}: {reason}")]
    Backup {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },

    /// No trusted roots are set for the Optimizer in use, so signed documents
    /// cannot be verified (and are not deleted from it).
    #[error("no trusted roots are set for this Optimizer's signatures")]
    NoSigningTrust,

    /// The embedded sandbox's CA could not be fetched.
    #[error("the sandbox's CA could not be fetched: {0}")]
    SandboxTrust(String),

    /// The audit trail could not be exported.
    #[error("audit export: {0}")]
    AuditExport(String),

    /// The webhook receiver cannot listen on its address.
    #[error("webhook receiver cannot listen on {address}: {reason}")]
    WebhookBind {
        /// The address.
        address: String,
        /// What the operating system said.
        reason: String,
    },

    /// An ID picture is not a JPEG or PNG; `detected` names what it is (`gif`, `pdf`…).
    #[error("ID pictures must be JPEG or PNG, this file is {detected}")]
    IdImageUnsupported {
        /// What the file's first bytes say it is.
        detected: &'static str,
    },

    /// An ID picture file is larger than any photo.
    #[error("the picture file has {bytes} bytes, more than {limit}")]
    IdImageFileTooLarge {
        /// The file's size.
        bytes: usize,
        /// The largest size accepted.
        limit: usize,
    },

    /// An ID picture has more pixels than any camera takes (a decompression bomb).
    #[error("the picture is {width}×{height} pixels, too many to open safely")]
    IdImageTooManyPixels {
        /// Width in the file's header.
        width: u32,
        /// Height in the file's header.
        height: u32,
    },

    /// An ID picture is a thin strip, not a photo of a document or a person.
    #[error("the picture is {width}×{height} pixels, far too narrow")]
    IdImageAspectRatio {
        /// Width in the file's header.
        width: u32,
        /// Height in the file's header.
        height: u32,
    },

    /// An ID picture cannot be decoded: damaged or cut short.
    #[error("the picture is damaged: {0}")]
    IdImageCorrupt(String),

    /// A decoded ID picture could not be resized or encoded.
    #[error("the picture could not be processed: {0}")]
    IdImageProcessing(String),

    /// The crop the officer drew reaches outside the picture (or is empty).
    #[error("the crop {crop} does not fit inside the {width}×{height} picture")]
    IdImageCropOutside {
        /// The rectangle asked for.
        crop: String,
        /// Width of the picture, turned as asked.
        width: u32,
        /// Height of the picture, turned as asked.
        height: u32,
    },

    /// A metadata OID that is not dotted numbers.
    #[error("not a valid OID: {0}")]
    InvalidOid(String),

    /// A signature image the Optimizer cannot use (or sent back unreadable).
    #[error("signature image {path}: {reason}")]
    SignatureImage {
        /// The file, or the image's uid on the Optimizer.
        path: PathBuf,
        /// Why.
        reason: String,
    },

    /// A token the station refuses to delete.
    #[error("this token cannot be deleted ({})", .0.code())]
    TokenProtected(crate::admin::TokenProtection),

    /// The sandbox phone was asked for while another Optimizer is in use.
    #[error("the sandbox phone works only with the embedded sandbox")]
    NotEmbeddedSandbox,

    /// The embedded sandbox refused or garbled a sandbox phone call.
    #[error("sandbox phone: {0}")]
    SandboxPhone(String),

    /// The pdfium library cannot be found or loaded.
    #[error("the PDF engine is unavailable: {0}")]
    PdfEngineUnavailable(String),

    /// The file does not start like a PDF.
    #[error("the file is not a PDF")]
    PdfNotAPdf,

    /// The PDF's end is missing: it was cut short in a download or copy.
    #[error("the PDF is truncated")]
    PdfTruncated,

    /// pdfium cannot read the PDF.
    #[error("the PDF is damaged: {0}")]
    PdfUnreadable(String),

    /// The PDF needs a password to open.
    #[error("the PDF is protected by a password")]
    PdfPasswordRequired,

    /// The PDF is encrypted (it opens, but carries owner restrictions and cannot be signed).
    #[error("the PDF is encrypted")]
    PdfEncrypted,

    /// The PDF has no pages.
    #[error("the PDF has no pages")]
    PdfNoPages,

    /// A page index past the last page.
    #[error("page {page} does not exist: the PDF has {page_count} page(s), counted from 0")]
    PdfPageOutOfRange {
        /// The index asked for, the first page being 0.
        page: u32,
        /// Number of pages.
        page_count: u32,
    },

    /// A render size that is not positive or would not fit in memory.
    #[error("invalid render size: {0}")]
    PdfRenderSize(String),

    /// pdfium failed to render a page it had opened.
    #[error("rendering failed: {0}")]
    PdfRenderFailed(String),

    /// The PDF worker process died (crashed, was killed, or is not a PDF worker at
    /// all) while reading or drawing a PDF; a new one serves the next request.
    #[error("the PDF worker stopped: {0}")]
    PdfWorkerStopped(String),

    /// Reading or drawing a PDF took longer than the deadline: the PDF worker was
    /// killed (a file made to hang pdfium) and a new one serves the next request.
    #[error("the PDF took longer than {} s to read or draw and was stopped", .limit.as_secs_f64())]
    PdfTookTooLong {
        /// The deadline it exceeded.
        limit: std::time::Duration,
    },

    /// A PDF failure about a file the officer knows by name; the code is the
    /// failure's own, the details say which file.
    #[error("{file}: {source}")]
    PdfFile {
        /// The file's path or name.
        file: String,
        /// What is wrong with it.
        source: Box<Error>,
    },
}

/// Every code [`Error::code`] can answer, so the UI can hold a message for each.
pub const ERROR_CODES: &[&str] = &[
    "store.no_data_dir",
    "store.data_dir",
    "store.database",
    "store.migration",
    "store.corrupt",
    "connection.invalid_url",
    "connection.incomplete_client_identity",
    "connection.unreadable_file",
    "connection.invalid_tls_material",
    "connection.tls_untrusted",
    "connection.tls_expired",
    "connection.tls_not_yet_valid",
    "connection.tls_wrong_host",
    "connection.tls_bad_certificate",
    "connection.tls_client_certificate",
    "connection.tls_handshake",
    "sandbox.start_failed",
    "optimizer.unreachable",
    "optimizer.timeout",
    "optimizer.connection_lost",
    "optimizer.forbidden",
    "optimizer.not_found",
    "optimizer.server_error",
    "optimizer.rejected",
    "optimizer.bad_answer",
    "optimizer.invalid_input",
    "optimizer.file",
    "optimizer.failed",
    "input.required",
    "signin.unknown_token",
    "signin.invalid_credentials",
    "signin.required",
    "vault.keyring",
    "internal.task",
    "verification.not_a_pdf",
    "verification.no_signature",
    "verification.not_a_signature",
    "verification.unreadable_document",
    "verification.invalid_trust_bundle",
    "identity.invalid",
    "workflow.unknown_request",
    "workflow.not_expected",
    "workflow.other_optimizer",
    "workflow.no_documents",
    "workflow.invalid_document",
    "workflow.wrong_code",
    "workflow.not_signed",
    "workflow.async_sign_failed",
    "backup.not_verified",
    "backup.io",
    "backup.no_trust",
    "backup.sandbox_trust",
    "audit.export",
    "webhook.bind",
    "id_image.unsupported_format",
    "id_image.file_too_large",
    "id_image.too_many_pixels",
    "id_image.bad_aspect_ratio",
    "id_image.corrupt",
    "id_image.processing_failed",
    "id_image.crop_outside",
    "admin.invalid_oid",
    "admin.signature_image",
    "admin.token_protected",
    "sandbox_phone.not_sandbox",
    "sandbox_phone.failed",
    "pdf.engine_unavailable",
    "pdf.not_a_pdf",
    "pdf.truncated",
    "pdf.unreadable",
    "pdf.password_protected",
    "pdf.encrypted",
    "pdf.no_pages",
    "pdf.page_out_of_range",
    "pdf.invalid_render_size",
    "pdf.render_failed",
    "pdf.worker_stopped",
    "pdf.took_too_long",
];

/// Result with the station's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A stable, dotted code for this kind of failure. The UI picks its localized
    /// message by this code, so a code never changes meaning once released.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoDataDir => "store.no_data_dir",
            Self::DataDir { .. } => "store.data_dir",
            Self::Database(_) => "store.database",
            Self::Migration(_) => "store.migration",
            Self::CorruptStore(_) => "store.corrupt",
            Self::InvalidOptimizerUrl(_) => "connection.invalid_url",
            Self::IncompleteClientIdentity => "connection.incomplete_client_identity",
            Self::UnreadableFile { .. } => "connection.unreadable_file",
            Self::Sandbox(_) => "sandbox.start_failed",
            Self::Optimizer(error) => optimizer_code(error),
            Self::MissingInput(_) => "input.required",
            Self::UnknownToken => "signin.unknown_token",
            Self::InvalidCredentials => "signin.invalid_credentials",
            Self::NotSignedIn => "signin.required",
            Self::Keyring(_) => "vault.keyring",
            Self::Task(_) => "internal.task",
            Self::NotAPdf(_) => "verification.not_a_pdf",
            Self::NoSignature => "verification.no_signature",
            Self::NotASignature(_) => "verification.not_a_signature",
            Self::UnreadableDocument { .. } => "verification.unreadable_document",
            Self::InvalidTrustBundle(_) => "verification.invalid_trust_bundle",
            Self::InvalidIdentity(_) => "identity.invalid",
            Self::UnknownRequest(_) => "workflow.unknown_request",
            Self::IntentNotExpected { .. } => "workflow.not_expected",
            Self::OtherOptimizer => "workflow.other_optimizer",
            Self::NoDocuments => "workflow.no_documents",
            Self::InvalidDocument { .. } => "workflow.invalid_document",
            Self::SignatureNotVerified { .. } => "backup.not_verified",
            Self::Backup { .. } => "backup.io",
            Self::NoSigningTrust => "backup.no_trust",
            Self::SandboxTrust(_) => "backup.sandbox_trust",
            Self::AuditExport(_) => "audit.export",
            Self::WebhookBind { .. } => "webhook.bind",
            Self::IdImageUnsupported { .. } => "id_image.unsupported_format",
            Self::IdImageFileTooLarge { .. } => "id_image.file_too_large",
            Self::IdImageTooManyPixels { .. } => "id_image.too_many_pixels",
            Self::IdImageAspectRatio { .. } => "id_image.bad_aspect_ratio",
            Self::IdImageCorrupt(_) => "id_image.corrupt",
            Self::IdImageProcessing(_) => "id_image.processing_failed",
            Self::IdImageCropOutside { .. } => "id_image.crop_outside",
            Self::InvalidOid(_) => "admin.invalid_oid",
            Self::SignatureImage { .. } => "admin.signature_image",
            Self::TokenProtected(_) => "admin.token_protected",
            Self::NotEmbeddedSandbox => "sandbox_phone.not_sandbox",
            Self::SandboxPhone(_) => "sandbox_phone.failed",
            Self::PdfEngineUnavailable(_) => "pdf.engine_unavailable",
            Self::PdfNotAPdf => "pdf.not_a_pdf",
            Self::PdfTruncated => "pdf.truncated",
            Self::PdfUnreadable(_) => "pdf.unreadable",
            Self::PdfPasswordRequired => "pdf.password_protected",
            Self::PdfEncrypted => "pdf.encrypted",
            Self::PdfNoPages => "pdf.no_pages",
            Self::PdfPageOutOfRange { .. } => "pdf.page_out_of_range",
            Self::PdfRenderSize(_) => "pdf.invalid_render_size",
            Self::PdfRenderFailed(_) => "pdf.render_failed",
            Self::PdfWorkerStopped(_) => "pdf.worker_stopped",
            Self::PdfTookTooLong { .. } => "pdf.took_too_long",
            Self::PdfFile { source, .. } => source.code(),
        }
    }

    /// Facts that help the officer or support act on the failure: the server's
    /// `details`, the file or field at fault. Never a secret.
    pub fn details(&self) -> Option<String> {
        match self {
            Self::DataDir { path, .. } | Self::UnreadableFile { path, .. } => {
                Some(path.display().to_string())
            }
            Self::InvalidOptimizerUrl(reason) => Some(reason.clone()),
            Self::MissingInput(field) => Some((*field).to_owned()),
            Self::Optimizer(error) => Some(match (error.http_status(), error.details()) {
                (Some(status), Some(details)) => format!("HTTP {status}: {details}"),
                _ => error.to_string(),
            }),
            Self::Sandbox(error) => Some(error.to_string()),
            Self::NotAPdf(reason)
            | Self::NotASignature(reason)
            | Self::InvalidTrustBundle(reason) => Some(reason.clone()),
            Self::UnreadableDocument { name, .. } => Some(name.clone()),
            Self::InvalidIdentity(issues) => Some(
                issues
                    .iter()
                    .map(|issue| format!("{}: {}", issue.field.name(), issue.code.code()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Self::UnknownRequest(id) => Some(id.clone()),
            Self::IntentNotExpected { intent, step } => Some(format!("{intent} at {step}")),
            Self::InvalidDocument { path, reason } | Self::Backup { path, reason } => {
                Some(format!("{}: {reason}", path.display()))
            }
            Self::SignatureNotVerified { file, verdict } => Some(format!("{file}: {verdict}")),
            Self::SandboxTrust(reason) | Self::AuditExport(reason) => Some(reason.clone()),
            Self::WebhookBind { address, reason } => Some(format!("{address}: {reason}")),
            Self::InvalidOid(oid) => Some(oid.clone()),
            Self::SignatureImage { path, reason } => Some(format!("{}: {reason}", path.display())),
            Self::TokenProtected(protection) => Some(protection.code().to_owned()),
            Self::SandboxPhone(reason) => Some(reason.clone()),
            Self::IdImageUnsupported { detected } => Some((*detected).to_owned()),
            Self::IdImageFileTooLarge { bytes, limit } => Some(format!("{bytes} > {limit}")),
            Self::IdImageTooManyPixels { width, height }
            | Self::IdImageAspectRatio { width, height } => Some(format!("{width}×{height}")),
            Self::IdImageCropOutside {
                crop,
                width,
                height,
            } => Some(format!("{crop} in {width}×{height}")),
            Self::IdImageCorrupt(reason)
            | Self::IdImageProcessing(reason)
            | Self::PdfEngineUnavailable(reason)
            | Self::PdfUnreadable(reason)
            | Self::PdfRenderSize(reason)
            | Self::PdfRenderFailed(reason)
            | Self::PdfWorkerStopped(reason) => Some(reason.clone()),
            Self::PdfPageOutOfRange { page, page_count } => {
                Some(format!("page {page} of {page_count}"))
            }
            Self::PdfTookTooLong { limit } => Some(format!("{} s", limit.as_secs_f64())),
            Self::PdfFile { file, source } => Some(match source.details() {
                Some(details) => format!("{file}: {details}"),
                None => file.clone(),
            }),
            _ => None,
        }
    }

    /// True when a call to the Optimizer may have taken effect although its answer
    /// was lost: the step that made it must be reconciled, not repeated blindly.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Optimizer(error) if optimizer_outcome_unknown(error))
    }
}

/// [`oneshot_api::Error::outcome_unknown`], plus a success the station cannot read
/// (a 2xx whose body was cut short or garbled): the Optimizer did the work, so
/// repeating the call would upload, create or sign a second time.
pub(crate) fn optimizer_outcome_unknown(error: &oneshot_api::Error) -> bool {
    error.outcome_unknown()
        || matches!(
            error,
            oneshot_api::Error::Decode { http_status, .. } if (200..300).contains(http_status)
        )
}

fn optimizer_code(error: &oneshot_api::Error) -> &'static str {
    use oneshot_api::Error as Api;
    match error {
        Api::Transport { kind, .. } => match kind {
            TransportKind::Connect => "optimizer.unreachable",
            TransportKind::Timeout => "optimizer.timeout",
            TransportKind::Reset => "optimizer.connection_lost",
            TransportKind::Tls(problem) => tls_code(*problem),
        },
        Api::Api { http_status, .. } => match http_status {
            401 | 403 => "optimizer.forbidden",
            404 => "optimizer.not_found",
            500..=599 => "optimizer.server_error",
            _ => "optimizer.rejected",
        },
        // A proxy's or server's HTML error page (nginx's 502) is the server failing, not
        // an answer the station misread: the officer is told to try again later.
        Api::Decode {
            http_status: 500..=599,
            ..
        } => "optimizer.server_error",
        Api::Decode { .. } => "optimizer.bad_answer",
        Api::InvalidInput(_) => "optimizer.invalid_input",
        Api::Config(_) => "connection.invalid_tls_material",
        Api::Io { .. } => "optimizer.file",
        // The client's error may grow; an unknown case still gets a stable code.
        _ => "optimizer.failed",
    }
}

/// One code per TLS refusal, so the officer is told what to fix: configure the
/// CA, renew or correct the server's certificate, install a client certificate.
fn tls_code(problem: TlsProblem) -> &'static str {
    match problem {
        TlsProblem::UntrustedIssuer => "connection.tls_untrusted",
        TlsProblem::Expired => "connection.tls_expired",
        TlsProblem::NotYetValid => "connection.tls_not_yet_valid",
        TlsProblem::WrongHost => "connection.tls_wrong_host",
        TlsProblem::BadCertificate => "connection.tls_bad_certificate",
        TlsProblem::ClientCertificate => "connection.tls_client_certificate",
        TlsProblem::Handshake => "connection.tls_handshake",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io() -> std::io::Error {
        std::io::Error::other("disk on fire")
    }

    fn api(http_status: u16) -> Error {
        Error::Optimizer(oneshot_api::Error::Api {
            operation: "hello",
            http_status,
            status: http_status.to_string(),
            details: oneshot_api::Details::Text("no".into()),
        })
    }

    /// One error of each kind (transport failures need a real socket; the connection
    /// tests cover `optimizer.unreachable`).
    fn samples() -> Vec<Error> {
        vec![
            Error::NoDataDir,
            Error::DataDir {
                path: "/d".into(),
                source: io(),
            },
            Error::Database(rusqlite::Error::QueryReturnedNoRows),
            Error::CorruptStore("x".into()),
            Error::InvalidOptimizerUrl("x".into()),
            Error::IncompleteClientIdentity,
            Error::UnreadableFile {
                path: "/f".into(),
                source: io(),
            },
            Error::Sandbox(oneshot_sandbox::Error::Task("x".into())),
            api(403),
            api(404),
            api(500),
            api(409),
            Error::Optimizer(oneshot_api::Error::Decode {
                operation: "hello",
                http_status: 200,
                reason: "x".into(),
                excerpt: "<html>".into(),
            }),
            Error::Optimizer(oneshot_api::Error::InvalidInput("x".into())),
            Error::Optimizer(oneshot_api::Error::Config("bad PEM".into())),
            Error::MissingInput("token"),
            Error::UnknownToken,
            Error::InvalidCredentials,
            Error::NotSignedIn,
            Error::Keyring(keyring::Error::NoEntry),
            Error::Task("x".into()),
            Error::NotAPdf("x".into()),
            Error::NoSignature,
            Error::NotASignature("x".into()),
            Error::UnreadableDocument {
                name: "/f".into(),
                source: io(),
            },
            Error::InvalidTrustBundle("x".into()),
            Error::InvalidIdentity(Vec::new()),
            Error::UnknownRequest("r".into()),
            Error::IntentNotExpected {
                intent: "sign",
                step: "upload_documents (pending)".into(),
            },
            Error::OtherOptimizer,
            Error::NoDocuments,
            Error::InvalidDocument {
                path: "/d.pdf".into(),
                reason: "x".into(),
            },
            Error::SignatureNotVerified {
                file: "d.pdf".into(),
                verdict: "untrusted".into(),
            },
            Error::Backup {
                path: "/b".into(),
                reason: "x".into(),
            },
            Error::NoSigningTrust,
            Error::SandboxTrust("x".into()),
            Error::AuditExport("x".into()),
            Error::WebhookBind {
                address: "127.0.0.1:1".into(),
                reason: "x".into(),
            },
            Error::IdImageUnsupported { detected: "gif" },
            Error::IdImageFileTooLarge { bytes: 2, limit: 1 },
            Error::IdImageTooManyPixels {
                width: 1,
                height: 1,
            },
            Error::IdImageAspectRatio {
                width: 1,
                height: 1,
            },
            Error::IdImageCorrupt("x".into()),
            Error::IdImageProcessing("x".into()),
            Error::IdImageCropOutside {
                crop: "1×1 at 0,0".into(),
                width: 1,
                height: 1,
            },
            Error::InvalidOid("1..2".into()),
            Error::SignatureImage {
                path: "/s.png".into(),
                reason: "x".into(),
            },
            Error::TokenProtected(crate::admin::TokenProtection::InUse),
            Error::NotEmbeddedSandbox,
            Error::SandboxPhone("x".into()),
            Error::PdfEngineUnavailable("x".into()),
            Error::PdfNotAPdf,
            Error::PdfTruncated,
            Error::PdfUnreadable("x".into()),
            Error::PdfPasswordRequired,
            Error::PdfEncrypted,
            Error::PdfNoPages,
            Error::PdfPageOutOfRange {
                page: 1,
                page_count: 1,
            },
            Error::PdfRenderSize("x".into()),
            Error::PdfRenderFailed("x".into()),
            Error::PdfWorkerStopped("x".into()),
            Error::PdfTookTooLong {
                limit: std::time::Duration::from_secs(30),
            },
            Error::PdfFile {
                file: "/d.pdf".into(),
                source: Box::new(Error::PdfEncrypted),
            },
        ]
    }

    #[test]
    fn every_code_is_listed_and_dotted_snake_case() {
        for error in samples() {
            let code = error.code();
            assert!(
                ERROR_CODES.contains(&code),
                "{code} is missing from ERROR_CODES"
            );
        }
        for code in ERROR_CODES {
            assert!(
                code.split('.').count() == 2
                    && code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.'),
                "{code}"
            );
        }
    }

    #[test]
    fn every_tls_problem_has_its_own_listed_code() {
        let problems = [
            TlsProblem::UntrustedIssuer,
            TlsProblem::Expired,
            TlsProblem::NotYetValid,
            TlsProblem::WrongHost,
            TlsProblem::BadCertificate,
            TlsProblem::ClientCertificate,
            TlsProblem::Handshake,
        ];
        let codes: std::collections::BTreeSet<_> = problems.into_iter().map(tls_code).collect();
        assert_eq!(codes.len(), problems.len());
        assert!(codes.iter().all(|code| ERROR_CODES.contains(code)));
    }

    #[test]
    fn an_html_error_page_from_the_server_is_a_server_error_not_a_misread_answer() {
        let undecodable = |http_status| {
            Error::Optimizer(oneshot_api::Error::Decode {
                operation: "sign",
                http_status,
                reason: "expected JSON".into(),
                excerpt: "<html><head><title>502 Bad Gateway".into(),
            })
        };
        assert_eq!(undecodable(502).code(), "optimizer.server_error");
        assert_eq!(undecodable(500).code(), "optimizer.server_error");
        assert_eq!(undecodable(200).code(), "optimizer.bad_answer");
    }

    #[test]
    fn a_pdf_failure_about_a_named_file_keeps_its_code_and_names_the_file() {
        let named = |source| Error::PdfFile {
            file: "/in/contract.pdf".into(),
            source: Box::new(source),
        };
        let encrypted = named(Error::PdfEncrypted);
        assert_eq!(encrypted.code(), "pdf.encrypted");
        assert_eq!(encrypted.details().as_deref(), Some("/in/contract.pdf"));
        let crashed = named(Error::PdfWorkerStopped("it was killed by signal 11".into()));
        assert_eq!(crashed.code(), "pdf.worker_stopped");
        assert_eq!(
            crashed.details().as_deref(),
            Some("/in/contract.pdf: it was killed by signal 11")
        );
        assert_eq!(
            named(Error::PdfTookTooLong {
                limit: std::time::Duration::from_secs(30)
            })
            .to_string(),
            "/in/contract.pdf: the PDF took longer than 30 s to read or draw and was stopped"
        );
    }

    #[test]
    fn details_name_the_field_not_a_secret() {
        assert_eq!(Error::MissingInput("pin").details().as_deref(), Some("pin"));
        assert_eq!(Error::UnknownToken.details(), None);
    }
}
