//! Finding a PDF's signature dictionaries (ISO 32000-1 §12.8) and the
//! Document Security Store (ETSI EN 319 142-1 §5.4).
//!
//! lopdf reads the file's objects; the byte offsets in `/ByteRange` are then
//! checked against the raw bytes (see `byte_range`), never against a
//! re-serialized document.

use std::collections::HashMap;
use std::time::Duration;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::report::SignatureKind;
use super::time_format::parse_pdf_date;
use crate::{Error, Result};

/// One signature dictionary as the file states it; nothing is checked yet.
#[derive(Debug)]
pub(crate) struct SignatureDictionary {
    pub kind: SignatureKind,
    pub field_name: Option<String>,
    pub sub_filter: Option<String>,
    /// The `/ByteRange` numbers, or why they cannot be read.
    pub byte_range: std::result::Result<Vec<i64>, String>,
    /// The decoded `/Contents` string, or why it cannot be read.
    pub contents: std::result::Result<Vec<u8>, String>,
    /// `/M`, the signing time the signer claims.
    pub claimed_time: Option<Duration>,
}

/// Every signature dictionary of a PDF, and whether it holds validation data.
#[derive(Debug)]
pub(crate) struct PdfSignatures {
    pub dictionaries: Vec<SignatureDictionary>,
    pub has_dss: bool,
}

/// Where the `%PDF-` header may start (ISO 32000 readers accept leading junk
/// within the first kilobyte).
const HEADER_WINDOW: usize = 1024;

/// Reads the signature dictionaries of `bytes`. A file that is not a PDF is
/// an [`Error::NotAPdf`]; a PDF without signatures answers an empty list.
pub(crate) fn find(bytes: &[u8]) -> Result<PdfSignatures> {
    let window = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotAPdf("the file has no %PDF- header".into()));
    }
    // The parser meets hostile files here; should it panic on one, the
    // officer gets "not a readable PDF" instead of a dead verification task.
    let loaded =
        std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, LoadOptions::default()));
    let document = match loaded {
        Ok(Ok(document)) => document,
        Ok(Err(error)) => return Err(Error::NotAPdf(error.to_string())),
        Err(_) => return Err(Error::NotAPdf("the PDF structure cannot be read".into())),
    };

    let field_names = signature_field_names(&document);
    let mut dictionaries = Vec::new();
    for (id, object) in &document.objects {
        let Object::Dictionary(dictionary) = object else {
            continue;
        };
        if is_signature(dictionary) {
            dictionaries.push(read(&document, dictionary, field_names.get(id).cloned()));
        } else if let Ok(Object::Dictionary(value)) = dictionary.get(b"V")
            && is_signature(value)
        {
            // A field whose signature dictionary is written inline.
            dictionaries.push(read(&document, value, text(&document, dictionary, b"T")));
        }
    }
    let has_dss = document
        .catalog()
        .map(|catalog| catalog.has(b"DSS"))
        .unwrap_or(false);
    Ok(PdfSignatures {
        dictionaries,
        has_dss,
    })
}

/// A signature value dictionary: it has a `/ByteRange`, or says it is one.
fn is_signature(dictionary: &Dictionary) -> bool {
    dictionary.has(b"ByteRange")
        || matches!(
            name(dictionary, b"Type").as_deref(),
            Some("Sig" | "DocTimeStamp")
        )
}

fn read(
    document: &Document,
    dictionary: &Dictionary,
    field_name: Option<String>,
) -> SignatureDictionary {
    let sub_filter = name(dictionary, b"SubFilter");
    let is_document_timestamp = name(dictionary, b"Type").as_deref() == Some("DocTimeStamp")
        || sub_filter.as_deref() == Some("ETSI.RFC3161");
    SignatureDictionary {
        kind: if is_document_timestamp {
            SignatureKind::DocumentTimestamp
        } else {
            SignatureKind::Signature
        },
        field_name,
        sub_filter,
        byte_range: byte_range(document, dictionary),
        contents: match resolved(document, dictionary, b"Contents") {
            Some(Object::String(bytes, _)) => Ok(bytes.clone()),
            Some(_) => Err("the signature's /Contents is not a string".into()),
            None => Err("the signature dictionary has no /Contents".into()),
        },
        claimed_time: text(document, dictionary, b"M").and_then(|m| parse_pdf_date(&m)),
    }
}

fn byte_range(
    document: &Document,
    dictionary: &Dictionary,
) -> std::result::Result<Vec<i64>, String> {
    let Some(Object::Array(values)) = resolved(document, dictionary, b"ByteRange") else {
        return Err("the signature dictionary has no /ByteRange array".into());
    };
    values
        .iter()
        .map(|value| match value {
            Object::Integer(number) => Ok(*number),
            _ => Err("the /ByteRange holds something other than whole numbers".to_owned()),
        })
        .collect()
}

/// Maps signature dictionaries referenced by a field's `/V` to the field's `/T`.
fn signature_field_names(document: &Document) -> HashMap<ObjectId, String> {
    document
        .objects
        .values()
        .filter_map(|object| match object {
            Object::Dictionary(field) => match field.get(b"V") {
                Ok(Object::Reference(id)) => Some((*id, text(document, field, b"T")?)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// `key`'s value with one level of indirection followed.
fn resolved<'a>(
    document: &'a Document,
    dictionary: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let object = dictionary.get(key).ok()?;
    document.dereference(object).ok().map(|(_, object)| object)
}

fn name(dictionary: &Dictionary, key: &[u8]) -> Option<String> {
    match dictionary.get(key) {
        Ok(Object::Name(name)) => Some(String::from_utf8_lossy(name).into_owned()),
        _ => None,
    }
}

fn text(document: &Document, dictionary: &Dictionary, key: &[u8]) -> Option<String> {
    resolved(document, dictionary, key).and_then(|object| lopdf::decode_text_string(object).ok())
}
