//! Reading an uploaded PDF: refuse what cannot be signed, report what can.

use lopdf::Document;

use crate::Error;

/// What the sandbox learned from an uploaded PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSummary {
    /// Number of pages (at least 1).
    pub page_count: usize,
    /// The header version, e.g. "1.7".
    pub version: String,
}

/// Parses `bytes` as a PDF the sandbox can sign.
///
/// Encrypted PDFs (any `/Encrypt`, even one that opens without a password) are
/// [`Error::EncryptedPdf`]; anything unreadable, including a damaged
/// cross-reference table that a viewer would have to rebuild, is
/// [`Error::MalformedPdf`], because an incremental update must chain onto
/// the file's own cross-reference data.
pub fn inspect(bytes: &[u8]) -> Result<PdfSummary, Error> {
    let document = load(bytes)?;
    Ok(PdfSummary {
        page_count: document.get_pages().len(),
        version: document.version.clone(),
    })
}

/// Loads `bytes` with the checks [`inspect`] describes.
pub(crate) fn load(bytes: &[u8]) -> Result<Document, Error> {
    if !bytes.starts_with(b"%PDF-") {
        // lopdf tolerates leading junk; a signable upload must start with the header.
        return Err(Error::MalformedPdf(
            "the file does not start with %PDF-".into(),
        ));
    }
    let document = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::UnsupportedSecurityHandler(_)
        | lopdf::Error::AlreadyEncrypted => Error::EncryptedPdf,
        other => Error::MalformedPdf(other.to_string()),
    })?;
    if document.encryption_state.is_some() || document.trailer.get(b"Encrypt").is_ok() {
        return Err(Error::EncryptedPdf);
    }
    if document.xref_recovery.is_some() {
        return Err(Error::MalformedPdf(
            "the cross-reference table is damaged; save the PDF again before signing".into(),
        ));
    }
    if document
        .trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
        .is_err()
    {
        return Err(Error::MalformedPdf(
            "the trailer names no document catalog".into(),
        ));
    }
    if document.get_pages().is_empty() {
        return Err(Error::MalformedPdf("the document has no pages".into()));
    }
    Ok(document)
}
