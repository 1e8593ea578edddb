//! Reading `multipart/form-data` bodies whole: text fields and file parts.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use bytes::Bytes;

use crate::error::Error;

/// One file part.
pub struct FilePart {
    /// The form field name (`file`, `file2`, `document_front`, …).
    pub field: String,
    /// The client's file name, when it sent one.
    pub filename: Option<String>,
    pub bytes: Bytes,
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("field", &self.field)
            .field("filename", &self.filename)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl FilePart {
    /// The file name to show, falling back to the field name.
    pub fn display_name(&self) -> String {
        self.filename.clone().unwrap_or_else(|| self.field.clone())
    }
}

/// A whole multipart form.
#[derive(Default)]
pub struct FormData {
    texts: BTreeMap<String, String>,
    pub files: Vec<FilePart>,
}

impl std::fmt::Debug for FormData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Text fields carry passwords, PINs and tokens: show their names only.
        f.debug_struct("FormData")
            .field("texts", &self.texts.keys().collect::<Vec<_>>())
            .field("files", &self.files)
            .finish()
    }
}

impl FormData {
    /// Reads every part; a part with a file name is a file, any other a text field.
    pub async fn read(multipart: Result<Multipart, MultipartRejection>) -> Result<Self, Error> {
        let mut multipart = multipart.map_err(|e| {
            Error::UnsupportedMediaType(format!("Expected a multipart/form-data body: {e}"))
        })?;
        let mut form = FormData::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| Error::BadRequest(format!("Malformed multipart body: {e}")))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let filename = field.file_name().map(str::to_owned);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| Error::BadRequest(format!("Malformed multipart body: {e}")))?;
            if filename.is_some() {
                form.files.push(FilePart {
                    field: name,
                    filename,
                    bytes,
                });
            } else {
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                    Error::BadRequest(format!("Field '{name}' is not valid UTF-8 text"))
                })?;
                form.texts.insert(name, text);
            }
        }
        Ok(form)
    }

    /// A text field, trimmed; blank counts as absent.
    pub fn text(&self, name: &str) -> Option<String> {
        self.texts
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The file part named `name` (the last one when sent twice, like text fields).
    pub fn file(&self, name: &str) -> Option<&FilePart> {
        self.files.iter().rev().find(|f| f.field == name)
    }
}
