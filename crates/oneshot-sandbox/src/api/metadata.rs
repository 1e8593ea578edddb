//! Metadata: values embedded in a signature as a signed attribute under an OID.

use axum::extract::{Path, State};
use base64::Engine as _;
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::api::envelope::require;
use crate::api::{Answer, AppState, parse_json};
use crate::error::Error;
use crate::store::MetadataEntry;

const NOT_FOUND: &str = "Metadata not found on disk";

#[derive(Debug, Deserialize)]
struct Upload {
    metadata: Option<String>,
    metadata_oid: Option<String>,
}

pub async fn upload(State(state): State<AppState>, body: Bytes) -> Result<Answer, Error> {
    let input: Upload = parse_json(&body)?;
    require(&[
        ("metadata", input.metadata.is_some()),
        ("metadata_oid", input.metadata_oid.is_some()),
    ])?;
    let metadata = input.metadata.unwrap_or_default();
    let oid = input.metadata_oid.unwrap_or_default().trim().to_owned();
    // Clients often wrap long base64 lines; the value is stored as sent.
    let compact: String = metadata.chars().filter(|c| !c.is_whitespace()).collect();
    if base64::engine::general_purpose::STANDARD
        .decode(&compact)
        .is_err()
    {
        return Err(Error::BadRequest("'metadata' must be base64".into()));
    }
    if !is_dotted_oid(&oid) {
        return Err(Error::BadRequest(format!(
            "'metadata_oid' {oid:?} is not a dotted OID such as 1.3.6.1.4.1.99999.1"
        )));
    }
    let uid = state
        .store
        .metadata
        .add(MetadataEntry { oid, metadata })
        .await?;
    Ok(Answer::ok(json!({ "metadata": uid })))
}

pub async fn list(State(state): State<AppState>) -> Result<Answer, Error> {
    let all = state.store.metadata.list().await?;
    if all.is_empty() {
        return Err(Error::NotFound(NOT_FOUND.into()));
    }
    let details: Map<String, Value> = all
        .into_iter()
        .map(|(uid, entry)| (uid, json!({"oid": entry.oid, "metadata": entry.metadata})))
        .collect();
    Ok(Answer::ok(details))
}

pub async fn get(State(state): State<AppState>, Path(uid): Path<String>) -> Result<Answer, Error> {
    match state.store.metadata.get(&uid).await? {
        Some(entry) => Ok(Answer::ok(
            json!({"oid": entry.oid, "metadata": entry.metadata}),
        )),
        None => Err(Error::NotFound(NOT_FOUND.into())),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> Result<Answer, Error> {
    if state.store.metadata.delete(&uid).await? {
        Ok(Answer::ok("Metadata successfully deleted"))
    } else {
        Err(Error::NotFound(NOT_FOUND.into()))
    }
}

pub async fn delete_all(State(state): State<AppState>) -> Result<Answer, Error> {
    state.store.metadata.delete_all().await?;
    Ok(Answer::ok("All metadata deleted"))
}

/// At least two arcs, digits only, first arc 0–2 (X.660).
fn is_dotted_oid(oid: &str) -> bool {
    let arcs: Vec<&str> = oid.split('.').collect();
    arcs.len() >= 2
        && arcs
            .iter()
            .all(|arc| !arc.is_empty() && arc.bytes().all(|b| b.is_ascii_digit()))
        && matches!(arcs[0], "0" | "1" | "2")
}
