//! The officer's domain: workflows, vault, audit trail and verification.
//!
//! No Tauri here: the desktop shell (`oneshot-station`) is a thin layer of commands
//! over [`Station`]. Types the UI receives derive [`ts_rs::TS`] so the shell can
//! generate their TypeScript declarations.

mod admin;
mod audit;
mod backup;
mod connection;
mod data_dir;
mod error;
mod events;
mod id_images;
mod identity;
mod optimizer;
mod pdf;
mod sandbox_host;
mod sandbox_phone;
mod station;
mod store;
mod vault;
mod verification;
mod webhook;
mod workflows;

pub use admin::{
    AdminService, AdminSettings, AdminToken, CreatedToken, MetadataEntry, NewMetadata, NewRaoToken,
    OptimizerEnvironment, OptimizerHealth, OptimizerHost, SettingsUpdate, SignatureImage,
    SignatureImagePreview, TokenProtection,
};
pub use audit::{
    AuditAction, AuditEntry, AuditExportFormat, AuditOutcome, AuditProblem, AuditTrail,
    AuditVerification, DocumentDigest, GENESIS_HASH, NewAuditEntry,
};
pub use backup::{BackupFolder, sanitized_file_name, write_file_atomically};
pub use connection::{
    ConnectionOverview, ConnectionReport, ConnectionService, RaoSession, SignIn, SignInMethod,
    TokenSummary,
};
pub use data_dir::{DATA_DIR_ENV, DataDir};
pub use error::{ERROR_CODES, Error, Result};
pub use events::{EventBus, SignStage, StationEvent};
pub use id_images::{
    CropRect, ID_IMAGE_HINT_CODES, ID_IMAGE_MAX_ASPECT_RATIO, ID_IMAGE_MAX_FILE_BYTES,
    ID_IMAGE_MAX_JPEG_BYTES, ID_IMAGE_MAX_LONG_SIDE, ID_IMAGE_MAX_PIXELS, ID_IMAGE_MIN_LONG_SIDE,
    IdImageEdit, IdImageFolder, IdImageReport, ImageMeasurements, ImageQualityHint,
    NormalizedIdImage, PreparedIdImage, normalize_edited_id_image,
    normalize_edited_id_image_blocking, normalize_id_image, normalize_id_image_blocking,
};
pub use identity::{
    DOCUMENT_NUMBER_MAX_CHARS, EMAIL_MAX_CHARS, FieldIssue, IDENTITY_ISSUE_CODES, IdDocumentKind,
    IdentityCheck, IdentityField, IdentityIssueCode, NAME_MAX_CHARS, PASSPORT_MAX_CHARS,
    SignerIdentity, SignerLanguage, ValidSignerIdentity, check_identity, country_codes,
    is_country_code,
};
pub use optimizer::{OptimizerProfile, RemoteOptimizer};
pub use pdf::{
    OpenedPdf, PDF_MAX_RENDER_PIXELS, PDF_RENDER_CACHE_BYTES, PDF_WORKER_DEADLINE, PDF_WORKER_FLAG,
    PDF_WORKER_LIBRARY_ENV, PDFIUM_LIB_ENV, PDFIUM_PROVISIONING_HINT, PageSize, PdfService,
    PdfServiceConfig, PdfSummary, PdfWorkerCommand, PixelFormat, RenderCacheStats, RenderSize,
    RenderedPage, locate_pdfium, serve_worker_process,
};
pub use sandbox_host::{EmbeddedSandbox, SandboxStatus};
pub use sandbox_phone::{PhoneMessage, SandboxPhone, VideoIdOutcome};
pub use station::Station;
pub use store::{ProfileId, Profiles, Sessions, Store};
pub use vault::{KEYRING_SERVICE, SecretKind, Vault, VaultStatus};
pub use verification::{
    CertificateSummary, ClaimedSigningTime, ClaimedSigningTimeSource, PadesLevel,
    SignatureIntegrity, SignatureKind, SignatureReport, SignatureTrust, SignedDocumentKind,
    TimestampReport, TrustStore, VerificationReport, VerificationVerdict, verify_detached_cms,
    verify_detached_cms_at, verify_detached_cms_files, verify_pdf, verify_pdf_at, verify_pdf_file,
};

/// Secrets travel as this type from the UI's commands down to the Optimizer.
pub use oneshot_api::Secret;
pub use webhook::{MAX_NOTIFICATION_BYTES, WEBHOOK_PREFIX, WebhookNotification, WebhookReceiver};
pub use workflows::{
    DocumentToSign, DocumentView, EvidenceAcceptance, EvidenceChecks, EvidenceOcr,
    ExternalAuthentication, IdImagePaths, OfficerTask, OtpChannel, PollingSettings,
    ProfileDefaults, RequestId, RequestPhase, ReviewPicture, ReviewPictureKind, ReviewVideo,
    ServicesStatus, SignatureRequestDraft, SignatureRequestSummary, SignatureRequestView,
    SignerCorrection, StepName, StepState, StepView, VideoIdEvidence, VideoIdQueueEntry,
    VideoIdReview, VisibleSignatureSpec, WebhookSettings, WorkflowKind, WorkflowOptions,
    WorkflowServices, Workflows, plan,
};
#[cfg(feature = "test-hooks")]
pub use workflows::{STOP_AFTER_ENV, boundaries_passed, set_client_timeout};

/// The `User-Agent` the station sends to Optimizers.
pub(crate) const USER_AGENT: &str = concat!("oneshot-station/", env!("CARGO_PKG_VERSION"));
