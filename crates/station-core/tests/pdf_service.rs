//! The PDF service on the real pdfium, with PDFs generated here: page counts and
//! sizes, renders with the right pixel size and ink where something was drawn,
//! thumbnails, the cache, and the refusals (encrypted, truncated, garbage).
//!
//! Needs pdfium: `PDFIUM_LIB` must name the library (`cargo xtask test` sets it).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_support;

use std::sync::Arc;

use pdf_support::{
    A4, LETTER_LANDSCAPE, Page, aes256_encrypted, page, pdf, rc4_encrypted, service,
    service_caching,
};
use station_core::{Error, OpenedPdf, PdfService, PixelFormat, RenderSize};

fn rgba_at(rendered: &[u8], width: u32, x: u32, y: u32) -> [u8; 4] {
    let at = ((y * width + x) * 4) as usize;
    rendered[at..at + 4].try_into().unwrap()
}

#[tokio::test]
async fn pages_are_counted_and_measured_in_points() {
    let service = service();
    let one = service.open(pdf(&[page(A4)])).await.unwrap();
    assert_eq!(one.summary().page_count(), 1);
    assert_eq!(one.summary().digest.len(), 64);

    let mixed = [
        page(A4),
        page(LETTER_LANDSCAPE),
        Page {
            size: A4,
            rotate: 90,
        },
        page((200.0, 300.5)),
    ];
    let opened = service.open(pdf(&mixed)).await.unwrap();
    let sizes: Vec<(f32, f32)> = opened
        .summary()
        .pages
        .iter()
        .map(|size| (size.width_pt, size.height_pt))
        .collect();
    // A /Rotate 90 page is shown (and measured) landscape.
    assert_eq!(
        sizes,
        [A4, LETTER_LANDSCAPE, (842.0, 595.0), (200.0, 300.5)]
    );

    let many: Vec<Page> = (0..300)
        .map(|n| page(if n % 2 == 0 { A4 } else { LETTER_LANDSCAPE }))
        .collect();
    let opened = service.open(pdf(&many)).await.unwrap();
    assert_eq!(opened.summary().page_count(), 300);
    assert_eq!(opened.summary().pages[299].width_pt, 792.0);
}

#[tokio::test]
async fn a_page_renders_at_150_dpi_with_ink_where_it_was_drawn() {
    let service = service();
    let opened = service.open(pdf(&[page(A4)])).await.unwrap();
    let page0 = service
        .render_page(&opened, 0, RenderSize::Dpi(150.0), PixelFormat::Rgba)
        .await
        .unwrap();
    // 595 × 842 pt at 150/72 px per pt.
    assert_eq!((page0.width, page0.height), (1240, 1754));
    assert_eq!(page0.bytes.len(), 1240 * 1754 * 4);
    let px = |x_pt: f32, y_pt: f32| {
        let scale = 150.0 / 72.0;
        let x = (x_pt * scale) as u32;
        let y = ((842.0 - y_pt) * scale) as u32;
        rgba_at(&page0.bytes, page0.width, x, y)
    };
    // Inside the black box, outside anything, and opaque everywhere.
    assert_eq!(px(172.0, 122.0), [0, 0, 0, 255]);
    assert_eq!(px(400.0, 400.0), [255, 255, 255, 255]);
    // The text "Page 1" (36 pt Helvetica at 72, 742) leaves dark pixels in its line.
    let dark_in_text = (72..250)
        .flat_map(|x| (742..770).map(move |y| (x as f32, y as f32)))
        .filter(|&(x, y)| px(x, y)[0] < 100)
        .count();
    assert!(
        dark_in_text > 50,
        "{dark_in_text} dark samples in the text line"
    );
}

#[tokio::test]
async fn png_renders_and_thumbnails_decode_to_the_same_picture() {
    let service = service();
    let opened = service
        .open(pdf(&[
            page(LETTER_LANDSCAPE),
            Page {
                size: A4,
                rotate: 90,
            },
        ]))
        .await
        .unwrap();
    let png = service
        .render_page(&opened, 0, RenderSize::Scale(1.0), PixelFormat::Png)
        .await
        .unwrap();
    assert_eq!((png.width, png.height), (792, 612));
    let decoded = image::load_from_memory_with_format(&png.bytes, image::ImageFormat::Png)
        .unwrap()
        .to_rgba8();
    assert_eq!(decoded.dimensions(), (792, 612));
    assert_eq!(decoded.get_pixel(172, 612 - 122).0, [0, 0, 0, 255]);

    let thumbnail = service.thumbnail(&opened, 1, 200).await.unwrap();
    assert_eq!(thumbnail.format, PixelFormat::Png);
    // The rotated A4 page is landscape: 200 × 141.
    assert_eq!((thumbnail.width, thumbnail.height), (200, 141));
    let decoded = image::load_from_memory(&thumbnail.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (200, 141));
    let ink = decoded
        .to_luma8()
        .pixels()
        .filter(|pixel| pixel.0[0] < 64)
        .count();
    assert!(
        ink > 100,
        "the box shows in the thumbnail ({ink} dark pixels)"
    );
}

#[tokio::test]
async fn repeated_renders_come_from_the_cache() {
    let service = service();
    let opened = service.open(pdf(&[page(A4), page(A4)])).await.unwrap();
    let first = service
        .render_page(&opened, 1, RenderSize::Dpi(72.0), PixelFormat::Rgba)
        .await
        .unwrap();
    let stats = service.cache_stats().unwrap();
    assert_eq!((stats.hits, stats.misses, stats.entries), (0, 1, 1));
    let again = service
        .render_page(&opened, 1, RenderSize::Scale(1.0), PixelFormat::Rgba)
        .await
        .unwrap();
    // Same pixel size, same key: the very same buffer is handed out again.
    assert_eq!(again.bytes.as_ptr(), first.bytes.as_ptr());
    let stats = service.cache_stats().unwrap();
    assert_eq!((stats.hits, stats.misses), (1, 1));
    assert_eq!(stats.bytes, 595 * 842 * 4);
    // A PNG of the cached page reuses its pixels; a thumbnail is a new render.
    service
        .render_page(&opened, 1, RenderSize::Dpi(72.0), PixelFormat::Png)
        .await
        .unwrap();
    service.thumbnail(&opened, 0, 120).await.unwrap();
    let stats = service.cache_stats().unwrap();
    assert_eq!((stats.hits, stats.misses, stats.entries), (1, 3, 4));
    // The same file opened again has the same digest and shares the cache.
    let reopened = service.open(opened.bytes().to_vec()).await.unwrap();
    assert_eq!(reopened.summary().digest, opened.summary().digest);
    service.thumbnail(&reopened, 0, 120).await.unwrap();
    assert_eq!(service.cache_stats().unwrap().hits, 2);
}

#[tokio::test]
async fn the_cache_stays_within_its_byte_budget() {
    let service = service_caching(3 * 595 * 842 * 4);
    let pages: Vec<Page> = (0..6).map(|_| page(A4)).collect();
    let opened = service.open(pdf(&pages)).await.unwrap();
    for index in 0..6 {
        service
            .render_page(&opened, index, RenderSize::Scale(1.0), PixelFormat::Rgba)
            .await
            .unwrap();
    }
    let stats = service.cache_stats().unwrap();
    assert_eq!(stats.entries, 3);
    assert!(stats.bytes <= 3 * 595 * 842 * 4);
    // Page 5 is cached, page 0 was evicted.
    service
        .render_page(&opened, 5, RenderSize::Scale(1.0), PixelFormat::Rgba)
        .await
        .unwrap();
    service
        .render_page(&opened, 0, RenderSize::Scale(1.0), PixelFormat::Rgba)
        .await
        .unwrap();
    let stats = service.cache_stats().unwrap();
    assert_eq!((stats.hits, stats.misses), (1, 7));
}

#[tokio::test]
async fn concurrent_callers_are_all_served() {
    let service = Arc::new(service());
    let pages: Vec<Page> = (0..8).map(|_| page(LETTER_LANDSCAPE)).collect();
    let opened = service.open(pdf(&pages)).await.unwrap();
    let mut tasks = Vec::new();
    for index in 0..16u32 {
        let service = Arc::clone(&service);
        let opened = opened.clone();
        tasks.push(tokio::spawn(async move {
            service
                .render_page(&opened, index % 8, RenderSize::Dpi(96.0), PixelFormat::Rgba)
                .await
        }));
    }
    for task in tasks {
        let rendered = task.await.unwrap().unwrap();
        assert_eq!((rendered.width, rendered.height), (1056, 816));
    }
}

async fn refusal(service: &PdfService, bytes: Vec<u8>) -> Error {
    match service.open(bytes).await {
        Ok(opened) => panic!("accepted: {opened:?}"),
        Err(error) => error,
    }
}

#[tokio::test]
async fn encrypted_pdfs_are_refused_even_without_a_password() {
    let service = service();
    for (name, bytes, code) in [
        (
            "RC4 with a user password",
            rc4_encrypted("user"),
            "pdf.password_protected",
        ),
        (
            "RC4, owner password only",
            rc4_encrypted(""),
            "pdf.encrypted",
        ),
        (
            "AES-256 with a user password",
            aes256_encrypted("user"),
            "pdf.password_protected",
        ),
        (
            "AES-256, owner password only",
            aes256_encrypted(""),
            "pdf.encrypted",
        ),
    ] {
        let error = refusal(&service, bytes).await;
        assert_eq!(error.code(), code, "{name}: {error}");
    }
}

#[tokio::test]
async fn broken_files_are_refused_with_the_reason() {
    let service = service();
    let good = pdf(&[page(A4), page(A4)]);

    let truncated = good[..good.len() * 2 / 3].to_vec();
    assert!(matches!(
        refusal(&service, truncated).await,
        Error::PdfTruncated
    ));

    let garbage: Vec<u8> = (0..5000u32).map(|n| (n * 7919 % 251) as u8).collect();
    assert!(matches!(
        refusal(&service, garbage).await,
        Error::PdfNotAPdf
    ));
    let jpeg_named_pdf = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00%%EOF".to_vec();
    assert!(matches!(
        refusal(&service, jpeg_named_pdf).await,
        Error::PdfNotAPdf
    ));
    assert!(matches!(
        refusal(&service, Vec::new()).await,
        Error::PdfNotAPdf
    ));

    let mut scrambled = b"%PDF-1.7\n".to_vec();
    scrambled.extend((0..5000u32).map(|n| (n * 7919 % 251) as u8));
    scrambled.extend_from_slice(b"\n%%EOF\n");
    let error = refusal(&service, scrambled).await;
    assert_eq!(error.code(), "pdf.unreadable", "{error}");

    let no_pages = pdf(&[]);
    assert!(matches!(
        refusal(&service, no_pages).await,
        Error::PdfNoPages
    ));

    // The service keeps working after refusals.
    assert_eq!(service.open(good).await.unwrap().summary().page_count(), 2);
}

#[tokio::test]
async fn bad_render_requests_get_clear_errors() {
    let service = service();
    let opened: OpenedPdf = service.open(pdf(&[page(A4)])).await.unwrap();
    let render = |page, size| service.render_page(&opened, page, size, PixelFormat::Rgba);
    match render(1, RenderSize::Dpi(72.0)).await {
        Err(
            error @ Error::PdfPageOutOfRange {
                page: 1,
                page_count: 1,
            },
        ) => {
            assert_eq!(error.code(), "pdf.page_out_of_range");
        }
        other => panic!("{other:?}"),
    }
    for size in [
        RenderSize::Dpi(0.0),
        RenderSize::Scale(-1.0),
        RenderSize::Scale(f32::NAN),
        RenderSize::Dpi(5000.0),
        RenderSize::LongSide(0),
    ] {
        let error = render(0, size).await.unwrap_err();
        assert_eq!(error.code(), "pdf.invalid_render_size", "{size:?}");
    }
}

#[test]
fn a_missing_library_is_named_with_how_to_get_one() {
    let error = PdfService::start_with("/nonexistent/libpdfium.so".into(), 1024).unwrap_err();
    assert_eq!(error.code(), "pdf.engine_unavailable");
    let details = error.details().unwrap();
    assert!(details.contains("/nonexistent/libpdfium.so"), "{details}");
    assert!(details.contains("cargo xtask"), "{details}");
}
