//! Metadata the Optimizer adds to signatures: an OID and a base64 value each.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use oneshot_api::{SignatureMetadata, StoredMetadata};

use super::AdminService;
use super::models::{MetadataEntry, NewMetadata};
use crate::error::{Error, Result};

impl AdminService {
    /// Every metadata entry, ordered by uid.
    pub async fn metadata(&self) -> Result<Vec<MetadataEntry>> {
        let client = self.signed_in().await?.client;
        Ok(client
            .metadata()
            .list()
            .await?
            .into_iter()
            .map(entry)
            .collect())
    }

    /// One metadata entry.
    pub async fn metadata_entry(&self, uid: &str) -> Result<MetadataEntry> {
        let client = self.signed_in().await?.client;
        let stored = client.metadata().get(uid).await?;
        Ok(entry(StoredMetadata {
            uid: uid.to_owned(),
            entry: stored,
        }))
    }

    /// Stores `text` under `oid`, after checking the OID; answers the new entry.
    pub async fn add_metadata(&self, request: NewMetadata) -> Result<MetadataEntry> {
        let oid = request.oid.trim().to_owned();
        if oid.is_empty() {
            return Err(Error::MissingInput("oid"));
        }
        if !is_dotted_oid(&oid) {
            return Err(Error::InvalidOid(oid));
        }
        if request.text.is_empty() {
            return Err(Error::MissingInput("metadata"));
        }
        let stored = SignatureMetadata {
            oid,
            metadata: STANDARD.encode(request.text.as_bytes()),
        };
        let client = self.signed_in().await?.client;
        let uid = client.metadata().upload(&stored).await?;
        Ok(entry(StoredMetadata { uid, entry: stored }))
    }

    /// Deletes one entry and answers those left.
    pub async fn delete_metadata(&self, uid: &str) -> Result<Vec<MetadataEntry>> {
        let client = self.signed_in().await?.client;
        client.metadata().delete(uid).await?;
        self.metadata().await
    }

    /// Deletes every entry.
    pub async fn delete_all_metadata(&self) -> Result<()> {
        let client = self.signed_in().await?.client;
        client.metadata().delete_all().await?;
        Ok(())
    }
}

fn entry(stored: StoredMetadata) -> MetadataEntry {
    let text = STANDARD
        .decode(stored.entry.metadata.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|text| !text.chars().any(|c| c.is_control() && !c.is_whitespace()));
    MetadataEntry {
        uid: stored.uid,
        oid: stored.entry.oid,
        base64: stored.entry.metadata,
        text,
    }
}

/// An OID in dotted form (X.660): at least two arcs of digits, the first 0, 1 or 2,
/// the second below 40 under 0 and 1, no leading zeros.
fn is_dotted_oid(oid: &str) -> bool {
    let arcs: Vec<&str> = oid.split('.').collect();
    let numeric = arcs.iter().all(|arc| {
        !arc.is_empty()
            && arc.bytes().all(|b| b.is_ascii_digit())
            && (arc.len() == 1 || !arc.starts_with('0'))
    });
    if arcs.len() < 2 || !numeric {
        return false;
    }
    match (arcs[0], arcs[1].parse::<u64>()) {
        ("0" | "1", Ok(second)) => second < 40,
        ("2", Ok(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_oids() {
        for good in ["1.3.6.1.4.1.47289.100.2.9", "2.5.4.3", "0.9", "2.999.1"] {
            assert!(is_dotted_oid(good), "{good}");
        }
        for bad in [
            "", "1", "3.1", "1.40", "1..2", "1.3.06", "1.3.a", " 1.3", "1.3.",
        ] {
            assert!(!is_dotted_oid(bad), "{bad}");
        }
    }

    #[test]
    fn values_show_as_text_when_they_are_text() {
        let shown = entry(StoredMetadata {
            uid: "u1".into(),
            entry: SignatureMetadata {
                oid: "2.5.4.3".into(),
                metadata: STANDARD.encode("Branch 12 — Sevilla"),
            },
        });
        assert_eq!(shown.text.as_deref(), Some("Branch 12 — Sevilla"));
        let binary = entry(StoredMetadata {
            uid: "u2".into(),
            entry: SignatureMetadata {
                oid: "2.5.4.3".into(),
                metadata: STANDARD.encode([0u8, 159, 146, 150]),
            },
        });
        assert_eq!(binary.text, None);
    }
}
