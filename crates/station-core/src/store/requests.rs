//! Signature request rows: who signs, which workflow, where it stands.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::audit::clock;
use crate::error::{Error, Result};
use crate::identity::SignerIdentity;
use crate::workflows::{IdImagePaths, RequestId, RequestPhase, WorkflowKind, WorkflowOptions};

/// A signature request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredRequest {
    pub id: RequestId,
    pub profile_id: i64,
    pub kind: WorkflowKind,
    pub officer: String,
    pub signer: SignerIdentity,
    pub id_images: IdImagePaths,
    pub options: WorkflowOptions,
    pub optimizer_pk: Option<u64>,
    pub videoid_pk: Option<u64>,
    pub videoid_link: Option<String>,
    pub server_status: Option<String>,
    pub phase: RequestPhase,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, profile_id, kind, officer, signer, id_images, options, optimizer_pk,
    videoid_pk, videoid_link, server_status, phase, created_at, updated_at";

pub(crate) fn insert(connection: &Connection, request: &StoredRequest) -> Result<()> {
    connection.execute(
        &format!(
            "INSERT INTO signature_request ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        ),
        params![
            request.id.as_str(),
            request.profile_id,
            request.kind.as_str(),
            request.officer,
            json(&request.signer)?,
            json(&request.id_images)?,
            json(&request.options)?,
            request.optimizer_pk.map(|pk| pk as i64),
            request.videoid_pk.map(|pk| pk as i64),
            request.videoid_link,
            request.server_status,
            request.phase.as_str(),
            request.created_at,
            request.updated_at,
        ],
    )?;
    Ok(())
}

pub(crate) fn get(connection: &Connection, id: &RequestId) -> Result<Option<StoredRequest>> {
    connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM signature_request WHERE id = ?1"),
            [id.as_str()],
            from_row,
        )
        .optional()?
        .transpose()
}

/// Every request, newest first.
pub(crate) fn list(connection: &Connection) -> Result<Vec<StoredRequest>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM signature_request ORDER BY created_at DESC, id"
    ))?;
    let rows = statement.query_map([], from_row)?;
    rows.map(|row| row?).collect()
}

/// Requests whose workflow has not ended, oldest first.
pub(crate) fn unfinished(connection: &Connection) -> Result<Vec<RequestId>> {
    let mut statement = connection.prepare(
        "SELECT id FROM signature_request
         WHERE phase NOT IN ('completed', 'refused', 'cancelled')
         ORDER BY created_at, id",
    )?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    Ok(rows
        .map(|row| row.map(RequestId::from_raw))
        .collect::<rusqlite::Result<_>>()?)
}

/// Requests waiting for the Optimizer or the signer, with their last known status.
pub(crate) fn waiting(connection: &Connection) -> Result<Vec<(RequestId, Option<String>)>> {
    let mut statement = connection.prepare(
        "SELECT id, server_status FROM signature_request
         WHERE phase = 'waiting_for_optimizer' ORDER BY updated_at, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((RequestId::from_raw(row.get::<_, String>(0)?), row.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The request the Optimizer of `profile_id` knows as `pk`.
pub(crate) fn by_optimizer_pk(
    connection: &Connection,
    profile_id: i64,
    pk: u64,
) -> Result<Option<RequestId>> {
    Ok(connection
        .query_row(
            "SELECT id FROM signature_request WHERE profile_id = ?1 AND optimizer_pk = ?2",
            params![profile_id, pk as i64],
            |row| row.get::<_, String>(0),
        )
        .optional()?
        .map(RequestId::from_raw))
}

pub(crate) fn set_optimizer_pk(connection: &Connection, id: &RequestId, pk: u64) -> Result<()> {
    update(connection, id, "optimizer_pk", pk as i64)
}

pub(crate) fn set_videoid(
    connection: &Connection,
    id: &RequestId,
    videoid_pk: u64,
    link: &str,
) -> Result<()> {
    update(connection, id, "videoid_pk", videoid_pk as i64)?;
    update(connection, id, "videoid_link", link)
}

/// Records the Optimizer's status word; true when it changed.
pub(crate) fn set_server_status(
    connection: &Connection,
    id: &RequestId,
    status: &str,
) -> Result<bool> {
    let changed = connection.execute(
        "UPDATE signature_request SET server_status = ?2, updated_at = ?3
         WHERE id = ?1 AND server_status IS NOT ?2",
        params![id.as_str(), status, clock::now()],
    )?;
    Ok(changed > 0)
}

pub(crate) fn set_phase(
    connection: &Connection,
    id: &RequestId,
    phase: RequestPhase,
) -> Result<()> {
    update(connection, id, "phase", phase.as_str())
}

pub(crate) fn set_signer(
    connection: &Connection,
    id: &RequestId,
    signer: &SignerIdentity,
) -> Result<()> {
    update(connection, id, "signer", json(signer)?)
}

fn update(
    connection: &Connection,
    id: &RequestId,
    column: &'static str,
    value: impl rusqlite::ToSql,
) -> Result<()> {
    let changed = connection.execute(
        &format!("UPDATE signature_request SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
        params![id.as_str(), value, clock::now()],
    )?;
    if changed == 0 {
        return Err(Error::UnknownRequest(id.to_string()));
    }
    Ok(())
}

pub(crate) fn json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|error| Error::CorruptStore(error.to_string()))
}

pub(crate) fn from_json<T: DeserializeOwned>(column: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|error| Error::CorruptStore(format!("{column}: {error}")))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredRequest>> {
    let kind: String = row.get(2)?;
    let signer: String = row.get(4)?;
    let id_images: String = row.get(5)?;
    let options: String = row.get(6)?;
    let phase: String = row.get(11)?;
    let optimizer_pk: Option<i64> = row.get(7)?;
    let videoid_pk: Option<i64> = row.get(8)?;
    let id: String = row.get(0)?;
    let profile_id: i64 = row.get(1)?;
    let officer: String = row.get(3)?;
    let videoid_link: Option<String> = row.get(9)?;
    let server_status: Option<String> = row.get(10)?;
    let created_at: String = row.get(12)?;
    let updated_at: String = row.get(13)?;
    Ok((|| {
        Ok(StoredRequest {
            id: RequestId::from_raw(id),
            profile_id,
            kind: WorkflowKind::parse(&kind)?,
            officer,
            signer: from_json("signer", &signer)?,
            id_images: from_json("id_images", &id_images)?,
            options: from_json("options", &options)?,
            optimizer_pk: optimizer_pk.map(|pk| pk as u64),
            videoid_pk: videoid_pk.map(|pk| pk as u64),
            videoid_link,
            server_status,
            phase: RequestPhase::parse(&phase)?,
            created_at,
            updated_at,
        })
    })())
}
