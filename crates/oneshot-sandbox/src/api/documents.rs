//! Documents of a request: upload (PDFs and hash files), retrieve original or
//! signed, delete one, list, delete all, and the service contract.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::api::form::{FilePart, FormData};
use crate::api::{Answer, AppState, Shared, request_not_found};
use crate::error::Error;
use crate::pdf::{self, ContractData, ContractLanguage};
use crate::pki::HashSignRequest;
use crate::signature_request::{RequestStatus, SignatureRequest};
use crate::store::{CONTRACT_UID, DocumentKind, DocumentMeta, Variant, blocking};
use crate::timefmt;

/// The spec's limit per upload call.
const MAX_FILES_PER_CALL: usize = 10;

/// A checked upload, ready to store.
struct Checked {
    meta: DocumentMeta,
    bytes: Vec<u8>,
}

pub async fn upload(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Answer, Error> {
    let (_lock, request) = state
        .open_request(&pk, |pk| {
            format!("Cannot upload document: Request {pk} not found on disk")
        })
        .await?;
    if matches!(
        request.status,
        RequestStatus::Issued | RequestStatus::Refused
    ) {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status: documents can no longer be added",
            request.status
        )));
    }
    let form = FormData::read(multipart).await?;
    if let Some(stray) = form
        .files
        .iter()
        .find(|f| !f.field.starts_with("file") && !f.field.starts_with("hashfile"))
    {
        return Err(Error::BadRequest(format!(
            "Unexpected field '{}': documents go in file* (PDF) or hashfile* (hash JSON) fields",
            stray.field
        )));
    }
    match form.files.len() {
        0 => {
            return Err(Error::BadRequest(
                "Missing required parameter: 'file'".into(),
            ));
        }
        n if n > MAX_FILES_PER_CALL => {
            return Err(Error::BadRequest(format!(
                "Maximum number of document reached for Request {pk}: at most {MAX_FILES_PER_CALL} files per call, {n} sent"
            )));
        }
        _ => {}
    }
    let first_sequence = state
        .store
        .requests
        .documents(request.pk)
        .await?
        .last()
        .map_or(0, |m| m.sequence + 1);
    // Every file is checked before any is stored: a bad one loses nothing and adds nothing.
    let mut checked = Vec::new();
    for (index, part) in form.files.into_iter().enumerate() {
        checked.push(check_upload(part, first_sequence + index as u64).await?);
    }
    let mut answers = Vec::new();
    for Checked { meta, bytes } in checked {
        answers.push(json!({
            "digest": meta.digest,
            "uid": meta.uid,
            "key": meta.key,
            "filename": meta.filename,
        }));
        state
            .store
            .requests
            .add_document(request.pk, meta, bytes)
            .await?;
    }
    tracing::info!(pk = request.pk, count = answers.len(), "documents uploaded");
    match answers.as_slice() {
        [one] => Ok(Answer::ok(one["uid"].clone())),
        _ => Ok(Answer::ok(answers)),
    }
}

async fn check_upload(part: FilePart, sequence: u64) -> Result<Checked, Error> {
    let filename = part.display_name();
    let key = part.field.clone();
    let kind = if key.starts_with("hashfile") {
        DocumentKind::Hash
    } else {
        DocumentKind::Pdf
    };
    let bytes = part.bytes.to_vec();
    let shown = filename.clone();
    let (page_count, bytes) = blocking(move || {
        let pages = match kind {
            DocumentKind::Pdf => Some(check_pdf(&shown, &bytes)?),
            DocumentKind::Hash => {
                HashSignRequest::from_json(&bytes)
                    .map_err(|e| Error::BadRequest(format!("{shown}: {e}")))?;
                None
            }
        };
        Ok((pages, bytes))
    })
    .await?;
    Ok(Checked {
        meta: DocumentMeta {
            uid: uuid::Uuid::new_v4().to_string(),
            key,
            filename,
            kind,
            digest: hex::encode(Sha256::digest(&bytes)),
            size: bytes.len() as u64,
            upload_date: timefmt::document_date(OffsetDateTime::now_utc()),
            sequence,
            page_count,
        },
        bytes,
    })
}

/// A PDF must start like one and parse, unencrypted; answers its page count.
fn check_pdf(name: &str, bytes: &[u8]) -> Result<usize, Error> {
    // PDF readers accept the header anywhere in the first KiB.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::UnsupportedMediaType(format!(
            "Unsupported file type: {name} (expected a PDF)"
        )));
    }
    match pdf::inspect(bytes) {
        Ok(summary) => Ok(summary.page_count),
        Err(e @ Error::EncryptedPdf) => Err(Error::UnsupportedMediaType(format!("{name}: {e}"))),
        Err(e @ Error::MalformedPdf(_)) => Err(Error::BadRequest(format!("{name}: {e}"))),
        Err(e) => Err(e),
    }
}

pub async fn retrieve(
    State(state): State<AppState>,
    Path((pk, kind, uid)): Path<(String, String, String)>,
) -> Result<Response, Error> {
    let variant = parse_variant(&kind)?;
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    if uid == CONTRACT_UID {
        let bytes = match variant {
            Variant::Original => Some(ensure_contract(&state, &request).await?),
            Variant::Signed => {
                state
                    .store
                    .requests
                    .contract(request.pk, Variant::Signed)
                    .await?
            }
        };
        let bytes = bytes.ok_or_else(|| Error::NotFound("Document not found".into()))?;
        let name = match variant {
            Variant::Original => "contract.pdf",
            Variant::Signed => "contract_signed.pdf",
        };
        return Ok(file_response("application/pdf", name, bytes));
    }
    let meta = state
        .store
        .requests
        .document(request.pk, &uid)
        .await?
        .ok_or_else(|| Error::NotFound("Document not found".into()))?;
    let bytes = state
        .store
        .requests
        .document_bytes(request.pk, &uid, variant)
        .await?
        .ok_or_else(|| Error::NotFound("Document not found".into()))?;
    let (mime, name) = match (variant, meta.kind) {
        (Variant::Original, _) => (meta.original_mime(), meta.filename.clone()),
        (Variant::Signed, DocumentKind::Pdf) => {
            (meta.signed_mime(), signed_pdf_name(&meta.filename))
        }
        (Variant::Signed, DocumentKind::Hash) => {
            (meta.signed_mime(), format!("{}.p7m", meta.filename))
        }
    };
    Ok(file_response(mime, &name, bytes))
}

pub async fn delete(
    State(state): State<AppState>,
    Path((pk, kind, uid)): Path<(String, String, String)>,
) -> Result<Answer, Error> {
    let variant = parse_variant(&kind)?;
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    let deleted = if uid == CONTRACT_UID {
        state
            .store
            .requests
            .delete_contract_file(request.pk, variant)
            .await?
    } else {
        state
            .store
            .requests
            .delete_document_file(request.pk, &uid, variant)
            .await?
    };
    if deleted {
        Ok(Answer::ok("Document successfully deleted"))
    } else {
        Err(Error::NotFound(format!(
            "Document not found with uid {uid} and type {kind}"
        )))
    }
}

pub async fn list(State(state): State<AppState>, Path(pk): Path<String>) -> Result<Answer, Error> {
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    let documents = state.store.requests.documents(request.pk).await?;
    if documents.is_empty() {
        return Err(Error::NotFound(
            "No documents found for specified Request".into(),
        ));
    }
    let mut details = Map::new();
    for meta in documents {
        let signed = state
            .store
            .requests
            .document_bytes(request.pk, &meta.uid, Variant::Signed)
            .await?
            .is_some();
        details.insert(
            meta.uid.clone(),
            json!({
                "upload_date": meta.upload_date,
                "ext": meta.ext(),
                "size": meta.size,
                "mime": meta.original_mime(),
                "filename": meta.filename,
                "key": meta.key,
                "digest": meta.digest,
                "type": meta.kind,
                "signed": signed,
            }),
        );
    }
    Ok(Answer::ok(Value::Object(details)))
}

pub async fn delete_all(
    State(state): State<AppState>,
    Path(pk): Path<String>,
) -> Result<Answer, Error> {
    let (_lock, request) = state
        .open_request(&pk, |_| "No documents found for specified Request".into())
        .await?;
    state.store.requests.delete_documents(request.pk).await?;
    Ok(Answer::ok("Documents deleted successfully"))
}

pub async fn contract(
    State(state): State<AppState>,
    Path(pk): Path<String>,
) -> Result<Response, Error> {
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    let bytes = ensure_contract(&state, &request).await?;
    Ok(file_response("application/pdf", "contract.pdf", bytes))
}

/// The request's service contract, generated on first use and kept, so that
/// what the signer reads is exactly what gets signed.
pub async fn ensure_contract(state: &Shared, request: &SignatureRequest) -> Result<Vec<u8>, Error> {
    if let Some(bytes) = state
        .store
        .requests
        .contract(request.pk, Variant::Original)
        .await?
    {
        return Ok(bytes);
    }
    let missing = request.signer.missing_for_issuance();
    if !missing.is_empty() {
        return Err(Error::PreconditionFailed(format!(
            "Request {} is in {} status and lacks {}: the service contract cannot name the signer yet",
            request.pk,
            request.status,
            missing.join(", ")
        )));
    }
    let signer = &request.signer;
    let data = ContractData {
        signer_name: signer.full_name(),
        id_number: signer.serial_number.clone().unwrap_or_default(),
        email: signer.email.clone(),
        phone: signer.mobile_phone_number.clone(),
        profile: request.profile.clone(),
        registration_authority: request.registration_authority.clone(),
        date: OffsetDateTime::now_utc().date(),
        language: signer
            .communication_language
            .as_deref()
            .map(ContractLanguage::from_code)
            .unwrap_or_default(),
    };
    let bytes = blocking(move || pdf::service_contract(&data)).await?;
    state
        .store
        .requests
        .write_contract(request.pk, Variant::Original, bytes.clone())
        .await?;
    Ok(bytes)
}

fn parse_variant(kind: &str) -> Result<Variant, Error> {
    Variant::parse(kind).ok_or_else(|| {
        Error::BadRequest(format!(
            "Invalid document type '{kind}': expected original or signed"
        ))
    })
}

fn signed_pdf_name(filename: &str) -> String {
    match filename
        .strip_suffix(".pdf")
        .or_else(|| filename.strip_suffix(".PDF"))
    {
        Some(stem) => format!("{stem}_signed.pdf"),
        None => format!("{filename}_signed.pdf"),
    }
}

fn file_response(mime: &str, filename: &str, bytes: Vec<u8>) -> Response {
    let safe: String = filename
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
