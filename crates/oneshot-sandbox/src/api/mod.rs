//! The One-Shot REST API under `/api/v1`.

mod async_status;
mod auth;
pub mod documents;
mod envelope;
mod form;
mod images;
mod metadata;
mod otp;
mod requests;
mod settings;
mod sign;
mod system;
mod tokens;
pub mod videoid;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use crate::error::Error;
use crate::fault::FaultBook;
use crate::notify::{Notifier, StatusChange};
use crate::outbox::Outbox;
use crate::signature_request::SignatureRequest;
use crate::store::{RequestLock, Store, parse_pk};

pub use envelope::{Answer, parse_json};
pub use requests::scalar_text;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

/// The sandbox's live state behind every handler.
#[derive(Debug)]
pub struct Shared {
    pub store: Store,
    pub outbox: Outbox,
    pub notifier: Notifier,
    /// Background work (webhook deliveries, async signatures) that shutdown waits for.
    pub tasks: tokio_util::task::TaskTracker,
    /// The local CA, issuing CA and TSA.
    pub authority: crate::pki::Authority,
    /// Armed faults (sandbox extension).
    pub faults: FaultBook,
    /// `http://IP:PORT`, for links the sandbox hands out (Video ID sessions).
    pub base_url: String,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.inner
    }
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self {
            inner: Arc::new(shared),
        }
    }
}

impl Shared {
    /// The environment a call works in: its `env`, else the settings' default.
    /// The sandbox only ever plays the vendor's test environment.
    pub async fn environment(&self, requested: Option<&str>) -> Result<String, Error> {
        let env = match requested.map(str::trim).filter(|e| !e.is_empty()) {
            Some(env) => env.to_owned(),
            None => self.store.settings.get("general", "environment").await,
        };
        match env.as_str() {
            "sandbox" => Ok(env),
            "prod" => Err(Error::BadRequest(
                "The specified environment is not available".into(),
            )),
            "" => Err(Error::BadRequest(
                "Missing env parameter. Please set it in settings or specify it as parameter"
                    .into(),
            )),
            other => Err(Error::BadRequest(format!(
                "Environment {other} does not exist"
            ))),
        }
    }

    /// Locks and loads request `raw_pk`; `not_found` words the 404.
    pub async fn open_request(
        &self,
        raw_pk: &str,
        not_found: impl Fn(&str) -> String,
    ) -> Result<(RequestLock, SignatureRequest), Error> {
        let missing = || Error::NotFound(not_found(raw_pk));
        let missing_again = || Error::NotFound(not_found(raw_pk));
        let pk = parse_pk(raw_pk).ok_or_else(missing)?;
        let lock = self.store.requests.lock(pk).await;
        let request = self
            .store
            .requests
            .load(pk)
            .await?
            .ok_or_else(missing_again)?;
        Ok((lock, request))
    }

    /// Drops the stored service contract so the next one shows current data.
    pub async fn forget_contract(&self, pk: u64) -> Result<(), Error> {
        let path = self.store.requests.dir_of(pk).join("contract");
        crate::store::blocking(move || crate::store::remove_dir(&path).map(|_| ())).await
    }

    /// Reports a request status change to its webhook, if it has one.
    pub fn report_status(&self, request: &SignatureRequest, previous: Option<&str>, status: &str) {
        if let Some(url) = request.webhook_url() {
            self.notifier.send(StatusChange {
                url: url.to_owned(),
                status: status.to_owned(),
                previous_status: previous.map(str::to_owned),
                request: request.pk,
                registration_authority: request.registration_authority.clone(),
            });
        }
    }

    /// Reports an async-mode progress change to the request's callback, if any.
    pub fn report_async(&self, request: &SignatureRequest, previous: Option<&str>, stage: &str) {
        if let Some(url) = request.callback.as_deref() {
            self.notifier.send(StatusChange {
                url: url.to_owned(),
                status: stage.to_owned(),
                previous_status: previous.map(str::to_owned),
                request: request.pk,
                registration_authority: request.registration_authority.clone(),
            });
        }
    }
}

/// The common 404 wording for a request number nobody knows.
pub fn request_not_found(pk: &str) -> String {
    format!("Request {pk} not found")
}

/// The spec's answer for a request path with the pk left out.
async fn missing_pk() -> Error {
    Error::BadRequest("Missing required parameters: Request's pk not specified".into())
}

/// Every `/api/v1` route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/hello", get(system::hello))
        .route("/api/v1/version", get(system::version))
        .route(
            "/api/v1/settings",
            get(settings::show).post(settings::update),
        )
        .route(
            "/api/v1/metadata",
            get(metadata::list)
                .post(metadata::upload)
                .delete(metadata::delete_all),
        )
        .route(
            "/api/v1/metadata/{uid}",
            get(metadata::get).delete(metadata::delete),
        )
        .route("/api/v1/token", post(tokens::create))
        .route(
            "/api/v1/token/",
            get(tokens::missing_uid).delete(tokens::missing_uid),
        )
        .route(
            "/api/v1/token/{uid}",
            get(tokens::get).delete(tokens::delete),
        )
        .route("/api/v1/tokens", get(tokens::list))
        .route("/api/v1/request", post(requests::create))
        .route(
            "/api/v1/request/{pk}",
            get(requests::get)
                .put(requests::update)
                .delete(requests::cancel),
        )
        .route("/api/v1/async/status/{pk}", get(async_status::get))
        .route("/api/v1/otp/{pk}", post(otp::generate))
        .route("/api/v1/otp/", post(missing_pk))
        .route("/api/v1/sign/", post(missing_pk))
        .route("/api/v1/document/", post(missing_pk))
        .route("/api/v1/documents/", get(missing_pk).delete(missing_pk))
        .route(
            "/api/v1/request/",
            get(missing_pk).put(missing_pk).delete(missing_pk),
        )
        .route("/api/v1/async/status/", get(missing_pk))
        .route("/api/v1/sign/{pk}", post(sign::sign))
        .route("/api/v1/document/{pk}", post(documents::upload))
        .route("/api/v1/document/{pk}/contract", get(documents::contract))
        .route(
            "/api/v1/document/{pk}/{kind}/{uid}",
            get(documents::retrieve).delete(documents::delete),
        )
        .route(
            "/api/v1/documents/{pk}",
            get(documents::list).delete(documents::delete_all),
        )
        .route("/api/v1/image", post(images::upload))
        .route(
            "/api/v1/image/",
            get(images::missing_uid).delete(images::missing_uid),
        )
        .route(
            "/api/v1/image/{uid}",
            get(images::get).delete(images::delete),
        )
        .route(
            "/api/v1/images",
            get(images::list).delete(images::delete_all),
        )
        .route("/api/v1/videoid", post(videoid::create))
        .route("/api/v1/videoid/{pk}/evidences", post(videoid::evidences))
        .route(
            "/api/v1/videoid/{pk}/evidences/video",
            post(videoid::upload_video),
        )
        .route(
            "/api/v1/videoid/{pk}/download/video",
            get(videoid::download_video),
        )
        .route("/api/v1/videoid/{pk}/refuse", post(videoid::refuse))
        // design.md §2: the spec's path, and the guide's singular variant too.
        .route("/api/v1/requests/{pk}/approve", post(videoid::approve))
        .route("/api/v1/request/{pk}/approve", post(videoid::approve))
}
