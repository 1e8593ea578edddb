//! The One-Shot REST API under `/api/v1`.

mod envelope;
mod system;
mod tokens;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::error::Error;
use crate::store::Store;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

#[derive(Debug)]
pub struct Shared {
    pub store: Store,
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.inner
    }
}

impl AppState {
    pub fn new(store: Store) -> Self {
        Self {
            inner: Arc::new(Shared { store }),
        }
    }
}

impl Shared {
    /// The sandbox only ever plays the vendor's test environment.
    pub async fn check_environment(&self, env: &str) -> Result<(), Error> {
        match env {
            "sandbox" => Ok(()),
            "prod" => Err(Error::BadRequest(
                "Environment 'prod' is not available on the sandbox Optimizer".into(),
            )),
            other => Err(Error::BadRequest(format!(
                "Invalid value for 'env': '{other}' (expected sandbox or prod)"
            ))),
        }
    }
}

/// Every `/api/v1` route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/hello", get(system::hello))
        .route("/api/v1/version", get(system::version))
        .route("/api/v1/token", axum::routing::post(tokens::create))
        .route(
            "/api/v1/token/",
            get(tokens::missing_uid).delete(tokens::missing_uid),
        )
        .route(
            "/api/v1/token/{uid}",
            get(tokens::get).delete(tokens::delete),
        )
        .route("/api/v1/tokens", get(tokens::list))
}
