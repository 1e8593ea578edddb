//! Object identifiers the sandbox PKI writes, named after their standards.

use der::asn1::ObjectIdentifier as Oid;

// RFC 5652 (CMS) and PKCS #9 attributes.
pub(crate) const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const EMAIL_ADDRESS: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");

// RFC 5035 (ESS signingCertificateV2) and RFC 3161 / ETSI (timestamps).
pub(crate) const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const SIGNATURE_TIME_STAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
pub(crate) const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

// Digests (NIST, OIW) and ECDSA signatures over them (RFC 5758, ANSI X9.62).
pub(crate) const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub(crate) const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
pub(crate) const ECDSA_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
pub(crate) const ECDSA_WITH_SHA224: Oid = Oid::new_unwrap("1.2.840.10045.4.3.1");
pub(crate) const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub(crate) const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");

// X.520 name attributes beyond what rcgen names itself.
pub(crate) const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
pub(crate) const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub(crate) const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");

// RFC 5280 extensions and key purposes.
pub(crate) const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub(crate) const CERTIFICATE_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
pub(crate) const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
pub(crate) const QT_CPS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.2.1");

// RFC 3739 and ETSI EN 319 412-5: qualified certificate statements.
pub(crate) const QC_STATEMENTS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.3");
pub(crate) const QCS_PKIX_QC_SYNTAX_V2: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.11.2");
pub(crate) const SEMANTICS_ID_NATURAL: Oid = Oid::new_unwrap("0.4.0.194121.1.1");
pub(crate) const QCS_QC_COMPLIANCE: Oid = Oid::new_unwrap("0.4.0.1862.1.1");
pub(crate) const QCS_QC_SSCD: Oid = Oid::new_unwrap("0.4.0.1862.1.4");
pub(crate) const QCS_QC_PDS: Oid = Oid::new_unwrap("0.4.0.1862.1.5");
pub(crate) const QCS_QC_TYPE: Oid = Oid::new_unwrap("0.4.0.1862.1.6");
pub(crate) const QCT_ESIGN: Oid = Oid::new_unwrap("0.4.0.1862.1.6.1");

// ETSI EN 319 411-2 / 319 411-1 certificate policies.
pub(crate) const POLICY_QCP_N_QSCD: Oid = Oid::new_unwrap("0.4.0.194112.1.2");
pub(crate) const POLICY_NCP_PLUS: Oid = Oid::new_unwrap("0.4.0.2042.1.2");

// The sandbox's own policies live under IANA's example enterprise number 32473
// (RFC 5612), reserved for documentation: no production policy can ever share them.
pub(crate) const SANDBOX_QUALIFIED_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.1.1");
pub(crate) const SANDBOX_NORMALIZED_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.1.2");
pub(crate) const SANDBOX_TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.1.3");

/// The arcs of `oid` as rcgen wants them for custom extensions and name attributes.
pub(crate) fn arcs(oid: &Oid) -> Vec<u64> {
    oid.arcs().map(u64::from).collect()
}
