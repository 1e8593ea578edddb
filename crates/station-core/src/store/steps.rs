//! Workflow step rows: the persisted state machine of each request.

use rusqlite::{Connection, Row, params};

use crate::audit::clock;
use crate::error::{Error, Result};
use crate::workflows::{RequestId, StepName, StepState};

/// A step as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredStep {
    pub seq: u32,
    pub step: StepName,
    pub state: StepState,
    pub attempts: u32,
    /// How an interrupted step is reconciled, or the officer's decision it carries out.
    pub note: Option<String>,
    /// What the step produced (JSON).
    pub result: Option<String>,
    pub error_code: Option<String>,
    pub error_details: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
}

pub(crate) fn insert_plan(
    connection: &Connection,
    request: &RequestId,
    steps: &[StepName],
) -> Result<()> {
    for (seq, step) in steps.iter().enumerate() {
        connection.execute(
            "INSERT INTO workflow_step (request_id, seq, step, state) VALUES (?1, ?2, ?3, 'pending')",
            params![request.as_str(), seq as u32, step.as_str()],
        )?;
    }
    Ok(())
}

/// Adds `step` after the last one (an officer's extra action); answers its number.
pub(crate) fn append(connection: &Connection, request: &RequestId, step: StepName) -> Result<u32> {
    let seq: u32 = connection.query_row(
        "SELECT coalesce(max(seq) + 1, 0) FROM workflow_step WHERE request_id = ?1",
        [request.as_str()],
        |row| row.get(0),
    )?;
    connection.execute(
        "INSERT INTO workflow_step (request_id, seq, step, state) VALUES (?1, ?2, ?3, 'pending')",
        params![request.as_str(), seq, step.as_str()],
    )?;
    Ok(seq)
}

/// Skips every step of the plan that has not finished (the request was refused or
/// cancelled), leaving extra steps alone.
pub(crate) fn skip_unfinished(
    connection: &Connection,
    request: &RequestId,
    planned: usize,
) -> Result<()> {
    connection.execute(
        "UPDATE workflow_step SET state = 'skipped'
         WHERE request_id = ?1 AND seq < ?2 AND state NOT IN ('done', 'skipped')",
        params![request.as_str(), planned as u32],
    )?;
    Ok(())
}

pub(crate) fn list(connection: &Connection, request: &RequestId) -> Result<Vec<StoredStep>> {
    let mut statement = connection.prepare(
        "SELECT seq, step, state, attempts, note, result, error_code, error_details,
                started_at, finished_at
         FROM workflow_step WHERE request_id = ?1 ORDER BY seq",
    )?;
    let rows = statement.query_map([request.as_str()], from_row)?;
    rows.map(|row| row?).collect()
}

/// Records that the step's call is about to be made, with how to reconcile it.
pub(crate) fn begin(
    connection: &Connection,
    request: &RequestId,
    seq: u32,
    note: &str,
) -> Result<()> {
    change(
        connection,
        "UPDATE workflow_step SET state = 'in_flight', attempts = attempts + 1, note = ?3,
             error_code = NULL, error_details = NULL, started_at = ?4, finished_at = NULL
         WHERE request_id = ?1 AND seq = ?2",
        params![request.as_str(), seq, note, clock::now()],
    )
}

/// Records the step done with what it produced.
pub(crate) fn finish(
    connection: &Connection,
    request: &RequestId,
    seq: u32,
    result: Option<&str>,
) -> Result<()> {
    change(
        connection,
        "UPDATE workflow_step SET state = 'done', result = ?3, error_code = NULL,
             error_details = NULL, finished_at = ?4
         WHERE request_id = ?1 AND seq = ?2",
        params![request.as_str(), seq, result, clock::now()],
    )
}

/// Moves the step to `state`, keeping (or clearing, with `None`) the last error.
pub(crate) fn set_state(
    connection: &Connection,
    request: &RequestId,
    seq: u32,
    state: StepState,
    error: Option<(&str, Option<&str>)>,
) -> Result<()> {
    let (code, details) = match error {
        Some((code, details)) => (Some(code), details),
        None => (None, None),
    };
    change(
        connection,
        "UPDATE workflow_step SET state = ?3, error_code = ?4, error_details = ?5
         WHERE request_id = ?1 AND seq = ?2",
        params![request.as_str(), seq, state.as_str(), code, details],
    )
}

/// Records the error of a step while leaving its state alone (an in-flight step whose
/// reconciliation failed stays in flight).
pub(crate) fn note_error(
    connection: &Connection,
    request: &RequestId,
    seq: u32,
    code: &str,
    details: Option<&str>,
) -> Result<()> {
    change(
        connection,
        "UPDATE workflow_step SET error_code = ?3, error_details = ?4
         WHERE request_id = ?1 AND seq = ?2",
        params![request.as_str(), seq, code, details],
    )
}

fn change(connection: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<()> {
    if connection.execute(sql, params)? == 0 {
        return Err(Error::CorruptStore("a workflow step is missing".into()));
    }
    Ok(())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredStep>> {
    let step: String = row.get(1)?;
    let state: String = row.get(2)?;
    let seq: u32 = row.get(0)?;
    let attempts: u32 = row.get(3)?;
    let note: Option<String> = row.get(4)?;
    let result: Option<String> = row.get(5)?;
    let error_code: Option<String> = row.get(6)?;
    let error_details: Option<String> = row.get(7)?;
    let started_at: Option<String> = row.get(8)?;
    let finished_at: Option<String> = row.get(9)?;
    Ok((|| {
        Ok(StoredStep {
            seq,
            step: StepName::parse(&step)?,
            state: StepState::parse(&state)?,
            attempts,
            note,
            result,
            error_code,
            error_details,
            started_at,
            finished_at,
        })
    })())
}
