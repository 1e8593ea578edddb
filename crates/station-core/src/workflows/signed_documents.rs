//! What the officer does with a signed document on the Result step: read its
//! verification report, save a copy elsewhere, find it to open or print. The report is
//! checked again when asked rather than a stored verdict repeated: a backup edited
//! since it was saved shows as such.

use std::path::PathBuf;

use rusqlite::OptionalExtension;

use super::steps::backup;
use super::{RequestId, Workflows, db};
use crate::backup::write_file_atomically;
use crate::error::{Error, Result};
use crate::store::{documents, requests};
use crate::verification::{TrustStore, VerificationReport};

impl Workflows {
    /// Verifies the saved signed copy of the document at `position` of request `id`
    /// against the roots trusted for the request's Optimizer.
    pub async fn verification_report(
        &self,
        id: &RequestId,
        position: u32,
    ) -> Result<VerificationReport> {
        let id = id.clone();
        let (document, signed, pem) = db::read(&self.engine.store, move |connection| {
            let request = requests::get(connection, &id)?
                .ok_or_else(|| Error::UnknownRequest(id.to_string()))?;
            let document = documents::list(connection, &id)?
                .into_iter()
                .find(|document| document.position == position)
                .ok_or(Error::MissingInput("document"))?;
            let signed = document
                .signed_path
                .clone()
                .ok_or(Error::MissingInput("signed document"))?;
            let pem: String = connection
                .query_row(
                    "SELECT pem FROM signing_trust WHERE profile_id = ?1",
                    [request.profile_id],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or(Error::NoSigningTrust)?;
            Ok((document, signed, pem))
        })
        .await?;
        // Off the store's lock: a large PDF takes a moment to hash.
        tokio::task::spawn_blocking(move || {
            let trust = TrustStore::from_pem(&pem)?;
            backup::check(
                document.format,
                &signed,
                &document.source_path,
                &document.upload_sha256,
                &trust,
            )
        })
        .await
        .map_err(|error| Error::Task(error.to_string()))?
    }

    /// The saved signed copy of the document at `position` (in the request's backup folder).
    pub async fn signed_copy(&self, id: &RequestId, position: u32) -> Result<PathBuf> {
        let id = id.clone();
        db::read(&self.engine.store, move |connection| {
            documents::list(connection, &id)?
                .into_iter()
                .find(|document| document.position == position)
                .and_then(|document| document.signed_path)
                .ok_or(Error::MissingInput("signed document"))
        })
        .await
    }

    /// Copies the signed document at `position` to `target` (the officer chose it in a
    /// save dialog). Written atomically: an interrupted copy never leaves half a
    /// signed PDF under the chosen name. The backup stays where it is.
    pub async fn save_signed_copy(
        &self,
        id: &RequestId,
        position: u32,
        target: PathBuf,
    ) -> Result<PathBuf> {
        let signed = self.signed_copy(id, position).await?;
        tokio::task::spawn_blocking(move || {
            let bytes = std::fs::read(&signed).map_err(|source| Error::UnreadableFile {
                path: signed.clone(),
                source,
            })?;
            write_file_atomically(&target, &bytes)?;
            Ok(target)
        })
        .await
        .map_err(|error| Error::Task(error.to_string()))?
    }
}
