//! Sign: check everything, spend the OTP (or accept the external
//! authentication), then sign now or, in async mode, in the background.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use base64::Engine as _;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::api::envelope::require;
use crate::api::{Answer, AppState, Shared, parse_json, scalar_text};
use crate::error::Error;
use crate::otp::OtpCheck;
use crate::pki::{SignedMetadata, SignerIdentity, VisibleSignature};
use crate::secret::Secret;
use crate::signature_request::{AsyncStage, RequestStatus, SignatureRequest};
use crate::signing::{self, Appearance, PlannedDocument, SignPlan};
use crate::store::{CONTRACT_UID, DocumentKind, DocumentMeta};
use crate::visible_text::TextTemplate;

#[derive(Debug, Deserialize)]
struct SignInput {
    secret: Option<Secret>,
    use_signature_text: Option<Value>,
    metadata: Option<String>,
    ext_unlock_type: Option<String>,
    ext_unlock_value: Option<String>,
    countersignature: Option<Value>,
    signature_format: Option<SignatureFormat>,
    options: Option<Map<String, Value>>,
}

#[derive(Debug, Default, Deserialize)]
struct SignatureFormat {
    text_format: Option<Value>,
    date_format: Option<String>,
    timezone: Option<String>,
}

const INVALID_CODE: &str = "Confirmation Code invalid";

pub async fn sign(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let input: SignInput = parse_json(&body)?;
    require(&[("secret", input.secret.is_some())])?;
    let external = match (&input.ext_unlock_type, &input.ext_unlock_value) {
        (None, None) => false,
        (Some(_), Some(_)) => true,
        (Some(_), None) => {
            return Err(Error::BadRequest(
                "Missing required parameter: 'ext_unlock_value'".into(),
            ));
        }
        (None, Some(_)) => {
            return Err(Error::BadRequest(
                "Missing required parameter: 'ext_unlock_type'".into(),
            ));
        }
    };
    if input
        .countersignature
        .as_ref()
        .is_some_and(|c| !c.is_null())
    {
        return Err(Error::BadRequest(
            "countersignature is not available on the sandbox Optimizer".into(),
        ));
    }
    let (lock, mut request) = state
        .open_request(&pk, |pk| {
            format!("Request {pk} not found. Cannot sign documents")
        })
        .await?;
    check_ready(&request)?;
    let documents: Vec<DocumentMeta> = state.store.requests.documents(request.pk).await?;
    let mut with_original = Vec::new();
    for meta in documents {
        if state
            .store
            .requests
            .document_bytes(request.pk, &meta.uid, crate::store::Variant::Original)
            .await?
            .is_some()
        {
            with_original.push(meta);
        }
    }
    if with_original.is_empty() {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} has no documents to sign: upload them first"
        )));
    }
    let plan = build_plan(&state, &request, &with_original, &input).await?;

    // Only now, with everything else in order, is the code spent.
    let secret = input.secret.unwrap_or_else(|| Secret::new(""));
    if !external {
        let now = OffsetDateTime::now_utc();
        let outcome = request.otp.as_mut().map(|otp| otp.check(&secret, now));
        match outcome {
            Some(OtpCheck::Accepted) => request.otp = None,
            Some(OtpCheck::Rejected) => {
                state.store.requests.save(&request).await?;
                return Err(Error::Forbidden(INVALID_CODE.into()));
            }
            None => return Err(Error::Forbidden(INVALID_CODE.into())),
        }
    } else if secret.expose().trim().is_empty() {
        return Err(Error::Forbidden(INVALID_CODE.into()));
    }

    if request.useasync {
        let previous = request.async_stage.map(AsyncStage::as_str);
        request.async_stage = Some(AsyncStage::Pending);
        request.last_error = None;
        state.store.requests.save(&request).await?;
        state.report_async(&request, previous, AsyncStage::Pending.as_str());
        drop(lock);
        let background = state.clone();
        let pk = request.pk;
        state
            .tasks
            .spawn(async move { sign_in_background(&background, pk, plan).await });
        return Ok(Answer::ok(
            "Your documents are going to be signed. You will receive them in a few seconds",
        ));
    }
    state.store.requests.save(&request).await?;
    signing::perform(&state, &mut request, plan).await?;
    drop(lock);
    Ok(Answer::ok("Documents correctly signed"))
}

fn check_ready(request: &SignatureRequest) -> Result<(), Error> {
    let pk = request.pk;
    if request.status == RequestStatus::Issued {
        return Err(Error::PreconditionFailed(
            "Request already in ISSUED status".into(),
        ));
    }
    if request.async_stage == Some(AsyncStage::Pending) {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is already being signed"
        )));
    }
    if request.status != RequestStatus::EnrollReady {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status and cannot be signed yet",
            request.status
        )));
    }
    let missing = request.signer.missing_for_issuance();
    if !missing.is_empty() {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} lacks {}: set them with PUT /api/v1/request/{pk}",
            missing.join(", ")
        )));
    }
    Ok(())
}

async fn sign_in_background(state: &Shared, pk: u64, plan: SignPlan) {
    let _lock = state.store.requests.lock(pk).await;
    let mut request = match state.store.requests.load(pk).await {
        Ok(Some(request)) => request,
        Ok(None) => {
            tracing::info!(pk, "request cancelled before its background signature");
            return;
        }
        Err(e) => {
            tracing::error!(pk, error = %e, "cannot load request for its background signature");
            return;
        }
    };
    let Err(e) = signing::perform(state, &mut request, plan).await else {
        state.report_async(
            &request,
            Some(AsyncStage::Pending.as_str()),
            AsyncStage::Signed.as_str(),
        );
        return;
    };
    tracing::error!(pk, error = %e, "background signature failed");
    request.async_stage = Some(AsyncStage::Failed);
    request.last_error = Some(e.to_string());
    if let Err(save) = state.store.requests.save(&request).await {
        tracing::error!(pk, error = %save, "cannot record the failed background signature");
    }
    state.report_async(
        &request,
        Some(AsyncStage::Pending.as_str()),
        AsyncStage::Failed.as_str(),
    );
}

/// Checks options, images, metadata and the text template against the
/// request's documents; per-document problems come back keyed by uid.
async fn build_plan(
    state: &Shared,
    request: &SignatureRequest,
    documents: &[DocumentMeta],
    input: &SignInput,
) -> Result<SignPlan, Error> {
    let options = input.options.clone().unwrap_or_default();
    let unknown: Vec<&str> = options
        .keys()
        .map(String::as_str)
        .filter(|uid| *uid != CONTRACT_UID && !documents.iter().any(|d| d.uid == *uid))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::NotFound(format!(
            "The following documents are not found in Request's folders: {}",
            unknown.join(", ")
        )));
    }
    let mut invalid = BTreeMap::new();
    let mut missing_images = BTreeMap::new();
    let mut appearances = BTreeMap::new();
    for (uid, raw) in &options {
        let meta = documents.iter().find(|d| d.uid == *uid);
        if meta.is_some_and(|m| m.kind == DocumentKind::Hash) {
            invalid.insert(
                uid.clone(),
                format!(
                    "Visible signature options apply to PDF documents only, not to hash file {uid}"
                ),
            );
            continue;
        }
        // The contract is generated by us: one page.
        let page_count = meta.map_or(Some(1), |m| m.page_count);
        match appearance(state, uid, raw, page_count).await {
            Ok(Some(found)) => {
                appearances.insert(uid.clone(), found);
            }
            Ok(None) => {}
            Err(OptionProblem::Invalid(message)) => {
                invalid.insert(uid.clone(), message);
            }
            Err(OptionProblem::MissingImage(message)) => {
                missing_images.insert(uid.clone(), message);
            }
            Err(OptionProblem::Failed(e)) => return Err(e),
        }
    }
    if !invalid.is_empty() {
        return Err(Error::InvalidOptions(invalid));
    }
    if !missing_images.is_empty() {
        return Err(Error::MissingImages(missing_images));
    }
    let metadata = match input
        .metadata
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(uid) => Some(load_metadata(state, uid).await?),
        None => None,
    };
    let use_text = match &input.use_signature_text {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => crate::identity_rules::boolean("use_signature_text", &scalar_text(other))?,
    };
    let text = if use_text {
        let format = input.signature_format.as_ref();
        let lines = match format.and_then(|f| f.text_format.clone()) {
            None | Some(Value::Null) => None,
            Some(Value::String(line)) => Some(vec![line]),
            Some(Value::Array(items)) => Some(items.iter().map(scalar_text).collect()),
            Some(_) => {
                return Err(Error::BadRequest(
                    "'signature_format.text_format' must be a list of lines".into(),
                ));
            }
        };
        Some(TextTemplate::new(
            lines,
            format.and_then(|f| f.date_format.clone()),
            format.and_then(|f| f.timezone.as_deref()),
        )?)
    } else {
        None
    };
    let signer = &request.signer;
    Ok(SignPlan {
        identity: SignerIdentity {
            given_name: signer.given_name.clone().unwrap_or_default(),
            surname_1: signer.surname_1.clone().unwrap_or_default(),
            surname_2: signer.surname_2.clone(),
            id_number: signer.serial_number.clone().unwrap_or_default(),
            country: signer.id_document_country.clone(),
            email: signer.email.clone(),
        },
        profile: request.profile.clone(),
        documents: documents
            .iter()
            .map(|d| PlannedDocument {
                uid: d.uid.clone(),
                kind: d.kind,
                appearance: appearances.get(&d.uid).cloned(),
            })
            .collect(),
        contract_appearance: appearances.get(CONTRACT_UID).cloned(),
        metadata,
        text,
    })
}

enum OptionProblem {
    Invalid(String),
    MissingImage(String),
    Failed(Error),
}

/// One document's `options` entry: `None` for an invisible signature.
async fn appearance(
    state: &Shared,
    uid: &str,
    raw: &Value,
    page_count: Option<usize>,
) -> Result<Option<Appearance>, OptionProblem> {
    let Some(entry) = raw.as_object() else {
        return Err(OptionProblem::Invalid(format!(
            "Options for file {uid} must be an object"
        )));
    };
    if entry
        .get("usecountersignature")
        .is_some_and(|v| v.as_bool() == Some(true))
    {
        return Err(OptionProblem::Invalid(
            "countersignature is not available on the sandbox Optimizer".into(),
        ));
    }
    let position = entry.get("position").filter(|v| !v.is_null());
    let page = entry.get("page").filter(|v| !v.is_null());
    let image = entry.get("image").filter(|v| !v.is_null());
    if position.is_none() && page.is_none() && image.is_none() {
        return Ok(None);
    }
    let Some(position) = position else {
        return Err(OptionProblem::Invalid(format!(
            "Missing required parameter 'position' for file {uid}"
        )));
    };
    let Some(page) = page else {
        return Err(OptionProblem::Invalid(format!(
            "Missing required parameter 'page' for file {uid}"
        )));
    };
    let rect = VisibleSignature::parse_position(&scalar_text(position))
        .map_err(|e| OptionProblem::Invalid(format!("{e} for file {uid}")))?;
    if rect[2] <= rect[0] || rect[3] <= rect[1] {
        return Err(OptionProblem::Invalid(format!(
            "position for file {uid} must be \"x1, y1, x2, y2\" with x2 > x1 and y2 > y1"
        )));
    }
    let page: u32 = scalar_text(page).parse().map_err(|_| {
        OptionProblem::Invalid(format!(
            "'page' for file {uid} must be a whole number from 0"
        ))
    })?;
    if let Some(count) = page_count.filter(|count| page as usize >= *count) {
        return Err(OptionProblem::Invalid(format!(
            "page {page} does not exist in file {uid}: it has {count} page(s), the first is 0"
        )));
    }
    let image = match image {
        None => None,
        Some(image_uid) => {
            let image_uid = scalar_text(image_uid);
            match state.store.images.get(&image_uid).await {
                Ok(Some((_, bytes))) => Some(bytes),
                Ok(None) => {
                    return Err(OptionProblem::MissingImage(format!(
                        "The image {image_uid} cannot be found on disk"
                    )));
                }
                Err(e) => return Err(OptionProblem::Failed(e)),
            }
        }
    };
    Ok(Some(Appearance { page, rect, image }))
}

async fn load_metadata(state: &Shared, uid: &str) -> Result<SignedMetadata, Error> {
    let entry = state
        .store
        .metadata
        .get(uid)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Metadata {uid} not found on disk")))?;
    let compact: String = entry
        .metadata
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let value = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|_| Error::BadRequest(format!("Metadata {uid} is not valid base64")))?;
    Ok(SignedMetadata {
        oid: entry.oid,
        value,
    })
}
