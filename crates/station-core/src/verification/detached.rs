//! Verifying a detached CMS signature (`.p7m`) against its original file.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use super::cms_parse::ParsedCms;
use super::digest::{DigestAlgorithm, digest_stream};
use super::report::{SignatureKind, SignedDocumentKind, VerificationReport, VerificationVerdict};
use super::signature::{check_signature, unreadable};
use super::time_format::since_epoch;
use super::trust::TrustStore;
use crate::{Error, Result};

/// Verifies a detached CMS signature (DER or PEM) over `original`, read once
/// as a stream whatever its size, as of now.
///
/// Every signer of the CMS gets a report entry: the digest of `original`
/// (SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512, as the signer names) must be
/// the signed messageDigest and the signature must verify over the signed
/// attributes, or over the digest itself when the signer used none. Errors
/// are only for unreadable input: [`Error::NotASignature`],
/// [`Error::NoSignature`], [`Error::UnreadableDocument`].
pub fn verify_detached_cms(
    p7m: &[u8],
    original: impl Read,
    trust: &TrustStore,
) -> Result<VerificationReport> {
    verify_detached_cms_at(p7m, original, trust, SystemTime::now())
}

/// [`verify_detached_cms`] for a signature file and its original on disk.
pub fn verify_detached_cms_files(
    p7m: &Path,
    original: &Path,
    trust: &TrustStore,
) -> Result<VerificationReport> {
    let unreadable_file = |path: &Path| {
        let name = path.display().to_string();
        move |source| Error::UnreadableDocument { name, source }
    };
    let signature = std::fs::read(p7m).map_err(unreadable_file(p7m))?;
    let file = std::fs::File::open(original).map_err(unreadable_file(original))?;
    verify_detached_cms(&signature, std::io::BufReader::new(file), trust).map_err(|error| {
        match error {
            Error::UnreadableDocument { source, .. } => unreadable_file(original)(source),
            other => other,
        }
    })
}

/// [`verify_detached_cms`] as of instant `at` (see [`super::verify_pdf_at`]).
pub fn verify_detached_cms_at(
    p7m: &[u8],
    original: impl Read,
    trust: &TrustStore,
    at: SystemTime,
) -> Result<VerificationReport> {
    let der = pem_or_der(p7m)?;
    let cms = ParsedCms::from_der(&der).map_err(Error::NotASignature)?;
    if cms.signers.is_empty() {
        return Err(Error::NoSignature);
    }
    let mut algorithms: Vec<DigestAlgorithm> = cms
        .signers
        .iter()
        .filter_map(|signer| DigestAlgorithm::from_oid(&signer.info.digest_alg.oid))
        .collect();
    algorithms.sort_by_key(|alg| alg.name());
    algorithms.dedup();

    let mut counted = CountingReader {
        inner: original,
        count: 0,
    };
    let digests: HashMap<DigestAlgorithm, Vec<u8>> = digest_stream(&mut counted, &algorithms)
        .map_err(|source| Error::UnreadableDocument {
            name: "the original document".into(),
            source,
        })?
        .into_iter()
        .collect();
    let file_size = counted.count;

    let now = since_epoch(at);
    let signatures: Vec<_> = cms
        .signers
        .iter()
        .map(|signer| {
            if cms.encapsulated.econtent.is_some() {
                let reason =
                    "the CMS embeds its content: it is not a detached signature".to_owned();
                return unreadable(SignatureKind::Signature, reason);
            }
            let mut report =
                check_signature(&cms, signer, &|alg| digests.get(&alg).cloned(), trust, now).report;
            report.covers_whole_file = report.integrity.is_ok();
            report.signed_length = file_size;
            report
        })
        .collect();
    Ok(VerificationReport {
        document: SignedDocumentKind::DetachedCms,
        verdict: VerificationVerdict::of(&signatures, true),
        file_size,
        has_validation_data: false,
        signatures,
    })
}

/// The DER inside a PEM-armoured signature, or the input itself.
fn pem_or_der(p7m: &[u8]) -> Result<Vec<u8>> {
    let text_start = p7m
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if !p7m[text_start..].starts_with(b"-----BEGIN") {
        return Ok(p7m.to_vec());
    }
    let block =
        pem::parse(p7m).map_err(|e| Error::NotASignature(format!("unreadable PEM: {e}")))?;
    match block.tag() {
        "PKCS7" | "CMS" | "PKCS #7 SIGNED DATA" => Ok(block.into_contents()),
        other => Err(Error::NotASignature(format!(
            "a PEM {other} block is not a signature"
        ))),
    }
}

/// Counts the bytes of the original while it is hashed.
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.count += read as u64;
        Ok(read)
    }
}
