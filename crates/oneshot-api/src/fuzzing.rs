//! Entry points for the fuzz targets in `fuzz/` (not a stable API).
//!
//! The targets feed the client hostile answers without a network: each call is
//! built with the public API, then given a canned answer and decoded exactly
//! as `.await` would decode the Optimizer's.

use crate::call::Call;
use crate::error::{Error, Result};

/// What `.await` on `call` answers once the Optimizer replied `http_status`
/// with `body` (and `content_type`, when given).
pub async fn decode_answer<T: Send + 'static, K>(
    call: Call<T, K>,
    http_status: u16,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Result<T> {
    let mut builder = http::Response::builder().status(http_status);
    if let Some(content_type) = content_type {
        builder = builder.header(http::header::CONTENT_TYPE, content_type);
    }
    let response = builder
        .body(body)
        .map_err(|error| Error::InvalidInput(format!("canned answer: {error}")))?;
    call.decode(reqwest::Response::from(response)).await
}
