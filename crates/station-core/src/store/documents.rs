//! Document rows: the local file, what was uploaded, the signed backup.

use std::path::PathBuf;

use rusqlite::{Connection, Row, params};

use super::requests::{from_json, json};
use crate::error::{Error, Result};
use crate::workflows::{RequestId, VisibleSignatureSpec};

/// How a document is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocumentFormat {
    /// The PDF itself is uploaded and signed as PAdES.
    Pdf,
    /// A hash file is uploaded; the signature is a detached CMS (.p7m).
    Hash,
}

impl DocumentFormat {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Hash => "hash",
        }
    }

    fn parse(word: &str) -> Result<Self> {
        match word {
            "pdf" => Ok(Self::Pdf),
            "hash" => Ok(Self::Hash),
            other => Err(Error::CorruptStore(format!("document format {other:?}"))),
        }
    }
}

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredDocument {
    pub position: u32,
    pub source_path: PathBuf,
    pub file_name: String,
    pub format: DocumentFormat,
    /// SHA-256 (hex) of the local file when it was added.
    pub source_sha256: String,
    /// SHA-256 (hex) of the bytes uploaded: the PDF, or the hash file's JSON.
    pub upload_sha256: String,
    pub visible_signature: Option<VisibleSignatureSpec>,
    pub server_uid: Option<String>,
    pub signed_path: Option<PathBuf>,
    pub signed_sha256: Option<String>,
    pub verification: Option<String>,
}

pub(crate) fn insert(
    connection: &Connection,
    request: &RequestId,
    document: &StoredDocument,
) -> Result<()> {
    connection.execute(
        "INSERT INTO request_document (request_id, position, source_path, file_name, format,
             source_sha256, upload_sha256, visible_signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            request.as_str(),
            document.position,
            document.source_path.to_string_lossy(),
            document.file_name,
            document.format.as_str(),
            document.source_sha256,
            document.upload_sha256,
            document.visible_signature.as_ref().map(json).transpose()?,
        ],
    )?;
    Ok(())
}

pub(crate) fn list(connection: &Connection, request: &RequestId) -> Result<Vec<StoredDocument>> {
    let mut statement = connection.prepare(
        "SELECT position, source_path, file_name, format, source_sha256, upload_sha256,
                visible_signature, server_uid, signed_path, signed_sha256, verification
         FROM request_document WHERE request_id = ?1 ORDER BY position",
    )?;
    let rows = statement.query_map([request.as_str()], from_row)?;
    rows.map(|row| row?).collect()
}

pub(crate) fn set_uploaded(
    connection: &Connection,
    request: &RequestId,
    position: u32,
    uid: &str,
) -> Result<()> {
    set(
        connection,
        request,
        position,
        "server_uid",
        Some(uid.to_owned()),
    )
}

pub(crate) fn set_signed(
    connection: &Connection,
    request: &RequestId,
    position: u32,
    path: &std::path::Path,
    sha256: &str,
) -> Result<()> {
    set(
        connection,
        request,
        position,
        "signed_path",
        Some(path.to_string_lossy().into_owned()),
    )?;
    set(
        connection,
        request,
        position,
        "signed_sha256",
        Some(sha256.to_owned()),
    )
}

pub(crate) fn set_verification(
    connection: &Connection,
    request: &RequestId,
    position: u32,
    summary: &str,
) -> Result<()> {
    set(
        connection,
        request,
        position,
        "verification",
        Some(summary.to_owned()),
    )
}

fn set(
    connection: &Connection,
    request: &RequestId,
    position: u32,
    column: &'static str,
    value: Option<String>,
) -> Result<()> {
    let changed = connection.execute(
        &format!(
            "UPDATE request_document SET {column} = ?3 WHERE request_id = ?1 AND position = ?2"
        ),
        params![request.as_str(), position, value],
    )?;
    if changed == 0 {
        return Err(Error::CorruptStore(format!(
            "document {position} of request {request} is missing"
        )));
    }
    Ok(())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredDocument>> {
    let format: String = row.get(3)?;
    let visible: Option<String> = row.get(6)?;
    let position: u32 = row.get(0)?;
    let source_path: String = row.get(1)?;
    let file_name: String = row.get(2)?;
    let source_sha256: String = row.get(4)?;
    let upload_sha256: String = row.get(5)?;
    let server_uid: Option<String> = row.get(7)?;
    let signed_path: Option<String> = row.get(8)?;
    let signed_sha256: Option<String> = row.get(9)?;
    let verification: Option<String> = row.get(10)?;
    Ok((|| {
        Ok(StoredDocument {
            position,
            source_path: PathBuf::from(source_path),
            file_name,
            format: DocumentFormat::parse(&format)?,
            source_sha256,
            upload_sha256,
            visible_signature: visible
                .as_deref()
                .map(|text| from_json("visible_signature", text))
                .transpose()?,
            server_uid,
            signed_path: signed_path.map(PathBuf::from),
            signed_sha256,
            verification,
        })
    })())
}
