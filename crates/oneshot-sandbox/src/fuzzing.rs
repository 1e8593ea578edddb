//! Entry points for the fuzz targets in `fuzz/` (not a stable API).

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response};
use tokio_util::task::TaskTracker;
use tower::ServiceExt as _;

use crate::error::Error;
use crate::server::OpenedData;

/// The sandbox's HTTP app in process, without a listener, so a fuzzer can send
/// it thousands of requests a second.
#[derive(Debug)]
pub struct InProcess {
    router: Router,
}

impl InProcess {
    /// The app over `data_dir` (created when missing), as [`crate::Sandbox::start`]
    /// builds it; links it hands out (Video ID pages) start with `base_url`,
    /// though nothing listens there.
    pub async fn open(data_dir: &Path, base_url: &str) -> Result<Self, Error> {
        let router = OpenedData::open(data_dir.to_owned())
            .await?
            .app(&TaskTracker::new(), base_url.to_owned());
        Ok(Self { router })
    }

    /// Sends one request through the app (routing, middleware, handlers).
    pub async fn call(&self, request: Request<Body>) -> Response<Body> {
        match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }
}
