//! Verifying every signature and document timestamp of a PDF (PAdES).

use std::path::Path;
use std::time::SystemTime;

use super::byte_range::ByteRange;
use super::cms_parse::ParsedCms;
use super::digest::DigestAlgorithm;
use super::pdf_signatures::{self, SignatureDictionary};
use super::report::{
    ClaimedSigningTime, ClaimedSigningTimeSource, PadesLevel, SignatureKind, SignatureReport,
    SignedDocumentKind, VerificationReport, VerificationVerdict,
};
use super::signature::{self, check_signature, unreadable};
use super::time_format::{rfc3339, since_epoch};
use super::timestamp::check_token;
use super::trust::TrustStore;
use crate::{Error, Result};

/// Verifies every signature of a signed PDF against `trust`, as of now.
///
/// Each signature gets its checks: the `/ByteRange` covers the file from its
/// first byte except exactly the signature's `/Contents`; the CMS digest and
/// signature are right; the ESS signing certificate matches; the signature
/// timestamp covers the signature value and is intact; signer and TSA chain to
/// a root of `trust`. A failed check is reported, never raised: the only
/// errors are [`Error::NotAPdf`] and [`Error::NoSignature`].
pub fn verify_pdf(bytes: &[u8], trust: &TrustStore) -> Result<VerificationReport> {
    verify_pdf_at(bytes, trust, SystemTime::now())
}

/// [`verify_pdf`] for the file at `path` ([`Error::UnreadableDocument`] if it
/// cannot be read).
pub fn verify_pdf_file(path: &Path, trust: &TrustStore) -> Result<VerificationReport> {
    let bytes = std::fs::read(path).map_err(|source| Error::UnreadableDocument {
        name: path.display().to_string(),
        source,
    })?;
    verify_pdf(&bytes, trust)
}

/// [`verify_pdf`] as of instant `at`: certificates without a trusted
/// timestamp must be valid then (to re-check an archived file as of a date).
pub fn verify_pdf_at(
    bytes: &[u8],
    trust: &TrustStore,
    at: SystemTime,
) -> Result<VerificationReport> {
    let found = pdf_signatures::find(bytes)?;
    if found.dictionaries.is_empty() {
        return Err(Error::NoSignature);
    }
    let now = since_epoch(at);
    let mut signatures: Vec<SignatureReport> = Vec::new();
    let mut signing_certificates = Vec::new();
    for dictionary in &found.dictionaries {
        let (report, has_signing_certificate) = check_dictionary(bytes, dictionary, trust, now);
        signatures.push(report);
        signing_certificates.push(has_signing_certificate);
    }

    let mut order: Vec<usize> = (0..signatures.len()).collect();
    order.sort_by_key(|&i| signatures[i].signed_length);
    let last_end = signatures
        .iter()
        .map(|s| s.signed_length)
        .max()
        .unwrap_or(0);
    for i in 0..signatures.len() {
        if signatures[i].kind == SignatureKind::Signature {
            signatures[i].pades_level =
                pades_level(&signatures, i, signing_certificates[i], found.has_dss);
        }
    }
    let signatures: Vec<SignatureReport> =
        order.into_iter().map(|i| signatures[i].clone()).collect();
    let file_size = bytes.len() as u64;
    Ok(VerificationReport {
        document: SignedDocumentKind::Pdf,
        verdict: VerificationVerdict::of(&signatures, last_end == file_size),
        file_size,
        has_validation_data: found.has_dss,
        signatures,
    })
}

/// Checks one signature dictionary; answers its report and whether it has an
/// ESS signing-certificate attribute.
fn check_dictionary(
    bytes: &[u8],
    dictionary: &SignatureDictionary,
    trust: &TrustStore,
    now: std::time::Duration,
) -> (SignatureReport, bool) {
    let (mut report, has_signing_certificate) = match covered(bytes, dictionary) {
        Err(reason) => (unreadable(dictionary.kind, reason), false),
        Ok((range, contents)) => {
            let digest_ranges = |alg: DigestAlgorithm| alg.digest_parts(&range.parts(bytes));
            let (mut report, has_ess) = match dictionary.kind {
                SignatureKind::DocumentTimestamp => {
                    (document_timestamp(&contents, &digest_ranges, trust), false)
                }
                SignatureKind::Signature => match dictionary.sub_filter.as_deref() {
                    Some("ETSI.CAdES.detached" | "adbe.pkcs7.detached") => {
                        detached_signature(&contents, &|alg| Some(digest_ranges(alg)), trust, now)
                    }
                    other => (
                        unreadable(
                            SignatureKind::Signature,
                            format!(
                                "unsupported signature format /SubFilter {}",
                                other.unwrap_or("(none)")
                            ),
                        ),
                        false,
                    ),
                },
            };
            report.signed_length = range.end() as u64;
            report.covers_whole_file = range.end() == bytes.len();
            (report, has_ess)
        }
    };
    report.field_name.clone_from(&dictionary.field_name);
    report.sub_filter.clone_from(&dictionary.sub_filter);
    if report.claimed_signing_time.is_none() {
        report.claimed_signing_time = dictionary.claimed_time.map(|time| ClaimedSigningTime {
            time: rfc3339(time),
            source: ClaimedSigningTimeSource::PdfSignatureDictionary,
        });
    }
    (report, has_signing_certificate)
}

/// The checked byte range and the signature bytes it leaves out, which must
/// be this dictionary's `/Contents`.
fn covered(
    bytes: &[u8],
    dictionary: &SignatureDictionary,
) -> std::result::Result<(ByteRange, Vec<u8>), String> {
    let values = dictionary.byte_range.as_ref().map_err(Clone::clone)?;
    let contents = dictionary.contents.as_ref().map_err(Clone::clone)?;
    let range = ByteRange::parse(values, bytes.len())?;
    if &range.gap_contents(bytes)? != contents {
        return Err(
            "the bytes left out of the ByteRange are not this signature's /Contents".into(),
        );
    }
    Ok((range, contents.clone()))
}

fn detached_signature(
    contents: &[u8],
    content_digest: &dyn Fn(DigestAlgorithm) -> Option<Vec<u8>>,
    trust: &TrustStore,
    now: std::time::Duration,
) -> (SignatureReport, bool) {
    let cms = match ParsedCms::from_der(contents) {
        Ok(cms) => cms,
        Err(reason) => return (unreadable(SignatureKind::Signature, reason), false),
    };
    let [signer] = cms.signers.as_slice() else {
        let reason = format!(
            "a PDF signature needs exactly one signer, this one has {}",
            cms.signers.len()
        );
        return (unreadable(SignatureKind::Signature, reason), false);
    };
    if cms.encapsulated.econtent.is_some() {
        let reason = "the CMS embeds content: a PDF signature must be detached".to_owned();
        return (unreadable(SignatureKind::Signature, reason), false);
    }
    let checked = check_signature(&cms, signer, content_digest, trust, now);
    (checked.report, checked.has_signing_certificate)
}

fn document_timestamp(
    contents: &[u8],
    digest_ranges: &dyn Fn(DigestAlgorithm) -> Vec<u8>,
    trust: &TrustStore,
) -> SignatureReport {
    let known: Vec<_> = trust
        .anchors()
        .iter()
        .chain(trust.intermediates())
        .cloned()
        .collect();
    signature::document_timestamp(check_token(contents, digest_ranges, &known, trust))
}

/// The PAdES baseline level signature `index` reaches in structure: B-B for a
/// CAdES-detached signature with an ESS signing certificate; B-T with a
/// signature timestamp or a later document timestamp; B-LT when the PDF also
/// holds a DSS; B-LTA when a document timestamp follows as well.
fn pades_level(
    signatures: &[SignatureReport],
    index: usize,
    has_signing_certificate: bool,
    has_dss: bool,
) -> PadesLevel {
    let signature = &signatures[index];
    if signature.sub_filter.as_deref() != Some("ETSI.CAdES.detached") || !has_signing_certificate {
        return PadesLevel::None;
    }
    let later_document_timestamp = signatures.iter().any(|other| {
        other.kind == SignatureKind::DocumentTimestamp
            && other.signed_length > signature.signed_length
    });
    match (
        signature.timestamp.is_some() || later_document_timestamp,
        has_dss,
    ) {
        (false, _) => PadesLevel::BB,
        (true, false) => PadesLevel::BT,
        (true, true) if later_document_timestamp => PadesLevel::BLta,
        (true, true) => PadesLevel::BLt,
    }
}
