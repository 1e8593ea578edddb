//! What goes into and comes out of signature request calls.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::credentials::RaoCredentials;
use crate::de;
use crate::environment::Environment;
use crate::secret::Secret;
use crate::status::RequestStatus;
use crate::transfer::FileSource;

/// How the signer's identity document identifies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdDocumentType {
    /// National identity card (the Optimizer's default).
    #[serde(rename = "IDC")]
    IdentityCard,
    /// Passport.
    #[serde(rename = "PAS")]
    Passport,
    /// National personal number.
    #[serde(rename = "PNO")]
    PersonalNumber,
    /// Tax identification number.
    #[serde(rename = "TIN")]
    TaxNumber,
    /// Foreigner identity card (`CI`).
    #[serde(rename = "CI")]
    ForeignerCard,
    /// Foreigner residence card (`CE`).
    #[serde(rename = "CE")]
    ResidenceCard,
}

impl IdDocumentType {
    /// The code the Optimizer uses.
    pub fn code(self) -> &'static str {
        match self {
            Self::IdentityCard => "IDC",
            Self::Passport => "PAS",
            Self::PersonalNumber => "PNO",
            Self::TaxNumber => "TIN",
            Self::ForeignerCard => "CI",
            Self::ResidenceCard => "CE",
        }
    }
}

/// The person who will sign.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signer {
    /// Given name.
    pub given_name: String,
    /// First surname.
    pub surname_1: String,
    /// Second surname.
    pub surname_2: Option<String>,
    /// Identity document kind (Optimizer default: identity card).
    pub id_document_type: Option<IdDocumentType>,
    /// Identity document country, ISO 3166-1 alpha-2 (Optimizer default: `ES`).
    pub id_document_country: Option<String>,
    /// Identity document number.
    pub serial_number: String,
    /// E-mail address.
    pub email: String,
    /// Mobile phone number with its international prefix, e.g. `+34600123123`.
    pub mobile_phone_number: String,
}

/// Pictures of the signer's identity document, sent with the request.
#[derive(Debug, Clone, Default)]
pub struct IdImages {
    /// Front side (JPEG or PNG).
    pub document_front: Option<FileSource>,
    /// Rear side (JPEG or PNG).
    pub document_rear: Option<FileSource>,
    /// Selfie holding the document (JPEG or PNG).
    pub document_owner: Option<FileSource>,
    /// Any further document.
    pub extra_document: Option<FileSource>,
}

/// Everything `POST /request` takes.
#[derive(Debug, Clone)]
pub struct NewSignatureRequest {
    /// Who approves the request.
    pub credentials: RaoCredentials,
    /// Who signs.
    pub signer: Signer,
    /// Identity document pictures.
    pub images: IdImages,
    /// Certificate profile, when not the Optimizer's default.
    pub profile: Option<String>,
    /// Registration Authority id, when not the Optimizer's default.
    pub registration_authority: Option<String>,
    /// Environment, when not the Optimizer's default.
    pub env: Option<Environment>,
    /// Billing user name, when not in the Optimizer's settings.
    pub billing_username: Option<String>,
    /// Billing password (base64), when not in the Optimizer's settings.
    pub billing_password: Option<Secret>,
    /// Asynchronous mode: sign answers at once, progress comes by webhook.
    pub asynchronous: Option<AsyncMode>,
    /// Language of messages to the signer (`ES`, `EN`, `PL`).
    pub communication_language: Option<String>,
    /// Fields some certificate profiles require (residence, address,
    /// special conditions…), sent as given.
    pub profile_fields: BTreeMap<String, String>,
}

impl NewSignatureRequest {
    /// A request with only the required parts; set the rest as needed.
    pub fn new(credentials: RaoCredentials, signer: Signer) -> Self {
        Self {
            credentials,
            signer,
            images: IdImages::default(),
            profile: None,
            registration_authority: None,
            env: None,
            billing_username: None,
            billing_password: None,
            asynchronous: None,
            communication_language: None,
            profile_fields: BTreeMap::new(),
        }
    }
}

/// The asynchronous workflow's webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsyncMode {
    /// Where the Optimizer posts progress, if anywhere.
    pub callback: Option<String>,
}

/// A signature request as `GET /request/{pk}` describes it.
///
/// The fields the station relies on are typed; everything else the Optimizer
/// sends is kept in [`SignatureRequestInfo::other`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureRequestInfo {
    /// The request pk.
    #[serde(deserialize_with = "de::pk")]
    pub pk: u64,
    /// Where the request stands.
    pub status: RequestStatus,
    /// The scratchcard id, needed to update a Video ID request.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub scratchcard: Option<String>,
    /// Given name.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub given_name: Option<String>,
    /// First surname.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub surname_1: Option<String>,
    /// Second surname.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub surname_2: Option<String>,
    /// E-mail.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub email: Option<String>,
    /// Mobile phone number.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub mobile_phone_number: Option<String>,
    /// Identity document number.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub serial_number: Option<String>,
    /// Identity document kind as the Optimizer wrote it.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub id_document_type: Option<String>,
    /// Identity document country.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub id_document_country: Option<String>,
    /// Certificate profile.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub profile: Option<String>,
    /// Registration Authority id.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub registration_authority: Option<String>,
    /// Whether this is a Video ID request.
    #[serde(default, deserialize_with = "de::flag")]
    pub videoid_mode: bool,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// How the OTP reaches the signer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryMethod {
    /// Text message.
    Sms,
    /// WhatsApp message.
    Whatsapp,
}

/// The body of `POST /sign/{pk}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SignOptions {
    /// The OTP the signer received, or the external authentication code.
    pub secret: Secret,
    /// External authentication method (W2), e.g. `biometric`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ext_unlock_type: Option<String>,
    /// External authentication request id (W2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ext_unlock_value: Option<String>,
    /// `false` leaves the text out of the visible signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_signature_text: Option<bool>,
    /// Metadata uid from [`Metadata::upload`](crate::Metadata::upload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// Text of the visible signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_format: Option<SignatureFormat>,
    /// A countersignature by a SignCloud account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countersignature: Option<Countersignature>,
    /// Visible signature per document uid.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, VisibleSignature>,
}

impl SignOptions {
    /// Sign with an OTP code (W1).
    pub fn with_otp(code: impl Into<Secret>) -> Self {
        Self {
            secret: code.into(),
            ..Self::default()
        }
    }

    /// Sign after an external authentication (W2).
    pub fn with_external_authentication(
        code: impl Into<Secret>,
        unlock_type: impl Into<String>,
        unlock_value: impl Into<String>,
    ) -> Self {
        Self {
            secret: code.into(),
            ext_unlock_type: Some(unlock_type.into()),
            ext_unlock_value: Some(unlock_value.into()),
            ..Self::default()
        }
    }
}

/// Where and how the signature shows on one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VisibleSignature {
    /// Rectangle in points from the bottom-left corner: `"x1, y1, x2, y2"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Page, the first being 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Image uid from [`Images::upload`](crate::Images::upload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Whether the countersignature goes on this document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usecountersignature: Option<bool>,
}

/// The text of a visible signature.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SignatureFormat {
    /// Lines, with `%(CN)s`, `%(SUBJECT)s`, `%(DATE)s`, `%(E)s` placeholders.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_format: Vec<String>,
    /// strftime-style date format, e.g. `%d/%m/%Y %H:%M:%S`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// Time zone, e.g. `Europe/Madrid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// A countersignature by a SignCloud account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Countersignature {
    /// SignCloud user name.
    pub username: String,
    /// SignCloud password.
    pub password: Secret,
    /// SignCloud PIN.
    pub pin: Secret,
    /// Rectangle `"x1, y1, x2, y2"` in points.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Page, the first being 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Orientation of the graphic signature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub horizontal: Option<String>,
    /// Text of the countersignature.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_format: Option<SignatureFormat>,
}
