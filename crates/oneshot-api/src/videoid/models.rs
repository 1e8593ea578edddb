//! What goes into and comes out of Video ID calls.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::de;
use crate::environment::Environment;
use crate::requests::IdDocumentType;
use crate::secret::Secret;

/// The body of `POST /videoid`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewVideoIdRequest {
    /// Signer's mobile phone number with its international prefix.
    pub mobile_phone_number: String,
    /// Signer's e-mail.
    pub email: String,
    /// Registration Authority id, when not the Optimizer's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_authority: Option<String>,
    /// Certificate profile, when not the Optimizer's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Billing user name, when not in the Optimizer's settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_username: Option<String>,
    /// Billing password (base64), when not in the Optimizer's settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_password: Option<Secret>,
    /// Where status changes are posted (not for external mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Environment, when not the Optimizer's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Environment>,
    /// Video ID mode as the Registration Authority defines it (e.g. `1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub videoid_mode: Option<u32>,
}

/// What `POST /videoid` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VideoIdCreated {
    /// The Video ID session pk.
    #[serde(deserialize_with = "de::pk")]
    pub videoid_pk: u64,
    /// The link the signer opens for the video session (empty in external mode).
    #[serde(default, deserialize_with = "de::text")]
    pub videoid_link: String,
    /// The signature request pk, used by every later call.
    #[serde(deserialize_with = "de::pk")]
    pub request_pk: u64,
}

/// The body of `POST /videoid/{pk}/evidences` (external mode, W6).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evidences {
    /// The signer's acceptance of terms and privacy policy.
    pub acceptance: Acceptance,
    /// Pictures, OCR, checks and face similarity.
    pub videoid_data: VideoIdData,
}

/// The signer's acceptance; free-form beyond the usual fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Acceptance {
    /// What was accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Privacy policy URL.
    #[serde(
        rename = "url-doc-privacypolicy",
        skip_serializing_if = "Option::is_none"
    )]
    pub privacy_policy_url: Option<String>,
    /// Terms and conditions URL.
    #[serde(
        rename = "url-doc-termsconditions",
        skip_serializing_if = "Option::is_none"
    )]
    pub terms_url: Option<String>,
    /// Video ID platform URL.
    #[serde(rename = "url-web-videoid", skip_serializing_if = "Option::is_none")]
    pub videoid_url: Option<String>,
    /// The signer's IP address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// The signer's browser.
    #[serde(rename = "user-agent", skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// When it was accepted (text or epoch milliseconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<serde_json::Value>,
    /// Any further fields.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// Evidence gathered by the external Video ID platform.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VideoIdData {
    /// Pictures, base64.
    pub images: EvidenceImages,
    /// Text read from the identity document.
    pub ocr_data: OcrData,
    /// Checks the platform made.
    pub security_checks: SecurityChecks,
    /// How alike the document photo and the selfie are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity_level: Option<SimilarityLevel>,
}

/// Evidence pictures, each base64 of a JPEG or PNG.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceImages {
    /// Document front.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_front: Option<String>,
    /// Document rear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_rear: Option<String>,
    /// The photo on the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_photo: Option<String>,
    /// The signer's selfie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_owner: Option<String>,
}

/// Text read from the identity document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OcrData {
    /// Given name.
    pub given_name: String,
    /// First surname.
    pub surname_1: String,
    /// Second surname.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname_2: Option<String>,
    /// Document number.
    pub serial_number: String,
    /// Mobile phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_phone_number: Option<String>,
    /// E-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Document kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_document_type: Option<IdDocumentType>,
    /// Document country, ISO 3166-1 alpha-2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_document_country: Option<String>,
}

/// Checks of the identity session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SecurityChecks {
    /// OTP validated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub otp_validation: Option<bool>,
    /// Document matches official registers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents_match: Option<bool>,
    /// Document data not corrupted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_integrity: Option<bool>,
    /// Document is not a copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_notcopy: Option<bool>,
    /// Document not expired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_notexpired: Option<bool>,
    /// Signer not under age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_notunderage: Option<bool>,
    /// Signer is a live person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveliness: Option<bool>,
}

/// Face similarity: a score 0–100 or a word such as `high`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SimilarityLevel {
    /// Score from 0 to 100.
    Score(u8),
    /// A word, e.g. `high`.
    Word(String),
}

/// The body of `PUT /request/{pk}`: corrected signer data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestUpdate {
    /// The scratchcard from [`Requests::get`](crate::Requests::get).
    pub scratchcard: String,
    /// E-mail.
    pub email: String,
    /// Registration Authority id.
    pub registration_authority: String,
    /// Certificate profile.
    pub profile: String,
    /// Document country, ISO 3166-1 alpha-2.
    pub country_name: String,
    /// Given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// First surname.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname_1: Option<String>,
    /// Second surname.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname_2: Option<String>,
    /// Birth date as the Optimizer expects it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Mobile phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile_phone_number: Option<String>,
    /// Document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
}
