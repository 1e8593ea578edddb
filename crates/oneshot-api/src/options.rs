//! How the client connects: base URL, timeouts, TLS, proxy, limits.

use std::time::Duration;

use crate::call::TimeoutClass;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// A client certificate and its private key, both PEM, for Optimizers that
/// require mutual TLS.
#[derive(Debug, Clone)]
pub struct ClientIdentity {
    /// The certificate chain, PEM.
    pub certificate_pem: Vec<u8>,
    /// The private key, PEM (PKCS#8, PKCS#1 or SEC1).
    pub private_key_pem: Secret,
}

/// An HTTP(S) proxy between the station and the Optimizer.
#[derive(Debug, Clone)]
pub struct ProxyOptions {
    /// The proxy URL, e.g. `http://proxy.branch.local:3128`.
    pub url: String,
    /// Basic-auth user name and password, when the proxy wants them.
    pub credentials: Option<(String, Secret)>,
}

/// Connection options of a [`Client`](crate::Client).
///
/// ```
/// use std::time::Duration;
/// use oneshot_api::ClientOptions;
///
/// let options = ClientOptions::new("https://optimizer.example:8443")
///     .connect_timeout(Duration::from_secs(5))
///     .sign_timeout(Duration::from_secs(900));
/// assert_eq!(options.base_url(), "https://optimizer.example:8443");
/// ```
#[derive(Debug, Clone)]
pub struct ClientOptions {
    base_url: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    sign_timeout: Duration,
    transfer_timeout: Duration,
    extra_root_ca_pem: Option<Vec<u8>>,
    identity: Option<ClientIdentity>,
    proxy: Option<ProxyOptions>,
    user_agent: String,
    retry: RetryPolicy,
    max_json_body: usize,
    max_download_in_memory: usize,
}

impl ClientOptions {
    /// Options for the Optimizer at `base_url` (scheme, host, port and any path
    /// prefix in front of `/api/v1`), with defaults for everything else.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            sign_timeout: Duration::from_secs(15 * 60),
            transfer_timeout: Duration::from_secs(60 * 60),
            extra_root_ca_pem: None,
            identity: None,
            proxy: None,
            user_agent: concat!("oneshot-api/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            max_json_body: 16 * 1024 * 1024,
            max_download_in_memory: 512 * 1024 * 1024,
        }
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for an ordinary call, answer included (default 60 s).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Time allowed for sign, which issues a certificate and signs every
    /// document of the request (default 15 min).
    pub fn sign_timeout(mut self, timeout: Duration) -> Self {
        self.sign_timeout = timeout;
        self
    }

    /// Time allowed for an upload or download of files (default 1 h).
    pub fn transfer_timeout(mut self, timeout: Duration) -> Self {
        self.transfer_timeout = timeout;
        self
    }

    /// Trusts these root certificates (PEM, one or more) besides the built-in
    /// ones, for an Optimizer behind a private CA.
    pub fn extra_root_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_root_ca_pem = Some(pem.into());
        self
    }

    /// Presents this client certificate.
    pub fn client_identity(mut self, identity: ClientIdentity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Goes through this proxy.
    pub fn proxy(mut self, proxy: ProxyOptions) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Sends this `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Retry policy of repeatable calls (reads and deletes).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Largest JSON answer accepted (default 16 MiB).
    pub fn max_json_body(mut self, bytes: usize) -> Self {
        self.max_json_body = bytes;
        self
    }

    /// Largest file accepted by downloads kept in memory (default 512 MiB);
    /// downloads to a file have no limit.
    pub fn max_download_in_memory(mut self, bytes: usize) -> Self {
        self.max_download_in_memory = bytes;
        self
    }

    /// The base URL as given.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub(crate) fn connect_timeout_value(&self) -> Duration {
        self.connect_timeout
    }

    pub(crate) fn timeout_for(&self, class: TimeoutClass) -> Duration {
        match class {
            TimeoutClass::Request => self.request_timeout,
            TimeoutClass::Sign => self.sign_timeout,
            TimeoutClass::Transfer => self.transfer_timeout,
        }
    }

    pub(crate) fn extra_root_ca(&self) -> Option<&[u8]> {
        self.extra_root_ca_pem.as_deref()
    }

    pub(crate) fn identity(&self) -> Option<&ClientIdentity> {
        self.identity.as_ref()
    }

    pub(crate) fn proxy_options(&self) -> Option<&ProxyOptions> {
        self.proxy.as_ref()
    }

    pub(crate) fn user_agent_value(&self) -> &str {
        &self.user_agent
    }

    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    pub(crate) fn json_limit(&self) -> usize {
        self.max_json_body
    }

    pub(crate) fn memory_download_limit(&self) -> usize {
        self.max_download_in_memory
    }
}
