//! Settings: hello, version, and the Optimizer's `settings.ini`.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::call::{self, Call, Once};
use crate::client::Client;
use crate::de;
use crate::secret::Secret;

/// Operations on the Optimizer itself. Get it from [`Client::settings`].
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    client: &'a Client,
}

impl Client {
    /// Hello, version and settings.
    pub fn settings(&self) -> Settings<'_> {
        Settings { client: self }
    }
}

impl Settings<'_> {
    /// `GET /hello`: is the Optimizer up? Answers its greeting (`Hello`).
    pub fn hello(&self) -> Call<String> {
        Call::new(
            self.client,
            "hello",
            Method::GET,
            vec!["hello".into()],
            call::json("hello", |greeting: String| Ok(greeting)),
        )
    }

    /// `GET /version`: the Optimizer's version and host.
    pub fn version(&self) -> Call<OptimizerVersion> {
        Call::new(
            self.client,
            "version",
            Method::GET,
            vec!["version".into()],
            call::json("version", Ok),
        )
    }

    /// `GET /settings`: the content of `settings.ini`.
    pub fn get(&self) -> Call<OptimizerSettings> {
        Call::new(
            self.client,
            "get_settings",
            Method::GET,
            vec!["settings".into()],
            call::json("get_settings", Ok),
        )
    }

    /// `POST /settings`: changes the sections present in `settings`; answers the
    /// server's confirmation.
    pub fn update(&self, settings: &OptimizerSettings) -> Call<String, Once> {
        Call::new(
            self.client,
            "update_settings",
            Method::POST,
            vec!["settings".into()],
            call::json("update_settings", |message: String| Ok(message)),
        )
        .once()
        .json_body(settings)
    }
}

/// The Optimizer's name, version and host, from [`Settings::version`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptimizerVersion {
    /// Product name, e.g. `OneShot Optimizer`.
    #[serde(default, deserialize_with = "de::text")]
    pub name: String,
    /// Release, e.g. `1.5.0`.
    #[serde(deserialize_with = "de::text")]
    pub version: String,
    /// The machine it runs on.
    #[serde(default)]
    pub info: HostInfo,
}

/// The host an Optimizer runs on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostInfo {
    /// Architecture, e.g. `x86_64`.
    #[serde(deserialize_with = "de::text")]
    pub machine: String,
    /// Kernel build string.
    #[serde(deserialize_with = "de::text")]
    pub version: String,
    /// Kernel release.
    #[serde(deserialize_with = "de::text")]
    pub release: String,
    /// Host name.
    #[serde(deserialize_with = "de::text")]
    pub hostname: String,
    /// Operating system, e.g. `Linux`.
    #[serde(deserialize_with = "de::text")]
    pub system: String,
    /// Processor.
    #[serde(deserialize_with = "de::text")]
    pub processor: String,
}

/// The Optimizer's `settings.ini`, section by section. Sections left `None`
/// are not changed by [`Settings::update`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OptimizerSettings {
    /// Timestamp authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tsa: Option<TsaSettings>,
    /// Defaults for new requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestDefaults>,
    /// Billing account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<BillingSettings>,
    /// Outgoing proxy of the Optimizer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxySettings>,
    /// Environment and general switches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general: Option<GeneralSettings>,
    /// Sections this client does not know, kept so an update loses nothing.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `[tsa]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsaSettings {
    /// Default timestamp authority URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tsa_url: Option<String>,
}

/// `[request]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDefaults {
    /// Default certificate profile, e.g. `PFnubeQAFCiudadano`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// Default Registration Authority id.
    #[serde(
        default,
        deserialize_with = "de::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_ra: Option<String>,
}

/// `[billing]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingSettings {
    /// Billing user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_username: Option<String>,
    /// Billing password, base64 as the Optimizer stores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_password: Option<Secret>,
}

/// `[proxy]` section (the Optimizer's own outgoing proxy).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxySettings {
    /// Proxy host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_host: Option<String>,
    /// Proxy port.
    #[serde(
        default,
        deserialize_with = "de::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_port: Option<String>,
    /// `http` or `https`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_protocol: Option<String>,
    /// Proxy user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_username: Option<String>,
    /// Proxy password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_password: Option<Secret>,
    /// Whether the proxy is used, as the Optimizer writes it.
    #[serde(
        default,
        deserialize_with = "de::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub useproxy: Option<String>,
    /// Whether the proxy credentials are used, as the Optimizer writes it.
    #[serde(
        default,
        deserialize_with = "de::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub useproxycredentials: Option<String>,
}

/// `[general]` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneralSettings {
    /// `sandbox` or `prod`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Root store mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rootstore: Option<String>,
    /// Configuration in use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<String>,
    /// Whether PDFs are sanitized before signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usepdfclean: Option<bool>,
}
