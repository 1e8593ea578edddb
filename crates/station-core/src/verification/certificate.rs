//! A certificate as received, with the facts the checks and the report need.

use std::time::Duration;

use der::asn1::{
    Ia5StringRef, ObjectIdentifier, PrintableStringRef, TeletexStringRef, Utf8StringRef,
};
use der::{Decode as _, Tag, Tagged as _};
use x509_cert::Certificate;
use x509_cert::attr::AttributeValue;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName,
    SubjectKeyIdentifier,
};
use x509_cert::name::Name;

use super::der_raw;
use super::oids;
use super::report::CertificateSummary;
use super::time_format::rfc3339;

/// A decoded certificate that keeps its received encoding, so signatures on
/// it and hashes of it are computed over the bytes that were signed.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCertificate {
    /// The whole certificate, as received.
    pub der: Vec<u8>,
    /// The `tbsCertificate` element, as received: what the issuer signed.
    pub tbs_der: Vec<u8>,
    pub cert: Certificate,
}

impl ParsedCertificate {
    /// Decodes one DER certificate; trailing bytes are refused.
    pub(crate) fn from_der(der: &[u8]) -> Result<Self, String> {
        let (outer, rest) =
            der_raw::read_tlv(der).map_err(|e| format!("not a DER certificate: {e}"))?;
        if !rest.is_empty() || outer.tag != Tag::Sequence {
            return Err("not a DER certificate".into());
        }
        let tbs = der_raw::children(outer.value)
            .map_err(|e| format!("not a DER certificate: {e}"))?
            .first()
            .map(|tbs| tbs.encoded.to_vec())
            .ok_or("an empty certificate")?;
        let cert = Certificate::from_der(outer.encoded)
            .map_err(|e| format!("unreadable certificate: {e}"))?;
        Ok(Self {
            der: outer.encoded.to_vec(),
            tbs_der: tbs,
            cert,
        })
    }

    pub(crate) fn subject(&self) -> &Name {
        &self.cert.tbs_certificate.subject
    }

    pub(crate) fn issuer(&self) -> &Name {
        &self.cert.tbs_certificate.issuer
    }

    pub(crate) fn serial(&self) -> &[u8] {
        self.cert.tbs_certificate.serial_number.as_bytes()
    }

    /// `notBefore..=notAfter` as durations since the Unix epoch.
    pub(crate) fn validity(&self) -> (Duration, Duration) {
        let validity = &self.cert.tbs_certificate.validity;
        (
            validity.not_before.to_unix_duration(),
            validity.not_after.to_unix_duration(),
        )
    }

    pub(crate) fn is_valid_at(&self, at: Duration) -> bool {
        let (from, until) = self.validity();
        from <= at && at <= until
    }

    /// The value of extension `T`, `None` when absent. A repeated or
    /// unreadable extension is an error: a certificate must not be ambiguous.
    fn extension<'a, T>(&'a self) -> Result<Option<(bool, T)>, String>
    where
        T: der::Decode<'a> + const_oid::AssociatedOid,
    {
        self.cert
            .tbs_certificate
            .get::<T>()
            .map_err(|e| format!("extension {} is unreadable or repeated: {e}", T::OID))
    }

    pub(crate) fn basic_constraints(&self) -> Result<Option<BasicConstraints>, String> {
        Ok(self.extension::<BasicConstraints>()?.map(|(_, v)| v))
    }

    pub(crate) fn key_usage(&self) -> Result<Option<KeyUsage>, String> {
        Ok(self.extension::<KeyUsage>()?.map(|(_, v)| v))
    }

    pub(crate) fn extended_key_usage(&self) -> Result<Option<Vec<ObjectIdentifier>>, String> {
        Ok(self.extension::<ExtendedKeyUsage>()?.map(|(_, v)| v.0))
    }

    pub(crate) fn subject_key_id(&self) -> Option<Vec<u8>> {
        self.extension::<SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .map(|(_, v)| v.0.as_bytes().to_vec())
    }

    pub(crate) fn authority_key_id(&self) -> Option<Vec<u8>> {
        self.extension::<AuthorityKeyIdentifier>()
            .ok()
            .flatten()
            .and_then(|(_, v)| v.key_identifier)
            .map(|id| id.as_bytes().to_vec())
    }

    /// Critical extensions this verifier does not process. RFC 5280 §4.2 says
    /// a certificate with one of them must be refused.
    pub(crate) fn unknown_critical_extensions(&self) -> Vec<ObjectIdentifier> {
        const UNDERSTOOD: [ObjectIdentifier; 12] = [
            oids::BASIC_CONSTRAINTS,
            oids::KEY_USAGE,
            oids::EXT_KEY_USAGE,
            oids::SUBJECT_KEY_IDENTIFIER,
            oids::AUTHORITY_KEY_IDENTIFIER,
            oids::SUBJECT_ALT_NAME,
            oids::ISSUER_ALT_NAME,
            oids::CERTIFICATE_POLICIES,
            oids::CRL_DISTRIBUTION_POINTS,
            oids::AUTHORITY_INFO_ACCESS,
            oids::QC_STATEMENTS,
            oids::OCSP_NO_CHECK,
        ];
        self.cert
            .tbs_certificate
            .extensions
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|ext| ext.critical && !UNDERSTOOD.contains(&ext.extn_id))
            .map(|ext| ext.extn_id)
            .collect()
    }

    /// Whether the certificate claims to be an EU qualified certificate (ETSI EN
    /// 319 412-5 QcCompliance statement).
    pub(crate) fn is_qualified(&self) -> bool {
        self.cert
            .tbs_certificate
            .extensions
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|ext| ext.extn_id == oids::QC_STATEMENTS)
            .filter_map(|ext| Vec::<QcStatement>::from_der(ext.extn_value.as_bytes()).ok())
            .flatten()
            .any(|statement| statement.statement_id == oids::QC_COMPLIANCE)
    }

    /// The first value of a subject attribute as text.
    pub(crate) fn subject_attribute(&self, oid: ObjectIdentifier) -> Option<String> {
        name_attribute(self.subject(), oid)
    }

    /// A short name for messages: the common name, else the whole subject.
    pub(crate) fn display_name(&self) -> String {
        self.subject_attribute(oids::COMMON_NAME)
            .unwrap_or_else(|| self.subject().to_string())
    }

    fn email(&self) -> Option<String> {
        self.subject_attribute(oids::EMAIL_ADDRESS).or_else(|| {
            let (_, san) = self.extension::<SubjectAltName>().ok().flatten()?;
            san.0.into_iter().find_map(|name| match name {
                GeneralName::Rfc822Name(mail) => Some(mail.to_string()),
                _ => None,
            })
        })
    }

    /// What the report shows about this certificate.
    pub(crate) fn summary(&self) -> CertificateSummary {
        let (not_before, not_after) = self.validity();
        CertificateSummary {
            common_name: self.subject_attribute(oids::COMMON_NAME),
            given_name: self.subject_attribute(oids::GIVEN_NAME),
            surname: self.subject_attribute(oids::SURNAME),
            id_number: self.subject_attribute(oids::SERIAL_NUMBER),
            email: self.email(),
            organization: self.subject_attribute(oids::ORGANIZATION),
            country: self.subject_attribute(oids::COUNTRY),
            subject: self.subject().to_string(),
            issuer: self.issuer().to_string(),
            issuer_common_name: name_attribute(self.issuer(), oids::COMMON_NAME),
            serial_number: hex_upper(self.serial()),
            not_before: rfc3339(not_before),
            not_after: rfc3339(not_after),
            qualified: self.is_qualified(),
        }
    }
}

/// `QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }` (RFC 3739).
#[derive(Debug, der::Sequence)]
struct QcStatement {
    statement_id: ObjectIdentifier,
    #[asn1(optional = "true")]
    statement_info: Option<der::Any>,
}

/// The first value of attribute `oid` in `name` as text.
pub(crate) fn name_attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .and_then(|atv| attribute_text(&atv.value))
}

fn attribute_text(value: &AttributeValue) -> Option<String> {
    let text = match value.tag() {
        Tag::Utf8String => Utf8StringRef::try_from(value).ok()?.as_str().to_owned(),
        Tag::PrintableString => PrintableStringRef::try_from(value)
            .ok()?
            .as_str()
            .to_owned(),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok()?.as_str().to_owned(),
        Tag::TeletexString => TeletexStringRef::try_from(value).ok()?.as_str().to_owned(),
        Tag::BmpString => der::asn1::BmpString::from_der(&der::Encode::to_der(value).ok()?)
            .ok()?
            .to_string(),
        _ => return None,
    };
    Some(text)
}

pub(crate) fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
