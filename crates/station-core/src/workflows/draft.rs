//! Checking what the officer submits before anything is stored or sent: a bad
//! input gets a clear error and changes nothing.

use std::io::Read;
use std::path::Path;

use super::models::{DocumentToSign, SignatureRequestDraft};
use super::states::WorkflowKind;
use super::steps::documents::hash_file_of;
use crate::backup::file_sha256;
use crate::error::{Error, Result};
use crate::identity::{IdentityField, SignerIdentity, ValidSignerIdentity, check_identity};
use crate::store::documents::{DocumentFormat, StoredDocument};

/// The signer as it will be stored: fully checked and normalized for W1–W4; for
/// Video ID only the e-mail and phone are needed now (the rest comes from the video).
pub(crate) fn checked_signer(
    kind: WorkflowKind,
    signer: &SignerIdentity,
) -> Result<SignerIdentity> {
    if !kind.is_videoid() {
        return Ok(ValidSignerIdentity::try_from(signer.clone())?
            .identity()
            .clone());
    }
    let check = check_identity(signer);
    let blocking: Vec<_> = check
        .issues
        .into_iter()
        .filter(|issue| {
            issue.blocking
                && matches!(
                    issue.field,
                    IdentityField::Email | IdentityField::MobilePhoneNumber
                )
        })
        .collect();
    if !blocking.is_empty() {
        return Err(Error::InvalidIdentity(blocking));
    }
    Ok(SignerIdentity {
        email: check.identity.email,
        mobile_phone_number: check.identity.mobile_phone_number,
        ..signer.clone()
    })
}

/// Everything but the signer and documents: the workflow's own requirements.
pub(crate) fn check_options(draft: &SignatureRequestDraft) -> Result<()> {
    let options = &draft.options;
    if draft.kind == WorkflowKind::ExternalAuthentication {
        let external = options
            .external_authentication
            .as_ref()
            .ok_or(Error::MissingInput("externalAuthentication"))?;
        if external.unlock_type.trim().is_empty() {
            return Err(Error::MissingInput("externalAuthentication.unlockType"));
        }
        if external.unlock_value.trim().is_empty() {
            return Err(Error::MissingInput("externalAuthentication.unlockValue"));
        }
    }
    if draft.kind == WorkflowKind::VideoIdExternal {
        let evidence = options
            .evidence
            .as_ref()
            .ok_or(Error::MissingInput("evidence"))?;
        for file in evidence.files() {
            regular_file(file)?;
        }
    }
    if !draft.kind.is_videoid() {
        if draft.documents.is_empty() {
            return Err(Error::NoDocuments);
        }
        let images = &draft.id_images;
        for path in [
            &images.document_front,
            &images.document_rear,
            &images.document_owner,
            &images.extra_document,
        ]
        .into_iter()
        .flatten()
        {
            regular_file(path)?;
        }
    }
    Ok(())
}

/// Checks each document and takes its SHA-256 (the audit trail's "before"); blocking.
pub(crate) fn prepare_documents(
    kind: WorkflowKind,
    first_position: u32,
    documents: &[DocumentToSign],
) -> Result<Vec<StoredDocument>> {
    let format = match kind {
        WorkflowKind::HashSignature => DocumentFormat::Hash,
        _ => DocumentFormat::Pdf,
    };
    documents
        .iter()
        .enumerate()
        .map(|(index, document)| {
            let path = &document.path;
            regular_file(path)?;
            if format == DocumentFormat::Pdf {
                require_pdf(path)?;
            } else if document.visible_signature.is_some() {
                return Err(Error::InvalidDocument {
                    path: path.clone(),
                    reason: "a hash signature has no visible signature".into(),
                });
            }
            let file_name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".into());
            let source_sha256 = file_sha256(path)?;
            let upload_sha256 = match format {
                DocumentFormat::Pdf => source_sha256.clone(),
                DocumentFormat::Hash => {
                    let json = hash_file_of(&source_sha256)?.to_json();
                    hex::encode(ring::digest::digest(&ring::digest::SHA256, &json))
                }
            };
            Ok(StoredDocument {
                position: first_position + index as u32,
                source_path: path.clone(),
                file_name,
                format,
                source_sha256,
                upload_sha256,
                visible_signature: document.visible_signature.clone(),
                server_uid: None,
                signed_path: None,
                signed_sha256: None,
                verification: None,
            })
        })
        .collect()
}

fn regular_file(path: &Path) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(|source| Error::UnreadableFile {
        path: path.to_owned(),
        source,
    })?;
    if !metadata.is_file() {
        return Err(Error::InvalidDocument {
            path: path.to_owned(),
            reason: "not a regular file".into(),
        });
    }
    Ok(())
}

fn require_pdf(path: &Path) -> Result<()> {
    let mut head = Vec::with_capacity(5);
    std::fs::File::open(path)
        .and_then(|file| file.take(5).read_to_end(&mut head))
        .map_err(|source| Error::UnreadableFile {
            path: path.to_owned(),
            source,
        })?;
    if head != b"%PDF-" {
        return Err(Error::InvalidDocument {
            path: path.to_owned(),
            reason: "not a PDF (it does not start with %PDF-)".into(),
        });
    }
    Ok(())
}
