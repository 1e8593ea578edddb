//! What the PDF service takes and answers.

use std::sync::Arc;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A PDF that passed inspection: readable, not encrypted, with pages. Cheap to
/// clone; render its pages with [`PdfService::render_page`](crate::PdfService::render_page).
#[derive(Clone)]
pub struct OpenedPdf {
    pub(super) bytes: Arc<[u8]>,
    pub(super) summary: Arc<PdfSummary>,
    /// The name the officer knows the file by, when it was opened with one: every
    /// failure about this PDF names it.
    pub(super) file: Option<Arc<str>>,
}

impl OpenedPdf {
    /// Page count, page sizes and digest.
    pub fn summary(&self) -> &PdfSummary {
        &self.summary
    }

    /// The file as given.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The name it was opened with ([`PdfService::open_named`](crate::PdfService::open_named)).
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }
}

impl std::fmt::Debug for OpenedPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedPdf")
            .field("file", &self.file)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// What the document screen shows about a PDF before rendering anything.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PdfSummary {
    /// SHA-256 of the file, lower-case hex: names the file in caches and the audit trail.
    pub digest: String,
    /// Size of the file.
    #[ts(type = "number")]
    pub byte_size: u64,
    /// Each page's size as displayed (its `/Rotate` applied), first page first.
    pub pages: Vec<PageSize>,
}

impl PdfSummary {
    /// Number of pages.
    pub fn page_count(&self) -> u32 {
        u32::try_from(self.pages.len()).unwrap_or(u32::MAX)
    }
}

/// A page's size in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageSize {
    /// Width in points.
    pub width_pt: f32,
    /// Height in points.
    pub height_pt: f32,
}

/// How large to render a page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "by", content = "value")]
pub enum RenderSize {
    /// Pixels per point (1.0 = 72 dpi).
    Scale(f32),
    /// Dots per inch.
    Dpi(f32),
    /// The page's long side in pixels (thumbnails).
    LongSide(u32),
}

/// Pixel encoding of a rendered page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PixelFormat {
    /// Raw 8-bit RGBA, rows top to bottom, no padding (for a canvas `ImageData`).
    Rgba,
    /// A PNG file.
    Png,
}

/// A rendered page.
#[derive(Clone, PartialEq)]
pub struct RenderedPage {
    /// Page index, the first page being 0.
    pub page: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// How [`RenderedPage::bytes`] encodes the pixels.
    pub format: PixelFormat,
    /// The pixels; shared with the render cache, so cloning is cheap.
    pub bytes: Bytes,
}

impl std::fmt::Debug for RenderedPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderedPage")
            .field("page", &self.page)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// The render cache's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenderCacheStats {
    /// Renders answered from the cache.
    #[ts(type = "number")]
    pub hits: u64,
    /// Renders that needed pdfium.
    #[ts(type = "number")]
    pub misses: u64,
    /// Pages held.
    pub entries: u32,
    /// Bytes held.
    #[ts(type = "number")]
    pub bytes: u64,
}
