//! The signature request as the sandbox keeps it: who signs, how they were
//! identified, where the request stands and what was issued.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::otp::PendingOtp;

/// Where a request stands in its lifecycle, with the Optimizer's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RequestStatus {
    /// Video ID request waiting for the end user's session or evidences.
    VideoPending,
    /// Video ID evidences complete: waiting for the officer's review.
    VideoReview,
    /// The end user's session or evidences were incomplete.
    VideoIncomplete,
    /// The end user's session or upload failed.
    VideoError,
    /// Approved: documents can be added, an OTP sent and the request signed.
    EnrollReady,
    /// The one-shot certificate was issued and the documents signed.
    Issued,
    /// The officer refused the Video ID request.
    Refused,
}

impl RequestStatus {
    /// The word the API shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VideoPending => "VIDEOPENDING",
            Self::VideoReview => "VIDEOREVIEW",
            Self::VideoIncomplete => "VIDEOINCOMPLETE",
            Self::VideoError => "VIDEOERROR",
            Self::EnrollReady => "ENROLLREADY",
            Self::Issued => "ISSUED",
            Self::Refused => "REFUSED",
        }
    }

    /// True while the Video ID session may still deliver evidences.
    pub fn awaits_video_evidence(self) -> bool {
        matches!(
            self,
            Self::VideoPending | Self::VideoReview | Self::VideoIncomplete | Self::VideoError
        )
    }
}

impl std::fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Progress of a request created with `useasync=true`, as `GET async/status` words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AsyncStage {
    /// Ready: waiting for the sign call.
    Approved,
    /// Sign accepted: the certificate is being issued and the documents signed.
    Pending,
    /// Every document is signed.
    Signed,
    /// The background signature failed; the request can be signed again.
    Failed,
}

impl AsyncStage {
    /// The word the API shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Pending => "pending",
            Self::Signed => "signed",
            Self::Failed => "failed",
        }
    }
}

/// The person the one-shot certificate will name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub given_name: Option<String>,
    pub surname_1: Option<String>,
    pub surname_2: Option<String>,
    pub birth_date: Option<String>,
    /// Number of the identity document.
    pub serial_number: Option<String>,
    /// IDC, PAS, PNO, TIN, CI or CE.
    pub id_document_type: String,
    /// ISO 3166-1 alpha-2 country of the identity document.
    pub id_document_country: String,
    pub email: String,
    pub mobile_phone_number: String,
    pub communication_language: Option<String>,
    pub residence: Option<String>,
    pub residence_city: Option<String>,
    pub residence_postal_code: Option<String>,
    pub residence_address: Option<String>,
    pub special_conditions: Option<String>,
}

impl Signer {
    /// "Given Surname1 Surname2", skipping what is unknown.
    pub fn full_name(&self) -> String {
        [&self.given_name, &self.surname_1, &self.surname_2]
            .into_iter()
            .filter_map(|part| part.as_deref().map(str::trim).filter(|s| !s.is_empty()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Fields a certificate cannot be issued without, when they are missing.
    pub fn missing_for_issuance(&self) -> Vec<&'static str> {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        let mut missing = Vec::new();
        if blank(&self.given_name) {
            missing.push("given_name");
        }
        if blank(&self.surname_1) {
            missing.push("surname_1");
        }
        if blank(&self.serial_number) {
            missing.push("serial_number");
        }
        missing
    }
}

/// An identity-document picture sent with the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityImage {
    /// The form field: document_front, document_rear, document_owner, extra_document.
    pub field: String,
    /// File name under the request's `identity/` directory.
    pub file: String,
    pub mime: String,
}

/// The Video ID side of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoIdSession {
    pub videoid_pk: u64,
    /// The `videoid_mode` the caller sent, kept as given.
    pub mode: serde_json::Value,
    pub link: String,
    /// Where status changes are POSTed.
    pub webhook_url: Option<String>,
    /// True once evidences with every required item were uploaded.
    pub evidences_complete: bool,
    /// The uploaded video, if any.
    pub video: Option<StoredVideo>,
    pub refusal_reason: Option<String>,
}

/// A Video ID recording as uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVideo {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
}

/// The one-shot certificate issued at signature time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    /// DER, base64.
    pub data: String,
    pub issued_at: String,
    pub profile: String,
}

/// One signature request (`requests/<pk>/request.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignatureRequest {
    pub pk: u64,
    pub status: RequestStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub signer: Signer,
    pub profile: String,
    pub registration_authority: String,
    /// Username of the officer whose credentials created the request.
    pub registering_rao: Option<String>,
    /// Officer who approved it (Video ID) and the `rao` id they gave.
    pub approving_rao: Option<String>,
    pub approving_rao_id: Option<String>,
    pub env: String,
    pub billing_username: String,
    /// Shown by GET request; required to change the request with PUT.
    pub scratchcard: String,
    pub useasync: bool,
    pub callback: Option<String>,
    pub async_stage: Option<AsyncStage>,
    pub videoid: Option<VideoIdSession>,
    pub identity_images: Vec<IdentityImage>,
    pub otp: Option<PendingOtp>,
    pub certificate: Option<IssuedCertificate>,
    /// Why the last background signature failed (async mode).
    pub last_error: Option<String>,
}

impl SignatureRequest {
    /// Where status-change notifications go: the Video ID webhook, if any.
    pub fn webhook_url(&self) -> Option<&str> {
        self.videoid.as_ref().and_then(|v| v.webhook_url.as_deref())
    }
}
