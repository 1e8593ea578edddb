//! The calls into pdfium, made only inside the PDF worker process (see the module
//! docs for why a process). pdfium is not thread-safe: the worker serves one request
//! at a time. Requests carry the file's bytes, so a fresh worker can serve any
//! request without shared state.

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

use lru::LruCache;
use pdfium_render::prelude::{
    PdfBitmap, PdfBitmapFormat, PdfDocument, PdfRenderConfig, PdfSecurityHandlerRevision, Pdfium,
    PdfiumError, PdfiumInternalError,
};

use super::models::PageSize;
use super::protocol::{Answer, Ask, Failure};
use crate::error::{Error, Result};

/// Parsed documents kept open between requests: a page view renders several pages
/// of one file in a row, and re-parsing a large PDF for each costs more than rendering.
pub(super) const OPEN_DOCUMENTS: NonZeroUsize = NonZeroUsize::MIN.saturating_add(3);

/// Loads pdfium from `library`.
pub(super) fn bind(library: &Path) -> Result<Pdfium> {
    match Pdfium::bind_to_library(library) {
        Ok(bindings) => Ok(Pdfium::new(bindings)),
        // pdfium-render binds once per process; a second binding shares the first.
        Err(PdfiumError::PdfiumLibraryBindingsAlreadyInitialized) => Ok(Pdfium::default()),
        Err(error) => Err(Error::PdfEngineUnavailable(format!(
            "cannot load {}: {error}",
            library.display()
        ))),
    }
}

/// The documents the worker has open, by digest.
pub(super) struct OpenDocuments<'p> {
    pdfium: &'p Pdfium,
    open: LruCache<String, PdfDocument<'p>>,
}

impl<'p> OpenDocuments<'p> {
    pub(super) fn new(pdfium: &'p Pdfium) -> Self {
        Self {
            pdfium,
            open: LruCache::new(OPEN_DOCUMENTS),
        }
    }

    /// Answers `ask` about the PDF in `bytes` (empty for a render of an open
    /// document), with the pixels of a render as the payload.
    pub(super) fn answer(&mut self, ask: Ask, bytes: Vec<u8>) -> (Answer, Vec<u8>) {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| self.handle(ask, bytes)))
            .unwrap_or_else(|panic| {
                // Documents touched by a failed call may be half-updated: forget them all.
                self.open.clear();
                let reason = panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown failure".into());
                Err(Error::PdfRenderFailed(format!("pdfium failed: {reason}")))
            });
        outcome.unwrap_or_else(|error| (Answer::Failed(Failure::from(error)), Vec::new()))
    }

    fn handle(&mut self, ask: Ask, bytes: Vec<u8>) -> Result<(Answer, Vec<u8>)> {
        match ask {
            Ask::Inspect { digest } => {
                let document = load(self.pdfium, bytes)?;
                let pages = inspect(&document)?;
                self.open.put(digest, document);
                Ok((Answer::Inspected { pages }, Vec::new()))
            }
            Ask::Render {
                digest,
                page,
                width,
                height,
            } => {
                if !self.open.contains(&digest) {
                    if bytes.is_empty() {
                        return Ok((Answer::NotOpen, Vec::new()));
                    }
                    self.open.put(digest.clone(), load(self.pdfium, bytes)?);
                }
                let document = self
                    .open
                    .get(&digest)
                    .ok_or_else(|| Error::PdfRenderFailed("document closed meanwhile".into()))?;
                let pixels = render(document, page, width, height)?;
                Ok((Answer::Rendered, pixels))
            }
        }
    }
}

fn load(pdfium: &Pdfium, bytes: Vec<u8>) -> Result<PdfDocument<'_>> {
    pdfium
        .load_pdf_from_byte_vec(bytes, None)
        .map_err(|error| match error {
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => {
                Error::PdfPasswordRequired
            }
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
                Error::PdfEncrypted
            }
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
                Error::PdfUnreadable("its structure is damaged beyond repair".into())
            }
            other => Error::PdfUnreadable(other.to_string()),
        })
}

/// Refuses encrypted files even when they open without a password: a file with
/// only an owner password still cannot take a signature the way the Optimizer adds it.
fn inspect(document: &PdfDocument<'_>) -> Result<Vec<PageSize>> {
    let revision = document.permissions().security_handler_revision();
    if !matches!(revision, Ok(PdfSecurityHandlerRevision::Unprotected)) {
        return Err(Error::PdfEncrypted);
    }
    let pages = document.pages();
    let count = pages.len();
    if count <= 0 {
        return Err(Error::PdfNoPages);
    }
    (0..count)
        .map(|index| {
            pages
                .page_size(index)
                .map(|rect| PageSize {
                    width_pt: rect.width().value,
                    height_pt: rect.height().value,
                })
                .map_err(|error| Error::PdfUnreadable(format!("page {}: {error}", index + 1)))
        })
        .collect()
}

/// Renders straight into the buffer that is answered: pdfium writes RGBA (byte
/// order reversed from its native BGRA) and nothing is copied afterwards.
fn render(document: &PdfDocument<'_>, page: u32, width: u32, height: u32) -> Result<Vec<u8>> {
    let failed = |error: PdfiumError| Error::PdfRenderFailed(error.to_string());
    let index = i32::try_from(page).map_err(|_| Error::PdfRenderFailed("page index".into()))?;
    let page = document.pages().get(index).map_err(failed)?;
    let (w, h) = (
        i32::try_from(width).map_err(|_| Error::PdfRenderSize("too wide".into()))?,
        i32::try_from(height).map_err(|_| Error::PdfRenderSize("too tall".into()))?,
    );
    let mut pixels = vec![0u8; width as usize * height as usize * 4];
    {
        let mut bitmap =
            PdfBitmap::from_bytes(w, h, PdfBitmapFormat::BGRA, &mut pixels).map_err(failed)?;
        let config = PdfRenderConfig::new()
            .set_fixed_size(w, h)
            .set_reverse_byte_order(true)
            .render_annotations(true)
            .render_form_data(true);
        page.render_into_bitmap_with_config(&mut bitmap, &config)
            .map_err(failed)?;
    }
    Ok(pixels)
}
