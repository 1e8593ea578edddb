//! Signature requests: create, read, follow, OTP and sign.

mod models;

pub use models::{
    AsyncMode, Countersignature, DeliveryMethod, IdDocumentType, IdImages, NewSignatureRequest,
    SignOptions, SignatureFormat, SignatureRequestInfo, Signer, VisibleSignature,
};

use reqwest::Method;
use reqwest::multipart::Form;
use serde_json::json;

use crate::call::{self, Call, Once, TimeoutClass};
use crate::client::Client;
use crate::de;
use crate::error::{Error, Result};
use crate::status::RequestStatus;
use crate::transfer::{self, Meter};

/// Signature request operations. Get it from [`Client::requests`].
#[derive(Debug, Clone, Copy)]
pub struct Requests<'a> {
    client: &'a Client,
}

impl Client {
    /// Create signature requests, follow them, send the OTP and sign.
    pub fn requests(&self) -> Requests<'_> {
        Requests { client: self }
    }
}

impl Requests<'_> {
    /// `POST /request`: creates a signature request (identity data and ID
    /// pictures, streamed from disk); answers its pk.
    pub fn create(&self, request: NewSignatureRequest) -> Call<u64, Once> {
        let problem = problem(&request).map(Error::InvalidInput);
        Call::new(
            self.client,
            "create_request",
            Method::POST,
            vec!["request".into()],
            call::json("create_request", |pk: PkDetails| Ok(pk.0)),
        )
        .once()
        .multipart(form(request))
        .rejecting(problem)
    }

    /// `GET /request/{pk}`: everything the Optimizer knows about the request.
    pub fn get(&self, pk: u64) -> Call<SignatureRequestInfo> {
        Call::new(
            self.client,
            "get_request",
            Method::GET,
            vec!["request".into(), pk.to_string()],
            call::json("get_request", Ok),
        )
    }

    /// Where the request stands (`GET /request/{pk}`, status only).
    ///
    /// After a sign whose answer was lost ([`Error::outcome_unknown`]), this
    /// tells whether it signed: [`RequestStatus::Issued`] means fetch the
    /// signed documents, do not sign again.
    pub fn status(&self, pk: u64) -> Call<RequestStatus> {
        Call::new(
            self.client,
            "get_request",
            Method::GET,
            vec!["request".into(), pk.to_string()],
            call::json("get_request", |info: StatusOnly| Ok(info.status)),
        )
    }

    /// `GET /async/status/{pk}`: progress of a request in asynchronous mode.
    pub fn async_status(&self, pk: u64) -> Call<RequestStatus> {
        Call::new(
            self.client,
            "async_status",
            Method::GET,
            vec!["async".into(), "status".into(), pk.to_string()],
            call::json("async_status", |word: String| {
                Ok(RequestStatus::parse(&word))
            }),
        )
    }

    /// `POST /otp/{pk}`: sends the signer a one-time code (by SMS unless told
    /// otherwise); answers the confirmation.
    pub fn generate_otp(&self, pk: u64, delivery: Option<DeliveryMethod>) -> Call<String, Once> {
        let body = match delivery {
            Some(method) => json!({ "delivery_method": method }),
            None => json!({}),
        };
        Call::new(
            self.client,
            "generate_otp",
            Method::POST,
            vec!["otp".into(), pk.to_string()],
            call::json("generate_otp", |message: String| Ok(message)),
        )
        .once()
        .json_body(&body)
    }

    /// `POST /sign/{pk}`: issues the one-shot certificate and signs every
    /// document of the request; answers the confirmation. Uses the sign timeout
    /// and is never retried: see [`Requests::status`] after a lost answer.
    pub fn sign(&self, pk: u64, options: &SignOptions) -> Call<String, Once> {
        let problem = options
            .secret
            .expose()
            .trim()
            .is_empty()
            .then(|| Error::InvalidInput("sign: the OTP or external code is empty".into()));
        Call::new(
            self.client,
            "sign",
            Method::POST,
            vec!["sign".into(), pk.to_string()],
            call::json("sign", |message: String| Ok(message)),
        )
        .once()
        .json_body(options)
        .timeout_class(TimeoutClass::Sign)
        .rejecting(problem)
    }
}

#[derive(serde::Deserialize)]
struct PkDetails(#[serde(deserialize_with = "de::pk")] u64);

#[derive(serde::Deserialize)]
struct StatusOnly {
    status: RequestStatus,
}

fn problem(request: &NewSignatureRequest) -> Option<String> {
    if let Some(problem) = request.credentials.problem() {
        return Some(format!("create_request: {problem}"));
    }
    let signer = &request.signer;
    let required = [
        ("given_name", &signer.given_name),
        ("surname_1", &signer.surname_1),
        ("serial_number", &signer.serial_number),
        ("email", &signer.email),
        ("mobile_phone_number", &signer.mobile_phone_number),
    ];
    if let Some((name, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
        return Some(format!("create_request: {name} is empty"));
    }
    if !signer.mobile_phone_number.trim_start().starts_with('+') {
        return Some(
            "create_request: the mobile phone number needs its international prefix (+…)".into(),
        );
    }
    None
}

async fn form(request: NewSignatureRequest) -> Result<Form> {
    let mut form = Form::new();
    let text = |form: Form, name: &'static str, value: Option<String>| match value {
        Some(value) => form.text(name, value),
        None => form,
    };
    for (name, value) in request.credentials.fields() {
        form = text(form, name, Some(value));
    }
    let signer = request.signer;
    form = text(form, "given_name", Some(signer.given_name));
    form = text(form, "surname_1", Some(signer.surname_1));
    form = text(form, "surname_2", signer.surname_2);
    form = text(
        form,
        "id_document_type",
        signer.id_document_type.map(|kind| kind.code().to_owned()),
    );
    form = text(form, "id_document_country", signer.id_document_country);
    form = text(form, "serial_number", Some(signer.serial_number));
    form = text(form, "email", Some(signer.email));
    form = text(
        form,
        "mobile_phone_number",
        Some(signer.mobile_phone_number),
    );
    form = text(form, "profile", request.profile);
    form = text(
        form,
        "registration_authority",
        request.registration_authority,
    );
    form = text(form, "env", request.env.map(|env| env.as_str().to_owned()));
    form = text(form, "billing_username", request.billing_username);
    form = text(
        form,
        "billing_password",
        request
            .billing_password
            .map(|secret| secret.expose().to_owned()),
    );
    if let Some(mode) = request.asynchronous {
        form = text(form, "useasync", Some("true".into()));
        form = text(form, "callback", mode.callback);
    }
    form = text(
        form,
        "communication_language",
        request.communication_language,
    );
    for (name, value) in request.profile_fields {
        form = form.text(name, value);
    }
    let images = request.images;
    for (name, source) in [
        ("document_front", images.document_front),
        ("document_rear", images.document_rear),
        ("document_owner", images.document_owner),
        ("extra_document", images.extra_document),
    ] {
        if let Some(source) = source {
            source.size().await?;
            let mime = transfer::mime_for(&source.file_name());
            form = form.part(name, source.part(mime, Meter::new(None, None)).await?);
        }
    }
    Ok(form)
}
