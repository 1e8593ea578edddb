//! The Video ID queue: open Video ID requests and their last known status.

use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::clock;
use crate::error::Result;
use crate::events::StationEvent;
use crate::workflows::{RequestId, VideoIdQueueEntry};

/// The Optimizer's word for "the end user has finished; an officer must review".
const REVIEW_STATUS: &str = "VIDEOREVIEW";

/// Adds (or refreshes) the queue entry of `request`.
pub(crate) fn upsert(
    connection: &Connection,
    request: &RequestId,
    optimizer_pk: u64,
    status: &str,
    signer: &str,
    registration_authority: Option<&str>,
) -> Result<()> {
    let now = clock::now();
    connection.execute(
        "INSERT INTO videoid_queue (request_id, optimizer_pk, status, signer,
             registration_authority, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (request_id) DO UPDATE SET
             optimizer_pk = excluded.optimizer_pk, status = excluded.status,
             signer = excluded.signer,
             registration_authority = coalesce(excluded.registration_authority,
                                               registration_authority),
             updated_at = excluded.updated_at",
        params![
            request.as_str(),
            optimizer_pk as i64,
            status,
            signer,
            registration_authority,
            now
        ],
    )?;
    Ok(())
}

/// What recording a status did to the queue.
#[derive(Debug, Default)]
pub(crate) struct QueueUpdate {
    /// The entry's status or Registration Authority changed.
    pub changed: bool,
    /// The entry has just arrived in review (it was not in review before): the
    /// officer should be told, once.
    pub ready_for_review: Option<StationEvent>,
}

/// Records a new status for a queued request.
pub(crate) fn set_status(
    connection: &Connection,
    request: &RequestId,
    status: &str,
    registration_authority: Option<&str>,
) -> Result<QueueUpdate> {
    // Read before writing: "arrived in review" is a transition, and a webhook and the
    // poller may both report the same VIDEOREVIEW.
    let before: Option<(String, i64, String)> = connection
        .query_row(
            "SELECT status, optimizer_pk, signer FROM videoid_queue WHERE request_id = ?1",
            [request.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let changed = connection.execute(
        "UPDATE videoid_queue SET status = ?2,
             registration_authority = coalesce(?3, registration_authority), updated_at = ?4
         WHERE request_id = ?1 AND (status IS NOT ?2 OR registration_authority IS NOT coalesce(?3, registration_authority))",
        params![request.as_str(), status, registration_authority, clock::now()],
    )? > 0;
    let ready_for_review = match before {
        Some((previous, pk, signer)) if status == REVIEW_STATUS && previous != REVIEW_STATUS => {
            Some(StationEvent::VideoIdReadyForReview {
                request: request.clone(),
                optimizer_pk: u64::try_from(pk).unwrap_or_default(),
                signer,
            })
        }
        _ => None,
    };
    Ok(QueueUpdate {
        changed,
        ready_for_review,
    })
}

/// Takes `request` off the queue (approved, refused or cancelled); true when it was there.
pub(crate) fn remove(connection: &Connection, request: &RequestId) -> Result<bool> {
    Ok(connection.execute(
        "DELETE FROM videoid_queue WHERE request_id = ?1",
        [request.as_str()],
    )? > 0)
}

/// The queue, oldest request first (the one waiting longest).
pub(crate) fn list(connection: &Connection) -> Result<Vec<VideoIdQueueEntry>> {
    let now = time::OffsetDateTime::now_utc();
    let mut statement = connection.prepare(
        "SELECT request_id, optimizer_pk, status, signer, registration_authority,
                created_at, updated_at
         FROM videoid_queue ORDER BY created_at, request_id",
    )?;
    let rows = statement.query_map([], |row| {
        let created_at: String = row.get(5)?;
        let age_seconds = clock::parse(&created_at)
            .map(|created| (now - created).whole_seconds().max(0) as u64)
            .unwrap_or_default();
        Ok(VideoIdQueueEntry {
            request: RequestId::from_raw(row.get::<_, String>(0)?),
            optimizer_pk: row.get::<_, i64>(1)? as u64,
            status: row.get(2)?,
            signer: row.get(3)?,
            registration_authority: row.get(4)?,
            created_at,
            age_seconds,
            updated_at: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
