//! The client: one connection pool, one base URL, handlers per resource.

use std::sync::Arc;

use url::Url;

use crate::error::{Error, Result};
use crate::options::ClientOptions;

/// A typed client of one One-Shot Optimizer. Cheap to clone.
///
/// Operations are grouped by resource: [`Client::settings`],
/// [`Client::tokens`], and so on; each returns a [`Call`](crate::Call) to
/// `.await`.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    base: Url,
    options: ClientOptions,
}

impl Client {
    /// Builds a client; fails on a bad base URL, CA, client certificate or proxy.
    pub fn new(options: ClientOptions) -> Result<Self> {
        let base = Url::parse(options.base_url())
            .map_err(|error| Error::Config(format!("base URL: {error}")))?;
        if base.cannot_be_a_base() || !matches!(base.scheme(), "http" | "https") {
            return Err(Error::Config(
                "base URL must be http(s)://host[:port][/prefix]".into(),
            ));
        }
        let http = http_client(&options)?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                base,
                options,
            }),
        })
    }

    /// The options this client was built with.
    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// `base/api/v1/<segments>`, each segment percent-encoded.
    pub(crate) fn url(&self, segments: &[String]) -> Result<Url> {
        let mut url = self.inner.base.clone();
        url.path_segments_mut()
            .map_err(|()| Error::Config("base URL cannot take a path".into()))?
            .pop_if_empty()
            .extend(["api", "v1"])
            .extend(segments);
        Ok(url)
    }
}

fn http_client(options: &ClientOptions) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        // Over HTTP/2 a TLS alert that comes after the handshake (a refused
        // client certificate, with TLS 1.3) ends the connection's task and the
        // request only learns "connection closed"; over HTTP/1.1 the request
        // reads the alert itself, so the officer is told what is wrong.
        .http1_only()
        .connect_timeout(options.connect_timeout_value())
        .user_agent(options.user_agent_value())
        .no_proxy();
    if let Some(pem) = options.extra_root_ca() {
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|error| Error::Config(format!("extra root CA: {error}")))?;
        if certificates.is_empty() {
            return Err(Error::Config(
                "extra root CA: no certificate in the PEM".into(),
            ));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    if let Some(identity) = options.identity() {
        let mut pem = identity.certificate_pem.clone();
        pem.push(b'\n');
        pem.extend_from_slice(identity.private_key_pem.expose().as_bytes());
        let identity = reqwest::Identity::from_pem(&pem)
            .map_err(|error| Error::Config(format!("client certificate: {error}")))?;
        builder = builder.identity(identity);
    }
    if let Some(proxy_options) = options.proxy_options() {
        let mut proxy = reqwest::Proxy::all(&proxy_options.url)
            .map_err(|error| Error::Config(format!("proxy: {error}")))?;
        if let Some((user, password)) = &proxy_options.credentials {
            proxy = proxy.basic_auth(user, password.expose());
        }
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|error| Error::Config(format!("HTTP client: {error}")))
}
