//! The PDF service on pdfium: checks a PDF before upload (encrypted and broken
//! files are refused with the reason), lists its pages, and renders pages and
//! thumbnails off the UI thread with a byte-bounded cache.
//!
//! pdfium runs in a separate worker process, never inside the station. It is a
//! large C++ parser fed files from outside: a malformed, enormous or crafted PDF
//! can make it crash (a segfault or abort would take the whole station down, with
//! whatever the officer was doing) or loop forever (a thread cannot be stopped, a
//! process can be killed). The station talks to the worker over its stdin and
//! stdout ([`protocol`]), one request at a time (pdfium is not thread-safe). A
//! worker that dies is replaced on the next request; one that takes longer than
//! the deadline is killed; either way the request fails with an error that names
//! the file ([`Error::PdfFile`](crate::Error::PdfFile) around
//! `pdf.worker_stopped` or `pdf.took_too_long`), and the station keeps running.
//! The worker is the station's own executable started with [`PDF_WORKER_FLAG`]
//! (see [`serve_worker_process`]); it exits when its stdin closes, so it never
//! outlives the station.

mod cache;
mod engine;
mod library;
mod models;
mod pipes;
mod protocol;
mod service;
mod supervisor;
mod worker_process;

pub use library::{PDFIUM_LIB_ENV, PDFIUM_PROVISIONING_HINT, locate_pdfium};
pub use models::{
    OpenedPdf, PageSize, PdfSummary, PixelFormat, RenderCacheStats, RenderSize, RenderedPage,
};
pub use service::{
    PDF_MAX_RENDER_PIXELS, PDF_RENDER_CACHE_BYTES, PDF_WORKER_DEADLINE, PdfService,
    PdfServiceConfig,
};
pub use supervisor::PdfWorkerCommand;
pub use worker_process::{PDF_WORKER_FLAG, PDF_WORKER_LIBRARY_ENV, serve_worker_process};
