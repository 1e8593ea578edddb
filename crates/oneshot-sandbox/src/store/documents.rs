//! A request's documents: `requests/<pk>/documents/<uuid>/{meta.json,original,signed}`,
//! and its service contract: `requests/<pk>/contract/{original.pdf,signed.pdf}`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::store::RequestBook;
use crate::store::files::{
    blocking, read_bytes, read_json, remove_dir, remove_file, write_atomic, write_json,
};

/// The uid under which the service contract is retrieved like a document.
pub const CONTRACT_UID: &str = "contract";

/// What an uploaded document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A PDF to sign with PAdES.
    Pdf,
    /// A hash file (the guide's JSON) to sign as a detached CMS.
    Hash,
}

/// The two files a document can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Original,
    Signed,
}

impl Variant {
    /// `original` or `signed`, as in the API path.
    pub fn parse(word: &str) -> Option<Self> {
        match word {
            "original" => Some(Self::Original),
            "signed" => Some(Self::Signed),
            _ => None,
        }
    }

    fn file(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Signed => "signed",
        }
    }
}

/// `meta.json`: what the API lists about a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    pub uid: String,
    /// The form field it came in (`file`, `file2`, `hashfile`, …).
    pub key: String,
    pub filename: String,
    pub kind: DocumentKind,
    /// SHA-256 of the uploaded bytes, hex.
    pub digest: String,
    pub size: u64,
    /// Upload time, `dd/mm/YYYY HH:MM:SS` (UTC).
    pub upload_date: String,
    /// Order of upload, for stable listing.
    pub sequence: u64,
    /// PDFs only.
    pub page_count: Option<usize>,
}

impl DocumentMeta {
    pub fn original_mime(&self) -> &'static str {
        match self.kind {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Hash => "application/json",
        }
    }

    pub fn signed_mime(&self) -> &'static str {
        match self.kind {
            DocumentKind::Pdf => "application/pdf",
            DocumentKind::Hash => "application/pkcs7-mime",
        }
    }

    pub fn ext(&self) -> &'static str {
        match self.kind {
            DocumentKind::Pdf => ".pdf",
            DocumentKind::Hash => ".json",
        }
    }
}

impl RequestBook {
    fn document_dir(&self, pk: u64, uid: &str) -> Option<PathBuf> {
        // Only our own UUIDs name a directory: no path tricks.
        uuid::Uuid::parse_str(uid)
            .ok()
            .filter(|parsed| parsed.hyphenated().to_string() == uid)
            .map(|_| self.dir_of(pk).join("documents").join(uid))
    }

    /// Stores a new document (original first, then the meta that makes it exist).
    pub async fn add_document(
        &self,
        pk: u64,
        meta: DocumentMeta,
        bytes: Vec<u8>,
    ) -> Result<(), Error> {
        let dir = self
            .document_dir(pk, &meta.uid)
            .ok_or_else(|| Error::Task(format!("invalid document uid {}", meta.uid)))?;
        blocking(move || {
            write_atomic(&dir.join("original"), &bytes)?;
            write_json(&dir.join("meta.json"), &meta)
        })
        .await
    }

    /// Every document of the request, in upload order.
    pub async fn documents(&self, pk: u64) -> Result<Vec<DocumentMeta>, Error> {
        let dir = self.dir_of(pk).join("documents");
        blocking(move || {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(e.into()),
            };
            let mut all = Vec::new();
            for entry in entries {
                let path = entry?.path().join("meta.json");
                if let Some(meta) = read_json::<DocumentMeta>(&path)? {
                    all.push(meta);
                }
            }
            all.sort_by_key(|m| m.sequence);
            Ok(all)
        })
        .await
    }

    pub async fn document(&self, pk: u64, uid: &str) -> Result<Option<DocumentMeta>, Error> {
        let Some(dir) = self.document_dir(pk, uid) else {
            return Ok(None);
        };
        blocking(move || read_json(&dir.join("meta.json"))).await
    }

    /// One file of a document; `None` when that file does not exist.
    pub async fn document_bytes(
        &self,
        pk: u64,
        uid: &str,
        variant: Variant,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(dir) = self.document_dir(pk, uid) else {
            return Ok(None);
        };
        blocking(move || {
            if !dir.join("meta.json").exists() {
                return Ok(None);
            }
            read_bytes(&dir.join(variant.file()))
        })
        .await
    }

    pub async fn write_signed_document(
        &self,
        pk: u64,
        uid: &str,
        bytes: Vec<u8>,
    ) -> Result<(), Error> {
        let dir = self
            .document_dir(pk, uid)
            .ok_or_else(|| Error::Task(format!("invalid document uid {uid}")))?;
        blocking(move || write_atomic(&dir.join("signed"), &bytes)).await
    }

    /// Deletes one file of a document; the document goes once neither file is left.
    pub async fn delete_document_file(
        &self,
        pk: u64,
        uid: &str,
        variant: Variant,
    ) -> Result<bool, Error> {
        let Some(dir) = self.document_dir(pk, uid) else {
            return Ok(false);
        };
        blocking(move || {
            if !dir.join("meta.json").exists() {
                return Ok(false);
            }
            let existed = remove_file(&dir.join(variant.file()))?;
            if !dir.join("original").exists() && !dir.join("signed").exists() {
                remove_file(&dir.join("meta.json"))?;
                remove_dir(&dir)?;
            }
            Ok(existed)
        })
        .await
    }

    /// Deletes every document and the service contract.
    pub async fn delete_documents(&self, pk: u64) -> Result<(), Error> {
        let request_dir = self.dir_of(pk);
        blocking(move || {
            remove_dir(&request_dir.join("documents"))?;
            remove_dir(&request_dir.join("contract")).map(|_| ())
        })
        .await
    }

    pub async fn contract(&self, pk: u64, variant: Variant) -> Result<Option<Vec<u8>>, Error> {
        self.read_file(pk, &contract_file(variant)).await
    }

    pub async fn write_contract(
        &self,
        pk: u64,
        variant: Variant,
        bytes: Vec<u8>,
    ) -> Result<(), Error> {
        self.write_file(pk, &contract_file(variant), bytes).await
    }

    pub async fn delete_contract_file(&self, pk: u64, variant: Variant) -> Result<bool, Error> {
        let path = self.dir_of(pk).join(contract_file(variant));
        blocking(move || remove_file(&path)).await
    }
}

fn contract_file(variant: Variant) -> String {
    match variant {
        Variant::Original => "contract/original.pdf".into(),
        Variant::Signed => "contract/signed.pdf".into(),
    }
}
