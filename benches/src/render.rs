//! PDF rendering through station-core's pdfium service, as the document screen
//! uses it: raw RGBA pages at a given dpi, one page after another.

use std::path::Path;
use std::time::Instant;

use serde_json::{Value, json};
use station_core::{PdfService, PixelFormat, RenderSize};

use crate::error::{IoContext, Result};

/// Opens `pdf` and renders every page; the clock runs from reading the file to the
/// last page's pixels. Binding pdfium happens before: the app does it at startup.
pub async fn render_all(pdf: &Path, dpi: f32) -> Result<Value> {
    let service = PdfService::start()?;
    let started = Instant::now();
    let bytes = std::fs::read(pdf).at(pdf)?;
    let opened = service.open(bytes).await?;
    let pages = opened.summary().page_count();
    let mut pixels = 0u64;
    for page in 0..pages {
        let rendered = service
            .render_page(&opened, page, RenderSize::Dpi(dpi), PixelFormat::Rgba)
            .await?;
        pixels += u64::from(rendered.width) * u64::from(rendered.height);
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(json!({ "pages": pages, "pixels": pixels, "seconds": seconds }))
}

/// What the officer waits for on opening a document: the file read, checked and
/// its first page on screen.
pub async fn first_page(pdf: &Path, dpi: f32) -> Result<Value> {
    let service = PdfService::start()?;
    let started = Instant::now();
    let bytes = std::fs::read(pdf).at(pdf)?;
    let opened = service.open(bytes).await?;
    let rendered = service
        .render_page(&opened, 0, RenderSize::Dpi(dpi), PixelFormat::Rgba)
        .await?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(json!({
        "page_count": opened.summary().page_count(),
        "width": rendered.width,
        "height": rendered.height,
        "seconds": seconds,
    }))
}
