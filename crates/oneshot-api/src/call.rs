//! One operation as a value: where it goes, what it sends, how its answer is
//! decoded, how long it may take and whether it may be repeated.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::response::{decode_details, error_from_body, read_bounded};
use crate::retry::RetryPolicy;
use crate::transfer::{self, DownloadedFile, Meter, ProgressFn};

/// Marker: the operation only reads or deletes, so it may be retried.
#[derive(Debug, Clone, Copy)]
pub struct Repeatable;

/// Marker: the operation changes state (create, OTP, sign, approve, refuse,
/// uploads) and is sent exactly once.
#[derive(Debug, Clone, Copy)]
pub struct Once;

/// Which of the client's timeouts a call uses.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TimeoutClass {
    Request,
    Sign,
    Transfer,
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
type Decoder<T> = Arc<dyn Fn(reqwest::Response, Client) -> BoxFuture<Result<T>> + Send + Sync>;

pub(crate) enum Body {
    None,
    Json(Bytes),
    /// Built when sent (files are opened then); a form can be sent only once.
    Multipart(Option<BoxFuture<Result<reqwest::multipart::Form>>>),
}

/// A prepared call to one operation; `.await` it to send it.
///
/// `K` is [`Repeatable`] or [`Once`]: only repeatable calls accept
/// [`Call::retry`], so a sign can never be retried by mistake.
#[must_use = "a call does nothing until awaited"]
pub struct Call<T, K = Repeatable> {
    client: Client,
    operation: &'static str,
    method: Method,
    segments: Vec<String>,
    body: Body,
    timeout: Option<Duration>,
    timeout_class: TimeoutClass,
    retry: RetryPolicy,
    decoder: Decoder<T>,
    invalid: Option<Error>,
    /// What a JSON 404 means for lists the Optimizer reports as "not found" when empty.
    not_found: Option<fn() -> T>,
    kind: PhantomData<fn() -> K>,
}

impl<T, K> std::fmt::Debug for Call<T, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, K> Call<T, K> {
    pub(crate) fn new(
        client: &Client,
        operation: &'static str,
        method: Method,
        segments: Vec<String>,
        decoder: Decoder<T>,
    ) -> Self {
        let invalid = segments
            .iter()
            .any(|segment| segment.trim().is_empty())
            .then(|| Error::InvalidInput(format!("{operation}: an identifier is empty")));
        Self {
            client: client.clone(),
            operation,
            method,
            segments,
            body: Body::None,
            timeout: None,
            timeout_class: TimeoutClass::Request,
            retry: client.options().retry_policy(),
            decoder,
            invalid,
            not_found: None,
            kind: PhantomData,
        }
    }

    pub(crate) fn json_body(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Body::Json(Bytes::from(bytes)),
            Err(error) => self.reject(Error::InvalidInput(error.to_string())),
        }
        self
    }

    pub(crate) fn timeout_class(mut self, class: TimeoutClass) -> Self {
        self.timeout_class = class;
        self
    }

    /// Refuses the call before sending; the first reason wins.
    pub(crate) fn reject(&mut self, error: Error) {
        self.invalid.get_or_insert(error);
    }

    pub(crate) fn rejecting(mut self, error: Option<Error>) -> Self {
        if let Some(error) = error {
            self.reject(error);
        }
        self
    }

    /// Overrides the timeout of this call only.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The operation name, e.g. `list_tokens`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Reads the Optimizer's answer to this call into `T` or an [`Error`].
    pub(crate) async fn decode(self, response: reqwest::Response) -> Result<T> {
        settle(
            self.operation,
            &self.client,
            self.decoder,
            self.not_found,
            response,
        )
        .await
    }

    async fn send(mut self) -> Result<T> {
        if let Some(error) = self.invalid.take() {
            return Err(error);
        }
        let url = self.client.url(&self.segments)?;
        let timeout = self
            .timeout
            .unwrap_or_else(|| self.client.options().timeout_for(self.timeout_class));
        let mut attempt = 1;
        loop {
            let started = Instant::now();
            let mut request = self
                .client
                .http()
                .request(self.method.clone(), url.clone())
                .timeout(timeout);
            request = match &mut self.body {
                Body::None => request,
                Body::Json(bytes) => request
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(bytes.clone()),
                Body::Multipart(form) => match form.take() {
                    Some(form) => request.multipart(form.await?),
                    None => {
                        return Err(Error::InvalidInput(format!(
                            "{}: an upload cannot be sent twice",
                            self.operation
                        )));
                    }
                },
            };
            let (outcome, retry_after) = match request.send().await {
                Err(error) => (Err(Error::transport(self.operation, error)), None),
                Ok(response) => {
                    let retry_after = retry_after(&response);
                    let decoder = Arc::clone(&self.decoder);
                    let outcome = settle(
                        self.operation,
                        &self.client,
                        decoder,
                        self.not_found,
                        response,
                    );
                    (outcome.await, retry_after)
                }
            };
            match outcome {
                Err(error) if error.is_retryable() && attempt < self.retry.max_attempts() => {
                    attempt += 1;
                    let pause = self.retry.delay(attempt, retry_after);
                    tracing::debug!(
                        operation = self.operation,
                        attempt,
                        pause_ms = pause.as_millis() as u64,
                        error = %error,
                        "retrying"
                    );
                    tokio::time::sleep(pause).await;
                }
                outcome => {
                    tracing::debug!(
                        operation = self.operation,
                        attempt,
                        elapsed_ms = started.elapsed().as_millis() as u64,
                        ok = outcome.is_ok(),
                        "answered"
                    );
                    return outcome;
                }
            }
        }
    }
}

impl<T: Default + Send + 'static, K> Call<T, K> {
    /// Answers `T::default()` (an empty list) when the Optimizer says 404 in JSON.
    pub(crate) fn empty_when_not_found(mut self) -> Self {
        self.not_found = Some(T::default);
        self
    }
}

impl<T: Send + 'static> Call<T, Repeatable> {
    /// Overrides the retry policy of this (repeatable) call only.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }
}

impl<T: Send + 'static> Call<T, Once> {
    pub(crate) fn once(mut self) -> Self {
        self.retry = RetryPolicy::never();
        self
    }

    /// A multipart body, built (files opened) when the call is sent.
    pub(crate) fn multipart(
        mut self,
        form: impl Future<Output = Result<reqwest::multipart::Form>> + Send + 'static,
    ) -> Self {
        self.body = Body::Multipart(Some(Box::pin(form)));
        self.timeout_class(TimeoutClass::Transfer)
    }
}

impl<T: Send + 'static, K: Send + 'static> IntoFuture for Call<T, K> {
    type Output = Result<T>;
    type IntoFuture = BoxFuture<Result<T>>;

    fn into_future(self) -> Self::IntoFuture {
        let span = tracing::debug_span!("oneshot_call", operation = self.operation);
        Box::pin(self.send().instrument(span))
    }
}

/// The call's outcome from its answer: [`answer`], and an empty `T` for a JSON
/// 404 when the call reads a list the Optimizer reports "not found" when empty.
async fn settle<T>(
    operation: &'static str,
    client: &Client,
    decoder: Decoder<T>,
    not_found: Option<fn() -> T>,
    response: reqwest::Response,
) -> Result<T> {
    match (
        not_found,
        answer(operation, client, decoder, response).await,
    ) {
        (
            Some(empty),
            Err(Error::Api {
                http_status: 404, ..
            }),
        ) => Ok(empty()),
        (_, outcome) => outcome,
    }
}

/// Decodes a success with the call's decoder, or an error answer into [`Error`].
async fn answer<T>(
    operation: &'static str,
    client: &Client,
    decoder: Decoder<T>,
    response: reqwest::Response,
) -> Result<T> {
    if response.status().is_success() {
        decoder(response, client.clone()).await
    } else {
        let limit = client.options().json_limit();
        let (http_status, body) = read_bounded(operation, response, limit).await?;
        Err(error_from_body(operation, http_status, &body))
    }
}

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// A decoder for JSON answers whose `details` decode into `D`, then map to `T`.
pub(crate) fn json<D, T, F>(operation: &'static str, map: F) -> Decoder<T>
where
    D: DeserializeOwned + 'static,
    T: Send + 'static,
    F: Fn(D) -> Result<T> + Send + Sync + 'static,
{
    let map = Arc::new(map);
    Arc::new(move |response, client| {
        let map = Arc::clone(&map);
        Box::pin(async move {
            let limit = client.options().json_limit();
            let (http_status, body) = read_bounded(operation, response, limit).await?;
            // `map` does not see the answer: what it refuses, it refuses in one of this status.
            map(decode_details::<D>(operation, http_status, &body)?).map_err(|error| match error {
                Error::Decode {
                    operation,
                    reason,
                    excerpt,
                    ..
                } => Error::Decode {
                    operation,
                    http_status,
                    reason,
                    excerpt,
                },
                other => other,
            })
        })
    })
}

/// A decoder for binary answers kept in memory, bounded by the client's limit.
pub(crate) fn bytes(operation: &'static str) -> Decoder<Bytes> {
    Arc::new(move |response, client| {
        Box::pin(async move {
            let limit = client.options().memory_download_limit();
            let (_, body) = read_bounded(operation, response, limit).await?;
            Ok(Bytes::from(body))
        })
    })
}

/// A decoder streaming a binary answer into a file.
pub(crate) fn to_file(
    operation: &'static str,
    path: std::path::PathBuf,
    progress: Option<ProgressFn>,
) -> Decoder<DownloadedFile> {
    Arc::new(move |response, _client| {
        let path = path.clone();
        let meter = Meter::new(response.content_length(), progress.clone());
        Box::pin(async move { transfer::save(operation, response, &path, &meter).await })
    })
}
