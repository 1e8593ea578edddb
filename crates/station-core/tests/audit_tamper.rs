//! Tamper tests: the audit trail's verification finds entries edited, removed or
//! reordered by someone who opens the database file directly and drops the
//! triggers that keep the table append-only; exports carry what verification needs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use rusqlite::Connection;
use station_core::{
    AuditAction, AuditEntry, AuditExportFormat, AuditProblem, AuditTrail, NewAuditEntry, RequestId,
    Store,
};

/// A file database with a trail of `length` entries.
fn trail(dir: &Path, length: usize) -> (AuditTrail, std::path::PathBuf) {
    let path = dir.join("station.sqlite3");
    let trail = AuditTrail::new(Arc::new(Store::open(&path).unwrap()));
    let actions = [
        AuditAction::Create,
        AuditAction::Upload,
        AuditAction::ContractShown,
        AuditAction::OtpSent,
        AuditAction::Sign,
        AuditAction::Backup,
        AuditAction::Delete,
    ];
    for index in 0..length {
        trail
            .append(
                NewAuditEntry::succeeded(
                    "1125824",
                    actions[index % actions.len()],
                    &RequestId::from_raw("4c1f0e"),
                    Some(1000 + index as u64),
                )
                .with_details(format!("entry {index}")),
            )
            .unwrap();
    }
    (trail, path)
}

/// The database as an intruder opens it: a raw connection, triggers dropped.
fn intruder(path: &Path) -> Connection {
    let connection = Connection::open(path).unwrap();
    connection
        .execute_batch("DROP TRIGGER IF EXISTS audit_entry_no_update; DROP TRIGGER IF EXISTS audit_entry_no_delete;")
        .unwrap();
    connection
}

#[test]
fn an_untouched_trail_verifies_after_reopening() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 6);
    drop(trail);
    let reopened = AuditTrail::new(Arc::new(Store::open(&path).unwrap()));
    let report = reopened.verify().unwrap();
    assert!(report.valid, "{report:?}");
    assert_eq!(report.entries, 6);
}

#[test]
fn the_triggers_refuse_edits_through_sql() {
    let temp = tempfile::tempdir().unwrap();
    let (_trail, path) = trail(temp.path(), 2);
    let connection = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE audit_entry SET details = 'nothing happened' WHERE seq = 1",
        "DELETE FROM audit_entry WHERE seq = 2",
    ] {
        let error = connection.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{error}");
    }
}

#[test]
fn an_edited_field_is_found() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 5);
    for (column, value) in [
        ("details", "'nothing happened'"),
        ("officer", "'someone else'"),
        ("outcome", "'failed'"),
        ("at", "'2020-01-01T00:00:00.000000+00:00'"),
        (
            "digests_after",
            "'[{\"name\":\"x.pdf\",\"sha256\":\"00\"}]'",
        ),
        ("action", "'launch'"),
    ] {
        let connection = intruder(&path);
        let original: String = connection
            .query_row(
                &format!("SELECT {column} FROM audit_entry WHERE seq = 3"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        connection
            .execute(
                &format!("UPDATE audit_entry SET {column} = {value} WHERE seq = 3"),
                [],
            )
            .unwrap();
        let report = trail.verify().unwrap();
        assert!(!report.valid, "{column}");
        assert_eq!(
            report.problems,
            vec![AuditProblem::Edited { seq: 3 }],
            "{column}"
        );
        connection
            .execute(
                &format!("UPDATE audit_entry SET {column} = ?1 WHERE seq = 3"),
                [original],
            )
            .unwrap();
        assert!(
            trail.verify().unwrap().valid,
            "restoring {column} restores the chain"
        );
    }
}

#[test]
fn an_edit_with_a_recomputed_hash_breaks_the_next_link() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 4);
    let mut forged: AuditEntry = trail.entries().unwrap().remove(1);
    forged.details = Some("a quieter story".into());
    forged.hash = forged.computed_hash();
    intruder(&path)
        .execute(
            "UPDATE audit_entry SET details = ?1, hash = ?2 WHERE seq = 2",
            [forged.details.clone().unwrap(), forged.hash.clone()],
        )
        .unwrap();
    let problems = trail.verify().unwrap().problems;
    assert_eq!(
        problems,
        vec![AuditProblem::Removed { seq: 3 }],
        "the link of entry 3 now points nowhere"
    );
}

#[test]
fn a_removed_entry_is_found() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 5);
    intruder(&path)
        .execute("DELETE FROM audit_entry WHERE seq = 2", [])
        .unwrap();
    assert_eq!(
        trail.verify().unwrap().problems,
        vec![AuditProblem::Removed { seq: 3 }]
    );
}

#[test]
fn a_removed_entry_with_renumbering_is_found() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 4);
    let connection = intruder(&path);
    connection
        .execute("DELETE FROM audit_entry WHERE seq = 2", [])
        .unwrap();
    connection
        .execute_batch("UPDATE audit_entry SET seq = seq - 1 WHERE seq > 2;")
        .unwrap();
    let problems = trail.verify().unwrap().problems;
    assert!(
        problems.contains(&AuditProblem::Edited { seq: 2 }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&AuditProblem::Removed { seq: 2 }),
        "{problems:?}"
    );
}

#[test]
fn removing_the_newest_entries_is_found() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 5);
    intruder(&path)
        .execute("DELETE FROM audit_entry WHERE seq >= 4", [])
        .unwrap();
    assert_eq!(
        trail.verify().unwrap().problems,
        vec![AuditProblem::Truncated {
            recorded_head: 5,
            present_head: 3
        }]
    );
}

#[test]
fn swapped_entries_are_found() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, path) = trail(temp.path(), 5);
    // Swap entries 2 and 3 by their numbers (the trail is read in number order).
    intruder(&path)
        .execute_batch(
            "UPDATE audit_entry SET seq = 100 WHERE seq = 2;
             UPDATE audit_entry SET seq = 2 WHERE seq = 3;
             UPDATE audit_entry SET seq = 3 WHERE seq = 100;",
        )
        .unwrap();
    let problems = trail.verify().unwrap().problems;
    assert!(
        problems.contains(&AuditProblem::Reordered { seq: 2 }),
        "{problems:?}"
    );
    assert!(
        problems.contains(&AuditProblem::Reordered { seq: 3 }),
        "{problems:?}"
    );
}

#[test]
fn exports_hold_every_entry_with_its_hashes() {
    let temp = tempfile::tempdir().unwrap();
    let (trail, _) = trail(temp.path(), 3);
    let entries = trail.entries().unwrap();

    let json: Vec<AuditEntry> =
        serde_json::from_slice(&trail.export(AuditExportFormat::Json).unwrap()).unwrap();
    assert_eq!(json, entries);
    assert!(json.iter().all(|e| e.computed_hash() == e.hash));

    let path = temp.path().join("exports").join("audit.csv");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    trail.export_to_file(AuditExportFormat::Csv, &path).unwrap();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    for (row, entry) in rows.iter().zip(&entries) {
        assert_eq!(&row[0], entry.seq.to_string());
        assert_eq!(&row[3], entry.action.as_str());
        assert_eq!(&row[10], entry.prev_hash);
        assert_eq!(&row[11], entry.hash);
    }
}
