//! Starting, serving and stopping one sandbox Optimizer.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_util::task::TaskTracker;
use tower::ServiceExt as _;

use crate::api::{self, AppState, Shared};
use crate::config::SandboxConfig;
use crate::error::Error;
use crate::fault::{ConnectionKill, FaultBook, KillableStream, apply_faults};
use crate::notify::Notifier;
use crate::outbox::Outbox;
use crate::pki::Authority;
use crate::store::Store;
use crate::tls::SandboxTls;

/// How long a client may take to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a refused TLS connection is drained before it is closed.
const LINGER: Duration = Duration::from_secs(2);
/// How long a graceful shutdown waits for in-flight requests.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long shutdown waits for background signatures and webhook deliveries.
const BACKGROUND_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest request body: ten PDFs or a Video ID recording fit.
const MAX_BODY_BYTES: usize = 512 * 1024 * 1024;

/// A running sandbox Optimizer.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    https: bool,
    stop: oneshot::Sender<()>,
    server: JoinHandle<()>,
    tasks: TaskTracker,
}

impl Sandbox {
    /// Opens the data directory, binds the listener and serves on the current
    /// tokio runtime; returns once connections are being accepted.
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, Error> {
        let opened = OpenedData::open(config.data_dir.clone()).await?;
        let listener = TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let https = config.tls.is_some();
        let tasks = TaskTracker::new();
        let app = opened.app(&tasks, loopback_url(addr, https));
        let (stop, stopped) = oneshot::channel();
        let server = tokio::spawn(serve(listener, config.tls, app, stopped));
        tracing::info!(%addr, https, data_dir = %config.data_dir.display(), "sandbox listening");
        Ok(Sandbox {
            addr,
            https,
            stop,
            server,
            tasks,
        })
    }

    /// `http://IP:PORT` (`https://` when serving TLS) of the API root (the API
    /// itself is under `/api/v1`).
    ///
    /// A wildcard listen address is reported as loopback, the address a local
    /// client can always reach.
    pub fn base_url(&self) -> String {
        loopback_url(self.addr, self.https)
    }

    /// The address the listener is bound to (with the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections, waits for in-flight requests, then for
    /// background signatures and webhook deliveries.
    pub async fn shutdown(self) -> Result<(), Error> {
        // The server task may already be gone (it only ends on this signal or a panic).
        let _ = self.stop.send(());
        self.server.await.map_err(|e| Error::Task(e.to_string()))?;
        self.tasks.close();
        if tokio::time::timeout(BACKGROUND_TIMEOUT, self.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("shutdown: background work still running after the timeout");
        }
        Ok(())
    }
}

/// A data directory opened for serving: its store and PKI.
pub(crate) struct OpenedData {
    store: Store,
    authority: Authority,
}

impl OpenedData {
    /// Opens (creating when missing) the store and PKI, and settles signatures
    /// a previous run left half done.
    pub(crate) async fn open(data_dir: std::path::PathBuf) -> Result<Self, Error> {
        let (store, authority) = crate::store::blocking(move || {
            let store = Store::open(&data_dir)?;
            let authority = Authority::load_or_create(&data_dir.join("pki"))?;
            Ok((store, authority))
        })
        .await?;
        store.requests.recover_interrupted_signatures().await?;
        Ok(Self { store, authority })
    }

    /// The HTTP app over this data; background work joins `tasks`, links it
    /// hands out start with `base_url`.
    pub(crate) fn app(self, tasks: &TaskTracker, base_url: String) -> Router {
        app(AppState::new(Shared {
            store: self.store,
            outbox: Outbox::default(),
            notifier: Notifier::start(tasks),
            tasks: tasks.clone(),
            authority: self.authority,
            faults: FaultBook::default(),
            base_url,
        }))
    }
}

fn loopback_url(addr: SocketAddr, https: bool) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let scheme = if https { "https" } else { "http" };
    format!("{scheme}://{}", SocketAddr::new(ip, addr.port()))
}

fn app(state: AppState) -> Router {
    api::router()
        .merge(crate::sandbox::router())
        .fallback(unknown_route)
        .layer(middleware::from_fn_with_state(state.clone(), apply_faults))
        .layer(middleware::from_fn(log_request))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

async fn unknown_route() -> Error {
    Error::NotFound("Not found: no such API endpoint".into())
}

/// One line per request: method, route *pattern* and status. The concrete path
/// is not logged because some carry a token uid.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let response = if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        (
            StatusCode::METHOD_NOT_ALLOWED,
            axum::Json(serde_json::json!({
                "status": "405 Method Not Allowed",
                "details": format!("Method {method} is not allowed on this endpoint"),
            })),
        )
            .into_response()
    } else {
        response
    };
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

async fn serve(
    listener: TcpListener,
    tls: Option<SandboxTls>,
    app: Router,
    mut stop: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    let acceptor = tls.map(|tls| tls.acceptor());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _peer)) => stream,
                    Err(e) => {
                        // Typically EMFILE: back off instead of spinning.
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let (stream, kill) = KillableStream::new(stream);
                let app = app.clone();
                let watcher = graceful.watcher();
                // The handshake runs in the connection's task so a slow client
                // cannot hold up the accept loop.
                match acceptor.clone() {
                    None => {
                        tokio::spawn(serve_connection(stream, app, kill, watcher));
                    }
                    Some(acceptor) => {
                        tokio::spawn(async move {
                            let handshake = acceptor.accept(stream).into_fallible();
                            match tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake).await {
                                Ok(Ok(stream)) => serve_connection(stream, app, kill, watcher).await,
                                Ok(Err((e, stream))) => {
                                    tracing::info!(error = %e, "TLS handshake refused");
                                    linger(stream).await;
                                }
                                Err(_) => tracing::info!("TLS handshake timed out"),
                            }
                        });
                    }
                }
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown: some connections were still busy after the drain timeout");
    }
}

/// Closes a connection whose TLS handshake was refused the way web servers do:
/// stop sending (the alert is out), then read and drop what the client sent
/// meanwhile. With TLS 1.3 the client sends its request before the server has
/// checked its certificate; closing with that request unread would make the
/// kernel answer with a reset, and the client would see "connection reset"
/// instead of the alert that says what is wrong.
async fn linger<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) {
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 4096];
    let drain = async { while matches!(stream.read(&mut sink).await, Ok(read) if read > 0) {} };
    let _ = tokio::time::timeout(LINGER, drain).await;
}

/// Serves one accepted (and, with TLS, handshaken) connection; `kill` lets
/// the fault layer reset it.
async fn serve_connection<S>(stream: S, app: Router, kill: ConnectionKill, watcher: Watcher)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = TowerToHyperService::new(app.map_request(
        move |mut request: axum::http::Request<Incoming>| {
            request
                .extensions_mut()
                .insert::<ConnectionKill>(kill.clone());
            request
        },
    ));
    let connection = auto::Builder::new(TokioExecutor::new())
        .serve_connection_with_upgrades(TokioIo::new(stream), service)
        .into_owned();
    if let Err(e) = watcher.watch(connection).await {
        tracing::debug!(error = %e, "connection ended with an error");
    }
}
