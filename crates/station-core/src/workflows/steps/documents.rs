//! Uploading the documents to sign, ten per call, each batch recorded as it is
//! accepted.
//!
//! Reconciliation: an interrupted upload may have left documents on the Optimizer
//! whose uids were never recorded. A restart lists the request's documents, fetches
//! every unknown one's original, and matches it to a local document by SHA-256; a
//! match gets its uid, a document nobody asked for (a duplicate) is deleted so it is
//! never signed, and only what is still missing is uploaded.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use oneshot_api::{
    DocumentKind, DocumentUpload, FileSource, HashFile, MAX_FILES_PER_UPLOAD, Progress,
};

use super::super::engine::Run;
use super::super::states::{StepName, StepState};
use crate::audit::{AuditAction, DocumentDigest};
use crate::backup::file_sha256;
use crate::error::{Error, Result};
use crate::events::StationEvent;
use crate::store::documents::{DocumentFormat, StoredDocument};
use crate::store::{audit, documents};

const NOTE: &str = "upload: a restart lists the request's documents, matches them by SHA-256 \
                    and uploads only what is missing; unrequested copies are deleted";

/// Uploads every document without a uid; waits for the officer when there is none.
pub(crate) async fn upload(run: &Run<'_>, seq: u32) -> Result<()> {
    if run.state.documents.is_empty() {
        return run
            .set_state(
                StepName::UploadDocuments,
                seq,
                StepState::AwaitingOfficer,
                None,
            )
            .await;
    }
    run.begin(StepName::UploadDocuments, seq, NOTE).await?;
    upload_missing(run, seq, &run.state.documents).await
}

/// Matches what the Optimizer holds to the local documents, then uploads the rest.
pub(crate) async fn reconcile(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let client = &run.session.client;
    let held = client.documents().list(pk).await.or_else(|error| {
        // The Optimizer answers 404 when a request has no document.
        if error.is_not_found() {
            Ok(Vec::new())
        } else {
            Err(error)
        }
    })?;
    let mut documents = run.state.documents.clone();
    let known: HashSet<String> = documents
        .iter()
        .filter_map(|d| d.server_uid.clone())
        .collect();
    let mut recovered = Vec::new();
    for file in held.into_iter().filter(|file| !known.contains(&file.uid)) {
        let original = client
            .documents()
            .retrieve(pk, DocumentKind::Original, &file.uid)
            .await?;
        let digest = hex::encode(ring::digest::digest(&ring::digest::SHA256, &original));
        match documents
            .iter_mut()
            .find(|d| d.server_uid.is_none() && d.upload_sha256 == digest)
        {
            Some(document) => {
                document.server_uid = Some(file.uid.clone());
                recovered.push((
                    document.position,
                    file.uid,
                    digest,
                    document.file_name.clone(),
                ));
            }
            None => {
                tracing::warn!(request = %run.id(), uid = %file.uid, "deleting a document nobody asked for");
                match client
                    .documents()
                    .delete(pk, DocumentKind::Original, &file.uid)
                    .await
                {
                    Ok(_) => {}
                    Err(error) if error.is_not_found() => {}
                    Err(error) => return Err(error.into()),
                }
            }
        }
    }
    if !recovered.is_empty() {
        let id = run.id().clone();
        let entry = run
            .audit(AuditAction::Upload)
            .with_details("uploaded before an interruption; found on the Optimizer by SHA-256")
            .with_digests(
                Vec::new(),
                recovered
                    .iter()
                    .map(|(_, _, digest, name)| DocumentDigest {
                        name: name.clone(),
                        sha256: digest.clone(),
                    })
                    .collect(),
            );
        run.progress(
            format!("{}:recovered", StepName::UploadDocuments),
            move |tx| {
                for (position, uid, _, _) in &recovered {
                    documents::set_uploaded(tx, &id, *position, uid)?;
                }
                audit::append(tx, entry)?;
                Ok(())
            },
        )
        .await?;
    }
    upload_missing(run, seq, &documents).await
}

async fn upload_missing(run: &Run<'_>, seq: u32, all: &[StoredDocument]) -> Result<()> {
    let pk = run.state.pk()?;
    let missing: Vec<&StoredDocument> = all.iter().filter(|d| d.server_uid.is_none()).collect();
    let mut uploads = Vec::with_capacity(missing.len());
    let mut sizes = Vec::with_capacity(missing.len());
    for document in &missing {
        let (upload, size) = prepare(document).await?;
        sizes.push(size);
        uploads.push(upload);
    }
    let report = progress_reporter(run, sizes.iter().sum());
    let mut sent_before = 0u64;
    for ((batch, uploads), sizes) in missing
        .chunks(MAX_FILES_PER_UPLOAD)
        .zip(uploads.chunks(MAX_FILES_PER_UPLOAD))
        .zip(sizes.chunks(MAX_FILES_PER_UPLOAD))
    {
        let offset = sent_before;
        let report = Arc::clone(&report);
        let progress: oneshot_api::ProgressFn =
            Arc::new(move |progress: Progress| report(offset + progress.done));
        let accepted = run
            .session
            .client
            .documents()
            .upload(pk, uploads.to_vec(), Some(progress))
            .await?;
        sent_before += sizes.iter().sum::<u64>();
        run.answered(StepName::UploadDocuments);
        if accepted.len() != batch.len() {
            return Err(Error::Optimizer(oneshot_api::Error::Decode {
                operation: "upload_document",
                http_status: 200,
                reason: format!("{} uids for {} documents", accepted.len(), batch.len()),
                excerpt: String::new(),
            }));
        }
        let id = run.id().clone();
        let recorded: Vec<(u32, String)> = batch
            .iter()
            .zip(&accepted)
            .map(|(document, answer)| (document.position, answer.uid.clone()))
            .collect();
        let entry = run.audit(AuditAction::Upload).with_digests(
            Vec::new(),
            batch
                .iter()
                .map(|d| DocumentDigest {
                    name: d.file_name.clone(),
                    sha256: d.upload_sha256.clone(),
                })
                .collect(),
        );
        run.progress(format!("{}:batch", StepName::UploadDocuments), move |tx| {
            for (position, uid) in &recorded {
                documents::set_uploaded(tx, &id, *position, uid)?;
            }
            audit::append(tx, entry)?;
            Ok(())
        })
        .await?;
    }
    run.finish(StepName::UploadDocuments, seq, None, |_| Ok(()))
        .await
}

/// What to send for a document, after checking the local file is still the one
/// the officer chose (its SHA-256 was taken when it was added).
async fn prepare(document: &StoredDocument) -> Result<(DocumentUpload, u64)> {
    let path = document.source_path.clone();
    let current = tokio::task::spawn_blocking(move || file_sha256(&path))
        .await
        .map_err(|error| Error::Task(error.to_string()))??;
    if current != document.source_sha256 {
        return Err(Error::InvalidDocument {
            path: document.source_path.clone(),
            reason: "the file changed after it was added to the request".into(),
        });
    }
    match document.format {
        DocumentFormat::Pdf => {
            let size = std::fs::metadata(&document.source_path)
                .map_err(|source| Error::UnreadableFile {
                    path: document.source_path.clone(),
                    source,
                })?
                .len();
            Ok((
                DocumentUpload::Pdf(FileSource::path(&document.source_path)),
                size,
            ))
        }
        DocumentFormat::Hash => {
            let hash_file = hash_file_of(&document.source_sha256)?;
            let size = hash_file.to_json().len() as u64;
            Ok((
                DocumentUpload::Hash {
                    name: hash_file_name(&document.file_name),
                    hash_file,
                },
                size,
            ))
        }
    }
}

/// The hash file (W3) for a file whose SHA-256 is `sha256_hex`.
pub(crate) fn hash_file_of(sha256_hex: &str) -> Result<HashFile> {
    let digest: [u8; 32] = hex::decode(sha256_hex)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| Error::CorruptStore(format!("not a SHA-256: {sha256_hex}")))?;
    Ok(HashFile::from_sha256(&digest))
}

/// The name a hash file is uploaded under.
pub(crate) fn hash_file_name(file_name: &str) -> String {
    format!("{file_name}.json")
}

/// Reports bytes sent (of every batch) as events, at most once per percent.
fn progress_reporter(run: &Run<'_>, total: u64) -> Arc<dyn Fn(u64) + Send + Sync> {
    let events = run.engine.events.clone();
    let request = run.id().clone();
    let last = AtomicU64::new(u64::MAX);
    Arc::new(move |done: u64| {
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        if last.swap(percent, Ordering::Relaxed) != percent {
            events.emit(StationEvent::UploadProgress {
                request: request.clone(),
                done,
                total: Some(total),
            });
        }
    })
}
