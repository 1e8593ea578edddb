//! The one thread that talks to pdfium. pdfium is not thread-safe, so every call
//! goes through this thread as a message; answers come back on oneshot channels.
//! Requests carry the file's bytes, so a fresh worker (or, later, a worker process)
//! can serve any request without shared state.

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

use lru::LruCache;
use pdfium_render::prelude::{
    PdfBitmap, PdfBitmapFormat, PdfDocument, PdfRenderConfig, PdfSecurityHandlerRevision, Pdfium,
    PdfiumError, PdfiumInternalError,
};
use tokio::sync::oneshot;

use super::models::PageSize;
use crate::error::{Error, Result};

/// Parsed documents kept open between requests: a page view renders several pages
/// of one file in a row, and re-parsing a large PDF for each costs more than rendering.
const OPEN_DOCUMENTS: NonZeroUsize = NonZeroUsize::MIN.saturating_add(3);

/// Something for pdfium to do.
#[derive(Debug)]
pub(super) enum PdfRequest {
    /// Check the file and list its page sizes.
    Inspect { digest: String, bytes: Arc<[u8]> },
    /// Render a page to RGBA at exactly `width` × `height` pixels.
    Render {
        digest: String,
        bytes: Arc<[u8]>,
        page: u32,
        width: u32,
        height: u32,
    },
}

/// What pdfium answered.
#[derive(Debug)]
pub(super) enum PdfReply {
    Inspected(Vec<PageSize>),
    Rendered(Vec<u8>),
}

pub(super) struct Envelope {
    pub request: PdfRequest,
    pub reply: oneshot::Sender<Result<PdfReply>>,
}

/// Starts the worker thread with the library at `library`; answers once pdfium is loaded.
pub(super) fn spawn(library: PathBuf) -> Result<mpsc::Sender<Envelope>> {
    let (jobs, inbox) = mpsc::channel::<Envelope>();
    let (ready, started) = mpsc::sync_channel::<Result<()>>(1);
    thread::Builder::new()
        .name("pdfium".into())
        .spawn(move || match bind(&library) {
            Ok(pdfium) => {
                // The starter waits on this; if it has gone, nobody will send work either.
                if ready.send(Ok(())).is_ok() {
                    serve(&pdfium, &inbox);
                }
            }
            Err(error) => {
                let _ = ready.send(Err(error));
            }
        })
        .map_err(|error| {
            Error::PdfEngineUnavailable(format!("cannot start the PDF thread: {error}"))
        })?;
    started.recv().map_err(|_| Error::PdfWorkerStopped)??;
    Ok(jobs)
}

fn bind(library: &Path) -> Result<Pdfium> {
    match Pdfium::bind_to_library(library) {
        Ok(bindings) => Ok(Pdfium::new(bindings)),
        // pdfium-render binds once per process; later services share that binding.
        Err(PdfiumError::PdfiumLibraryBindingsAlreadyInitialized) => Ok(Pdfium::default()),
        Err(error) => Err(Error::PdfEngineUnavailable(format!(
            "cannot load {}: {error}",
            library.display()
        ))),
    }
}

fn serve(pdfium: &Pdfium, inbox: &mpsc::Receiver<Envelope>) {
    let mut open: LruCache<String, PdfDocument<'_>> = LruCache::new(OPEN_DOCUMENTS);
    for Envelope { request, reply } in inbox {
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| handle(pdfium, &mut open, request)))
            .unwrap_or_else(|panic| {
                // Documents touched by a failed call may be half-updated: forget them all.
                open.clear();
                let reason = panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown failure".into());
                Err(Error::PdfRenderFailed(format!("pdfium failed: {reason}")))
            });
        // The caller may have stopped waiting; the answer is simply dropped then.
        let _ = reply.send(outcome);
    }
}

fn handle<'p>(
    pdfium: &'p Pdfium,
    open: &mut LruCache<String, PdfDocument<'p>>,
    request: PdfRequest,
) -> Result<PdfReply> {
    match request {
        PdfRequest::Inspect { digest, bytes } => {
            let document = load(pdfium, &bytes)?;
            let pages = inspect(&document)?;
            open.put(digest, document);
            Ok(PdfReply::Inspected(pages))
        }
        PdfRequest::Render {
            digest,
            bytes,
            page,
            width,
            height,
        } => {
            if !open.contains(&digest) {
                open.put(digest.clone(), load(pdfium, &bytes)?);
            }
            let document = open
                .get(&digest)
                .ok_or_else(|| Error::PdfRenderFailed("document closed meanwhile".into()))?;
            render(document, page, width, height).map(PdfReply::Rendered)
        }
    }
}

fn load<'p>(pdfium: &'p Pdfium, bytes: &[u8]) -> Result<PdfDocument<'p>> {
    pdfium
        .load_pdf_from_byte_vec(bytes.to_vec(), None)
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
