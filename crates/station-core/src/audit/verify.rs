//! Checking the chain: what was edited, removed or moved.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::entry::{AuditEntry, GENESIS_HASH};
use crate::error::Result;

/// The result of [`AuditTrail::verify`](super::AuditTrail::verify).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    /// True when no problem was found.
    pub valid: bool,
    /// Entries read.
    #[ts(type = "number")]
    pub entries: u64,
    /// Every problem found, in trail order.
    pub problems: Vec<AuditProblem>,
}

/// One way the trail differs from what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AuditProblem {
    /// The entry's content no longer matches its hash (or cannot be read).
    #[serde(rename_all = "camelCase")]
    Edited {
        /// The entry.
        #[ts(type = "number")]
        seq: i64,
    },
    /// Entries are missing before this one (its number skips, or it links to an
    /// entry that is gone).
    #[serde(rename_all = "camelCase")]
    Removed {
        /// The first entry after the gap.
        #[ts(type = "number")]
        seq: i64,
    },
    /// The entry links to an entry that is present but elsewhere in the trail.
    #[serde(rename_all = "camelCase")]
    Reordered {
        /// The entry.
        #[ts(type = "number")]
        seq: i64,
    },
    /// The newest entries are gone: the trail ends before the recorded head.
    #[serde(rename_all = "camelCase")]
    Truncated {
        /// The newest entry recorded.
        #[ts(type = "number")]
        recorded_head: i64,
        /// The newest entry present.
        #[ts(type = "number")]
        present_head: i64,
    },
}

/// Checks `rows` (ordered by number, each decoded or not) against each other and
/// against the recorded `head`.
pub(super) fn check(
    rows: Vec<(i64, Result<AuditEntry>)>,
    head: Option<(u64, String)>,
) -> AuditVerification {
    let mut problems = Vec::new();
    // Hashes as stored, to tell a moved entry (its link points elsewhere in the
    // trail) from a removed one (its link points nowhere).
    let stored_hashes: HashMap<String, i64> = rows
        .iter()
        .filter_map(|(seq, entry)| entry.as_ref().ok().map(|e| (e.hash.clone(), *seq)))
        .collect();
    let mut previous: Option<(i64, String)> = None;
    for (seq, entry) in &rows {
        let seq = *seq;
        let expected_seq = previous.as_ref().map_or(1, |(p, _)| p + 1);
        let Ok(entry) = entry else {
            problems.push(AuditProblem::Edited { seq });
            previous = Some((seq, String::new()));
            continue;
        };
        let expected_prev = previous
            .as_ref()
            .map_or(GENESIS_HASH.to_owned(), |(_, hash)| hash.clone());
        if entry.computed_hash() != entry.hash {
            problems.push(AuditProblem::Edited { seq });
        }
        if seq != expected_seq {
            problems.push(if seq > expected_seq {
                AuditProblem::Removed { seq }
            } else {
                AuditProblem::Reordered { seq }
            });
        } else if entry.prev_hash != expected_prev && !expected_prev.is_empty() {
            problems.push(match stored_hashes.get(&entry.prev_hash) {
                Some(_) => AuditProblem::Reordered { seq },
                None if entry.prev_hash == GENESIS_HASH => AuditProblem::Reordered { seq },
                None => AuditProblem::Removed { seq },
            });
        }
        previous = Some((seq, entry.hash.clone()));
    }
    let present_head = previous.as_ref().map_or(0, |(seq, _)| *seq);
    if let Some((recorded, hash)) = head {
        let recorded = recorded as i64;
        let head_matches = previous
            .as_ref()
            .is_some_and(|(seq, present)| *seq == recorded && *present == hash);
        if recorded > present_head {
            problems.push(AuditProblem::Truncated {
                recorded_head: recorded,
                present_head,
            });
        } else if !head_matches
            && !problems
                .iter()
                .any(|p| matches!(p, AuditProblem::Edited { seq } if *seq == present_head))
        {
            // The newest entry is not the one recorded: it was replaced.
            problems.push(AuditProblem::Edited { seq: present_head });
        }
    } else if !rows.is_empty() {
        problems.push(AuditProblem::Truncated {
            recorded_head: 0,
            present_head,
        });
    }
    AuditVerification {
        valid: problems.is_empty(),
        entries: rows.len() as u64,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditAction, AuditOutcome};

    fn chain(length: usize) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for seq in 1..=length {
            let mut entry = AuditEntry {
                seq: seq as u64,
                at: format!("2026-02-03T08:08:{seq:02}.000000+00:00"),
                officer: "1125824".into(),
                action: AuditAction::Upload,
                request: None,
                optimizer_pk: None,
                digests_before: Vec::new(),
                digests_after: Vec::new(),
                outcome: AuditOutcome::Succeeded,
                details: None,
                prev_hash: entries
                    .last()
                    .map_or(GENESIS_HASH.to_owned(), |e| e.hash.clone()),
                hash: String::new(),
            };
            entry.hash = entry.computed_hash();
            entries.push(entry);
        }
        entries
    }

    fn run(entries: Vec<AuditEntry>, head: Option<(u64, String)>) -> AuditVerification {
        check(
            entries.into_iter().map(|e| (e.seq as i64, Ok(e))).collect(),
            head,
        )
    }

    fn head_of(entries: &[AuditEntry]) -> Option<(u64, String)> {
        entries.last().map(|e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn an_intact_chain_is_valid() {
        let entries = chain(4);
        let head = head_of(&entries);
        assert!(run(entries, head).valid);
        assert!(run(Vec::new(), None).valid);
    }

    #[test]
    fn edits_removals_moves_and_truncation_are_named() {
        let entries = chain(5);
        let head = head_of(&entries);

        let mut edited = entries.clone();
        edited[2].officer = "intruder".into();
        assert_eq!(
            run(edited, head.clone()).problems,
            vec![AuditProblem::Edited { seq: 3 }]
        );

        let mut removed = entries.clone();
        removed.remove(1);
        assert_eq!(
            run(removed, head.clone()).problems,
            vec![AuditProblem::Removed { seq: 3 }]
        );

        // Two entries swapped, numbers rewritten so the numbering has no gap.
        let mut swapped = entries.clone();
        swapped.swap(1, 2);
        swapped[1].seq = 2;
        swapped[2].seq = 3;
        let problems = run(swapped, head.clone()).problems;
        assert!(
            problems.contains(&AuditProblem::Reordered { seq: 2 }),
            "{problems:?}"
        );

        let mut truncated = entries.clone();
        truncated.pop();
        assert_eq!(
            run(truncated, head).problems,
            vec![AuditProblem::Truncated {
                recorded_head: 5,
                present_head: 4
            }]
        );
    }

    #[test]
    fn an_unreadable_row_is_an_edit() {
        let entries = chain(2);
        let head = head_of(&entries);
        let mut rows: Vec<(i64, Result<AuditEntry>)> =
            entries.into_iter().map(|e| (e.seq as i64, Ok(e))).collect();
        rows[0].1 = Err(crate::error::Error::CorruptStore("x".into()));
        let report = check(rows, head);
        assert_eq!(report.problems, vec![AuditProblem::Edited { seq: 1 }]);
    }
}
