//! What the administration service takes and answers: the UI's view of the
//! Optimizer's own configuration.

use oneshot_api::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Is the Optimizer up, which release, and how fast it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptimizerHealth {
    /// The base URL called.
    pub url: String,
    /// hello's greeting, e.g. `Hello`.
    pub greeting: String,
    /// The product name, e.g. `OneShot Optimizer`.
    pub name: String,
    /// The release, e.g. `1.5.0`.
    pub version: String,
    /// The machine the Optimizer runs on, as it describes itself.
    pub host: OptimizerHost,
    /// Round trip of hello, in milliseconds.
    pub hello_millis: u32,
    /// Round trip of version, in milliseconds.
    pub version_millis: u32,
}

/// The machine an Optimizer runs on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OptimizerHost {
    /// Host name.
    pub hostname: String,
    /// Operating system, e.g. `Linux`.
    pub system: String,
    /// Kernel release.
    pub release: String,
    /// Architecture, e.g. `x86_64`.
    pub machine: String,
}

/// Which certificates the Optimizer issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OptimizerEnvironment {
    /// Test certificates.
    Sandbox,
    /// Real, qualified certificates.
    Prod,
}

/// The Optimizer's settings the officer manages. The billing password is never
/// shown: only whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdminSettings {
    /// Default timestamp authority URL.
    pub tsa_url: Option<String>,
    /// Default certificate profile of new requests.
    pub default_profile: Option<String>,
    /// Default Registration Authority of new requests.
    pub default_ra: Option<String>,
    /// Billing account user name.
    pub billing_username: Option<String>,
    /// The Optimizer holds a billing password.
    pub billing_password_on_optimizer: bool,
    /// The station's vault holds the billing password last set from here.
    pub billing_password_in_vault: bool,
    /// Test or production certificates; `None` when the Optimizer names neither.
    pub environment: Option<OptimizerEnvironment>,
}

/// A change of settings; a `None` field is left as it is.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsUpdate {
    /// New default timestamp authority URL.
    #[ts(optional)]
    pub tsa_url: Option<String>,
    /// New default certificate profile.
    #[ts(optional)]
    pub default_profile: Option<String>,
    /// New default Registration Authority.
    #[ts(optional)]
    pub default_ra: Option<String>,
    /// New billing user name.
    #[ts(optional)]
    pub billing_username: Option<String>,
    /// A billing password to set or replace; kept in the vault as well.
    #[ts(optional, type = "string")]
    pub billing_password: Option<Secret>,
    /// New environment.
    #[ts(optional)]
    pub environment: Option<OptimizerEnvironment>,
}

/// Why a token cannot be deleted from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TokenProtection {
    /// The embedded sandbox's pre-configured demo token: the sandbox refuses to
    /// delete it, so every demo keeps working.
    SandboxDemo,
    /// The signed-in session uses it: deleting it would cut the session off.
    InUse,
}

impl TokenProtection {
    /// The word the UI receives, also given as the details of a refused delete.
    pub fn code(self) -> &'static str {
        match self {
            Self::SandboxDemo => "sandbox_demo",
            Self::InUse => "in_use",
        }
    }
}

/// One token the Optimizer holds, named by an id that reveals nothing of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdminToken {
    /// Stable id for delete: the start of the token's SHA-256, never the token.
    pub id: String,
    /// The token's first and last characters, enough to tell tokens apart.
    pub hint: String,
    /// The RAO the token stands for.
    pub username: String,
    /// The token carries the password.
    pub holds_password: bool,
    /// The token carries the PIN.
    pub holds_pin: bool,
    /// The signed-in session uses this token.
    pub in_use: bool,
    /// Why the token cannot be deleted, when it cannot.
    pub protection: Option<TokenProtection>,
}

/// A token to create for an RAO.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRaoToken {
    /// The RAO's user name.
    pub username: String,
    /// The RAO's password to keep in the token; empty keeps none.
    #[ts(type = "string")]
    pub password: Secret,
    /// The RAO's PIN to keep in the token; empty keeps none.
    #[ts(type = "string")]
    pub pin: Secret,
    /// The environment, when the Optimizer's settings do not fix it.
    pub environment: Option<OptimizerEnvironment>,
}

/// A token just created: its value is shown this once, to be copied.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreatedToken {
    /// The token as listed.
    pub token: AdminToken,
    /// The full token.
    #[ts(type = "string")]
    pub value: Secret,
}

/// A metadata entry to add to signatures.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewMetadata {
    /// Dotted OID, e.g. `1.3.6.1.4.1.47289.100.2.9`.
    pub oid: String,
    /// The value as text; the station sends it base64-encoded.
    pub text: String,
}

/// A metadata entry the Optimizer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MetadataEntry {
    /// The uid to name when signing.
    pub uid: String,
    /// Dotted OID.
    pub oid: String,
    /// The value as stored, base64.
    pub base64: String,
    /// The value decoded as UTF-8 text, when it is text.
    pub text: Option<String>,
}

/// A picture for visible signatures that the Optimizer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureImage {
    /// The uid to name in a visible signature.
    pub uid: String,
    /// The uploaded file's name.
    pub file_name: String,
    /// MIME type, `image/png` or `image/jpeg`.
    pub mime: String,
    /// Width in pixels, when the Optimizer says.
    pub width: Option<u32>,
    /// Height in pixels, when the Optimizer says.
    pub height: Option<u32>,
    /// Upload date as the Optimizer wrote it.
    pub uploaded: String,
}

/// A signature picture ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureImagePreview {
    /// The picture's uid.
    pub uid: String,
    /// The picture as a `data:` URL.
    pub data_url: String,
}
