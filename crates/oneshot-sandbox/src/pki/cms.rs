//! CMS SignedData (RFC 5652) as PAdES, CAdES hash signatures and RFC 3161 tokens need it.
//!
//! The structure is assembled from the `cms` crate's types rather than its
//! builder: the sandbox signs digests it did not compute (hash files), needs the
//! signed attributes in its own order of concerns, and attaches the timestamp
//! over the finished signature value, none of which the builder exposes.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use der::{Any, Decode as _, Encode as _, Sequence};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

use super::certificate::ParsedCertificate;
use super::digest::DigestAlgorithm;
use super::key::EcKey;
use super::oids;
use crate::Error;

/// `SigningCertificateV2` (RFC 5035 §3), the one field the sandbox uses.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// `ESSCertIDv2` with the hash algorithm left at its DER default, SHA-256,
/// which DER requires to be omitted rather than written out.
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

fn encoding_error(what: &str, e: der::Error) -> Error {
    Error::Signing(format!("encoding {what}: {e}"))
}

/// An attribute with one value.
pub(crate) fn attribute(
    oid: ObjectIdentifier,
    value: &impl der::Encode,
) -> Result<Attribute, Error> {
    let value = to_any(value).map_err(|e| encoding_error("an attribute value", e))?;
    let values = SetOfVec::try_from(vec![value]).map_err(|e| encoding_error("an attribute", e))?;
    Ok(Attribute { oid, values })
}

/// Any encodable value as `Any`, by way of its DER.
pub(crate) fn to_any(value: &impl der::Encode) -> der::Result<Any> {
    Any::from_der(&value.to_der()?)
}

/// ESS signingCertificateV2 for a certificate whose SHA-256 is `certificate_sha256`.
pub(crate) fn signing_certificate_v2(
    certificate_sha256: &[u8],
    issuer: GeneralName,
    serial_number: SerialNumber,
) -> Result<Attribute, Error> {
    let cert_hash = OctetString::new(certificate_sha256)
        .map_err(|e| encoding_error("a certificate hash", e))?;
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash,
            issuer_serial: IssuerSerial {
                issuer: vec![issuer],
                serial_number,
            },
        }],
    };
    attribute(oids::SIGNING_CERTIFICATE_V2, &value)
}

pub(crate) fn content_type_attribute(content_type: ObjectIdentifier) -> Result<Attribute, Error> {
    attribute(oids::CONTENT_TYPE, &content_type)
}

pub(crate) fn message_digest_attribute(digest: &[u8]) -> Result<Attribute, Error> {
    let digest = OctetString::new(digest).map_err(|e| encoding_error("a message digest", e))?;
    attribute(oids::MESSAGE_DIGEST, &digest)
}

pub(crate) fn signing_time_attribute(now: std::time::SystemTime) -> Result<Attribute, Error> {
    // RFC 5652 §11.3: UTCTime for dates through 2049.
    let time = Time::UtcTime(
        UtcTime::from_system_time(now).map_err(|e| encoding_error("the signing time", e))?,
    );
    attribute(oids::SIGNING_TIME, &time)
}

/// What the signer's ECDSA signature covers.
pub(crate) enum SignedContent {
    /// Signed attributes (which must carry contentType and messageDigest):
    /// the signature covers their DER `SET OF` encoding.
    Attributes(Vec<Attribute>),
    /// No signed attributes: the signature covers the content digest itself.
    Digest(Vec<u8>),
}

/// Who signs and which certificates travel with the signature.
pub(crate) struct CmsSigner<'a> {
    pub(crate) key: &'a EcKey,
    pub(crate) certificate: &'a ParsedCertificate,
    /// Every certificate to embed, the signer's first.
    pub(crate) certificates: Vec<&'a ParsedCertificate>,
}

/// One SignedData to build.
pub(crate) struct SignedDataRequest {
    pub(crate) digest_algorithm: DigestAlgorithm,
    pub(crate) content_type: ObjectIdentifier,
    /// The encapsulated content; `None` for a detached signature.
    pub(crate) content: Option<Vec<u8>>,
    pub(crate) signed: SignedContent,
}

/// Builds `ContentInfo(SignedData)` as DER. `unsigned_attributes` receives the
/// finished signature value, so a timestamp can be requested over it.
pub(crate) fn signed_data(
    signer: &CmsSigner<'_>,
    request: SignedDataRequest,
    unsigned_attributes: impl FnOnce(&[u8]) -> Result<Vec<Attribute>, Error>,
) -> Result<Vec<u8>, Error> {
    let digest_algorithm = request.digest_algorithm;
    let (signed_attrs, signature) = match request.signed {
        SignedContent::Attributes(attributes) => {
            let attributes = SetOfVec::try_from(attributes)
                .map_err(|e| encoding_error("the signed attributes", e))?;
            let encoded = attributes
                .to_der()
                .map_err(|e| encoding_error("the signed attributes", e))?;
            let signature = signer.key.sign_digest(&digest_algorithm.digest(&encoded))?;
            (Some(attributes), signature)
        }
        SignedContent::Digest(digest) => (None, signer.key.sign_digest(&digest)?),
    };
    let unsigned = unsigned_attributes(&signature)?;
    let unsigned_attrs = if unsigned.is_empty() {
        None
    } else {
        Some(SetOfVec::try_from(unsigned).map_err(|e| encoding_error("unsigned attributes", e))?)
    };

    let tbs = &signer.certificate.certificate.tbs_certificate;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer.clone(),
            serial_number: tbs.serial_number.clone(),
        }),
        digest_alg: digest_algorithm.algorithm_identifier(),
        signed_attrs,
        signature_algorithm: digest_algorithm.ecdsa_algorithm_identifier(),
        signature: OctetString::new(signature).map_err(|e| encoding_error("the signature", e))?,
        unsigned_attrs,
    };

    let certificates = signer
        .certificates
        .iter()
        .map(|c| CertificateChoices::Certificate(c.certificate.clone()))
        .collect::<Vec<_>>();
    let econtent = match request.content {
        Some(content) => {
            let octets = OctetString::new(content).map_err(|e| encoding_error("the content", e))?;
            Some(Any::encode_from(&octets).map_err(|e| encoding_error("the content", e))?)
        }
        None => None,
    };
    let signed_data = SignedData {
        // RFC 5652 §5.1: version 3 as soon as the content is not id-data.
        version: if request.content_type == oids::DATA {
            CmsVersion::V1
        } else {
            CmsVersion::V3
        },
        digest_algorithms: SetOfVec::try_from(vec![digest_algorithm.algorithm_identifier()])
            .map_err(|e| encoding_error("the digest algorithms", e))?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: request.content_type,
            econtent,
        },
        certificates: if certificates.is_empty() {
            None
        } else {
            Some(
                CertificateSet::try_from(certificates)
                    .map_err(|e| encoding_error("the certificates", e))?,
            )
        },
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info])
            .map_err(|e| encoding_error("the signer info", e))?,
    };
    let content_info = ContentInfo {
        content_type: oids::SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(|e| encoding_error("SignedData", e))?,
    };
    content_info
        .to_der()
        .map_err(|e| encoding_error("ContentInfo", e))
}

/// Parses an attribute given as DER (hash files carry their attributes that way).
pub(crate) fn parse_attribute(der: &[u8]) -> Result<Attribute, der::Error> {
    Attribute::from_der(der)
}
