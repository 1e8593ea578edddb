//! Deleting the documents from the Optimizer (`DELETE /documents/{pk}`), allowed only
//! once every signed document is saved and verified in the backup folder.
//!
//! Reconciliation: deleting again is harmless; documents already gone (404) count
//! as deleted.

use super::super::engine::Run;
use super::super::states::StepName;
use crate::audit::{AuditAction, DocumentDigest};
use crate::error::{Error, Result};
use crate::store::audit;

const NOTE: &str = "delete: deleting again is harmless; documents already gone count as deleted";

/// The word the verification records for a document that may be relied on.
const VALID: &str = "valid";

pub(crate) async fn documents(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    // The plan puts verification first; this guard keeps that true whatever the plan.
    if run.state.documents.is_empty() {
        return Err(Error::NoDocuments);
    }
    if let Some(unsafe_document) = run.state.documents.iter().find(|document| {
        document.verification.as_deref() != Some(VALID)
            || !document
                .signed_path
                .as_deref()
                .is_some_and(std::path::Path::is_file)
    }) {
        return Err(Error::SignatureNotVerified {
            file: unsafe_document.file_name.clone(),
            verdict: unsafe_document
                .verification
                .clone()
                .unwrap_or_else(|| "not_verified".into()),
        });
    }
    run.begin(StepName::DeleteDocuments, seq, NOTE).await?;
    match run.session.client.documents().delete_all(pk).await {
        Ok(_) => {}
        Err(error) if error.is_not_found() => {}
        Err(error) => return Err(error.into()),
    }
    run.answered(StepName::DeleteDocuments);
    let digests = |signed: bool| {
        run.state
            .documents
            .iter()
            .map(|document| DocumentDigest {
                name: document.file_name.clone(),
                sha256: if signed {
                    document.signed_sha256.clone().unwrap_or_default()
                } else {
                    document.upload_sha256.clone()
                },
            })
            .collect::<Vec<_>>()
    };
    let entry = run
        .audit(AuditAction::Delete)
        .with_details("every document deleted from the Optimizer after its verified backup")
        .with_digests(digests(false), digests(true));
    run.finish(StepName::DeleteDocuments, seq, None, move |tx| {
        audit::append(tx, entry).map(|_| ())
    })
    .await
}
