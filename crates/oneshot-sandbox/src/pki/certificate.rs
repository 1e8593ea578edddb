//! A certificate kept both as DER (to embed byte for byte) and parsed (to read fields).

use der::{Decode as _, Encode as _};
use sha2::Digest as _;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;

use super::cms::signing_certificate_v2;
use crate::Error;

/// One certificate, parsed once when issued or loaded so that signing never re-parses it.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCertificate {
    pub(crate) der: Vec<u8>,
    pub(crate) certificate: Certificate,
    /// The ESS signingCertificateV2 attribute naming this certificate, computed once.
    pub(crate) signing_certificate_attribute: Attribute,
}

impl ParsedCertificate {
    pub(crate) fn from_der(der: Vec<u8>) -> Result<Self, Error> {
        let certificate = Certificate::from_der(&der)
            .map_err(|e| Error::Signing(format!("parsing a certificate the sandbox made: {e}")))?;
        let signing_certificate_attribute = signing_certificate_v2(
            &sha2::Sha256::digest(&der),
            GeneralName::DirectoryName(certificate.tbs_certificate.issuer.clone()),
            certificate.tbs_certificate.serial_number.clone(),
        )?;
        Ok(Self {
            der,
            certificate,
            signing_certificate_attribute,
        })
    }

    pub(crate) fn from_pem(pem: &str) -> Result<Self, String> {
        let (label, der) =
            der::pem::decode_vec(pem.as_bytes()).map_err(|e| format!("not PEM: {e}"))?;
        if label != "CERTIFICATE" {
            return Err(format!(
                "PEM label {label:?} where CERTIFICATE was expected"
            ));
        }
        Self::from_der(der).map_err(|e| e.to_string())
    }

    pub(crate) fn pem(&self) -> Result<String, Error> {
        der::pem::encode_string("CERTIFICATE", der::pem::LineEnding::LF, &self.der)
            .map_err(|e| Error::Signing(format!("PEM-encoding a certificate: {e}")))
    }

    /// The uncompressed public point of the subject key.
    pub(crate) fn public_key_bytes(&self) -> &[u8] {
        self.certificate
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes()
    }

    /// Whether `issuer` is the certificate whose subject names this one's issuer,
    /// compared as DER as path building in NSS and OpenSSL effectively does.
    pub(crate) fn is_issued_by(&self, issuer: &ParsedCertificate) -> bool {
        let mine = self.certificate.tbs_certificate.issuer.to_der();
        let theirs = issuer.certificate.tbs_certificate.subject.to_der();
        matches!((mine, theirs), (Ok(a), Ok(b)) if a == b)
    }
}
