//! The TypeScript declarations of everything the UI sends and receives, generated from
//! the Rust types into `ui/src/lib/generated/bindings.ts`. The test fails when the
//! committed file is out of date; `UPDATE_BINDINGS=1 cargo test -p oneshot-station
//! bindings` rewrites it.

use station_core::{
    AdminSettings, AdminToken, ConnectionOverview, ConnectionReport, CreatedToken, ERROR_CODES,
    MetadataEntry, NewMetadata, NewRaoToken, OptimizerEnvironment, OptimizerHealth, OptimizerHost,
    OptimizerProfile, PhoneMessage, RaoSession, RemoteOptimizer, SandboxStatus, SettingsUpdate,
    SignIn, SignInMethod, SignatureImage, SignatureImagePreview, TokenProtection, TokenSummary,
    VaultStatus, VideoIdOutcome,
};
// The Sign screen's types.
use station_core::{
    CertificateSummary, ClaimedSigningTime, ClaimedSigningTimeSource, DocumentToSign, DocumentView,
    EvidenceAcceptance, EvidenceChecks, EvidenceOcr, ExternalAuthentication, FieldIssue,
    ID_IMAGE_HINT_CODES, IDENTITY_ISSUE_CODES, IdDocumentKind, IdImagePaths, IdImageReport,
    IdentityCheck, IdentityField, IdentityIssueCode, ImageMeasurements, ImageQualityHint,
    OfficerTask, OtpChannel, PadesLevel, PageSize, PdfSummary, ProfileDefaults, RenderSize,
    RequestId, RequestPhase, SignStage, SignatureIntegrity, SignatureKind, SignatureReport,
    SignatureRequestDraft, SignatureRequestSummary, SignatureRequestView, SignatureTrust,
    SignedDocumentKind, SignerIdentity, SignerLanguage, StationEvent, StepName, StepState,
    StepView, TimestampReport, VerificationReport, VerificationVerdict, VideoIdEvidence,
    VisibleSignatureSpec, WorkflowKind, WorkflowOptions,
};
// The ID capture step's types.
use station_core::{CropRect, IdImageEdit, PreparedIdImage};
// The Video ID and Audit screens' types.
use station_core::{
    AuditAction, AuditEntry, AuditExportFormat, AuditOutcome, AuditProblem, AuditVerification,
    DocumentDigest, ReviewPicture, ReviewPictureKind, ReviewVideo, SignerCorrection,
    VideoIdQueueEntry, VideoIdReview,
};
use ts_rs::TS;

use crate::commands::hash_sign::{FileDigest, SignatureBeside};
use crate::commands::pdf::PageImage;
use crate::error::ErrorPayload;
use crate::events::{CONNECTION_CHANGED, STATION_EVENT};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ui/src/lib/generated/bindings.ts"
);

fn render() -> String {
    let declarations = [
        ErrorPayload::decl(),
        OptimizerProfile::decl(),
        RemoteOptimizer::decl(),
        SandboxStatus::decl(),
        VaultStatus::decl(),
        SignInMethod::decl(),
        RaoSession::decl(),
        ConnectionOverview::decl(),
        SignIn::decl(),
        ConnectionReport::decl(),
        TokenSummary::decl(),
        OptimizerHealth::decl(),
        OptimizerHost::decl(),
        OptimizerEnvironment::decl(),
        AdminSettings::decl(),
        SettingsUpdate::decl(),
        TokenProtection::decl(),
        AdminToken::decl(),
        NewRaoToken::decl(),
        CreatedToken::decl(),
        NewMetadata::decl(),
        MetadataEntry::decl(),
        SignatureImage::decl(),
        SignatureImagePreview::decl(),
        PhoneMessage::decl(),
        VideoIdOutcome::decl(),
        // Sign screen.
        SignerLanguage::decl(),
        IdDocumentKind::decl(),
        SignerIdentity::decl(),
        IdentityField::decl(),
        IdentityIssueCode::decl(),
        FieldIssue::decl(),
        IdentityCheck::decl(),
        ImageQualityHint::decl(),
        ImageMeasurements::decl(),
        IdImageReport::decl(),
        CropRect::decl(),
        IdImageEdit::decl(),
        PreparedIdImage::decl(),
        ProfileDefaults::decl(),
        PageSize::decl(),
        PdfSummary::decl(),
        RenderSize::decl(),
        PageImage::decl(),
        RequestId::decl(),
        WorkflowKind::decl(),
        RequestPhase::decl(),
        StepName::decl(),
        StepState::decl(),
        IdImagePaths::decl(),
        VisibleSignatureSpec::decl(),
        DocumentToSign::decl(),
        OtpChannel::decl(),
        ExternalAuthentication::decl(),
        EvidenceAcceptance::decl(),
        EvidenceOcr::decl(),
        EvidenceChecks::decl(),
        VideoIdEvidence::decl(),
        WorkflowOptions::decl(),
        SignatureRequestDraft::decl(),
        OfficerTask::decl(),
        StepView::decl(),
        DocumentView::decl(),
        SignatureRequestView::decl(),
        SignatureRequestSummary::decl(),
        SignStage::decl(),
        StationEvent::decl(),
        VerificationVerdict::decl(),
        SignedDocumentKind::decl(),
        SignatureKind::decl(),
        CertificateSummary::decl(),
        ClaimedSigningTimeSource::decl(),
        ClaimedSigningTime::decl(),
        SignatureIntegrity::decl(),
        SignatureTrust::decl(),
        TimestampReport::decl(),
        PadesLevel::decl(),
        SignatureReport::decl(),
        VerificationReport::decl(),
        // Hash sign screen.
        FileDigest::decl(),
        SignatureBeside::decl(),
        // Video ID and Audit screens.
        VideoIdQueueEntry::decl(),
        ReviewPictureKind::decl(),
        ReviewPicture::decl(),
        ReviewVideo::decl(),
        VideoIdReview::decl(),
        SignerCorrection::decl(),
        AuditAction::decl(),
        AuditOutcome::decl(),
        DocumentDigest::decl(),
        AuditEntry::decl(),
        AuditProblem::decl(),
        AuditVerification::decl(),
        AuditExportFormat::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings` instead.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "/** Event carrying a ConnectionOverview whenever the connection state changes. */\n\
         export const CONNECTION_CHANGED_EVENT = {CONNECTION_CHANGED:?};\n\n"
    ));
    out.push_str(&format!(
        "/** Event carrying a StationEvent whenever a signature request moves. */\n\
         export const STATION_EVENT = {STATION_EVENT:?};\n\n"
    ));
    push_codes(
        &mut out,
        "Every stable error code the backend can answer.",
        "ERROR_CODES",
        ERROR_CODES,
    );
    out.push_str("export type ErrorCode = (typeof ERROR_CODES)[number];\n\n");
    push_codes(
        &mut out,
        "Every issue code of the signer's data checks.",
        "IDENTITY_ISSUE_CODES",
        IDENTITY_ISSUE_CODES,
    );
    push_codes(
        &mut out,
        "Every quality hint about an ID picture.",
        "ID_IMAGE_HINT_CODES",
        ID_IMAGE_HINT_CODES,
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn push_codes(out: &mut String, doc: &str, name: &str, codes: &[&str]) {
    out.push_str(&format!("/** {doc} */\nexport const {name} = [\n"));
    for code in codes {
        out.push_str(&format!("  {code:?},\n"));
    }
    out.push_str("] as const;\n\n");
}

#[test]
fn bindings_are_up_to_date() {
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(PATH, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == fresh,
        "{PATH} is out of date: run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings`"
    );
}
