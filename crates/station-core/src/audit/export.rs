//! The trail as JSON (for machines and archives) or CSV (for spreadsheets).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entry::{AuditEntry, DocumentDigest};
use crate::error::{Error, Result};
use crate::workflows::RequestId;

/// How to export the trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditExportFormat {
    /// A JSON array of entries, hashes included, so the chain can be re-checked.
    Json,
    /// One row per entry with a header; digests as `name=sha256` joined by `; `.
    Csv,
}

const CSV_HEADER: [&str; 12] = [
    "seq",
    "at",
    "officer",
    "action",
    "request",
    "optimizer_pk",
    "digests_before",
    "digests_after",
    "outcome",
    "details",
    "prev_hash",
    "hash",
];

pub(super) fn render(entries: &[AuditEntry], format: AuditExportFormat) -> Result<Vec<u8>> {
    match format {
        AuditExportFormat::Json => serde_json::to_vec_pretty(entries)
            .map_err(|error| Error::AuditExport(error.to_string())),
        AuditExportFormat::Csv => csv(entries),
    }
}

fn csv(entries: &[AuditEntry]) -> Result<Vec<u8>> {
    let failed = |error: csv::Error| Error::AuditExport(error.to_string());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER).map_err(failed)?;
    for entry in entries {
        writer
            .write_record([
                entry.seq.to_string(),
                entry.at.clone(),
                neutralized(&entry.officer),
                entry.action.as_str().to_owned(),
                entry
                    .request
                    .as_ref()
                    .map(RequestId::to_string)
                    .unwrap_or_default(),
                entry
                    .optimizer_pk
                    .map(|pk| pk.to_string())
                    .unwrap_or_default(),
                neutralized(&digests(&entry.digests_before)),
                neutralized(&digests(&entry.digests_after)),
                entry.outcome.as_str().to_owned(),
                neutralized(entry.details.as_deref().unwrap_or_default()),
                entry.prev_hash.clone(),
                entry.hash.clone(),
            ])
            .map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| Error::AuditExport(error.to_string()))
}

fn digests(digests: &[DocumentDigest]) -> String {
    digests
        .iter()
        .map(|d| format!("{}={}", d.name, d.sha256))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula; a
/// refusal reason or file name typed by someone else must stay text.
fn neutralized(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditAction, AuditOutcome, GENESIS_HASH};

    fn entry(details: &str) -> AuditEntry {
        let mut entry = AuditEntry {
            seq: 1,
            at: "2026-02-03T08:08:21.132394+00:00".into(),
            officer: "1125824".into(),
            action: AuditAction::Refuse,
            request: Some(RequestId::from_raw("r1")),
            optimizer_pk: Some(1001),
            digests_before: vec![DocumentDigest {
                name: "a, \"b\".pdf".into(),
                sha256: "ab".into(),
            }],
            digests_after: Vec::new(),
            outcome: AuditOutcome::Succeeded,
            details: Some(details.into()),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        };
        entry.hash = entry.computed_hash();
        entry
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines_and_reads_back() {
        let entries = [entry("blurry photo,\n\"second\" line")];
        let bytes = render(&entries, AuditExportFormat::Csv).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(reader.headers().unwrap(), CSV_HEADER.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][3], "refuse");
        assert_eq!(&rows[0][6], "a, \"b\".pdf=ab");
        assert_eq!(&rows[0][9], "blurry photo,\n\"second\" line");
        assert_eq!(&rows[0][11], entries[0].hash);
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        let bytes = render(&[entry("=HYPERLINK(\"x\")")], AuditExportFormat::Csv).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[9], "'=HYPERLINK(\"x\")");
    }

    #[test]
    fn json_keeps_hashes_so_the_chain_can_be_rechecked() {
        let entries = vec![entry("ok")];
        let bytes = render(&entries, AuditExportFormat::Json).unwrap();
        let back: Vec<AuditEntry> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back, entries);
        assert_eq!(back[0].computed_hash(), back[0].hash);
    }
}
