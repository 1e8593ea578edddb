//! The audit trail's rows: appended inside the caller's transaction, read in order.
//!
//! The table refuses UPDATE and DELETE through triggers; the hash chain (see
//! [`AuditEntry::computed_hash`]) catches what someone does around them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::audit::{AuditAction, AuditEntry, AuditOutcome, DocumentDigest, GENESIS_HASH};
use crate::audit::{NewAuditEntry, clock};
use crate::error::{Error, Result};
use crate::workflows::RequestId;

/// Where the number and hash of the newest entry are also kept, so that removing
/// entries at the end of the trail shows.
const HEAD_KEY: &str = "audit_head";

/// Appends `entry` after the newest one. Call inside the transaction that records
/// what the entry describes, so both are kept or neither.
pub(crate) fn append(connection: &Connection, entry: NewAuditEntry) -> Result<AuditEntry> {
    let last: Option<(i64, String)> = connection
        .query_row(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq as u64 + 1, hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let mut stored = AuditEntry {
        seq,
        at: clock::now(),
        officer: entry.officer,
        action: entry.action,
        request: entry.request,
        optimizer_pk: entry.optimizer_pk,
        digests_before: entry.digests_before,
        digests_after: entry.digests_after,
        outcome: entry.outcome,
        details: entry.details,
        prev_hash,
        hash: String::new(),
    };
    stored.hash = stored.computed_hash();
    connection.execute(
        "INSERT INTO audit_entry (seq, at, officer, action, request_id, optimizer_pk,
             digests_before, digests_after, outcome, details, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            stored.seq as i64,
            stored.at,
            stored.officer,
            stored.action.as_str(),
            stored.request.as_ref().map(RequestId::as_str),
            stored.optimizer_pk.map(|pk| pk as i64),
            digests_json(&stored.digests_before)?,
            digests_json(&stored.digests_after)?,
            stored.outcome.as_str(),
            stored.details,
            stored.prev_hash,
            stored.hash,
        ],
    )?;
    connection.execute(
        "INSERT INTO station_setting (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![HEAD_KEY, format!("{}:{}", stored.seq, stored.hash)],
    )?;
    Ok(stored)
}

/// Every entry, by number; fails on a row this version cannot read.
pub(crate) fn all(connection: &Connection) -> Result<Vec<AuditEntry>> {
    rows(connection)?
        .into_iter()
        .map(|(_, entry)| entry)
        .collect()
}

/// Every row by number, each decoded or, when its words or digests were mangled,
/// the reason it cannot be: verification reports such a row as edited.
pub(crate) fn rows(connection: &Connection) -> Result<Vec<(i64, Result<AuditEntry>)>> {
    let mut statement = connection.prepare(
        "SELECT seq, at, officer, action, request_id, optimizer_pk, digests_before,
                digests_after, outcome, details, prev_hash, hash
         FROM audit_entry ORDER BY seq",
    )?;
    let rows = statement.query_map([], |row| Ok((row.get::<_, i64>(0)?, entry_from_row(row)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The entries about one request, by number.
pub(crate) fn for_request(connection: &Connection, request: &RequestId) -> Result<Vec<AuditEntry>> {
    let mut statement = connection.prepare(
        "SELECT seq, at, officer, action, request_id, optimizer_pk, digests_before,
                digests_after, outcome, details, prev_hash, hash
         FROM audit_entry WHERE request_id = ?1 ORDER BY seq",
    )?;
    let rows = statement.query_map([request.as_str()], entry_from_row)?;
    rows.map(|row| row?).collect()
}

/// The newest entry's number and hash as recorded apart from the table.
pub(crate) fn head(connection: &Connection) -> Result<Option<(u64, String)>> {
    let value: Option<String> = connection
        .query_row(
            "SELECT value FROM station_setting WHERE key = ?1",
            [HEAD_KEY],
            |row| row.get(0),
        )
        .optional()?;
    Ok(value.and_then(|value| {
        let (seq, hash) = value.split_once(':')?;
        Some((seq.parse().ok()?, hash.to_owned()))
    }))
}

fn digests_json(digests: &[DocumentDigest]) -> Result<String> {
    serde_json::to_string(digests).map_err(|error| Error::CorruptStore(error.to_string()))
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<Result<AuditEntry>> {
    let action: String = row.get(3)?;
    let outcome: String = row.get(8)?;
    let before: String = row.get(6)?;
    let after: String = row.get(7)?;
    let seq: i64 = row.get(0)?;
    let optimizer_pk: Option<i64> = row.get(5)?;
    let request: Option<String> = row.get(4)?;
    let decoded = (|| {
        Ok(AuditEntry {
            seq: seq as u64,
            at: row.get(1)?,
            officer: row.get(2)?,
            action: AuditAction::parse(&action)
                .ok_or_else(|| Error::CorruptStore(format!("audit action {action:?}")))?,
            request: request.map(RequestId::from_raw),
            optimizer_pk: optimizer_pk.map(|pk| pk as u64),
            digests_before: serde_json::from_str(&before)
                .map_err(|error| Error::CorruptStore(format!("audit digests: {error}")))?,
            digests_after: serde_json::from_str(&after)
                .map_err(|error| Error::CorruptStore(format!("audit digests: {error}")))?,
            outcome: AuditOutcome::parse(&outcome)
                .ok_or_else(|| Error::CorruptStore(format!("audit outcome {outcome:?}")))?,
            details: row.get(9)?,
            prev_hash: row.get(10)?,
            hash: row.get(11)?,
        })
    })();
    Ok(decoded)
}
