//! Checking one CMS signer: the content digest, the signature value over the
//! signed attributes (or the content), and the ESS signing certificate.

use std::time::Duration;

use cms::signed_data::SignerIdentifier;
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode as _, Encode as _};
use x509_cert::attr::Attribute;
use x509_cert::time::Time;

use super::certificate::ParsedCertificate;
use super::cms_parse::{ParsedCms, ParsedSigner};
use super::digest::DigestAlgorithm;
use super::ess;
use super::oids;
use super::public_key::{SignatureScheme, verify_prehashed};
use super::report::SignatureIntegrity;

/// What checking one signer found.
#[derive(Debug)]
pub(crate) struct SignerCheck {
    /// The certificate whose key verified (or should have verified) the signature.
    pub certificate: Option<ParsedCertificate>,
    pub integrity: SignatureIntegrity,
    pub digest_algorithm: Option<DigestAlgorithm>,
    pub signature_algorithm: Option<String>,
    /// The signingTime signed attribute.
    pub signing_time: Option<Duration>,
    /// An ESS signing-certificate attribute is present (and was checked).
    pub has_signing_certificate: bool,
    /// The signature value: what a signature timestamp must cover.
    pub signature_value: Vec<u8>,
    /// The first signature timestamp token (unsigned attribute), DER.
    pub timestamp_token: Option<Vec<u8>>,
}

/// Checks `signer` of `cms`. `content_digest` answers the digest of the signed
/// content under an algorithm (`None` when it cannot be computed);
/// `known_certificates` are searched for the signer's certificate after the
/// CMS's own.
pub(crate) fn check_signer(
    cms: &ParsedCms,
    signer: &ParsedSigner,
    known_certificates: &[ParsedCertificate],
    content_digest: &dyn Fn(DigestAlgorithm) -> Option<Vec<u8>>,
) -> SignerCheck {
    let info = &signer.info;
    let mut check = SignerCheck {
        certificate: find_certificate(&info.sid, cms.certificates.iter().chain(known_certificates)),
        integrity: SignatureIntegrity::Ok,
        digest_algorithm: DigestAlgorithm::from_oid(&info.digest_alg.oid),
        signature_algorithm: None,
        signing_time: None,
        has_signing_certificate: false,
        signature_value: info.signature.as_bytes().to_vec(),
        timestamp_token: first_value(
            info.unsigned_attrs.as_ref().map(|attrs| attrs.as_slice()),
            oids::SIGNATURE_TIME_STAMP_TOKEN,
        )
        .and_then(|value| value.to_der().ok()),
    };
    check.integrity = match verify(cms, signer, &mut check, content_digest) {
        Ok(()) => SignatureIntegrity::Ok,
        Err(failure) => failure,
    };
    check
}

fn malformed(reason: impl Into<String>) -> SignatureIntegrity {
    SignatureIntegrity::Malformed {
        reason: reason.into(),
    }
}

fn verify(
    cms: &ParsedCms,
    signer: &ParsedSigner,
    check: &mut SignerCheck,
    content_digest: &dyn Fn(DigestAlgorithm) -> Option<Vec<u8>>,
) -> Result<(), SignatureIntegrity> {
    let info = &signer.info;
    let digest_alg = check.digest_algorithm.ok_or_else(|| {
        malformed(format!(
            "unsupported digest algorithm {}",
            info.digest_alg.oid
        ))
    })?;
    let scheme = SignatureScheme::from_identifier(&info.signature_algorithm).map_err(malformed)?;
    check.signature_algorithm = Some(scheme.describe(digest_alg));
    let certificate = check
        .certificate
        .clone()
        .ok_or_else(|| malformed("the signer's certificate is not included in the signature"))?;
    let content =
        content_digest(digest_alg).ok_or_else(|| malformed("the signed content is missing"))?;
    let spki = &certificate.cert.tbs_certificate.subject_public_key_info;

    let Some(signed_attrs_der) = &signer.signed_attrs_der else {
        // RFC 5652 §5.4: without signed attributes the signature covers the
        // content digest itself, which is only allowed for plain data.
        if cms.encapsulated.econtent_type != oids::DATA {
            return Err(malformed(
                "a signature without signed attributes over non-data content",
            ));
        }
        if scheme.hash().is_some_and(|hash| hash != digest_alg) {
            return Err(malformed("the signature and digest algorithms disagree"));
        }
        return verify_prehashed(spki, scheme, digest_alg, &content, &check.signature_value)
            .map_err(|reason| SignatureIntegrity::SignatureInvalid {
                reason: format!(
                    "{reason} (without signed attributes, a changed document and a wrong signature cannot be told apart)"
                ),
            });
    };

    let attrs = info
        .signed_attrs
        .as_ref()
        .map(|attrs| attrs.as_slice())
        .unwrap_or_default();
    let content_type = single_value(attrs, oids::CONTENT_TYPE)?
        .ok_or_else(|| malformed("the signed attributes lack contentType"))?;
    if ObjectIdentifier::from_der(&content_type).ok() != Some(cms.encapsulated.econtent_type) {
        return Err(malformed(
            "the contentType attribute differs from the signed content's type",
        ));
    }
    let signed_digest = single_value(attrs, oids::MESSAGE_DIGEST)?
        .and_then(|der| OctetString::from_der(&der).ok())
        .ok_or_else(|| malformed("the signed attributes lack a readable messageDigest"))?;
    if signed_digest.as_bytes() != content.as_slice() {
        return Err(SignatureIntegrity::DigestMismatch {
            reason: format!(
                "the {} digest of the signed data differs from the one the signer signed: the data was changed",
                digest_alg.name()
            ),
        });
    }
    let hash = scheme.hash().unwrap_or(digest_alg);
    verify_prehashed(
        spki,
        scheme,
        hash,
        &hash.digest(signed_attrs_der),
        &check.signature_value,
    )
    .map_err(|reason| SignatureIntegrity::SignatureInvalid { reason })?;

    for (oid, v2) in ess::ATTRIBUTES {
        if let Some(value) = single_value(attrs, oid)? {
            ess::check(&value, v2, &certificate)
                .map_err(|reason| SignatureIntegrity::SignatureInvalid { reason })?;
            check.has_signing_certificate = true;
        }
    }
    check.signing_time = single_value(attrs, oids::SIGNING_TIME)?
        .and_then(|der| Time::from_der(&der).ok())
        .map(Time::to_unix_duration);
    Ok(())
}

/// The DER of the only value of attribute `oid`; two attributes or two values
/// are malformed (RFC 5652 §11 allows one).
fn single_value(
    attrs: &[Attribute],
    oid: ObjectIdentifier,
) -> Result<Option<Vec<u8>>, SignatureIntegrity> {
    let mut found = attrs.iter().filter(|attr| attr.oid == oid);
    let Some(attr) = found.next() else {
        return Ok(None);
    };
    if found.next().is_some() || attr.values.len() != 1 {
        return Err(malformed(format!(
            "attribute {oid} must appear once with one value"
        )));
    }
    attr.values
        .iter()
        .next()
        .map(|value| value.to_der().map_err(|e| malformed(e.to_string())))
        .transpose()
}

fn first_value(attrs: Option<&[Attribute]>, oid: ObjectIdentifier) -> Option<&der::Any> {
    attrs?
        .iter()
        .find(|attr| attr.oid == oid)
        .and_then(|attr| attr.values.iter().next())
}

/// The certificate a SignerIdentifier names.
pub(crate) fn find_certificate<'a>(
    sid: &SignerIdentifier,
    mut candidates: impl Iterator<Item = &'a ParsedCertificate>,
) -> Option<ParsedCertificate> {
    candidates
        .find(|cert| match sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                cert.issuer() == &id.issuer && cert.serial() == id.serial_number.as_bytes()
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                cert.subject_key_id().as_deref() == Some(ski.0.as_bytes())
            }
        })
        .cloned()
}
