//! The audit trail: append-only and hash-chained. Each entry carries the hash of the
//! one before, so [`AuditTrail::verify`] finds any entry edited, removed or moved,
//! even by someone who edits the database file and bypasses the triggers.

pub(crate) mod clock;
mod entry;
mod export;
mod verify;

use std::path::Path;
use std::sync::Arc;

pub use entry::{
    AuditAction, AuditEntry, AuditOutcome, DocumentDigest, GENESIS_HASH, NewAuditEntry,
};
pub use export::AuditExportFormat;
pub use verify::{AuditProblem, AuditVerification};

use crate::error::Result;
use crate::store::{Store, audit as rows};
use crate::workflows::RequestId;

/// The station's audit trail. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AuditTrail {
    store: Arc<Store>,
}

impl AuditTrail {
    /// The trail kept in `store`.
    pub fn new(store: Arc<Store>) -> Self {
        Self { store }
    }

    /// Appends one entry on its own. Workflows append inside the transaction of the
    /// step they record instead.
    pub fn append(&self, entry: NewAuditEntry) -> Result<AuditEntry> {
        let mut connection = self.store.lock();
        let transaction = connection.transaction()?;
        let stored = rows::append(&transaction, entry)?;
        transaction.commit()?;
        Ok(stored)
    }

    /// Every entry, oldest first.
    pub fn entries(&self) -> Result<Vec<AuditEntry>> {
        rows::all(&self.store.lock())
    }

    /// The entries about one request, oldest first.
    pub fn entries_for(&self, request: &RequestId) -> Result<Vec<AuditEntry>> {
        rows::for_request(&self.store.lock(), request)
    }

    /// Checks the whole chain: numbering, links, hashes and the recorded head.
    pub fn verify(&self) -> Result<AuditVerification> {
        let connection = self.store.lock();
        let rows = rows::rows(&connection)?;
        let head = rows::head(&connection)?;
        Ok(verify::check(rows, head))
    }

    /// The whole trail as JSON or CSV.
    pub fn export(&self, format: AuditExportFormat) -> Result<Vec<u8>> {
        export::render(&self.entries()?, format)
    }

    /// Writes the export to `path` atomically (a half-written export never shows
    /// under the chosen name).
    pub fn export_to_file(&self, format: AuditExportFormat, path: &Path) -> Result<()> {
        let bytes = self.export(format)?;
        crate::backup::write_file_atomically(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trail() -> AuditTrail {
        AuditTrail::new(Arc::new(Store::open_in_memory().unwrap()))
    }

    fn record(trail: &AuditTrail, action: AuditAction, details: &str) -> AuditEntry {
        trail
            .append(
                NewAuditEntry::succeeded("1125824", action, &RequestId::from_raw("r1"), Some(7))
                    .with_details(details),
            )
            .unwrap()
    }

    #[test]
    fn entries_chain_and_verify() {
        let trail = trail();
        assert!(trail.verify().unwrap().valid);
        let first = record(&trail, AuditAction::Create, "one");
        let second = record(&trail, AuditAction::Sign, "two");
        assert_eq!(first.seq, 1);
        assert_eq!(first.prev_hash, GENESIS_HASH);
        assert_eq!(second.prev_hash, first.hash);
        assert_eq!(second.hash, second.computed_hash());
        let report = trail.verify().unwrap();
        assert!(report.valid, "{report:?}");
        assert_eq!(report.entries, 2);
        assert_eq!(trail.entries().unwrap(), vec![first, second]);
    }

    #[test]
    fn the_table_refuses_updates_and_deletes() {
        let trail = trail();
        record(&trail, AuditAction::Create, "one");
        let connection = trail.store.lock();
        let update = connection.execute("UPDATE audit_entry SET officer = 'x'", []);
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = connection.execute("DELETE FROM audit_entry", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
    }
}
