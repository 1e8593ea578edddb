//! Video ID: create, evidences (external mode), video upload and download,
//! the officer's approve and refuse.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::api::auth::RaoCredentials;
use crate::api::envelope::require;
use crate::api::form::FormData;
use crate::api::requests::{check_billing, scalar_text};
use crate::api::{Answer, AppState, Shared, parse_json, request_not_found};
use crate::error::Error;
use crate::identity_rules as rules;
use crate::media::{check_image, video_mime};
use crate::secret::Secret;
use crate::signature_request::{
    RequestStatus, SignatureRequest, Signer, StoredVideo, VideoIdSession,
};
use crate::store::{RequestLock, blocking};

#[derive(Debug, Deserialize)]
struct CreateVideoId {
    mobile_phone_number: Option<String>,
    email: Option<String>,
    registration_authority: Option<Value>,
    profile: Option<String>,
    billing_username: Option<String>,
    billing_password: Option<Secret>,
    webhook_url: Option<String>,
    env: Option<String>,
    videoid_mode: Option<Value>,
    communication_language: Option<String>,
}

pub async fn create(State(state): State<AppState>, body: Bytes) -> Result<Answer, Error> {
    let input: CreateVideoId = parse_json(&body)?;
    let env = state.environment(input.env.as_deref()).await?;
    require(&[
        ("email", input.email.is_some()),
        ("mobile_phone_number", input.mobile_phone_number.is_some()),
    ])?;
    let email = input.email.unwrap_or_default().trim().to_owned();
    rules::email(&email)?;
    let mobile_phone_number = input
        .mobile_phone_number
        .unwrap_or_default()
        .trim()
        .to_owned();
    rules::mobile_phone(&mobile_phone_number)?;
    let profile = match input.profile {
        Some(p) => p.trim().to_owned(),
        None => state.store.settings.get("request", "default_profile").await,
    };
    rules::profile(&profile)?;
    let registration_authority = match input.registration_authority.as_ref().map(scalar_text) {
        Some(ra) if !ra.is_empty() => ra,
        _ => state.store.settings.get("request", "default_ra").await,
    };
    let billing_username =
        check_billing(&state, input.billing_username, input.billing_password).await?;
    let webhook_url = input
        .webhook_url
        .map(|url| rules::callback_url("webhook_url", url.trim()))
        .transpose()?;
    let communication_language = input
        .communication_language
        .map(|l| rules::language(&l))
        .transpose()?;

    let (pk, videoid_pk) = state.store.requests.allocate(true).await?;
    let videoid_pk = videoid_pk.unwrap_or(pk);
    let _lock = state.store.requests.lock(pk).await;
    let link = format!("{}/sandbox/v1/videoid/{pk}", state.base_url);
    let request = SignatureRequest {
        pk,
        status: RequestStatus::VideoPending,
        created_at: OffsetDateTime::now_utc(),
        signer: Signer {
            email,
            mobile_phone_number,
            id_document_type: "IDC".into(),
            id_document_country: "ES".into(),
            communication_language,
            ..Signer::default()
        },
        profile,
        registration_authority,
        registering_rao: None,
        approving_rao: None,
        approving_rao_id: None,
        env,
        billing_username,
        scratchcard: crate::api::requests::new_scratchcard(),
        useasync: false,
        callback: None,
        async_stage: None,
        videoid: Some(VideoIdSession {
            videoid_pk,
            mode: input.videoid_mode.unwrap_or(Value::from(1)),
            link: link.clone(),
            webhook_url,
            ..VideoIdSession::default()
        }),
        identity_images: Vec::new(),
        otp: None,
        certificate: None,
        last_error: None,
    };
    state.store.requests.save(&request).await?;
    state.report_status(&request, None, RequestStatus::VideoPending.as_str());
    tracing::info!(pk, "video id request created");
    Ok(Answer::ok(json!({
        "videoid_pk": videoid_pk,
        "videoid_link": link,
        "request_pk": pk,
    })))
}

/// Opens a Video ID request that may still receive evidences.
async fn open_videoid(state: &Shared, pk: &str) -> Result<(RequestLock, SignatureRequest), Error> {
    let (lock, request) = state
        .open_request(pk, |_| "Request not found".into())
        .await?;
    if request.videoid.is_none() {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is not a Video ID request"
        )));
    }
    if !request.status.awaits_video_evidence() {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status and no longer accepts Video ID evidences",
            request.status
        )));
    }
    Ok((lock, request))
}

/// Moves a request to `status`, saves it and tells its webhook.
pub async fn change_status(
    state: &Shared,
    request: &mut SignatureRequest,
    status: RequestStatus,
) -> Result<(), Error> {
    let previous = request.status;
    request.status = status;
    state.store.requests.save(request).await?;
    if previous != status {
        state.report_status(request, Some(previous.as_str()), status.as_str());
    }
    Ok(())
}

/// What a complete evidence upload holds.
#[derive(Debug, Default, Deserialize)]
struct Evidences {
    acceptance: Option<Value>,
    videoid_data: Option<VideoIdData>,
}

#[derive(Debug, Default, Deserialize)]
struct VideoIdData {
    images: Option<EvidenceImages>,
    ocr_data: Option<OcrData>,
    security_checks: Option<Value>,
    similarity_level: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
struct EvidenceImages {
    document_front: Option<String>,
    document_rear: Option<String>,
    document_photo: Option<String>,
    document_owner: Option<String>,
}

/// Identity data read from the ID document (evidences or the eIDAS session).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct OcrData {
    given_name: Option<String>,
    surname_1: Option<String>,
    surname_2: Option<String>,
    mobile_phone_number: Option<String>,
    email: Option<String>,
    serial_number: Option<String>,
    id_document_type: Option<String>,
    id_document_country: Option<Value>,
}

impl OcrData {
    /// True when the fields the certificate needs are all there.
    fn is_complete(&self) -> bool {
        [&self.given_name, &self.surname_1, &self.serial_number]
            .iter()
            .all(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()))
    }

    /// Copies what was read into the signer, checking formats.
    pub fn apply(&self, signer: &mut Signer) -> Result<(), Error> {
        let trimmed = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        if let Some(v) = trimmed(&self.given_name) {
            signer.given_name = Some(v);
        }
        if let Some(v) = trimmed(&self.surname_1) {
            signer.surname_1 = Some(v);
        }
        if let Some(v) = trimmed(&self.surname_2) {
            signer.surname_2 = Some(v);
        }
        if let Some(v) = trimmed(&self.serial_number) {
            signer.serial_number = Some(v);
        }
        if let Some(v) = trimmed(&self.email) {
            rules::email(&v)?;
            signer.email = v;
        }
        if let Some(v) = trimmed(&self.mobile_phone_number) {
            rules::mobile_phone(&v)?;
            signer.mobile_phone_number = v;
        }
        if let Some(v) = trimmed(&self.id_document_type) {
            signer.id_document_type = rules::id_document_type(&v)?;
        }
        if let Some(v) = self.id_document_country.as_ref().map(scalar_text) {
            signer.id_document_country = rules::country(&v)?;
        }
        Ok(())
    }
}

/// `similarity_level`: a number 0–100 or a word such as "high" (design.md §2).
fn similarity_is_valid(level: &Value) -> bool {
    match level {
        Value::Number(n) => n.as_f64().is_some_and(|v| (0.0..=100.0).contains(&v)),
        Value::String(word) => {
            let word = word.trim();
            match word.parse::<f64>() {
                Ok(v) => (0.0..=100.0).contains(&v),
                Err(_) => !word.is_empty() && word.chars().all(char::is_alphabetic),
            }
        }
        _ => false,
    }
}

pub async fn evidences(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let (_lock, mut request) = open_videoid(&state, &pk).await?;
    // A broken upload ends the session in VIDEOERROR, whatever broke.
    match store_evidences(&state, &mut request, &body).await {
        Ok(complete) => {
            if let Some(session) = request.videoid.as_mut() {
                session.evidences_complete = complete;
            }
            let status = if !complete {
                RequestStatus::VideoIncomplete
            } else if request.videoid.as_ref().is_some_and(|s| s.video.is_some()) {
                RequestStatus::VideoReview
            } else {
                RequestStatus::VideoPending
            };
            change_status(&state, &mut request, status).await?;
            Ok(Answer::ok("Videoid evidences uploaded"))
        }
        Err(e @ (Error::BadRequest(_) | Error::UnsupportedMediaType(_))) => {
            change_status(&state, &mut request, RequestStatus::VideoError).await?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Validates and stores an evidence upload; true when it holds every item.
async fn store_evidences(
    state: &Shared,
    request: &mut SignatureRequest,
    body: &Bytes,
) -> Result<bool, Error> {
    let evidences: Evidences = parse_json(body)?;
    let data = evidences.videoid_data.unwrap_or_default();
    let images = data.images.unwrap_or_default();
    let mut complete = evidences.acceptance.as_ref().is_some_and(Value::is_object)
        && data.security_checks.as_ref().is_some_and(Value::is_object);
    match &data.similarity_level {
        Some(level) if similarity_is_valid(level) => {}
        Some(_) => {
            return Err(Error::BadRequest(
                "'similarity_level' must be a number from 0 to 100 or a word such as \"high\""
                    .into(),
            ));
        }
        None => complete = false,
    }
    let named = [
        ("document_front", &images.document_front),
        ("document_rear", &images.document_rear),
        ("document_photo", &images.document_photo),
        ("document_owner", &images.document_owner),
    ];
    let mut pictures = Vec::new();
    for (name, encoded) in named {
        let Some(encoded) = encoded else {
            complete = false;
            continue;
        };
        let compact: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(compact)
            .map_err(|_| Error::BadRequest(format!("Image '{name}' is not valid base64")))?;
        let (checked, bytes) = blocking(move || Ok((check_image(&bytes), bytes))).await?;
        let checked = checked.ok_or_else(|| {
            Error::UnsupportedMediaType(format!("Image '{name}' is not a JPEG or PNG picture"))
        })?;
        pictures.push((format!("videoid/{name}{}", checked.format.ext()), bytes));
    }
    let ocr = data.ocr_data.unwrap_or_default();
    if !ocr.is_complete() {
        complete = false;
    }
    ocr.apply(&mut request.signer)?;
    for (path, bytes) in pictures {
        state
            .store
            .requests
            .write_file(request.pk, &path, bytes)
            .await?;
    }
    state
        .store
        .requests
        .write_file(request.pk, "videoid/evidences.json", body.to_vec())
        .await?;
    Ok(complete)
}

pub async fn upload_video(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Answer, Error> {
    let (_lock, mut request) = open_videoid(&state, &pk).await?;
    let form = match FormData::read(multipart).await {
        Ok(form) => form,
        Err(e) => {
            change_status(&state, &mut request, RequestStatus::VideoError).await?;
            return Err(e);
        }
    };
    let Some(part) = form.file("video") else {
        return Err(Error::BadRequest(
            "Missing required parameter: 'video'".into(),
        ));
    };
    let Some(content_type) = video_mime(&part.bytes) else {
        change_status(&state, &mut request, RequestStatus::VideoError).await?;
        return Err(Error::UnsupportedMediaType(format!(
            "Unsupported video file: {} (expected MP4, QuickTime, WebM, Ogg or AVI)",
            part.display_name()
        )));
    };
    let video = StoredVideo {
        filename: part.display_name(),
        content_type: content_type.to_owned(),
        size: part.bytes.len() as u64,
    };
    state
        .store
        .requests
        .write_file(request.pk, "videoid/video", part.bytes.to_vec())
        .await?;
    let evidences_complete = match request.videoid.as_mut() {
        Some(session) => {
            session.video = Some(video);
            session.evidences_complete
        }
        None => false,
    };
    let status = if evidences_complete {
        RequestStatus::VideoReview
    } else {
        request.status
    };
    change_status(&state, &mut request, status).await?;
    Ok(Answer::ok("Videoid video upload completed"))
}

pub async fn download_video(
    State(state): State<AppState>,
    Path(pk): Path<String>,
) -> Result<Response, Error> {
    let (_lock, request) = state
        .open_request(&pk, |_| "Request not found".into())
        .await?;
    let video = request.videoid.as_ref().and_then(|s| s.video.clone());
    let bytes = state
        .store
        .requests
        .read_file(request.pk, "videoid/video")
        .await?;
    match (video, bytes) {
        (Some(video), Some(bytes)) => Ok((
            [
                (header::CONTENT_TYPE, video.content_type),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        video.filename.replace('"', "")
                    ),
                ),
            ],
            bytes,
        )
            .into_response()),
        _ => Err(Error::NotFound(format!(
            "No video was uploaded for request {pk}"
        ))),
    }
}

#[derive(Debug, Default, Deserialize)]
struct OfficerDecision {
    token: Option<Secret>,
    username: Option<String>,
    password: Option<Secret>,
    pin: Option<Secret>,
    rao: Option<Value>,
    reason: Option<String>,
}

impl OfficerDecision {
    fn credentials(&self) -> RaoCredentials {
        RaoCredentials {
            token: self.token.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            pin: self.pin.clone(),
        }
    }
}

pub async fn approve(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let input: OfficerDecision = parse_json(&body)?;
    let credentials = input.credentials();
    if credentials.is_empty() {
        return Err(Error::BadRequest(
            "Missing required parameters: incomplete RAO's credentials".into(),
        ));
    }
    let officer = credentials.authenticate(&state).await?;
    let (_lock, mut request) = state.open_request(&pk, request_not_found).await?;
    if request.status != RequestStatus::VideoReview {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status: only requests in VIDEOREVIEW can be approved",
            request.status
        )));
    }
    let missing = request.signer.missing_for_issuance();
    if !missing.is_empty() {
        return Err(Error::PreconditionFailed(format!(
            "Error occured during request approval: Invalid request fields: {}",
            missing.join(", ")
        )));
    }
    request.approving_rao = Some(officer);
    request.approving_rao_id = input.rao.as_ref().map(scalar_text);
    change_status(&state, &mut request, RequestStatus::EnrollReady).await?;
    tracing::info!(pk = request.pk, "video id request approved");
    Ok(Answer::ok("Request approved successfully"))
}

pub async fn refuse(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let input: OfficerDecision = parse_json(&body)?;
    let credentials = input.credentials();
    if credentials.is_empty() {
        return Err(Error::BadRequest(
            "Missing required parameters: incomplete RAO's credentials".into(),
        ));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| Error::BadRequest("No reason specified".into()))?
        .to_owned();
    let officer = credentials.authenticate(&state).await?;
    let (_lock, mut request) = state.open_request(&pk, request_not_found).await?;
    if request.videoid.is_none() || !request.status.awaits_video_evidence() {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status and cannot be refused",
            request.status
        )));
    }
    request.approving_rao = Some(officer);
    request.approving_rao_id = input.rao.as_ref().map(scalar_text);
    if let Some(session) = request.videoid.as_mut() {
        session.refusal_reason = Some(reason);
    }
    change_status(&state, &mut request, RequestStatus::Refused).await?;
    tracing::info!(pk = request.pk, "video id request refused");
    Ok(Answer::ok("Videoid refuse completed"))
}
