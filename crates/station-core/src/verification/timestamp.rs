//! RFC 3161 timestamp tokens: a signature timestamp (over a signature value)
//! or a PDF document timestamp (over the document's byte ranges).

use std::time::Duration;

use der::{Decode as _, Tagged as _};
use x509_cert::ext::pkix::name::GeneralName;
use x509_tsp::TstInfo;

use super::certificate::ParsedCertificate;
use super::chain::{self, Purpose};
use super::cms_check::check_signer;
use super::cms_parse::ParsedCms;
use super::digest::DigestAlgorithm;
use super::oids;
use super::report::{SignatureIntegrity, SignatureTrust, TimestampReport};
use super::time_format::rfc3339;
use super::trust::TrustStore;

/// What checking a timestamp token found.
#[derive(Debug)]
pub(crate) struct TimestampCheck {
    pub report: TimestampReport,
    /// The time vouched for, when the token could be read.
    pub time: Option<Duration>,
    /// The authority's certificate, when found.
    pub authority: Option<ParsedCertificate>,
    pub digest_algorithm: Option<DigestAlgorithm>,
    pub signature_algorithm: Option<String>,
}

impl TimestampCheck {
    /// The vouched time, only if the token is intact and its authority trusted.
    pub(crate) fn proven_time(&self) -> Option<Duration> {
        (self.report.integrity.is_ok() && self.report.trust.is_trusted())
            .then_some(self.time)
            .flatten()
    }
}

/// Checks `token` (a DER TimeStampToken). `imprinted` answers the digest of the
/// data the token must cover under the algorithm the token names.
/// `known` are further certificates where the authority's may be found.
pub(crate) fn check_token(
    token: &[u8],
    imprinted: &dyn Fn(DigestAlgorithm) -> Vec<u8>,
    known: &[ParsedCertificate],
    store: &TrustStore,
) -> TimestampCheck {
    let mut check = TimestampCheck {
        report: TimestampReport {
            time: None,
            authority: None,
            integrity: SignatureIntegrity::Ok,
            trust: SignatureTrust::NotChecked {
                reason: "the timestamp token cannot be read".into(),
            },
        },
        time: None,
        authority: None,
        digest_algorithm: None,
        signature_algorithm: None,
    };
    if let Err(reason) = check_into(token, imprinted, known, store, &mut check) {
        check.report.integrity = SignatureIntegrity::Malformed { reason };
    }
    check
}

fn check_into(
    token: &[u8],
    imprinted: &dyn Fn(DigestAlgorithm) -> Vec<u8>,
    known: &[ParsedCertificate],
    store: &TrustStore,
    check: &mut TimestampCheck,
) -> Result<(), String> {
    let cms = ParsedCms::from_der(token).map_err(|e| format!("timestamp token: {e}"))?;
    if cms.encapsulated.econtent_type != oids::TST_INFO {
        return Err("the timestamp token does not hold TSTInfo".into());
    }
    let tst_der = cms
        .encapsulated
        .econtent
        .as_ref()
        .filter(|content| content.tag() == der::Tag::OctetString)
        .map(|content| content.value().to_vec())
        .ok_or("the timestamp token holds no TSTInfo")?;
    let tst = TstInfo::from_der(&tst_der).map_err(|e| format!("unreadable TSTInfo: {e}"))?;
    let time = tst.gen_time.to_unix_duration();
    check.time = Some(time);
    check.report.time = Some(rfc3339(time));
    check.report.authority = tst.tsa.as_ref().and_then(|name| match name {
        GeneralName::DirectoryName(name) => Some(name.to_string()),
        _ => None,
    });
    let [signer] = cms.signers.as_slice() else {
        return Err("a timestamp token must have exactly one signer".into());
    };

    let signer_check = check_signer(&cms, signer, known, &|alg| Some(alg.digest(&tst_der)));
    check.digest_algorithm = signer_check.digest_algorithm;
    check.signature_algorithm = signer_check.signature_algorithm;
    check.report.integrity = signer_check.integrity;
    if let Some(tsa) = &signer_check.certificate {
        check.report.authority = Some(tsa.display_name());
        let pool: Vec<&ParsedCertificate> = cms.certificates.iter().chain(known).collect();
        check.report.trust = chain::validate(tsa, &pool, store, time, Purpose::TimeStamping);
    }
    check.authority = signer_check.certificate;

    if check.report.integrity.is_ok() {
        let imprint = &tst.message_imprint;
        let alg = DigestAlgorithm::from_oid(&imprint.hash_algorithm.oid).ok_or_else(|| {
            format!(
                "unsupported timestamp imprint digest {}",
                imprint.hash_algorithm.oid
            )
        })?;
        if imprinted(alg) != imprint.hashed_message.as_bytes() {
            check.report.integrity = SignatureIntegrity::DigestMismatch {
                reason: "the timestamp covers other data than this signature".into(),
            };
        }
    }
    Ok(())
}
