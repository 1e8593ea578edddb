//! Signature requests: create (multipart), get, update (PUT) and cancel (DELETE).

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use base64::Engine as _;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::api::auth::RaoCredentials;
use crate::api::envelope::require;
use crate::api::form::{FilePart, FormData};
use crate::api::{Answer, AppState, Shared, parse_json, request_not_found};
use crate::error::Error;
use crate::identity_rules as rules;
use crate::media::check_image;
use crate::secret::Secret;
use crate::signature_request::{
    AsyncStage, IdentityImage, RequestStatus, SignatureRequest, Signer,
};
use crate::store::blocking;

/// ID pictures the request must carry, then the optional one.
const REQUIRED_IMAGES: [&str; 3] = ["document_front", "document_rear", "document_owner"];
const EXTRA_DOCUMENT: &str = "extra_document";

pub async fn create(
    State(state): State<AppState>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Answer, Error> {
    let form = FormData::read(multipart).await?;
    let env = state.environment(form.text("env").as_deref()).await?;
    require(&[
        ("given_name", form.text("given_name").is_some()),
        ("surname_1", form.text("surname_1").is_some()),
        ("email", form.text("email").is_some()),
        (
            "mobile_phone_number",
            form.text("mobile_phone_number").is_some(),
        ),
    ])?;
    let signer = signer_from_form(&form)?;
    let profile = match form.text("profile") {
        Some(profile) => profile,
        None => state.store.settings.get("request", "default_profile").await,
    };
    rules::profile(&profile)?;
    let registration_authority = match form.text("registration_authority") {
        Some(ra) => ra,
        None => state.store.settings.get("request", "default_ra").await,
    };
    if registration_authority.is_empty() {
        return Err(Error::BadRequest(
            "Missing required parameter: 'registration_authority'".into(),
        ));
    }
    let billing_username = check_billing(
        &state,
        form.text("billing_username"),
        form.text("billing_password").map(Secret::new),
    )
    .await?;
    let credentials = RaoCredentials {
        token: form.text("token").map(Secret::new),
        username: form.text("username"),
        password: form.text("password").map(Secret::new),
        pin: form.text("pin").map(Secret::new),
    };
    let rao = credentials.authenticate(&state).await?;
    let useasync = match form.text("useasync") {
        Some(v) => rules::boolean("useasync", &v)?,
        None => false,
    };
    let callback = form
        .text("callback")
        .map(|url| rules::callback_url("callback", &url))
        .transpose()?;
    let pictures = check_identity_pictures(&form).await?;

    let (pk, _) = state.store.requests.allocate(false).await?;
    let _lock = state.store.requests.lock(pk).await;
    let mut identity_images = Vec::new();
    for (field, ext, mime, bytes) in pictures {
        let file = format!("{field}{ext}");
        if let Err(e) = state
            .store
            .requests
            .write_file(pk, &format!("identity/{file}"), bytes)
            .await
        {
            state.store.requests.discard(pk).await?;
            return Err(e);
        }
        identity_images.push(IdentityImage { field, file, mime });
    }
    let request = SignatureRequest {
        pk,
        status: RequestStatus::EnrollReady,
        created_at: OffsetDateTime::now_utc(),
        signer,
        profile,
        registration_authority,
        registering_rao: Some(rao),
        approving_rao: None,
        approving_rao_id: None,
        env,
        billing_username,
        scratchcard: new_scratchcard(),
        useasync,
        callback,
        async_stage: useasync.then_some(AsyncStage::Approved),
        videoid: None,
        identity_images,
        otp: None,
        certificate: None,
        last_error: None,
    };
    if let Err(e) = state.store.requests.save(&request).await {
        state.store.requests.discard(pk).await?;
        return Err(e);
    }
    tracing::info!(pk, "signature request created");
    Ok(Answer::created(pk))
}

pub async fn get(State(state): State<AppState>, Path(pk): Path<String>) -> Result<Answer, Error> {
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    Ok(Answer::ok(details(&request)))
}

#[derive(Debug, Deserialize)]
struct Update {
    scratchcard: Option<Value>,
    given_name: Option<String>,
    surname_1: Option<String>,
    surname_2: Option<String>,
    birth_date: Option<String>,
    email: Option<String>,
    mobile_phone_number: Option<String>,
    serial_number: Option<String>,
    registration_authority: Option<Value>,
    profile: Option<String>,
    country_name: Option<String>,
    id_document_type: Option<String>,
}

pub async fn update(
    State(state): State<AppState>,
    Path(pk): Path<String>,
    body: Bytes,
) -> Result<Answer, Error> {
    let input: Update = parse_json(&body)?;
    require(&[("scratchcard", input.scratchcard.is_some())])?;
    let (_lock, mut request) = state.open_request(&pk, request_not_found).await?;
    if input.scratchcard.as_ref().map(scalar_text).as_deref() != Some(request.scratchcard.as_str())
    {
        return Err(Error::Forbidden("Invalid scratchcard".into()));
    }
    if matches!(
        request.status,
        RequestStatus::Issued | RequestStatus::Refused
    ) {
        return Err(Error::PreconditionFailed(format!(
            "Request {pk} is in {} status and can no longer be updated",
            request.status
        )));
    }
    let signer = &mut request.signer;
    let text = |v: Option<String>| v.map(|s| s.trim().to_owned());
    if let Some(v) = text(input.given_name) {
        signer.given_name = Some(v);
    }
    if let Some(v) = text(input.surname_1) {
        signer.surname_1 = Some(v);
    }
    if let Some(v) = text(input.surname_2) {
        signer.surname_2 = Some(v).filter(|s| !s.is_empty());
    }
    if let Some(v) = text(input.birth_date) {
        signer.birth_date = Some(v);
    }
    if let Some(v) = text(input.serial_number) {
        signer.serial_number = Some(v);
    }
    if let Some(v) = text(input.email) {
        rules::email(&v)?;
        signer.email = v;
    }
    if let Some(v) = text(input.mobile_phone_number) {
        rules::mobile_phone(&v)?;
        signer.mobile_phone_number = v;
    }
    if let Some(v) = input.country_name {
        signer.id_document_country = rules::country(&v)?;
    }
    if let Some(v) = input.id_document_type {
        signer.id_document_type = rules::id_document_type(&v)?;
    }
    if let Some(v) = input.profile {
        rules::profile(v.trim())?;
        request.profile = v.trim().to_owned();
    }
    if let Some(v) = input.registration_authority {
        request.registration_authority = scalar_text(&v);
    }
    state.store.requests.save(&request).await?;
    // The service contract names the signer: the next one must show the new data.
    state.forget_contract(request.pk).await?;
    Ok(Answer::ok("Request updated"))
}

pub async fn cancel(
    State(state): State<AppState>,
    Path(pk): Path<String>,
) -> Result<Answer, Error> {
    let (_lock, request) = state.open_request(&pk, request_not_found).await?;
    state.store.requests.remove(request.pk).await?;
    state.report_status(&request, Some(request.status.as_str()), "CANCELLED");
    tracing::info!(pk = request.pk, "signature request cancelled");
    Ok(Answer::ok("Request directory removed successfully"))
}

/// What GET request shows.
fn details(request: &SignatureRequest) -> Value {
    let s = &request.signer;
    let ra: Value = request
        .registration_authority
        .parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::from(request.registration_authority.clone()));
    let certificate_set: Vec<Value> = request
        .certificate
        .iter()
        .map(|c| json!({"profile": c.profile, "issued_at": c.issued_at, "data": c.data}))
        .collect();
    json!({
        "pk": request.pk,
        "status": request.status.as_str(),
        "given_name": s.given_name.clone().unwrap_or_default(),
        "surname_1": s.surname_1.clone().unwrap_or_default(),
        "surname_2": s.surname_2.clone().unwrap_or_default(),
        "birth_date": s.birth_date,
        "serial_number": s.serial_number.clone().unwrap_or_default(),
        "id_document_type": s.id_document_type,
        "id_document_country": s.id_document_country,
        "country_name": s.id_document_country,
        "email": s.email,
        "mobile_phone_number": s.mobile_phone_number,
        "communication_language": s.communication_language.clone().unwrap_or_default(),
        "residence": s.residence,
        "residence_city": s.residence_city,
        "residence_postal_code": s.residence_postal_code,
        "residence_address": s.residence_address,
        "special_conditions": s.special_conditions,
        "profile": request.profile,
        "registration_authority": ra,
        "registering_user": request.registering_rao.as_ref().map(|u| json!({"username": u})),
        "approving_rao": request.approving_rao.as_ref().map(|u| json!({"username": u, "rao": request.approving_rao_id})),
        "scratchcard": request.scratchcard,
        "paperless_mode": true,
        "validity_time": "1",
        "videoid_mode": request.videoid.is_some(),
        "videoid_pk": request.videoid.as_ref().map(|v| v.videoid_pk),
        "useasync": request.useasync,
        "async_status": request.async_stage.map(AsyncStage::as_str),
        "documents_images": request.identity_images.iter().map(|i| i.field.clone()).collect::<Vec<_>>(),
        "certificate_set": certificate_set,
        "created_at": request.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
    })
}

fn signer_from_form(form: &FormData) -> Result<Signer, Error> {
    let email = form.text("email").unwrap_or_default();
    rules::email(&email)?;
    let mobile_phone_number = form.text("mobile_phone_number").unwrap_or_default();
    rules::mobile_phone(&mobile_phone_number)?;
    let id_document_type = rules::id_document_type(
        &form
            .text("id_document_type")
            .unwrap_or_else(|| "IDC".into()),
    )?;
    let id_document_country = rules::country(
        &form
            .text("id_document_country")
            .unwrap_or_else(|| "ES".into()),
    )?;
    let communication_language = form
        .text("communication_language")
        .map(|l| rules::language(&l))
        .transpose()?;
    Ok(Signer {
        given_name: form.text("given_name"),
        surname_1: form.text("surname_1"),
        surname_2: form.text("surname_2"),
        birth_date: form.text("birth_date"),
        serial_number: form.text("serial_number"),
        id_document_type,
        id_document_country,
        email,
        mobile_phone_number,
        communication_language,
        residence: form.text("residence"),
        residence_city: form.text("residence_city"),
        residence_postal_code: form.text("residence_postal_code"),
        residence_address: form.text("residence_address"),
        special_conditions: form.text("special_conditions"),
    })
}

/// Billing credentials come with the call or from settings; the password must be base64.
pub async fn check_billing(
    state: &Shared,
    username: Option<String>,
    password: Option<Secret>,
) -> Result<String, Error> {
    let username = match username {
        Some(u) => u,
        None => {
            state
                .store
                .settings
                .get("billing", "billing_username")
                .await
        }
    };
    let password = match password {
        Some(p) => p,
        None => state.store.settings.billing_password().await,
    };
    if username.trim().is_empty() || password.expose().trim().is_empty() {
        return Err(Error::Billing(
            "Cannot check the remaining credit for the billing user. Please check the credentials"
                .into(),
        ));
    }
    if base64::engine::general_purpose::STANDARD
        .decode(password.expose().trim())
        .is_err()
    {
        return Err(Error::Billing(
            "Billing credentials not valid. Please check if they are base64 encoded".into(),
        ));
    }
    Ok(username)
}

/// Checks every ID picture before anything is stored: (field, ext, mime, bytes).
async fn check_identity_pictures(
    form: &FormData,
) -> Result<Vec<(String, &'static str, String, Vec<u8>)>, Error> {
    let missing: Vec<&str> = REQUIRED_IMAGES
        .iter()
        .copied()
        .filter(|field| form.file(field).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(Error::BadRequest(format!(
            "Error occured during request approval: Missing required docs: {}",
            missing.join(", ")
        )));
    }
    let mut checked = Vec::new();
    for field in REQUIRED_IMAGES {
        if let Some(part) = form.file(field) {
            checked.push(check_picture(part).await?);
        }
    }
    if let Some(part) = form.file(EXTRA_DOCUMENT) {
        if part.bytes.starts_with(b"%PDF-") {
            checked.push((
                EXTRA_DOCUMENT.to_owned(),
                ".pdf",
                "application/pdf".to_owned(),
                part.bytes.to_vec(),
            ));
        } else {
            checked.push(check_picture(part).await?);
        }
    }
    Ok(checked)
}

async fn check_picture(part: &FilePart) -> Result<(String, &'static str, String, Vec<u8>), Error> {
    let bytes = part.bytes.to_vec();
    let (result, bytes) = blocking(move || Ok((check_image(&bytes), bytes))).await?;
    match result {
        Some(image) => Ok((
            part.field.clone(),
            image.format.ext(),
            image.format.mime().to_owned(),
            bytes,
        )),
        None => Err(Error::UnsupportedMediaType(format!(
            "Unsupported file type for '{}' ({}): expected a JPEG or PNG image",
            part.field,
            part.display_name()
        ))),
    }
}

/// A 7-digit code that authorizes changes to the request (PUT).
pub fn new_scratchcard() -> String {
    use rand::Rng;
    format!(
        "{:07}",
        rand::rngs::OsRng.gen_range(1_000_000..10_000_000u32)
    )
}

/// A JSON scalar as text ("1000" and 1000 mean the same RA or scratchcard).
pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_owned(),
        other => other.to_string(),
    }
}
