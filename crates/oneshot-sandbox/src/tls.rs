//! HTTPS for the sandbox, optionally requiring client certificates, so the
//! station's TLS handling (private CA, client certificate, refused
//! certificates) can be tested the way on-premises Optimizers are deployed.

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls::crypto::CryptoProvider;
use rustls::server::WebPkiClientVerifier;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;

use crate::error::Error;

/// The server certificate chain and key of an HTTPS sandbox, and the CA that
/// client certificates must chain to when they are required.
///
/// Everything is parsed and checked when built, so a sandbox never starts with
/// TLS material it cannot use. `Debug` shows no key material.
#[derive(Clone)]
pub struct SandboxTls {
    config: Arc<ServerConfig>,
    client_certificate_required: bool,
}

impl std::fmt::Debug for SandboxTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxTls")
            .field(
                "client_certificate_required",
                &self.client_certificate_required,
            )
            .finish_non_exhaustive()
    }
}

impl SandboxTls {
    /// HTTPS with `certificate_chain_pem` (the server certificate first, then
    /// any intermediates) and its `private_key_pem` (PKCS#8, PKCS#1 or SEC1).
    ///
    /// With `client_ca_pem`, every client must present a certificate issued by
    /// one of its CAs, or the handshake is refused.
    pub fn from_pem(
        certificate_chain_pem: &[u8],
        private_key_pem: &[u8],
        client_ca_pem: Option<&[u8]>,
    ) -> Result<Self, Error> {
        let chain = certificates("server certificate", certificate_chain_pem)?;
        let key = PrivateKeyDer::from_pem_slice(private_key_pem)
            .map_err(|e| Error::Tls(format!("server private key: {e}")))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Tls(e.to_string()))?;
        let builder = match client_ca_pem {
            None => builder.with_no_client_auth(),
            Some(pem) => builder.with_client_cert_verifier(client_verifier(pem, provider)?),
        };
        let mut config = builder
            .with_single_cert(chain, key)
            .map_err(|e| Error::Tls(format!("server certificate and key: {e}")))?;
        // The HTTP stack speaks both; clients pick through ALPN.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Self {
            config: Arc::new(config),
            client_certificate_required: client_ca_pem.is_some(),
        })
    }

    /// Like [`SandboxTls::from_pem`], reading the PEM files.
    pub fn from_files(
        certificate_chain: &Path,
        private_key: &Path,
        client_ca: Option<&Path>,
    ) -> Result<Self, Error> {
        let read = |path: &Path| {
            std::fs::read(path).map_err(|e| Error::Tls(format!("{}: {e}", path.display())))
        };
        let client_ca = client_ca.map(read).transpose()?;
        Self::from_pem(
            &read(certificate_chain)?,
            &read(private_key)?,
            client_ca.as_deref(),
        )
    }

    /// True when clients must present a certificate.
    pub fn client_certificate_required(&self) -> bool {
        self.client_certificate_required
    }

    pub(crate) fn acceptor(&self) -> TlsAcceptor {
        TlsAcceptor::from(self.config.clone())
    }
}

fn certificates(what: &str, pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Tls(format!("{what}: {e}")))?;
    if certificates.is_empty() {
        return Err(Error::Tls(format!("{what}: no certificate in the PEM")));
    }
    Ok(certificates)
}

fn client_verifier(
    client_ca_pem: &[u8],
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn rustls::server::danger::ClientCertVerifier>, Error> {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in certificates("client CA", client_ca_pem)? {
        roots
            .add(certificate)
            .map_err(|e| Error::Tls(format!("client CA: {e}")))?;
    }
    WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|e| Error::Tls(format!("client CA: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{CertificateParams, KeyPair};

    fn self_signed() -> (String, String) {
        let key = KeyPair::generate().unwrap();
        let certificate = CertificateParams::new(vec!["localhost".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (certificate.pem(), key.serialize_pem())
    }

    #[test]
    fn refuses_unusable_material_with_the_reason() {
        let (certificate, key) = self_signed();
        let (_, other_key) = self_signed();
        let message = |result: Result<SandboxTls, Error>| result.unwrap_err().to_string();
        assert!(
            message(SandboxTls::from_pem(b"junk", key.as_bytes(), None))
                .contains("server certificate: no certificate")
        );
        assert!(
            message(SandboxTls::from_pem(certificate.as_bytes(), b"junk", None))
                .contains("server private key")
        );
        assert!(
            message(SandboxTls::from_pem(
                certificate.as_bytes(),
                other_key.as_bytes(),
                None
            ))
            .contains("server certificate and key")
        );
        assert!(
            message(SandboxTls::from_pem(
                certificate.as_bytes(),
                key.as_bytes(),
                Some(b"")
            ))
            .contains("client CA")
        );
        let tls = SandboxTls::from_pem(
            certificate.as_bytes(),
            key.as_bytes(),
            Some(certificate.as_bytes()),
        )
        .unwrap();
        assert!(tls.client_certificate_required());
        assert!(!format!("{tls:?}").contains("PRIVATE"));
    }
}
