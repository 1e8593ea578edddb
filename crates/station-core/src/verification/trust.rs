//! The roots a verification trusts.

use std::path::Path;

use super::certificate::ParsedCertificate;
use super::public_key::verify_signed_bytes;
use crate::{Error, Result};

/// Certificates a verification may rely on: trust anchors, and intermediates
/// that help build chains.
///
/// Load it from PEM bundles: the sandbox's `GET /sandbox/v1/ca.pem` for the
/// sandbox profile, and the roots the user adds. Only **self-signed**
/// certificates of a bundle become trust anchors; any other certificate in a
/// bundle (an issuing CA, a TSA certificate) is kept as an intermediate that
/// helps build a chain but is never trusted by itself. To trust a sub-CA alone,
/// its root must be added.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<ParsedCertificate>,
    intermediates: Vec<ParsedCertificate>,
}

impl TrustStore {
    /// A store that trusts nothing: every signature comes out untrusted.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store built from one PEM bundle (see [`TrustStore::add_pem`]).
    pub fn from_pem(pem: &str) -> Result<Self> {
        let mut store = Self::new();
        store.add_pem(pem)?;
        Ok(store)
    }

    /// Adds every `CERTIFICATE` block of a PEM bundle; other blocks (keys,
    /// CRLs) are ignored. Answers how many certificates were added. A bundle
    /// without certificates, or with one that cannot be read, is an
    /// [`Error::InvalidTrustBundle`] and adds nothing.
    pub fn add_pem(&mut self, pem: &str) -> Result<usize> {
        let blocks = pem::parse_many(pem).map_err(|e| invalid(format!("not PEM: {e}")))?;
        let certificates = blocks
            .iter()
            .filter(|block| block.tag() == "CERTIFICATE")
            .map(|block| ParsedCertificate::from_der(block.contents()).map_err(invalid))
            .collect::<Result<Vec<_>>>()?;
        if certificates.is_empty() {
            return Err(invalid("the bundle holds no CERTIFICATE block".into()));
        }
        let added = certificates.len();
        for certificate in certificates {
            self.insert(certificate);
        }
        Ok(added)
    }

    /// Adds one DER certificate (see the type's rules for anchors).
    pub fn add_der(&mut self, der: &[u8]) -> Result<()> {
        self.insert(ParsedCertificate::from_der(der).map_err(invalid)?);
        Ok(())
    }

    /// Adds the PEM bundle in `path`.
    pub fn add_pem_file(&mut self, path: &Path) -> Result<usize> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::UnreadableDocument {
            name: path.display().to_string(),
            source,
        })?;
        self.add_pem(&text)
    }

    /// Names (subject common names, else subjects) of the trust anchors.
    pub fn anchor_names(&self) -> Vec<String> {
        self.anchors
            .iter()
            .map(ParsedCertificate::display_name)
            .collect()
    }

    /// How many intermediates the store holds.
    pub fn intermediate_count(&self) -> usize {
        self.intermediates.len()
    }

    pub(crate) fn anchors(&self) -> &[ParsedCertificate] {
        &self.anchors
    }

    pub(crate) fn intermediates(&self) -> &[ParsedCertificate] {
        &self.intermediates
    }

    fn insert(&mut self, certificate: ParsedCertificate) {
        let known = self
            .anchors
            .iter()
            .chain(&self.intermediates)
            .any(|c| c.der == certificate.der);
        if known {
            return;
        }
        if is_self_signed(&certificate) {
            self.anchors.push(certificate);
        } else {
            self.intermediates.push(certificate);
        }
    }
}

/// Issued by itself and signed by its own key.
pub(crate) fn is_self_signed(certificate: &ParsedCertificate) -> bool {
    certificate.subject() == certificate.issuer()
        && verify_signed_bytes(
            &certificate.cert.tbs_certificate.subject_public_key_info,
            &certificate.cert.signature_algorithm,
            &certificate.tbs_der,
            certificate.cert.signature.raw_bytes(),
        )
        .is_ok()
}

fn invalid(reason: String) -> Error {
    Error::InvalidTrustBundle(reason)
}
