//! The PDF service on pdfium: checks a PDF before upload (encrypted and broken
//! files are refused with the reason), lists its pages, and renders pages and
//! thumbnails off the UI thread with a byte-bounded cache.

mod cache;
mod library;
mod models;
mod service;
mod worker;

pub use library::{PDFIUM_LIB_ENV, PDFIUM_PROVISIONING_HINT, locate_pdfium};
pub use models::{
    OpenedPdf, PageSize, PdfSummary, PixelFormat, RenderCacheStats, RenderSize, RenderedPage,
};
pub use service::{PDF_MAX_RENDER_PIXELS, PDF_RENDER_CACHE_BYTES, PdfService};
