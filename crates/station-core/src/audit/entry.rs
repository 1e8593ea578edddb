//! One entry of the audit trail and the hash that chains it to the one before.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::workflows::RequestId;

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Tells this encoding apart from any later one, so a future format can never
/// produce the same bytes for different entries.
const ENCODING_TAG: &[u8] = b"oneshot-station/audit-entry/v1";

/// What the officer (or the station on their behalf) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A signature or Video ID request was created on the Optimizer.
    Create,
    /// Documents (or Video ID evidences) were uploaded.
    Upload,
    /// The service contract was shown to the signer.
    ContractShown,
    /// A one-time code was sent to the signer.
    OtpSent,
    /// The request was signed (or its signature attempted).
    Sign,
    /// The officer approved a Video ID identification.
    Approve,
    /// The officer refused a Video ID identification, with a reason.
    Refuse,
    /// The request was cancelled.
    Cancel,
    /// The signer's data was corrected.
    Update,
    /// Documents were deleted from the Optimizer.
    Delete,
    /// Signed documents were saved and verified in the local backup.
    Backup,
}

impl AuditAction {
    /// The word stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Upload => "upload",
            Self::ContractShown => "contract_shown",
            Self::OtpSent => "otp_sent",
            Self::Sign => "sign",
            Self::Approve => "approve",
            Self::Refuse => "refuse",
            Self::Cancel => "cancel",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Backup => "backup",
        }
    }

    /// Reads a stored word.
    pub fn parse(word: &str) -> Option<Self> {
        [
            Self::Create,
            Self::Upload,
            Self::ContractShown,
            Self::OtpSent,
            Self::Sign,
            Self::Approve,
            Self::Refuse,
            Self::Cancel,
            Self::Update,
            Self::Delete,
            Self::Backup,
        ]
        .into_iter()
        .find(|action| action.as_str() == word)
    }
}

/// How the action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// It was carried out.
    Succeeded,
    /// It was attempted and did not happen; `details` say why.
    Failed,
}

impl AuditOutcome {
    /// The word stored and exported.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    /// Reads a stored word.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "succeeded" => Some(Self::Succeeded),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// A document's SHA-256 at the time of the action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDigest {
    /// The document's file name.
    pub name: String,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// What a caller records; the trail adds the number, time and hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    /// The RAO id of the officer.
    pub officer: String,
    /// What was done.
    pub action: AuditAction,
    /// The station's request, when the action concerns one.
    pub request: Option<RequestId>,
    /// The Optimizer's pk of the request, when known.
    pub optimizer_pk: Option<u64>,
    /// Digests of the documents before the action.
    pub digests_before: Vec<DocumentDigest>,
    /// Digests of the documents after the action.
    pub digests_after: Vec<DocumentDigest>,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// Reasons, notes, error codes. Never a secret.
    pub details: Option<String>,
}

impl NewAuditEntry {
    /// An action on `request` that succeeded, with no digests yet.
    pub fn succeeded(
        officer: &str,
        action: AuditAction,
        request: &RequestId,
        optimizer_pk: Option<u64>,
    ) -> Self {
        Self {
            officer: officer.to_owned(),
            action,
            request: Some(request.clone()),
            optimizer_pk,
            digests_before: Vec::new(),
            digests_after: Vec::new(),
            outcome: AuditOutcome::Succeeded,
            details: None,
        }
    }

    /// The same entry, marked failed.
    #[must_use]
    pub fn failed(mut self) -> Self {
        self.outcome = AuditOutcome::Failed;
        self
    }

    /// The same entry with `details`.
    #[must_use]
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }

    /// The same entry with digests before and after.
    #[must_use]
    pub fn with_digests(mut self, before: Vec<DocumentDigest>, after: Vec<DocumentDigest>) -> Self {
        self.digests_before = before;
        self.digests_after = after;
        self
    }
}

/// One entry of the audit trail as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Position in the trail, from 1, without gaps.
    #[ts(type = "number")]
    pub seq: u64,
    /// When, UTC with its offset (RFC 3339, microseconds).
    pub at: String,
    /// The RAO id of the officer.
    pub officer: String,
    /// What was done.
    pub action: AuditAction,
    /// The station's request, when the action concerns one.
    pub request: Option<RequestId>,
    /// The Optimizer's pk of the request, when known.
    #[ts(type = "number | null")]
    pub optimizer_pk: Option<u64>,
    /// Digests of the documents before the action.
    pub digests_before: Vec<DocumentDigest>,
    /// Digests of the documents after the action.
    pub digests_after: Vec<DocumentDigest>,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// Reasons, notes, error codes.
    pub details: Option<String>,
    /// The hash of the entry before (zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this entry's canonical encoding, lowercase hex.
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry must carry given its content: SHA-256 over a
    /// length-prefixed encoding of every field but `hash`, so no two different
    /// entries encode alike and the hash covers the link to the entry before.
    pub fn computed_hash(&self) -> String {
        let mut encoder = Encoder::default();
        encoder.bytes(ENCODING_TAG);
        encoder.text(&self.seq.to_string());
        encoder.text(&self.at);
        encoder.text(&self.officer);
        encoder.text(self.action.as_str());
        encoder.optional(self.request.as_ref().map(RequestId::as_str));
        encoder.optional(self.optimizer_pk.map(|pk| pk.to_string()).as_deref());
        for digests in [&self.digests_before, &self.digests_after] {
            encoder.text(&digests.len().to_string());
            for digest in digests {
                encoder.text(&digest.name);
                encoder.text(&digest.sha256);
            }
        }
        encoder.text(self.outcome.as_str());
        encoder.optional(self.details.as_deref());
        encoder.text(&self.prev_hash);
        hex::encode(ring::digest::digest(&ring::digest::SHA256, &encoder.0))
    }
}

#[derive(Default)]
struct Encoder(Vec<u8>);

impl Encoder {
    fn bytes(&mut self, value: &[u8]) {
        self.0
            .extend_from_slice(&(value.len() as u64).to_be_bytes());
        self.0.extend_from_slice(value);
    }

    fn text(&mut self, value: &str) {
        self.0.push(b'T');
        self.bytes(value.as_bytes());
    }

    fn optional(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.text(value),
            None => self.0.push(b'N'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: "2026-02-03T08:08:21.132394+00:00".into(),
            officer: "1125824".into(),
            action: AuditAction::Sign,
            request: Some(RequestId::from_raw("r1")),
            optimizer_pk: Some(1001),
            digests_before: vec![DocumentDigest {
                name: "a.pdf".into(),
                sha256: "ab".into(),
            }],
            digests_after: Vec::new(),
            outcome: AuditOutcome::Succeeded,
            details: None,
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = entry().computed_hash();
        assert_eq!(base.len(), 64);
        let mut changed = Vec::new();
        let mut e = entry();
        e.seq = 2;
        changed.push(e);
        let mut e = entry();
        e.at.push('0');
        changed.push(e);
        let mut e = entry();
        e.officer = "other".into();
        changed.push(e);
        let mut e = entry();
        e.action = AuditAction::Approve;
        changed.push(e);
        let mut e = entry();
        e.request = None;
        changed.push(e);
        let mut e = entry();
        e.optimizer_pk = Some(1002);
        changed.push(e);
        let mut e = entry();
        e.digests_after = e.digests_before.clone();
        changed.push(e);
        let mut e = entry();
        e.outcome = AuditOutcome::Failed;
        changed.push(e);
        let mut e = entry();
        e.details = Some(String::new());
        changed.push(e);
        let mut e = entry();
        e.prev_hash = "1".repeat(64);
        changed.push(e);
        for e in changed {
            assert_ne!(e.computed_hash(), base, "{e:?}");
        }
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let mut one = entry();
        one.officer = "ab".into();
        one.details = Some("c".into());
        let mut two = entry();
        two.officer = "a".into();
        two.details = Some("bc".into());
        assert_ne!(one.computed_hash(), two.computed_hash());
    }

    #[test]
    fn words_round_trip() {
        for action in [
            AuditAction::Create,
            AuditAction::ContractShown,
            AuditAction::Backup,
        ] {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("launch"), None);
        assert_eq!(AuditOutcome::parse("failed"), Some(AuditOutcome::Failed));
    }
}
