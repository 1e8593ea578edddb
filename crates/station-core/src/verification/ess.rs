//! The ESS signing-certificate attributes (RFC 2634 §5.4, RFC 5035): the
//! signer binds the hash of its certificate into the signed attributes, so a
//! certificate with the same key cannot be substituted.

use der::Decode as _;
use der::asn1::OctetString;
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;

use super::certificate::ParsedCertificate;
use super::digest::DigestAlgorithm;
use super::oids;

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }`
#[derive(Debug, der::Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// `ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL }`
#[derive(Debug, der::Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<IssuerSerial>,
}

/// `SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies ... OPTIONAL }`
#[derive(Debug, der::Sequence)]
struct SigningCertificateV1 {
    certs: Vec<EssCertIdV1>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// `ESSCertID ::= SEQUENCE { certHash (SHA-1), issuerSerial OPTIONAL }`
#[derive(Debug, der::Sequence)]
struct EssCertIdV1 {
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<IssuerSerial>,
}

#[derive(Debug, der::Sequence)]
struct IssuerSerial {
    issuer: GeneralNames,
    serial_number: SerialNumber,
}

/// Checks a signing-certificate attribute value (`v2` says which version)
/// against the certificate that verified the signature. The first entry names
/// the signer's certificate.
pub(crate) fn check(value_der: &[u8], v2: bool, signer: &ParsedCertificate) -> Result<(), String> {
    let unreadable = |e: der::Error| format!("unreadable signing-certificate attribute: {e}");
    let (hash, expected, issuer_serial) = if v2 {
        let attr = SigningCertificateV2::from_der(value_der).map_err(unreadable)?;
        let first = attr
            .certs
            .into_iter()
            .next()
            .ok_or("an empty signing-certificate attribute")?;
        let hash = match &first.hash_algorithm {
            None => DigestAlgorithm::Sha256,
            Some(alg) => DigestAlgorithm::from_oid(&alg.oid).ok_or_else(|| {
                format!(
                    "unsupported digest {} in signing-certificate attribute",
                    alg.oid
                )
            })?,
        };
        (hash, first.cert_hash, first.issuer_serial)
    } else {
        let attr = SigningCertificateV1::from_der(value_der).map_err(unreadable)?;
        let first = attr
            .certs
            .into_iter()
            .next()
            .ok_or("an empty signing-certificate attribute")?;
        (DigestAlgorithm::Sha1, first.cert_hash, first.issuer_serial)
    };
    if hash.digest(&signer.der) != expected.as_bytes() {
        return Err(format!(
            "the signed attributes name another certificate than {}",
            signer.display_name()
        ));
    }
    if let Some(issuer_serial) = issuer_serial {
        let issuer_matches = issuer_serial.issuer.iter().any(
            |name| matches!(name, GeneralName::DirectoryName(name) if name == signer.issuer()),
        );
        if !issuer_matches || issuer_serial.serial_number.as_bytes() != signer.serial() {
            return Err(
                "the signing-certificate attribute names another issuer or serial number".into(),
            );
        }
    }
    Ok(())
}

/// The attribute OIDs, v2 first.
pub(crate) const ATTRIBUTES: [(der::asn1::ObjectIdentifier, bool); 2] = [
    (oids::SIGNING_CERTIFICATE_V2, true),
    (oids::SIGNING_CERTIFICATE, false),
];
