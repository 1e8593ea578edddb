//! Metadata added to signatures.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::call::{self, Call, Once};
use crate::client::Client;
use crate::de;
use crate::error::Error;

/// Metadata operations. Get it from [`Client::metadata`].
#[derive(Debug, Clone, Copy)]
pub struct Metadata<'a> {
    client: &'a Client,
}

impl Client {
    /// Upload, list, fetch and delete signature metadata.
    pub fn metadata(&self) -> Metadata<'_> {
        Metadata { client: self }
    }
}

/// A metadata entry: an OID and its base64 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureMetadata {
    /// The OID it is stored under, e.g. `1.3.6.1.4.1.47289.100.2.9`.
    #[serde(default, deserialize_with = "de::text")]
    pub oid: String,
    /// The value, base64.
    #[serde(default, deserialize_with = "de::text")]
    pub metadata: String,
}

/// A stored metadata entry with its uid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMetadata {
    /// The uid to name in [`SignOptions::metadata`](crate::SignOptions::metadata).
    pub uid: String,
    /// The entry.
    pub entry: SignatureMetadata,
}

#[derive(Serialize)]
struct Upload<'a> {
    metadata: &'a str,
    metadata_oid: &'a str,
}

#[derive(Deserialize)]
struct Uploaded {
    #[serde(deserialize_with = "de::text")]
    metadata: String,
}

impl Metadata<'_> {
    /// `POST /metadata`: stores `entry`; answers its uid.
    pub fn upload(&self, entry: &SignatureMetadata) -> Call<String, Once> {
        let problem = (entry.oid.trim().is_empty() || entry.metadata.trim().is_empty())
            .then(|| Error::InvalidInput("upload_metadata: the OID and value are needed".into()));
        Call::new(
            self.client,
            "upload_metadata",
            Method::POST,
            vec!["metadata".into()],
            call::json(
                "upload_metadata",
                |uploaded: Uploaded| Ok(uploaded.metadata),
            ),
        )
        .once()
        .json_body(&Upload {
            metadata: &entry.metadata,
            metadata_oid: &entry.oid,
        })
        .rejecting(problem)
    }

    /// `GET /metadata`: every entry, ordered by uid; empty when the Optimizer
    /// answers its "Metadata not found on disk" 404.
    pub fn list(&self) -> Call<Vec<StoredMetadata>> {
        Call::new(
            self.client,
            "list_metadata",
            Method::GET,
            vec!["metadata".into()],
            call::json(
                "list_metadata",
                |entries: BTreeMap<String, SignatureMetadata>| {
                    Ok(entries
                        .into_iter()
                        .map(|(uid, entry)| StoredMetadata { uid, entry })
                        .collect())
                },
            ),
        )
        .empty_when_not_found()
    }

    /// `GET /metadata/{uid}`: one entry.
    pub fn get(&self, uid: &str) -> Call<SignatureMetadata> {
        Call::new(
            self.client,
            "get_metadata",
            Method::GET,
            vec!["metadata".into(), uid.to_owned()],
            call::json("get_metadata", Ok),
        )
    }

    /// `DELETE /metadata/{uid}`: answers the confirmation.
    pub fn delete(&self, uid: &str) -> Call<String> {
        Call::new(
            self.client,
            "delete_metadata",
            Method::DELETE,
            vec!["metadata".into(), uid.to_owned()],
            call::json("delete_metadata", |message: String| Ok(message)),
        )
    }

    /// `DELETE /metadata`: deletes every entry.
    pub fn delete_all(&self) -> Call<String> {
        Call::new(
            self.client,
            "delete_all_metadata",
            Method::DELETE,
            vec!["metadata".into()],
            call::json("delete_all_metadata", |message: String| Ok(message)),
        )
    }
}
