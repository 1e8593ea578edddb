//! Workflow W1 end to end through station-core on a loopback sandbox: the request
//! with ID pictures, a 1 MB PDF uploaded, the contract shown, the OTP sent and
//! typed, the signature, the signed copy fetched, verified and backed up, and the
//! documents deleted from the Optimizer — everything but the officer's thinking.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use oneshot_api::Secret;
use oneshot_sandbox::{DEMO_TOKEN, Sandbox, SandboxConfig};
use serde_json::{Value, json};
use station_core::{
    ConnectionService, DocumentToSign, EmbeddedSandbox, EventBus, IdDocumentKind, IdImagePaths,
    OfficerTask, OptimizerProfile, RemoteOptimizer, RequestPhase, SignIn, SignatureRequestDraft,
    SignerIdentity, Store, Vault, WorkflowKind, WorkflowOptions, Workflows,
};

use crate::error::{BenchError, IoContext, Result};
use crate::optimizer::Optimizer;

/// Rounds run first and not counted: connections, caches and the SQLite file warm up.
const WARM_UP_ROUNDS: usize = 2;

fn signer() -> SignerIdentity {
    SignerIdentity {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: Some("Ortega".into()),
        id_document_type: IdDocumentKind::IdentityCard,
        id_document_country: "ES".into(),
        serial_number: "00000023T".into(),
        email: "lucia.perez@example.org".into(),
        mobile_phone_number: "+34600111222".into(),
        communication_language: None,
    }
}

/// A station signed in on `sandbox_url`, trusting the sandbox's CA, as the app is.
async fn open_station(dir: &Path, sandbox_url: &str) -> Result<Arc<Workflows>> {
    std::fs::create_dir_all(dir).at(dir)?;
    let store = Arc::new(Store::open(&dir.join("station.sqlite3"))?);
    let vault = Vault::session_only(store.installation_id()?, "the benchmark uses no keyring");
    let connection = Arc::new(ConnectionService::new(
        Arc::clone(&store),
        vault,
        EmbeddedSandbox::new(dir.join("embedded-sandbox")),
    )?);
    connection
        .choose_optimizer(OptimizerProfile::Remote(RemoteOptimizer {
            url: sandbox_url.into(),
            ca_pem_path: None,
            client_cert_path: None,
            client_key_path: None,
        }))
        .await?;
    connection
        .sign_in(SignIn::Token {
            token: Secret::new(DEMO_TOKEN),
        })
        .await?;
    let workflows = Arc::new(Workflows::new(
        store,
        connection,
        EventBus::new(),
        dir.join("backups"),
    ));
    let ca = reqwest::get(format!("{sandbox_url}/sandbox/v1/ca.pem"))
        .await?
        .error_for_status()?
        .text()
        .await?;
    workflows.set_signing_trust(ca).await?;
    Ok(workflows)
}

/// One W1, from the officer's "start" to the request completed.
async fn one_w1(
    workflows: &Workflows,
    optimizer: &Optimizer,
    pdf: &Path,
    images: &IdImagePaths,
) -> Result<Duration> {
    let draft = SignatureRequestDraft {
        kind: WorkflowKind::ClassicOtp,
        signer: signer(),
        id_images: images.clone(),
        documents: vec![DocumentToSign {
            path: pdf.to_owned(),
            visible_signature: None,
        }],
        options: WorkflowOptions::default(),
    };
    let started = Instant::now();
    let view = workflows.start(draft).await?;
    let Some(OfficerTask::ShowContract { .. }) = view.officer_task else {
        return Err(BenchError::Invalid(format!(
            "expected the contract task: {view:?}"
        )));
    };
    let view = workflows.confirm_contract_shown(&view.id).await?;
    let pk = view
        .optimizer_pk
        .ok_or_else(|| BenchError::Invalid("the request has no Optimizer pk".into()))?;
    let code = optimizer.latest_otp(pk).await?;
    let view = workflows.sign(&view.id, code).await?;
    let elapsed = started.elapsed();
    if view.phase != RequestPhase::Completed {
        return Err(BenchError::Invalid(format!(
            "W1 did not complete: {view:?}"
        )));
    }
    Ok(elapsed)
}

fn nearest_rank(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (percent * sorted.len())
        .div_ceil(100)
        .clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or_default()
}

/// `rounds` W1s after the warm-up; answers p50, p95 and the worst.
pub async fn latency(pdf: &Path, rounds: usize) -> Result<Value> {
    let scratch = tempfile::tempdir().at(std::env::temp_dir())?;
    let sandbox = Sandbox::start(SandboxConfig::new(scratch.path().join("sandbox"))).await?;
    let optimizer = Optimizer::new(sandbox.base_url())?;
    let workflows = open_station(&scratch.path().join("station"), &sandbox.base_url()).await?;
    let picture = crate::optimizer::id_picture()?;
    let picture_path = |name: &str| -> Result<Option<std::path::PathBuf>> {
        let path = scratch.path().join(name);
        std::fs::write(&path, &picture).at(&path)?;
        Ok(Some(path))
    };
    let images = IdImagePaths {
        document_front: picture_path("front.png")?,
        document_rear: picture_path("rear.png")?,
        document_owner: picture_path("owner.png")?,
        extra_document: None,
    };
    let mut latencies = Vec::with_capacity(rounds);
    for round in 0..WARM_UP_ROUNDS + rounds.max(1) {
        let elapsed = one_w1(&workflows, &optimizer, pdf, &images).await?;
        if round >= WARM_UP_ROUNDS {
            latencies.push(elapsed);
        }
    }
    sandbox.shutdown().await?;
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Ok(json!({
        "rounds": latencies.len(),
        "pdf_bytes": std::fs::metadata(pdf).at(pdf)?.len(),
        "p50_ms": ms(nearest_rank(&latencies, 50)),
        "p95_ms": ms(nearest_rank(&latencies, 95)),
        "max_ms": ms(latencies.last().copied().unwrap_or_default()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let sorted: Vec<Duration> = (1..=20).map(Duration::from_millis).collect();
        assert_eq!(nearest_rank(&sorted, 50), Duration::from_millis(10));
        assert_eq!(nearest_rank(&sorted, 95), Duration::from_millis(19));
        assert_eq!(nearest_rank(&[], 95), Duration::ZERO);
    }
}
