//! The one-shot signer: a fresh key and certificate that sign one request's files.

use std::sync::Arc;

use der::asn1::{ObjectIdentifier, OctetString};
use sha2::Digest as _;

use super::authority::AuthorityInner;
use super::certificate::ParsedCertificate;
use super::cms::{self, CmsSigner, SignedContent, SignedDataRequest};
use super::digest::DigestAlgorithm;
use super::hash_file::HashSignRequest;
use super::key::EcKey;
use super::oids;
use super::profile::CertificateProfile;
use super::tsa;
use crate::Error;
use crate::pdf::{self, VisibleSignature};

/// Extra data a PDF signature carries as a signed attribute (the API's metadata upload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedMetadata {
    /// Dotted OID naming the attribute, e.g. "1.3.6.1.4.1.99999.1".
    pub oid: String,
    /// The metadata bytes (base64-decoded upload), embedded as an OCTET STRING.
    pub value: Vec<u8>,
}

/// Largest metadata value accepted: it travels inside the PDF's signature placeholder.
pub const MAX_METADATA_LEN: usize = 64 * 1024;

/// How a PDF signature should look and what it carries besides the basics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfSignatureOptions {
    /// A visible signature box; `None` signs invisibly.
    pub visible: Option<VisibleSignature>,
    /// Metadata to embed as an extra signed attribute.
    pub metadata: Option<SignedMetadata>,
}

/// A one-shot key pair and certificate. The private key exists only here, in
/// memory, and is wiped when the signer is dropped.
pub struct OneShotSigner {
    key: EcKey,
    certificate: ParsedCertificate,
    profile: CertificateProfile,
    authority: Arc<AuthorityInner>,
}

impl std::fmt::Debug for OneShotSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneShotSigner")
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl OneShotSigner {
    pub(crate) fn new(
        key: EcKey,
        certificate: ParsedCertificate,
        profile: CertificateProfile,
        authority: Arc<AuthorityInner>,
    ) -> Self {
        Self {
            key,
            certificate,
            profile,
            authority,
        }
    }

    /// The one-shot certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate.der
    }

    /// The certificate chain from the one-shot certificate up to the root, DER.
    pub fn chain_der(&self) -> [&[u8]; 3] {
        [
            &self.certificate.der,
            &self.authority.issuing_ca.der,
            &self.authority.root.der,
        ]
    }

    /// The profile the certificate was issued under.
    pub fn profile(&self) -> CertificateProfile {
        self.profile
    }

    /// Signs a PDF as PAdES baseline B-T: an incremental update appended to the
    /// untouched original, a CAdES-detached CMS with contentType, messageDigest
    /// and signingCertificateV2 signed, and an RFC 3161 signature timestamp.
    pub fn sign_pdf(&self, pdf: &[u8], options: &PdfSignatureOptions) -> Result<Vec<u8>, Error> {
        let metadata = options
            .metadata
            .as_ref()
            .map(metadata_attribute)
            .transpose()?;
        let metadata_len = options
            .metadata
            .as_ref()
            .map_or(0, |m| m.value.len() + m.oid.len());
        let signer_name = self.common_name();
        let field = pdf::SignatureField {
            visible: options.visible.as_ref(),
            signer_name: &signer_name,
            signing_time: time::OffsetDateTime::now_utc(),
            contents_capacity: PDF_CMS_CAPACITY + metadata_len,
        };
        let prepared = pdf::prepare_signature(pdf, &field)?;
        let mut hasher = sha2::Sha256::new();
        for range in prepared.signed_ranges() {
            hasher.update(range);
        }
        let mut attributes = vec![
            cms::content_type_attribute(oids::DATA)?,
            cms::message_digest_attribute(&hasher.finalize())?,
            self.certificate.signing_certificate_attribute.clone(),
        ];
        attributes.extend(metadata);
        let cms = cms::signed_data(
            &self.cms_signer(),
            SignedDataRequest {
                digest_algorithm: DigestAlgorithm::Sha256,
                content_type: oids::DATA,
                content: None,
                signed: SignedContent::Attributes(attributes),
            },
            |signature| {
                Ok(vec![tsa::signature_time_stamp(
                    &self.authority.tsa,
                    signature,
                )?])
            },
        )?;
        prepared.finish(&cms)
    }

    /// Signs a hash file: a detached CMS SignedData (DER, a `.p7m`) over the
    /// digest the file carries, with the attributes it asks for.
    pub fn sign_hash(&self, request: &HashSignRequest) -> Result<Vec<u8>, Error> {
        let signed = if request.add_signed_attributes() {
            let mut attributes = vec![
                cms::content_type_attribute(oids::DATA)?,
                cms::message_digest_attribute(request.digest())?,
                self.certificate.signing_certificate_attribute.clone(),
            ];
            if request.add_signing_time() {
                attributes.push(cms::signing_time_attribute(std::time::SystemTime::now())?);
            }
            attributes.extend(request.other_signed_attributes().iter().cloned());
            SignedContent::Attributes(attributes)
        } else {
            SignedContent::Digest(request.digest().to_vec())
        };
        cms::signed_data(
            &self.cms_signer(),
            SignedDataRequest {
                digest_algorithm: request.digest_algorithm(),
                content_type: oids::DATA,
                content: None,
                signed,
            },
            |_| Ok(Vec::new()),
        )
    }

    fn cms_signer(&self) -> CmsSigner<'_> {
        CmsSigner {
            key: &self.key,
            certificate: &self.certificate,
            certificates: vec![
                &self.certificate,
                &self.authority.issuing_ca,
                &self.authority.root,
            ],
        }
    }

    /// The subject's common name, for the signature dictionary's /Name.
    fn common_name(&self) -> String {
        let cn = const_oid::db::rfc4519::CN;
        self.certificate
            .certificate
            .tbs_certificate
            .subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .find(|atv| atv.oid == cn)
            .and_then(|atv| der::asn1::Utf8StringRef::try_from(&atv.value).ok())
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default()
    }
}

/// Room for the CMS in the PDF: three certificates, the timestamp token with
/// the TSA certificate and the signature come to about 4 KiB with P-256; the
/// rest is headroom for long names and policies.
const PDF_CMS_CAPACITY: usize = 8 * 1024;

fn metadata_attribute(metadata: &SignedMetadata) -> Result<x509_cert::attr::Attribute, Error> {
    let oid = ObjectIdentifier::new(metadata.oid.trim())
        .map_err(|_| Error::InvalidMetadata(format!("{:?} is not a dotted OID", metadata.oid)))?;
    if [
        oids::CONTENT_TYPE,
        oids::MESSAGE_DIGEST,
        oids::SIGNING_CERTIFICATE_V2,
        oids::SIGNING_TIME,
    ]
    .contains(&oid)
    {
        return Err(Error::InvalidMetadata(format!(
            "OID {oid} is reserved for a standard attribute"
        )));
    }
    if metadata.value.len() > MAX_METADATA_LEN {
        return Err(Error::InvalidMetadata(format!(
            "the value has {} bytes; at most {MAX_METADATA_LEN} fit in a signature",
            metadata.value.len()
        )));
    }
    let value = OctetString::new(metadata.value.as_slice())
        .map_err(|e| Error::InvalidMetadata(e.to_string()))?;
    cms::attribute(oid, &value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_oids_must_be_valid_and_not_standard() {
        let meta = |oid: &str| SignedMetadata {
            oid: oid.into(),
            value: b"x".to_vec(),
        };
        assert!(metadata_attribute(&meta("1.3.6.1.4.1.99999.1")).is_ok());
        assert!(matches!(
            metadata_attribute(&meta("not-an-oid")),
            Err(Error::InvalidMetadata(_))
        ));
        assert!(matches!(
            metadata_attribute(&meta("1.2.840.113549.1.9.4")),
            Err(Error::InvalidMetadata(_))
        ));
        let big = SignedMetadata {
            oid: "1.2.3.4".into(),
            value: vec![0; MAX_METADATA_LEN + 1],
        };
        assert!(matches!(
            metadata_attribute(&big),
            Err(Error::InvalidMetadata(_))
        ));
    }
}
