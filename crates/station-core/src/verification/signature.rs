//! One CMS signature checked end to end: integrity, signature timestamp and
//! chain of trust, as the report states it.

use std::time::Duration;

use super::certificate::ParsedCertificate;
use super::chain::{self, Purpose};
use super::cms_check::check_signer;
use super::cms_parse::{ParsedCms, ParsedSigner};
use super::digest::DigestAlgorithm;
use super::report::{
    ClaimedSigningTime, ClaimedSigningTimeSource, PadesLevel, SignatureIntegrity, SignatureKind,
    SignatureReport, SignatureTrust,
};
use super::time_format::rfc3339;
use super::timestamp::{TimestampCheck, check_token};
use super::trust::TrustStore;

/// A checked signature, with what the PAdES level depends on.
#[derive(Debug)]
pub(crate) struct CheckedSignature {
    pub report: SignatureReport,
    /// An ESS signing-certificate attribute was present and matched.
    pub has_signing_certificate: bool,
}

/// Checks `signer` of `cms` over the content whose digests `content_digest`
/// answers. Certificates are valid at the timestamp's time when a trusted,
/// intact signature timestamp proves it, else at `now`.
pub(crate) fn check_signature(
    cms: &ParsedCms,
    signer: &ParsedSigner,
    content_digest: &dyn Fn(DigestAlgorithm) -> Option<Vec<u8>>,
    store: &TrustStore,
    now: Duration,
) -> CheckedSignature {
    let known: Vec<ParsedCertificate> = store
        .anchors()
        .iter()
        .chain(store.intermediates())
        .cloned()
        .collect();
    let check = check_signer(cms, signer, &known, content_digest);

    let timestamp = check.timestamp_token.as_ref().map(|token| {
        let mut timestamp_known = cms.certificates.clone();
        timestamp_known.extend(known.iter().cloned());
        check_token(
            token,
            &|alg| alg.digest(&check.signature_value),
            &timestamp_known,
            store,
        )
    });
    let at = timestamp
        .as_ref()
        .and_then(|timestamp| timestamp.proven_time())
        .unwrap_or(now);
    let trust = match &check.certificate {
        Some(certificate) => {
            let pool: Vec<&ParsedCertificate> = cms.certificates.iter().collect();
            chain::validate(certificate, &pool, store, at, Purpose::DocumentSigning)
        }
        None => SignatureTrust::NotChecked {
            reason: "the signer's certificate is not included in the signature".into(),
        },
    };
    let report = SignatureReport {
        kind: SignatureKind::Signature,
        field_name: None,
        sub_filter: None,
        signer: check.certificate.as_ref().map(ParsedCertificate::summary),
        claimed_signing_time: check.signing_time.map(|time| ClaimedSigningTime {
            time: rfc3339(time),
            source: ClaimedSigningTimeSource::SigningTimeAttribute,
        }),
        timestamp: timestamp.map(|timestamp| timestamp.report),
        integrity: check.integrity,
        trust,
        covers_whole_file: false,
        signed_length: 0,
        pades_level: PadesLevel::None,
        digest_algorithm: check.digest_algorithm.map(|alg| alg.name().to_owned()),
        signature_algorithm: check.signature_algorithm,
    };
    CheckedSignature {
        report,
        has_signing_certificate: check.has_signing_certificate,
    }
}

/// The report of a signature that could not be read at all.
pub(crate) fn unreadable(kind: SignatureKind, reason: String) -> SignatureReport {
    SignatureReport {
        kind,
        field_name: None,
        sub_filter: None,
        signer: None,
        claimed_signing_time: None,
        timestamp: None,
        trust: SignatureTrust::NotChecked {
            reason: "the signature cannot be read".into(),
        },
        integrity: SignatureIntegrity::Malformed { reason },
        covers_whole_file: false,
        signed_length: 0,
        pades_level: PadesLevel::None,
        digest_algorithm: None,
        signature_algorithm: None,
    }
}

/// The report of a PDF document timestamp: the token's checks are the entry's.
pub(crate) fn document_timestamp(check: TimestampCheck) -> SignatureReport {
    SignatureReport {
        kind: SignatureKind::DocumentTimestamp,
        field_name: None,
        sub_filter: None,
        signer: check.authority.as_ref().map(ParsedCertificate::summary),
        claimed_signing_time: None,
        integrity: check.report.integrity.clone(),
        trust: check.report.trust.clone(),
        timestamp: Some(check.report),
        covers_whole_file: false,
        signed_length: 0,
        pades_level: PadesLevel::None,
        digest_algorithm: check.digest_algorithm.map(|alg| alg.name().to_owned()),
        signature_algorithm: check.signature_algorithm,
    }
}
