//! Documents of a signature request: upload, list, fetch, delete, contract.

use std::collections::BTreeMap;
use std::path::PathBuf;

use bytes::Bytes;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde::{Deserialize, Serialize};

use crate::call::{self, Call, Once};
use crate::client::Client;
use crate::de;
use crate::error::{Error, Result};
use crate::hashfile::HashFile;
use crate::transfer::{DownloadedFile, FileSource, Meter, ProgressFn};

/// Most files the Optimizer takes in one upload call.
pub const MAX_FILES_PER_UPLOAD: usize = 10;

/// Document operations. Get it from [`Client::documents`].
#[derive(Debug, Clone, Copy)]
pub struct Documents<'a> {
    client: &'a Client,
}

impl Client {
    /// Upload, list, fetch and delete the documents of a request, and fetch its
    /// service contract.
    pub fn documents(&self) -> Documents<'_> {
        Documents { client: self }
    }
}

/// One document to sign.
#[derive(Debug, Clone)]
pub enum DocumentUpload {
    /// A PDF, signed as PAdES.
    Pdf(FileSource),
    /// A hash file (W3), signed as a detached CMS; `name` is the file name sent.
    Hash {
        /// File name sent, e.g. `contract.pdf.json`.
        name: String,
        /// The hash file.
        hash_file: HashFile,
    },
}

impl DocumentUpload {
    /// A PDF on disk.
    pub fn pdf(path: impl Into<PathBuf>) -> Self {
        Self::Pdf(FileSource::path(path))
    }

    fn file_name(&self) -> String {
        match self {
            Self::Pdf(source) => source.file_name(),
            Self::Hash { name, .. } => name.clone(),
        }
    }

    fn field(&self, position: usize) -> String {
        let base = match self {
            Self::Pdf(_) => "file",
            Self::Hash { .. } => "hashfile",
        };
        if position == 0 {
            base.to_owned()
        } else {
            format!("{base}{}", position + 1)
        }
    }

    async fn size(&self) -> Result<u64> {
        match self {
            Self::Pdf(source) => source.size().await,
            Self::Hash { hash_file, .. } => Ok(hash_file.to_json().len() as u64),
        }
    }

    async fn part(&self, meter: Meter) -> Result<Part> {
        match self {
            Self::Pdf(source) => source.part("application/pdf", meter).await,
            Self::Hash { name, hash_file } => {
                let json = hash_file.to_json();
                meter.advance(json.len() as u64);
                Part::bytes(json)
                    .file_name(crate::transfer::multipart_file_name(name))
                    .mime_str("application/json")
                    .map_err(|error| Error::InvalidInput(error.to_string()))
            }
        }
    }
}

/// A document the Optimizer accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedDocument {
    /// The uid to sign, fetch and delete it by.
    pub uid: String,
    /// The file name sent.
    pub file_name: String,
    /// The form field it was sent in (`file`, `file2`, `hashfile`…).
    pub field: String,
    /// The digest the Optimizer computed, when it says (multi-file uploads).
    pub digest: Option<String>,
}

/// Original upload or signed result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// As uploaded.
    Original,
    /// As signed (PDF, or .p7m for a hash file).
    Signed,
}

impl DocumentKind {
    fn segment(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Signed => "signed",
        }
    }
}

/// A stored file as `GET /documents/{pk}` and `GET /images` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// Its uid.
    #[serde(skip_deserializing)]
    pub uid: String,
    /// File name.
    #[serde(default, deserialize_with = "de::text")]
    pub filename: String,
    /// Upload date as the Optimizer wrote it.
    #[serde(default, deserialize_with = "de::text")]
    pub upload_date: String,
    /// Extension, e.g. `.pdf`.
    #[serde(default, deserialize_with = "de::text")]
    pub ext: String,
    /// MIME type.
    #[serde(default, deserialize_with = "de::text")]
    pub mime: String,
    /// Size: bytes for documents, `[width, height]` for images.
    #[serde(default)]
    pub size: FileSize,
}

/// Size of a stored file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FileSize {
    /// Not given.
    #[default]
    Unknown,
    /// Bytes.
    Bytes(u64),
    /// Pixels, for images.
    Pixels(u32, u32),
    /// Anything else, as text.
    Text(String),
}

impl Documents<'_> {
    /// Uploads any number of documents, ten per call, streamed from disk.
    ///
    /// Every file is checked before the first byte is sent. If a later call
    /// fails, [`Error::PartialUpload`] lists what was already accepted.
    pub async fn upload(
        &self,
        pk: u64,
        documents: Vec<DocumentUpload>,
        progress: Option<ProgressFn>,
    ) -> Result<Vec<UploadedDocument>> {
        if documents.is_empty() {
            return Err(Error::InvalidInput("upload_document: no document".into()));
        }
        let mut total = 0;
        for document in &documents {
            total += document.size().await?;
        }
        let meter = Meter::new(Some(total), progress);
        let mut uploaded = Vec::with_capacity(documents.len());
        for batch in documents.chunks(MAX_FILES_PER_UPLOAD) {
            match self.batch(pk, batch.to_vec(), meter.clone()).await {
                Ok(accepted) => uploaded.extend(accepted),
                Err(error) if uploaded.is_empty() => return Err(error),
                Err(error) => {
                    return Err(Error::PartialUpload {
                        uploaded,
                        source: Box::new(error),
                    });
                }
            }
        }
        Ok(uploaded)
    }

    /// `POST /document/{pk}`: one call with at most ten documents.
    pub fn upload_batch(
        &self,
        pk: u64,
        documents: Vec<DocumentUpload>,
        progress: Option<ProgressFn>,
    ) -> Call<Vec<UploadedDocument>, Once> {
        self.batch(pk, documents, Meter::new(None, progress))
    }

    fn batch(
        &self,
        pk: u64,
        documents: Vec<DocumentUpload>,
        meter: Meter,
    ) -> Call<Vec<UploadedDocument>, Once> {
        let problem = match documents.len() {
            0 => Some("no document"),
            n if n > MAX_FILES_PER_UPLOAD => Some("more than 10 documents in one call"),
            _ => None,
        }
        .map(|problem| Error::InvalidInput(format!("upload_document: {problem}")));
        let sent: Vec<UploadedDocument> = documents
            .iter()
            .enumerate()
            .map(|(position, document)| UploadedDocument {
                uid: String::new(),
                file_name: document.file_name(),
                field: document.field(position),
                digest: None,
            })
            .collect();
        let form = async move {
            let mut form = Form::new();
            for (position, document) in documents.iter().enumerate() {
                document.size().await?;
                form = form.part(
                    document.field(position),
                    document.part(meter.clone()).await?,
                );
            }
            Ok(form)
        };
        Call::new(
            self.client,
            "upload_document",
            Method::POST,
            vec!["document".into(), pk.to_string()],
            call::json("upload_document", move |answer: UploadAnswer| {
                match_uploads(&sent, answer)
            }),
        )
        .once()
        .multipart(form)
        .rejecting(problem)
    }

    /// `GET /document/{pk}/{kind}/{uid}` into memory (bounded by the client's
    /// in-memory download limit).
    pub fn retrieve(&self, pk: u64, kind: DocumentKind, uid: &str) -> Call<Bytes> {
        Call::new(
            self.client,
            "retrieve_document",
            Method::GET,
            document_path(pk, kind, uid),
            call::bytes("retrieve_document"),
        )
        .timeout_class(call::TimeoutClass::Transfer)
    }

    /// `GET /document/{pk}/{kind}/{uid}` streamed into the file `to`.
    pub fn retrieve_to_file(
        &self,
        pk: u64,
        kind: DocumentKind,
        uid: &str,
        to: impl Into<PathBuf>,
        progress: Option<ProgressFn>,
    ) -> Call<DownloadedFile> {
        Call::new(
            self.client,
            "retrieve_document",
            Method::GET,
            document_path(pk, kind, uid),
            call::to_file("retrieve_document", to.into(), progress),
        )
        .timeout_class(call::TimeoutClass::Transfer)
    }

    /// `DELETE /document/{pk}/{kind}/{uid}`: answers the confirmation.
    pub fn delete(&self, pk: u64, kind: DocumentKind, uid: &str) -> Call<String> {
        Call::new(
            self.client,
            "delete_document",
            Method::DELETE,
            document_path(pk, kind, uid),
            call::json("delete_document", |message: String| Ok(message)),
        )
    }

    /// `GET /documents/{pk}`: the request's documents, ordered by uid.
    pub fn list(&self, pk: u64) -> Call<Vec<StoredFile>> {
        Call::new(
            self.client,
            "list_documents",
            Method::GET,
            vec!["documents".into(), pk.to_string()],
            call::json("list_documents", |files: BTreeMap<String, StoredFile>| {
                Ok(with_uids(files))
            }),
        )
    }

    /// `DELETE /documents/{pk}`: deletes every document of the request.
    pub fn delete_all(&self, pk: u64) -> Call<String> {
        Call::new(
            self.client,
            "delete_all_documents",
            Method::DELETE,
            vec!["documents".into(), pk.to_string()],
            call::json("delete_all_documents", |message: String| Ok(message)),
        )
    }

    /// `GET /document/{pk}/contract`: the service contract PDF, in memory.
    pub fn contract(&self, pk: u64) -> Call<Bytes> {
        Call::new(
            self.client,
            "retrieve_contract",
            Method::GET,
            vec!["document".into(), pk.to_string(), "contract".into()],
            call::bytes("retrieve_contract"),
        )
        .timeout_class(call::TimeoutClass::Transfer)
    }

    /// `GET /document/{pk}/contract` streamed into the file `to`.
    pub fn contract_to_file(
        &self,
        pk: u64,
        to: impl Into<PathBuf>,
        progress: Option<ProgressFn>,
    ) -> Call<DownloadedFile> {
        Call::new(
            self.client,
            "retrieve_contract",
            Method::GET,
            vec!["document".into(), pk.to_string(), "contract".into()],
            call::to_file("retrieve_contract", to.into(), progress),
        )
        .timeout_class(call::TimeoutClass::Transfer)
    }
}

fn document_path(pk: u64, kind: DocumentKind, uid: &str) -> Vec<String> {
    vec![
        "document".into(),
        pk.to_string(),
        kind.segment().into(),
        uid.to_owned(),
    ]
}

/// Files keyed by uid, with the uid moved into each.
pub(crate) fn with_uids(files: BTreeMap<String, StoredFile>) -> Vec<StoredFile> {
    files
        .into_iter()
        .map(|(uid, file)| StoredFile { uid, ..file })
        .collect()
}

/// One file answers its uid; several answer a list of `{digest, uid, key, filename}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum UploadAnswer {
    One(String),
    Many(Vec<Accepted>),
}

#[derive(Deserialize)]
struct Accepted {
    uid: String,
    #[serde(default, deserialize_with = "de::opt_text")]
    key: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    digest: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    filename: Option<String>,
}

/// Puts the Optimizer's uids on the documents sent, in the order sent.
fn match_uploads(sent: &[UploadedDocument], answer: UploadAnswer) -> Result<Vec<UploadedDocument>> {
    let mismatch = |reason: String| Error::Decode {
        operation: "upload_document",
        // call::json puts the answer's own status (200 or 201) in its place.
        http_status: 200,
        reason,
        excerpt: String::new(),
    };
    match answer {
        UploadAnswer::One(uid) if sent.len() == 1 => Ok(vec![UploadedDocument {
            uid,
            ..sent[0].clone()
        }]),
        UploadAnswer::One(_) => Err(mismatch(format!("one uid for {} documents", sent.len()))),
        UploadAnswer::Many(accepted) => {
            if accepted.len() != sent.len() {
                return Err(mismatch(format!(
                    "{} uids for {} documents",
                    accepted.len(),
                    sent.len()
                )));
            }
            let mut by_field: BTreeMap<String, Accepted> = BTreeMap::new();
            let mut unkeyed = Vec::new();
            for item in accepted {
                match item.key.clone() {
                    Some(key) => {
                        by_field.insert(key, item);
                    }
                    None => unkeyed.push(item),
                }
            }
            let mut unkeyed = unkeyed.into_iter();
            sent.iter()
                .map(|document| {
                    let item = by_field
                        .remove(&document.field)
                        .or_else(|| unkeyed.next())
                        .ok_or_else(|| {
                            mismatch(format!("no uid for the document in {}", document.field))
                        })?;
                    Ok(UploadedDocument {
                        uid: item.uid,
                        file_name: item.filename.unwrap_or_else(|| document.file_name.clone()),
                        field: document.field.clone(),
                        digest: item.digest,
                    })
                })
                .collect()
        }
    }
}
