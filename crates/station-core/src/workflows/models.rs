//! What the officer submits to start a workflow, and what the UI is shown of one.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::evidence::VideoIdEvidence;
use super::states::{RequestId, RequestPhase, StepName, StepState, WorkflowKind};
use crate::identity::SignerIdentity;

/// "Given Surname1 Surname2" for lists, or the e-mail before a Video ID told the name.
pub(crate) fn display_name(signer: &SignerIdentity) -> String {
    let name = [
        Some(signer.given_name.as_str()),
        Some(signer.surname_1.as_str()),
        signer.surname_2.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    if name.is_empty() {
        signer.email.clone()
    } else {
        name
    }
}

/// Pictures of the signer's identity document, as local files (W1–W4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct IdImagePaths {
    /// Front side.
    pub document_front: Option<PathBuf>,
    /// Rear side.
    pub document_rear: Option<PathBuf>,
    /// Selfie holding the document.
    pub document_owner: Option<PathBuf>,
    /// Any further document.
    pub extra_document: Option<PathBuf>,
}

/// A local file to sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentToSign {
    /// The file: a PDF, or for a hash signature (W3) any file.
    pub path: PathBuf,
    /// Where the signature shows on this document, when it should show.
    #[serde(default)]
    pub visible_signature: Option<VisibleSignatureSpec>,
}

/// Where and how a signature shows on a PDF.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct VisibleSignatureSpec {
    /// Page, the first being 0.
    pub page: Option<u32>,
    /// Rectangle in points from the bottom-left corner: `"x1, y1, x2, y2"`.
    pub position: Option<String>,
    /// Uid of an image uploaded to the Optimizer for the signature.
    pub image: Option<String>,
}

/// How the signer receives the one-time code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OtpChannel {
    /// Text message.
    Sms,
    /// WhatsApp message.
    Whatsapp,
}

/// The external authentication the signer passed (W2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExternalAuthentication {
    /// The method, e.g. `biometric`.
    pub unlock_type: String,
    /// The external system's id of the authentication.
    pub unlock_value: String,
}

/// Choices for one request beyond the signer and documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkflowOptions {
    /// OTP channel (W1, W3, W4, W5, W6); the Optimizer's default is SMS.
    pub delivery_method: Option<OtpChannel>,
    /// Required for W2.
    pub external_authentication: Option<ExternalAuthentication>,
    /// Certificate profile, when not the Optimizer's default.
    pub profile: Option<String>,
    /// Registration Authority id, when not the Optimizer's default.
    pub registration_authority: Option<String>,
    /// Video ID mode as the Registration Authority defines it (W5, W6).
    pub videoid_mode: Option<u32>,
    /// The external platform's evidences and video (W6).
    pub evidence: Option<VideoIdEvidence>,
}

/// Everything the officer submits to start a workflow. For Video ID (W5, W6) only
/// the signer's e-mail and mobile number are needed; the rest comes from the video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureRequestDraft {
    /// Which workflow.
    pub kind: WorkflowKind,
    /// Who signs.
    pub signer: SignerIdentity,
    /// ID pictures (W1–W4).
    #[serde(default)]
    pub id_images: IdImagePaths,
    /// Files to sign; for Video ID they may also be added after approval.
    #[serde(default)]
    pub documents: Vec<DocumentToSign>,
    /// Further choices.
    #[serde(default)]
    pub options: WorkflowOptions,
}

/// Corrected signer data for a Video ID request (`PUT /request/{pk}`); the station
/// fetches the scratchcard itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SignerCorrection {
    /// Given name.
    pub given_name: Option<String>,
    /// First surname.
    pub surname_1: Option<String>,
    /// Second surname.
    pub surname_2: Option<String>,
    /// Birth date as the Optimizer expects it.
    pub birth_date: Option<String>,
    /// Mobile phone number.
    pub mobile_phone_number: Option<String>,
    /// Document number.
    pub serial_number: Option<String>,
    /// E-mail; the current one is kept when empty.
    pub email: Option<String>,
    /// Document country, ISO 3166-1 alpha-2; the current one is kept when empty.
    pub country_name: Option<String>,
}

/// A signature request with its steps and documents, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureRequestView {
    /// The station's id.
    pub id: RequestId,
    /// Which workflow.
    pub kind: WorkflowKind,
    /// Where it stands.
    pub phase: RequestPhase,
    /// What the officer must do now, if anything.
    pub officer_task: Option<OfficerTask>,
    /// The RAO who started it.
    pub officer: String,
    /// Who signs.
    pub signer: SignerIdentity,
    /// The Optimizer's pk, once created.
    #[ts(type = "number | null")]
    pub optimizer_pk: Option<u64>,
    /// The link the signer opens for the video session (W5).
    pub videoid_link: Option<String>,
    /// The Optimizer's last known status word.
    pub server_status: Option<String>,
    /// The folder holding the contract and signed documents.
    pub backup_folder: PathBuf,
    /// Steps in order.
    pub steps: Vec<StepView>,
    /// Documents in upload order.
    pub documents: Vec<DocumentView>,
    /// When it was started (UTC, RFC 3339).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the officer must do for a request to go on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "task", rename_all = "camelCase")]
pub enum OfficerTask {
    /// Add the documents to sign (Video ID requests created without them).
    AddDocuments,
    /// Show the service contract to the signer, then confirm.
    #[serde(rename_all = "camelCase")]
    ShowContract {
        /// The contract, saved in the backup folder.
        contract: PathBuf,
    },
    /// Type the code the signer received (or the external authentication code).
    #[serde(rename_all = "camelCase")]
    EnterCode {
        /// True for an external authentication code (W2), false for an OTP.
        external: bool,
        /// Why the last attempt did not sign, as an error code.
        last_error: Option<String>,
    },
    /// Review the Video ID session: approve, refuse with a reason, correct or cancel.
    #[serde(rename_all = "camelCase")]
    ReviewVideoId {
        /// The Optimizer's status, e.g. `VIDEOREVIEW`.
        status: Option<String>,
    },
    /// A step failed; retry it once the cause is fixed.
    #[serde(rename_all = "camelCase")]
    Retry {
        /// The step.
        step: StepName,
        /// The error code.
        error_code: Option<String>,
        /// Facts about the failure.
        error_details: Option<String>,
    },
}

/// One step as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepView {
    /// The step.
    pub step: StepName,
    /// Its state.
    pub state: StepState,
    /// How many times it was started.
    pub attempts: u32,
    /// The last error's code.
    pub error_code: Option<String>,
    /// The last error's facts.
    pub error_details: Option<String>,
    /// When it last started.
    pub started_at: Option<String>,
    /// When it finished.
    pub finished_at: Option<String>,
}

/// One document as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    /// Position in upload order, from 0.
    pub position: u32,
    /// The file name.
    pub file_name: String,
    /// The local file chosen.
    pub source_path: PathBuf,
    /// SHA-256 of the local file when it was added.
    pub source_sha256: String,
    /// The Optimizer's uid once uploaded.
    pub server_uid: Option<String>,
    /// The signed file in the backup folder.
    pub signed_path: Option<PathBuf>,
    /// Its SHA-256.
    pub signed_sha256: Option<String>,
    /// The local verification's conclusion, once verified.
    pub verification: Option<String>,
}

/// One open Video ID request in the officer's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VideoIdQueueEntry {
    /// The station's request.
    pub request: RequestId,
    /// The Optimizer's pk.
    #[ts(type = "number")]
    pub optimizer_pk: u64,
    /// The Optimizer's status word.
    pub status: String,
    /// Who is being identified.
    pub signer: String,
    /// The Registration Authority, when known.
    pub registration_authority: Option<String>,
    /// When the request was created (UTC, RFC 3339).
    pub created_at: String,
    /// Seconds since creation, when the queue was read.
    #[ts(type = "number")]
    pub age_seconds: u64,
    /// When its status last changed.
    pub updated_at: String,
}
