//! Store access from async code: every workflow write is one SQLite transaction on
//! a blocking thread, and every commit is a step boundary for the crash test.

use std::sync::Arc;

use rusqlite::{Connection, Transaction};

use super::hooks;
use crate::error::{Error, Result};
use crate::store::Store;

/// Runs `work` in one transaction; `boundary` names the commit for the crash test.
pub(crate) async fn write<T: Send + 'static>(
    store: &Arc<Store>,
    boundary: String,
    work: impl FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
) -> Result<T> {
    let store = Arc::clone(store);
    let value = tokio::task::spawn_blocking(move || {
        let mut connection = store.lock();
        let transaction = connection.transaction()?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok::<T, Error>(value)
    })
    .await
    .map_err(|error| Error::Task(error.to_string()))??;
    hooks::boundary(&boundary);
    Ok(value)
}

/// Runs `work` on the connection without a transaction of its own.
pub(crate) async fn read<T: Send + 'static>(
    store: &Arc<Store>,
    work: impl FnOnce(&Connection) -> Result<T> + Send + 'static,
) -> Result<T> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || work(&store.lock()))
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}
