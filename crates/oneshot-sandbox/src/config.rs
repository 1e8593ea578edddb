//! How an embedded or standalone sandbox is started.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use crate::tls::SandboxTls;

/// Where the sandbox keeps its state and where it listens.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Directory holding settings, tokens, requests, documents and the local PKI.
    /// Created when missing; a restart on the same directory resumes every request.
    pub data_dir: PathBuf,
    /// Address to listen on; port 0 picks a free port (see [`crate::Sandbox::local_addr`]).
    pub listen: SocketAddr,
    /// Serve HTTPS with this certificate (and require client certificates
    /// when it says so); plain HTTP when `None`.
    pub tls: Option<SandboxTls>,
}

impl SandboxConfig {
    /// A sandbox storing its state in `data_dir`, listening on a free loopback port.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            tls: None,
        }
    }

    /// The same configuration listening on `listen` instead.
    #[must_use]
    pub fn with_listen(mut self, listen: SocketAddr) -> Self {
        self.listen = listen;
        self
    }

    /// The same configuration serving HTTPS.
    #[must_use]
    pub fn with_tls(mut self, tls: SandboxTls) -> Self {
        self.tls = Some(tls);
        self
    }
}
