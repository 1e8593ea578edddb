//! Which roots the safe backup trusts when it verifies signed documents, per
//! Optimizer profile. The embedded sandbox's roots are fetched from the sandbox
//! itself (its signatures have no legal value anyway); any other Optimizer's roots
//! are set by the officer, never taken from the server being checked.

use rusqlite::{OptionalExtension, params};

use super::db;
use super::engine::Run;
use crate::audit::clock;
use crate::error::{Error, Result};
use crate::verification::TrustStore;

/// The trust store for the request's Optimizer.
pub(crate) async fn signing_trust(run: &Run<'_>) -> Result<TrustStore> {
    let profile = run.session.profile_id;
    let stored: Option<String> = db::read(&run.engine.store, move |connection| {
        Ok(connection
            .query_row(
                "SELECT pem FROM signing_trust WHERE profile_id = ?1",
                [profile],
                |row| row.get(0),
            )
            .optional()?)
    })
    .await?;
    if let Some(pem) = stored {
        return TrustStore::from_pem(&pem);
    }
    if !run.session.embedded_sandbox {
        return Err(Error::NoSigningTrust);
    }
    let url = format!(
        "{}/sandbox/v1/ca.pem",
        run.session
            .client
            .options()
            .base_url()
            .trim_end_matches('/')
    );
    let pem = run
        .engine
        .http
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|error| Error::SandboxTrust(error.without_url().to_string()))?
        .text()
        .await
        .map_err(|error| Error::SandboxTrust(error.without_url().to_string()))?;
    let trust = TrustStore::from_pem(&pem)?;
    store(run.engine, profile, pem).await?;
    Ok(trust)
}

/// Records `pem` as the roots trusted for `profile`'s signatures, after checking it
/// holds certificates.
pub(crate) async fn set(engine: &super::engine::Engine, profile: i64, pem: String) -> Result<()> {
    TrustStore::from_pem(&pem)?;
    store(engine, profile, pem).await
}

async fn store(engine: &super::engine::Engine, profile: i64, pem: String) -> Result<()> {
    db::write(&engine.store, "signing_trust".into(), move |tx| {
        tx.execute(
            "INSERT INTO signing_trust (profile_id, pem, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (profile_id) DO UPDATE SET pem = excluded.pem,
                 updated_at = excluded.updated_at",
            params![profile, pem, clock::now()],
        )?;
        Ok(())
    })
    .await
}
