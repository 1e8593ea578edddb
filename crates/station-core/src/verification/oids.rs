//! Object identifiers the verifier recognises, named as their RFCs and ETSI
//! standards name them.

use der::asn1::ObjectIdentifier as Oid;

// CMS (RFC 5652) and its attributes.
pub(crate) const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
// ESS (RFC 2634, RFC 5035) and RFC 3161.
pub(crate) const SIGNING_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
pub(crate) const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const SIGNATURE_TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
pub(crate) const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

// Digests.
pub(crate) const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub(crate) const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

// Public keys and signatures (RFC 3279, RFC 4055, RFC 5758).
pub(crate) const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub(crate) const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");
pub(crate) const ECDSA_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
pub(crate) const ECDSA_WITH_SHA224: Oid = Oid::new_unwrap("1.2.840.10045.4.3.1");
pub(crate) const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub(crate) const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub(crate) const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");
pub(crate) const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub(crate) const SHA224_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.14");
pub(crate) const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub(crate) const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

// Certificate extensions (RFC 5280, RFC 3739).
pub(crate) const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub(crate) const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub(crate) const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub(crate) const SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
pub(crate) const AUTHORITY_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.35");
pub(crate) const SUBJECT_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.17");
pub(crate) const ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
pub(crate) const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
pub(crate) const CRL_DISTRIBUTION_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
pub(crate) const AUTHORITY_INFO_ACCESS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
pub(crate) const QC_STATEMENTS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.3");
pub(crate) const OCSP_NO_CHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");
pub(crate) const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
/// ETSI EN 319 412-5 esi4-qcStatement-1: the certificate is an EU qualified certificate.
pub(crate) const QC_COMPLIANCE: Oid = Oid::new_unwrap("0.4.0.1862.1.1");

// Subject attributes (RFC 4519, PKCS #9).
pub(crate) const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub(crate) const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
pub(crate) const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub(crate) const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
pub(crate) const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
pub(crate) const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
pub(crate) const EMAIL_ADDRESS: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");
