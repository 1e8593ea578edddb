//! `oneshot-sandbox --listen 127.0.0.1:PORT --data-dir DIR [--tls-cert PEM --tls-key PEM
//! [--tls-client-ca PEM]]`: the sandbox as a process.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use oneshot_sandbox::{Sandbox, SandboxConfig, SandboxTls};
use tracing_subscriber::EnvFilter;

/// A test-mode One-Shot Optimizer with a real local PKI.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Directory for settings, tokens, requests, documents and the local PKI.
    #[arg(long)]
    data_dir: PathBuf,
    /// Serve HTTPS with this certificate chain (PEM, server certificate first).
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// Private key (PEM) of the `--tls-cert` certificate.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Require client certificates issued by these CAs (PEM); needs `--tls-cert`.
    #[arg(long, requires = "tls_cert")]
    tls_client_ca: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "sandbox failed");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut config = SandboxConfig::new(args.data_dir).with_listen(args.listen);
    if let (Some(certificate), Some(key)) = (&args.tls_cert, &args.tls_key) {
        config = config.with_tls(SandboxTls::from_files(
            certificate,
            key,
            args.tls_client_ca.as_deref(),
        )?);
    }
    let sandbox = Sandbox::start(config).await?;
    // Launchers wait for this exact line to learn the port.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {}", sandbox.base_url())?;
    stdout.flush()?;
    drop(stdout);
    wait_for_stop_signal().await?;
    tracing::info!("stopping");
    sandbox.shutdown().await?;
    Ok(())
}

#[cfg(unix)]
async fn wait_for_stop_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r,
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_stop_signal() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}
