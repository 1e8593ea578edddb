//! PDF page commands: the page list of a local PDF and its pages rendered by pdfium,
//! for the document thumbnails and the page-by-page review.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use base64::Engine as _;
use serde::Serialize;
use station_core::{
    Error as CoreError, OpenedPdf, PdfService, PdfSummary, PixelFormat, RenderSize,
};
use tauri::State;
use ts_rs::TS;

use crate::error::Result;

/// How many opened PDFs are kept: a request holds at most a few dozen documents,
/// and the contract; more are opened again (pdfium's page renders stay cached).
const OPENED_KEPT: usize = 64;

/// One rendered page, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageImage {
    /// Page index, the first being 0.
    pub page: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The PNG as a `data:` URL (the only image source the window's CSP allows).
    pub data_url: String,
}

/// A file as it was when opened: its path, size and modification time, so a
/// changed file is opened again.
type FileVersion = (PathBuf, u64, Option<SystemTime>);

/// The PDF service and the PDFs opened through it.
pub struct PdfDesk {
    service: std::result::Result<PdfService, String>,
    opened: Mutex<HashMap<FileVersion, OpenedPdf>>,
}

impl PdfDesk {
    /// Starts pdfium; without it the station still runs and each PDF command says why it cannot.
    pub fn start() -> Self {
        let service = PdfService::start().map_err(|error| {
            tracing::error!(code = error.code(), %error, "PDF rendering unavailable");
            error.to_string()
        });
        Self {
            service,
            opened: Mutex::new(HashMap::new()),
        }
    }

    fn service(&self) -> std::result::Result<&PdfService, CoreError> {
        self.service
            .as_ref()
            .map_err(|reason| CoreError::PdfEngineUnavailable(reason.clone()))
    }

    /// The PDF at `path`, opened once while it stays unchanged.
    pub async fn open(&self, path: PathBuf) -> std::result::Result<OpenedPdf, CoreError> {
        let service = self.service()?;
        let metadata = std::fs::metadata(&path).map_err(|source| unreadable(&path, source))?;
        let key = (path.clone(), metadata.len(), metadata.modified().ok());
        if let Some(opened) = self.kept()?.get(&key) {
            return Ok(opened.clone());
        }
        let bytes = tauri::async_runtime::spawn_blocking({
            let path = path.clone();
            move || std::fs::read(&path).map_err(|source| unreadable(&path, source))
        })
        .await
        .map_err(|error| CoreError::Task(error.to_string()))??;
        // Named by its path, so a refusal or a worker crash says which file is bad.
        let opened = service
            .open_named(path.display().to_string(), bytes)
            .await?;
        let mut kept = self.kept()?;
        if kept.len() >= OPENED_KEPT {
            kept.clear();
        }
        kept.insert(key, opened.clone());
        Ok(opened)
    }

    /// Page `page` of the PDF at `path`, rendered at `size`.
    pub async fn render(
        &self,
        path: PathBuf,
        page: u32,
        size: RenderSize,
    ) -> std::result::Result<PageImage, CoreError> {
        let pdf = self.open(path).await?;
        let rendered = self
            .service()?
            .render_page(&pdf, page, size, PixelFormat::Png)
            .await?;
        Ok(PageImage {
            page: rendered.page,
            width: rendered.width,
            height: rendered.height,
            data_url: png_data_url(&rendered.bytes),
        })
    }

    fn kept(
        &self,
    ) -> std::result::Result<MutexGuard<'_, HashMap<FileVersion, OpenedPdf>>, CoreError> {
        self.opened
            .lock()
            .map_err(|_| CoreError::Task("the opened PDFs were poisoned".into()))
    }
}

fn unreadable(path: &Path, source: std::io::Error) -> CoreError {
    CoreError::UnreadableFile {
        path: path.to_owned(),
        source,
    }
}

/// `bytes` (a PNG) as a `data:` URL.
pub fn png_data_url(bytes: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// Checks a local PDF (not encrypted, not cut short, with pages) and lists its pages.
#[tauri::command]
pub async fn pdf_summary(desk: State<'_, PdfDesk>, path: PathBuf) -> Result<PdfSummary> {
    Ok(desk.open(path).await?.summary().clone())
}

/// Renders page `page` (the first being 0) of a local PDF as a PNG.
#[tauri::command]
pub async fn pdf_page_image(
    desk: State<'_, PdfDesk>,
    path: PathBuf,
    page: u32,
    size: RenderSize,
) -> Result<PageImage> {
    Ok(desk.render(path, page, size).await?)
}
