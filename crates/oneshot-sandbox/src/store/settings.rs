//! `settings.ini`: the Optimizer's defaults (environment, TSA, billing account,
//! default RA and certificate profile, proxy), readable and updatable over the API.

use std::path::PathBuf;

use base64::Engine as _;
use ini::Ini;
use serde_json::{Map, Value};
use tokio::sync::RwLock;

use crate::error::Error;
use crate::secret::Secret;
use crate::store::files::{blocking, read_bytes, write_private_atomic};

/// Every section and key the file holds, with the sandbox's defaults: the
/// pre-configured state of the vendor's test Optimizer, so the demo works at once.
const SCHEMA: &[(&str, &[(&str, &str)])] = &[
    (
        "general",
        &[
            ("environment", "sandbox"),
            ("usepdfclean", "false"),
            ("configuration", "default"),
            ("rootstore", "sandbox"),
        ],
    ),
    // The sandbox always time-stamps with its own TSA; the URL is informative.
    ("tsa", &[("tsa_url", "internal:sandbox-tsa")]),
    (
        "billing",
        &[
            ("billing_username", "billing@sandbox.oneshot.test"),
            // base64 of "sandbox-billing", as the spec wants billing passwords encoded.
            ("billing_password", "c2FuZGJveC1iaWxsaW5n"),
        ],
    ),
    (
        "request",
        &[
            ("default_profile", "PFnubeQAFCiudadano"),
            ("default_ra", "1000"),
        ],
    ),
    (
        "proxy",
        &[
            ("useproxy", "false"),
            ("proxy_host", ""),
            ("proxy_port", ""),
            ("proxy_protocol", "http"),
            ("proxy_username", ""),
            ("proxy_password", ""),
            ("useproxycredentials", "false"),
        ],
    ),
];

/// Keys whose values GET shows masked; posting the mask back keeps the value.
const MASKED: &[&str] = &["billing_password", "proxy_password"];
const MASK: &str = "********";
/// Keys GET shows as JSON booleans.
const BOOLEANS: &[&str] = &["usepdfclean"];

/// The settings of one data directory, cached in memory and written through.
pub struct SettingsFile {
    path: PathBuf,
    ini: RwLock<Ini>,
}

impl std::fmt::Debug for SettingsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values include the billing password: never print them.
        f.debug_struct("SettingsFile")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SettingsFile {
    /// Loads the file, adding any missing key with its default (and saving that).
    pub fn open(path: PathBuf) -> Result<Self, Error> {
        let mut ini = match read_bytes(&path)? {
            Some(bytes) => Ini::load_from_str(&String::from_utf8_lossy(&bytes)).map_err(|e| {
                Error::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", path.display()),
                ))
            })?,
            None => Ini::new(),
        };
        let mut changed = false;
        for (section, keys) in SCHEMA {
            for (key, default) in *keys {
                if ini.get_from(Some(*section), key).is_none() {
                    ini.with_section(Some(*section)).set(*key, *default);
                    changed = true;
                }
            }
        }
        if changed {
            write_private_atomic(&path, &render(&ini)?)?;
        }
        Ok(Self {
            path,
            ini: RwLock::new(ini),
        })
    }

    /// One value (every schema key exists after `open`).
    pub async fn get(&self, section: &str, key: &str) -> String {
        self.ini
            .read()
            .await
            .get_from(Some(section), key)
            .unwrap_or_default()
            .to_owned()
    }

    /// The billing password (base64, as stored).
    pub async fn billing_password(&self) -> Secret {
        Secret::new(self.get("billing", "billing_password").await)
    }

    /// Everything, grouped by section, with secrets masked.
    pub async fn to_json(&self) -> Value {
        let ini = self.ini.read().await;
        let mut out = Map::new();
        for (section, keys) in SCHEMA {
            let mut group = Map::new();
            for (key, _) in *keys {
                let raw = ini.get_from(Some(*section), key).unwrap_or_default();
                let shown = if MASKED.contains(key) {
                    Value::from(if raw.is_empty() { "" } else { MASK })
                } else if BOOLEANS.contains(key) {
                    Value::from(raw == "true")
                } else {
                    Value::from(raw)
                };
                group.insert((*key).to_owned(), shown);
            }
            out.insert((*section).to_owned(), Value::Object(group));
        }
        Value::Object(out)
    }

    /// Applies `{section: {key: value}}`; every key is checked before any is saved.
    pub async fn update(&self, changes: &Value) -> Result<(), Error> {
        let Some(sections) = changes.as_object() else {
            return Err(Error::BadRequest(
                "Settings must be a JSON object of sections".into(),
            ));
        };
        let mut accepted: Vec<(&'static str, &'static str, String)> = Vec::new();
        for (section, keys) in sections {
            let Some((section_name, schema_keys)) = SCHEMA.iter().find(|(s, _)| s == section)
            else {
                return Err(Error::BadRequest(format!(
                    "Unknown settings section '{section}'"
                )));
            };
            let Some(keys) = keys.as_object() else {
                return Err(Error::BadRequest(format!(
                    "Settings section '{section}' must be a JSON object"
                )));
            };
            for (key, value) in keys {
                let Some((key_name, _)) = schema_keys.iter().find(|(k, _)| k == key) else {
                    return Err(Error::BadRequest(format!(
                        "Unknown setting '{key}' in section '{section}'"
                    )));
                };
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Bool(b) => b.to_string(),
                    Value::Number(n) => n.to_string(),
                    _ => {
                        return Err(Error::BadRequest(format!(
                            "Setting '{key}' must be a string, number or boolean"
                        )));
                    }
                };
                if MASKED.contains(key_name) && text == MASK {
                    continue;
                }
                validate(key_name, &text)?;
                accepted.push((section_name, key_name, text));
            }
        }
        let mut ini = self.ini.write().await;
        let mut updated = ini.clone();
        for (section, key, value) in accepted {
            updated.with_section(Some(section)).set(key, value);
        }
        let bytes = render(&updated)?;
        let path = self.path.clone();
        blocking(move || write_private_atomic(&path, &bytes)).await?;
        *ini = updated;
        Ok(())
    }
}

fn validate(key: &str, value: &str) -> Result<(), Error> {
    match key {
        "environment" if !matches!(value, "sandbox" | "prod") => Err(Error::BadRequest(format!(
            "Environment {value} does not exist"
        ))),
        "billing_password"
            if base64::engine::general_purpose::STANDARD
                .decode(value)
                .is_err() =>
        {
            Err(Error::BadRequest(
                "Billing credentials not valid. Please check if they are base64 encoded".into(),
            ))
        }
        "usepdfclean" | "useproxy" | "useproxycredentials"
            if !matches!(value, "true" | "false") =>
        {
            Err(Error::BadRequest(format!(
                "Setting '{key}' must be true or false"
            )))
        }
        _ => Ok(()),
    }
}

fn render(ini: &Ini) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    ini.write_to(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn defaults_are_written_and_secrets_masked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ini");
        let settings = SettingsFile::open(path.clone()).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("[billing]"));
        let json = settings.to_json().await;
        assert_eq!(json["billing"]["billing_password"], MASK);
        assert_eq!(json["general"]["usepdfclean"], false);
        assert_eq!(json["request"]["default_profile"], "PFnubeQAFCiudadano");
    }

    #[tokio::test]
    async fn update_checks_everything_before_saving() {
        let dir = tempfile::tempdir().unwrap();
        let settings = SettingsFile::open(dir.path().join("settings.ini")).unwrap();
        let bad = serde_json::json!({"request": {"default_ra": "7"}, "general": {"nope": 1}});
        assert!(settings.update(&bad).await.is_err());
        assert_eq!(settings.get("request", "default_ra").await, "1000");
        let good = serde_json::json!({"request": {"default_ra": 7}, "billing": {"billing_password": MASK}});
        settings.update(&good).await.unwrap();
        assert_eq!(settings.get("request", "default_ra").await, "7");
        assert_eq!(
            settings.billing_password().await.expose(),
            "c2FuZGJveC1iaWxsaW5n"
        );
        let reopened = SettingsFile::open(dir.path().join("settings.ini")).unwrap();
        assert_eq!(reopened.get("request", "default_ra").await, "7");
    }
}
