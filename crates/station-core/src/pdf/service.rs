//! The async face of the PDF worker process, with the render cache in front of it.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use image::ImageEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use sha2::{Digest, Sha256};

use super::cache::{RenderCache, RenderKey};
use super::library::{PDFIUM_PROVISIONING_HINT, locate_pdfium};
use super::models::{
    OpenedPdf, PdfSummary, PixelFormat, RenderCacheStats, RenderSize, RenderedPage,
};
use super::supervisor::{PdfReply, PdfRequest, PdfWorkerCommand, Supervisor};
use crate::error::{Error, Result};

/// Render cache size unless configured: ~20 pages at 150 dpi, hundreds of thumbnails.
pub const PDF_RENDER_CACHE_BYTES: usize = 192 * 1024 * 1024;

/// Largest render accepted (≈ A4 at 600 dpi): more would only exhaust memory.
pub const PDF_MAX_RENDER_PIXELS: u64 = 40_000_000;

/// How long the worker may take over one file (open and check it, or render a
/// page) before it is killed: far beyond any honest PDF (a 600 dpi render of a
/// heavy page takes a few seconds), so only a file made to hang pdfium reaches it.
pub const PDF_WORKER_DEADLINE: Duration = Duration::from_secs(30);

/// How to start a [`PdfService`].
#[derive(Debug, Clone)]
pub struct PdfServiceConfig {
    /// The pdfium library the worker loads.
    pub library: PathBuf,
    /// The program that serves as the worker.
    pub worker: PdfWorkerCommand,
    /// Bytes of renders to keep.
    pub cache_bytes: usize,
    /// How long one request may take before the worker is killed.
    pub deadline: Duration,
}

impl PdfServiceConfig {
    /// The station's defaults for the pdfium at `library`, served by `worker`.
    pub fn new(library: PathBuf, worker: PdfWorkerCommand) -> Self {
        Self {
            library,
            worker,
            cache_bytes: PDF_RENDER_CACHE_BYTES,
            deadline: PDF_WORKER_DEADLINE,
        }
    }
}

/// The PDF service. Cheap to share behind an `Arc`; every method is async and
/// never blocks the caller's thread. pdfium runs in a separate worker process
/// (the `pdf` module's docs say why); dropping the service kills it.
#[derive(Debug)]
pub struct PdfService {
    worker: Supervisor,
    cache: Mutex<RenderCache>,
}

impl PdfService {
    /// Starts the service on the pdfium found by [`locate_pdfium`](crate::locate_pdfium),
    /// with this very executable as the worker: its `main` must hand over to
    /// [`serve_worker_process`](crate::serve_worker_process) when started with
    /// [`PDF_WORKER_FLAG`](crate::PDF_WORKER_FLAG). Call at startup.
    pub fn start() -> Result<Self> {
        Self::start_with(locate_pdfium()?, PDF_RENDER_CACHE_BYTES)
    }

    /// Starts the service on the pdfium at `library`, caching up to `cache_bytes` of
    /// renders, with this very executable as the worker (as [`PdfService::start`]).
    pub fn start_with(library: PathBuf, cache_bytes: usize) -> Result<Self> {
        let mut config = PdfServiceConfig::new(library, PdfWorkerCommand::this_executable()?);
        config.cache_bytes = cache_bytes;
        Self::start_configured(config)
    }

    /// Starts the service as `config` says. The first worker process starts at
    /// once, so pdfium loads while the caller goes on.
    pub fn start_configured(config: PdfServiceConfig) -> Result<Self> {
        // Checked here so a missing library is reported at startup, with how to get one.
        if !config.library.is_file() {
            return Err(Error::PdfEngineUnavailable(format!(
                "{} is not a file; {PDFIUM_PROVISIONING_HINT}",
                config.library.display()
            )));
        }
        Ok(Self {
            worker: Supervisor::start(config.worker, config.library, config.deadline)?,
            cache: Mutex::new(RenderCache::new(config.cache_bytes)),
        })
    }

    /// The worker process's id while one runs (for diagnostics): a new one after
    /// the worker died or was killed for taking too long.
    pub fn worker_pid(&self) -> Option<u32> {
        self.worker.worker_pid()
    }

    /// As [`PdfService::open`], for the file the officer knows as `file` (its path
    /// or name): every failure about it, now or when rendering its pages, is an
    /// [`Error::PdfFile`] naming it.
    pub async fn open_named(&self, file: impl Into<String>, bytes: Vec<u8>) -> Result<OpenedPdf> {
        let file: Arc<str> = Arc::from(file.into());
        self.open_as(Some(&file), bytes)
            .await
            .map_err(|error| in_file(&file, error))
    }

    /// Checks `bytes` and lists the pages. Fails with the reason a PDF cannot be
    /// uploaded: not a PDF, cut short, unreadable, encrypted (with or without a
    /// password to open it), or without pages.
    pub async fn open(&self, bytes: Vec<u8>) -> Result<OpenedPdf> {
        self.open_as(None, bytes).await
    }

    async fn open_as(&self, file: Option<&Arc<str>>, bytes: Vec<u8>) -> Result<OpenedPdf> {
        let bytes: Arc<[u8]> = bytes.into();
        let hashed = Arc::clone(&bytes);
        let digest = tokio::task::spawn_blocking(move || {
            precheck(&hashed)?;
            Ok::<_, Error>(hex(&Sha256::digest(&hashed)))
        })
        .await
        .map_err(|error| Error::Task(error.to_string()))??;
        let request = PdfRequest::Inspect {
            digest: digest.clone(),
            bytes: Arc::clone(&bytes),
        };
        let PdfReply::Inspected(pages) = self.ask(request).await? else {
            return Err(Error::PdfRenderFailed(
                "unexpected answer to inspect".into(),
            ));
        };
        let summary = PdfSummary {
            digest,
            byte_size: bytes.len() as u64,
            pages,
        };
        Ok(OpenedPdf {
            bytes,
            summary: Arc::new(summary),
            file: file.cloned(),
        })
    }

    /// Renders page `page` (the first being 0) of `pdf` at `size`, from the cache when it can.
    pub async fn render_page(
        &self,
        pdf: &OpenedPdf,
        page: u32,
        size: RenderSize,
        format: PixelFormat,
    ) -> Result<RenderedPage> {
        let rendered = self.render_unnamed(pdf, page, size, format).await;
        match &pdf.file {
            Some(file) => rendered.map_err(|error| in_file(file, error)),
            None => rendered,
        }
    }

    async fn render_unnamed(
        &self,
        pdf: &OpenedPdf,
        page: u32,
        size: RenderSize,
        format: PixelFormat,
    ) -> Result<RenderedPage> {
        let (width, height) = pixel_size(pdf.summary(), page, size)?;
        let key = |format| RenderKey {
            digest: pdf.summary.digest.clone(),
            page,
            width,
            height,
            format,
        };
        let rendered = |bytes| RenderedPage {
            page,
            width,
            height,
            format,
            bytes,
        };
        if let Some(bytes) = self.cache()?.get(&key(format)) {
            return Ok(rendered(bytes));
        }
        let rgba_cached = self.cache()?.peek(&key(PixelFormat::Rgba));
        let rgba = match rgba_cached {
            Some(rgba) => rgba,
            None => {
                let request = PdfRequest::Render {
                    digest: pdf.summary.digest.clone(),
                    bytes: Arc::clone(&pdf.bytes),
                    page,
                    width,
                    height,
                };
                let PdfReply::Rendered(pixels) = self.ask(request).await? else {
                    return Err(Error::PdfRenderFailed("unexpected answer to render".into()));
                };
                let rgba = Bytes::from(pixels);
                self.cache()?.put(key(PixelFormat::Rgba), rgba.clone());
                rgba
            }
        };
        let bytes = match format {
            PixelFormat::Rgba => rgba,
            PixelFormat::Png => {
                let png = tokio::task::spawn_blocking(move || encode_png(&rgba, width, height))
                    .await
                    .map_err(|error| Error::Task(error.to_string()))??;
                self.cache()?.put(key(PixelFormat::Png), png.clone());
                png
            }
        };
        Ok(rendered(bytes))
    }

    /// A PNG of page `page` whose long side is `long_side` pixels.
    pub async fn thumbnail(
        &self,
        pdf: &OpenedPdf,
        page: u32,
        long_side: u32,
    ) -> Result<RenderedPage> {
        self.render_page(pdf, page, RenderSize::LongSide(long_side), PixelFormat::Png)
            .await
    }

    /// The render cache's counters.
    pub fn cache_stats(&self) -> Result<RenderCacheStats> {
        Ok(self.cache()?.stats())
    }

    async fn ask(&self, request: PdfRequest) -> Result<PdfReply> {
        self.worker.ask(request).await
    }

    fn cache(&self) -> Result<std::sync::MutexGuard<'_, RenderCache>> {
        self.cache
            .lock()
            .map_err(|_| Error::Task("the render cache was poisoned".into()))
    }
}

/// `error` about the PDF the officer knows as `file`.
fn in_file(file: &str, error: Error) -> Error {
    match error {
        named @ Error::PdfFile { .. } => named,
        error => Error::PdfFile {
            file: file.to_owned(),
            source: Box::new(error),
        },
    }
}

/// Checks pdfium would paper over: it rebuilds a cut-off file's index and opens
/// whatever is left, but a truncated file must not be signed as if complete.
fn precheck(bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|window| window == b"%PDF-") {
        return Err(Error::PdfNotAPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|window| window == b"%%EOF") {
        return Err(Error::PdfTruncated);
    }
    Ok(())
}

/// Pixel size of `page` rendered at `size`, checked against [`PDF_MAX_RENDER_PIXELS`].
fn pixel_size(summary: &PdfSummary, page: u32, size: RenderSize) -> Result<(u32, u32)> {
    let page_size = summary
        .pages
        .get(page as usize)
        .ok_or_else(|| Error::PdfPageOutOfRange {
            page,
            page_count: summary.page_count(),
        })?;
    let (width_pt, height_pt) = (
        f64::from(page_size.width_pt),
        f64::from(page_size.height_pt),
    );
    let scale = match size {
        RenderSize::Scale(scale) => f64::from(scale),
        RenderSize::Dpi(dpi) => f64::from(dpi) / 72.0,
        RenderSize::LongSide(pixels) => f64::from(pixels) / width_pt.max(height_pt),
    };
    if !(scale.is_finite() && scale > 0.0) {
        return Err(Error::PdfRenderSize(format!(
            "{size:?} is not a positive size"
        )));
    }
    let width = (width_pt * scale).round().max(1.0);
    let height = (height_pt * scale).round().max(1.0);
    if width * height > PDF_MAX_RENDER_PIXELS as f64 {
        return Err(Error::PdfRenderSize(format!(
            "{width}×{height} px is more than {PDF_MAX_RENDER_PIXELS} pixels"
        )));
    }
    Ok((width as u32, height as u32))
}

/// Fast PNG (the page is shown at once, not archived): fdeflate-speed compression.
fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Bytes> {
    let mut png = Vec::with_capacity(rgba.len() / 4);
    PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::Adaptive)
        .write_image(rgba, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|error| Error::PdfRenderFailed(format!("cannot encode PNG: {error}")))?;
    Ok(Bytes::from(png))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
