//! Which Optimizer the station talks to: the embedded sandbox or a remote one.

use std::path::{Path, PathBuf};

use oneshot_api::{ClientIdentity, ClientOptions, Secret};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The Optimizer the officer chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum OptimizerProfile {
    /// The sandbox started inside the station: test data, signatures with no legal value.
    EmbeddedSandbox,
    /// The vendor's test Optimizer or the customer's own.
    Remote(RemoteOptimizer),
}

/// Where a remote Optimizer is and how to trust it and be trusted by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RemoteOptimizer {
    /// Base URL in front of `/api/v1`, e.g. `https://optimizer.branch.local:8443`.
    pub url: String,
    /// Root CA to trust besides the system's, PEM, for an Optimizer behind a private CA.
    pub ca_pem_path: Option<PathBuf>,
    /// Client certificate (PEM) for an Optimizer that requires mutual TLS.
    pub client_cert_path: Option<PathBuf>,
    /// Private key (PEM) of the client certificate.
    pub client_key_path: Option<PathBuf>,
}

impl OptimizerProfile {
    /// The profile with blanks removed, or why it cannot be used. Files are not read here.
    pub fn validated(self) -> Result<Self> {
        match self {
            Self::EmbeddedSandbox => Ok(Self::EmbeddedSandbox),
            Self::Remote(remote) => remote.validated().map(Self::Remote),
        }
    }
}

impl RemoteOptimizer {
    fn validated(self) -> Result<Self> {
        let url = self.url.trim().to_owned();
        check_url(&url)?;
        let remote = Self {
            url,
            ca_pem_path: non_blank(self.ca_pem_path),
            client_cert_path: non_blank(self.client_cert_path),
            client_key_path: non_blank(self.client_key_path),
        };
        if remote.client_cert_path.is_some() != remote.client_key_path.is_some() {
            return Err(Error::IncompleteClientIdentity);
        }
        Ok(remote)
    }

    /// Client options with the CA and client certificate read from their files.
    pub(crate) fn client_options(&self) -> Result<ClientOptions> {
        let mut options = ClientOptions::new(self.url.clone()).user_agent(crate::USER_AGENT);
        if let Some(path) = &self.ca_pem_path {
            options = options.extra_root_ca_pem(read(path)?);
        }
        if let (Some(certificate), Some(key)) = (&self.client_cert_path, &self.client_key_path) {
            let key = String::from_utf8(read(key)?).map_err(|_| Error::UnreadableFile {
                path: key.clone(),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not a PEM file"),
            })?;
            options = options.client_identity(ClientIdentity {
                certificate_pem: read(certificate)?,
                private_key_pem: Secret::new(key),
            });
        }
        Ok(options)
    }
}

fn check_url(text: &str) -> Result<()> {
    let invalid = |reason: &str| Err(Error::InvalidOptimizerUrl(reason.to_owned()));
    if text.is_empty() {
        return Err(Error::MissingInput("url"));
    }
    let Ok(url) = url::Url::parse(text) else {
        return invalid("not a URL; expected e.g. https://optimizer.example:8443");
    };
    if !matches!(url.scheme(), "http" | "https") {
        return invalid("the scheme must be http or https");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return invalid("the URL has no host");
    }
    // Credentials in a URL would end up in the database and in error messages.
    if !url.username().is_empty() || url.password().is_some() {
        return invalid("the URL must not carry a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return invalid("the URL must not have a query or fragment");
    }
    Ok(())
}

fn non_blank(path: Option<PathBuf>) -> Option<PathBuf> {
    path.filter(|p| !p.as_os_str().to_string_lossy().trim().is_empty())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::UnreadableFile {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remote(url: &str) -> OptimizerProfile {
        OptimizerProfile::Remote(RemoteOptimizer {
            url: url.into(),
            ca_pem_path: None,
            client_cert_path: None,
            client_key_path: None,
        })
    }

    #[test]
    fn accepts_http_and_https_with_a_prefix() {
        for url in [
            "https://optimizer.example:8443",
            " http://127.0.0.1:8080/oneshot ",
        ] {
            assert!(remote(url).validated().is_ok(), "{url}");
        }
    }

    #[test]
    fn refuses_unusable_urls_with_a_clear_code() {
        assert_eq!(remote("").validated().unwrap_err().code(), "input.required");
        for url in [
            "optimizer.example",
            "ftp://optimizer.example",
            "https://rao:secret@optimizer.example",
            "https://optimizer.example/?token=abc",
        ] {
            assert_eq!(
                remote(url).validated().unwrap_err().code(),
                "connection.invalid_url",
                "{url}"
            );
        }
    }

    #[test]
    fn a_client_certificate_needs_its_key() {
        let profile = OptimizerProfile::Remote(RemoteOptimizer {
            url: "https://optimizer.example".into(),
            ca_pem_path: Some("".into()),
            client_cert_path: Some("/etc/station/client.pem".into()),
            client_key_path: Some(" ".into()),
        });
        assert!(matches!(
            profile.validated(),
            Err(Error::IncompleteClientIdentity)
        ));
    }

    #[test]
    fn blank_paths_become_none() {
        let profile = OptimizerProfile::Remote(RemoteOptimizer {
            url: "https://optimizer.example".into(),
            ca_pem_path: Some("".into()),
            client_cert_path: None,
            client_key_path: None,
        });
        let OptimizerProfile::Remote(remote) = profile.validated().unwrap() else {
            panic!("still remote")
        };
        assert_eq!(remote.ca_pem_path, None);
    }

    #[test]
    fn a_missing_ca_file_is_named_in_the_error() {
        let remote = RemoteOptimizer {
            url: "https://optimizer.example".into(),
            ca_pem_path: Some("/nonexistent/ca.pem".into()),
            client_cert_path: None,
            client_key_path: None,
        };
        let error = remote.client_options().unwrap_err();
        assert_eq!(error.code(), "connection.unreadable_file");
        assert_eq!(error.details().as_deref(), Some("/nonexistent/ca.pem"));
    }
}
