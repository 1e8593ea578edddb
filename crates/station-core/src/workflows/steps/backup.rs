//! The safe backup: every signed document is downloaded into the request's backup
//! folder (atomically), then verified locally; only then may the documents be
//! deleted from the Optimizer.
//!
//! W3 (hash signature) keeps the `.p7m` in the backup folder next to a copy of the
//! original file, so the folder alone is enough to check the signature later; the
//! officer's own file is never written to.
//!
//! Reconciliation: downloads only read, so an interrupted fetch repeats for the
//! documents whose signed file is not yet recorded (or no longer matches its
//! recorded SHA-256); verification is local and simply runs again.

use std::path::{Path, PathBuf};

use oneshot_api::DocumentKind;

use super::super::engine::Run;
use super::super::states::{StepName, StepState};
use super::super::trust::signing_trust;
use super::blocking;
use crate::audit::{AuditAction, DocumentDigest};
use crate::backup::{BackupFolder, file_sha256, write_file_atomically};
use crate::error::{Error, Result};
use crate::events::{SignStage, StationEvent};
use crate::store::documents::{DocumentFormat, StoredDocument};
use crate::store::{audit, documents, steps};
use crate::verification::{VerificationReport, verify_detached_cms_files, verify_pdf_file};

const FETCH_NOTE: &str = "fetch: downloads repeat safely; files already saved and intact are kept";
const VERIFY_NOTE: &str = "verify: local only; a restart verifies again";

/// Downloads every signed document not yet saved.
pub(crate) async fn fetch(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    run.begin(StepName::FetchSigned, seq, FETCH_NOTE).await?;
    let folder = BackupFolder::of(&run.engine.backups, run.id());
    let ensure = folder.clone();
    blocking(move || ensure.ensure()).await?;
    let total = run.state.documents.len() as u32;
    for (done, document) in run.state.documents.iter().enumerate() {
        if !already_saved(document).await? {
            save(run, &folder, pk, document).await?;
        }
        run.engine.events.emit(StationEvent::SignProgress {
            request: run.id().clone(),
            stage: SignStage::Fetched {
                done: done as u32 + 1,
                total,
            },
        });
    }
    run.finish(StepName::FetchSigned, seq, None, |_| Ok(()))
        .await
}

/// Verifies every saved signed document; the workflow stops here unless all are valid.
pub(crate) async fn verify(run: &Run<'_>, seq: u32) -> Result<()> {
    if let Some(damaged) = first_damaged(run).await? {
        // A saved file changed on disk since it was fetched: the Optimizer still
        // holds the documents, so fetch again rather than verify what is there.
        tracing::warn!(request = %run.id(), file = %damaged, "backup file changed on disk: fetching again");
        let id = run.id().clone();
        let fetch = run
            .state
            .planned_step(StepName::FetchSigned)
            .map(|step| step.seq)
            .ok_or_else(|| Error::CorruptStore("a workflow without fetch".into()))?;
        return run
            .progress(format!("{}:refetch", StepName::VerifyBackup), move |tx| {
                steps::set_state(tx, &id, fetch, StepState::Pending, None)?;
                steps::set_state(tx, &id, seq, StepState::Pending, None)
            })
            .await;
    }
    run.begin(StepName::VerifyBackup, seq, VERIFY_NOTE).await?;
    let trust = signing_trust(run).await?;
    let folder = BackupFolder::of(&run.engine.backups, run.id());
    let mut verdicts = Vec::new();
    for document in &run.state.documents {
        let signed = document.signed_path.clone().ok_or_else(|| {
            Error::CorruptStore(format!("document {} was not fetched", document.position))
        })?;
        let original = original_copy(&folder, document);
        let format = document.format;
        let upload_sha256 = document.upload_sha256.clone();
        let trust = trust.clone();
        let checked =
            blocking(move || check(format, &signed, &original, &upload_sha256, &trust)).await;
        let report = match checked {
            Err(error) if is_broken_copy(&error) => {
                set_aside(run, document);
                return Err(error);
            }
            checked => checked?,
        };
        let verdict = serde_json::to_value(report.verdict)
            .ok()
            .and_then(|word| word.as_str().map(str::to_owned))
            .unwrap_or_default();
        if !report.is_valid() {
            return Err(Error::SignatureNotVerified {
                file: document.file_name.clone(),
                verdict,
            });
        }
        verdicts.push((document.position, verdict));
    }
    let id = run.id().clone();
    let entry = run
        .audit(AuditAction::Backup)
        .with_details(format!("saved and verified in {}", folder.dir().display()))
        .with_digests(
            Vec::new(),
            run.state
                .documents
                .iter()
                .map(|document| DocumentDigest {
                    name: document.file_name.clone(),
                    sha256: document.signed_sha256.clone().unwrap_or_default(),
                })
                .collect(),
        );
    run.finish(StepName::VerifyBackup, seq, None, move |tx| {
        for (position, verdict) in &verdicts {
            documents::set_verification(tx, &id, *position, verdict)?;
        }
        audit::append(tx, entry).map(|_| ())
    })
    .await?;
    run.engine.events.emit(StationEvent::SignProgress {
        request: run.id().clone(),
        stage: SignStage::Verified,
    });
    Ok(())
}

/// True when the saved copy is not a signed document at all (cut short, garbled),
/// as opposed to an intact signature the station cannot trust yet: only a broken
/// copy is worth downloading again.
fn is_broken_copy(error: &Error) -> bool {
    matches!(
        error,
        Error::NotAPdf(_)
            | Error::NoSignature
            | Error::NotASignature(_)
            | Error::UnreadableDocument { .. }
    )
}

/// Sets aside a saved copy that is not a signed document (kept, renamed
/// `….unverified`).
/// The download itself may be what is wrong (a proxy that cut the body short),
/// and the Optimizer still holds the documents: the officer's retry then finds the
/// copy missing and fetches again instead of verifying the same bytes forever.
fn set_aside(run: &Run<'_>, document: &StoredDocument) {
    let Some(saved) = document.signed_path.clone() else {
        return;
    };
    let aside = saved.with_extension(match saved.extension() {
        Some(ext) => format!("{}.unverified", ext.to_string_lossy()),
        None => "unverified".into(),
    });
    if let Err(error) = std::fs::rename(&saved, &aside) {
        tracing::warn!(request = %run.id(), %error, "could not set an unverified copy aside");
    }
}

/// The name of the first document whose saved file no longer matches its digest.
async fn first_damaged(run: &Run<'_>) -> Result<Option<String>> {
    for document in &run.state.documents {
        if document.signed_path.is_some() && !already_saved(document).await? {
            return Ok(Some(document.file_name.clone()));
        }
    }
    Ok(None)
}

/// True when the document's signed file is recorded and still matches its digest.
async fn already_saved(document: &StoredDocument) -> Result<bool> {
    let (Some(path), Some(expected)) =
        (document.signed_path.clone(), document.signed_sha256.clone())
    else {
        return Ok(false);
    };
    blocking(move || Ok(path.is_file() && file_sha256(&path)? == expected)).await
}

async fn save(
    run: &Run<'_>,
    folder: &BackupFolder,
    pk: u64,
    document: &StoredDocument,
) -> Result<()> {
    let uid = document
        .server_uid
        .clone()
        .ok_or_else(|| Error::CorruptStore(format!("document {} has no uid", document.position)))?;
    let suffix = match document.format {
        DocumentFormat::Pdf => "",
        DocumentFormat::Hash => ".p7m",
    };
    let target = folder.document(document.position, &document.file_name, suffix);
    let staging = folder.staging(&target);
    run.session
        .client
        .documents()
        .retrieve_to_file(pk, DocumentKind::Signed, &uid, &staging, None)
        .await?;
    run.answered(StepName::FetchSigned);
    if document.format == DocumentFormat::Hash {
        // The detached signature is checked against this copy, so it must be the file
        // that was hashed.
        let source = document.source_path.clone();
        let copy = original_copy(folder, document);
        let expected = document.source_sha256.clone();
        blocking(move || copy_verified(&source, &copy, &expected)).await?;
    }
    let publish_folder = folder.clone();
    let published = target.clone();
    let sha256 = blocking(move || {
        publish_folder.publish(&staging, &published)?;
        file_sha256(&published)
    })
    .await?;
    let id = run.id().clone();
    let position = document.position;
    run.progress(format!("{}:saved", StepName::FetchSigned), move |tx| {
        documents::set_signed(tx, &id, position, &target, &sha256)
    })
    .await
}

/// Where the backup keeps the original a detached signature covers.
fn original_copy(folder: &BackupFolder, document: &StoredDocument) -> PathBuf {
    folder.document(document.position, &document.file_name, "")
}

fn copy_verified(source: &Path, copy: &Path, expected_sha256: &str) -> Result<()> {
    let bytes = std::fs::read(source).map_err(|source_error| Error::UnreadableFile {
        path: source.to_owned(),
        source: source_error,
    })?;
    let actual = hex::encode(ring::digest::digest(&ring::digest::SHA256, &bytes));
    if actual != expected_sha256 {
        return Err(Error::InvalidDocument {
            path: source.to_owned(),
            reason: "the file changed after it was signed".into(),
        });
    }
    write_file_atomically(copy, &bytes)
}

/// Verifies one signed file; for a PDF also that it is the uploaded PDF plus the
/// signature (an incremental update keeps the original bytes as its prefix).
pub(crate) fn check(
    format: DocumentFormat,
    signed: &Path,
    original: &Path,
    upload_sha256: &str,
    trust: &crate::verification::TrustStore,
) -> Result<VerificationReport> {
    match format {
        DocumentFormat::Pdf => {
            let report = verify_pdf_file(signed, trust)?;
            if report.is_valid() {
                let bytes = std::fs::read(signed).map_err(|source| Error::UnreadableFile {
                    path: signed.to_owned(),
                    source,
                })?;
                let size = report_original_size(&bytes, upload_sha256);
                if size.is_none() {
                    return Err(Error::SignatureNotVerified {
                        file: signed.display().to_string(),
                        verdict: "not_the_uploaded_document".into(),
                    });
                }
            }
            Ok(report)
        }
        DocumentFormat::Hash => Ok(verify_detached_cms_files(signed, original, trust)?),
    }
}

/// The length of the prefix of `signed` whose SHA-256 is `upload_sha256`, if any:
/// the original PDF ends at one of the `%%EOF` markers.
fn report_original_size(signed: &[u8], upload_sha256: &str) -> Option<usize> {
    let marker = b"%%EOF";
    signed
        .windows(marker.len())
        .enumerate()
        .filter(|(_, window)| *window == marker)
        .map(|(at, _)| at + marker.len())
        .flat_map(|end| [end, end + 1, end + 2])
        .filter(|end| *end <= signed.len())
        .find(|end| {
            hex::encode(ring::digest::digest(&ring::digest::SHA256, &signed[..*end]))
                == upload_sha256
        })
}
