//! ID picture normalisation on pictures generated here: sharp, blurred, dark,
//! bright and tiny ones, all eight EXIF orientations, huge, bomb-like, cut-off
//! and disguised files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use image::{DynamicImage, GrayImage, ImageFormat, Rgb, RgbImage};
use station_core::{
    CropRect, Error, ID_IMAGE_HINT_CODES, IdImageEdit, IdImageFolder, ImageQualityHint,
    NormalizedIdImage, normalize_edited_id_image_blocking, normalize_id_image,
    normalize_id_image_blocking,
};

const MAX_SIDE: u32 = 2000;
const MAX_BYTES: usize = 1024 * 1024;

/// A deterministic pseudo-random sequence (no seed files, same pictures every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(below)) as u32
    }
}

/// Something like a photographed ID card: a light card with lines of glyph-sized
/// dark strokes and a portrait block with a gradient.
fn document(width: u32, height: u32) -> RgbImage {
    let mut image = RgbImage::from_pixel(width, height, Rgb([228, 226, 220]));
    let mut random = Lcg(7);
    let portrait = (width / 20, height / 5, width / 4, height * 3 / 5);
    for y in portrait.1..portrait.1 + portrait.3 {
        for x in portrait.0..portrait.0 + portrait.2 {
            let shade = (40
                + (x - portrait.0) * 120 / portrait.2
                + (y - portrait.1) * 60 / portrait.3) as u8;
            image.put_pixel(x, y, Rgb([shade, shade / 2 + 40, 90]));
        }
    }
    let glyph_height = (height / 40).max(6);
    let mut y = height / 8;
    while y + glyph_height < height * 15 / 16 {
        let mut x = width / 3;
        while x < width * 15 / 16 {
            let stroke = 2 + random.next(glyph_height / 3);
            let glyph = 4 + random.next(glyph_height);
            for gx in x..(x + glyph).min(width) {
                for gy in y..y + glyph_height {
                    // Hollow glyphs: strokes on the outline only, like letters.
                    let edge = gx < x + stroke
                        || gx + stroke >= x + glyph
                        || gy < y + stroke
                        || gy + stroke >= y + glyph_height;
                    if edge {
                        image.put_pixel(gx, gy, Rgb([25, 25, 35]));
                    }
                }
            }
            x += glyph + 3 + random.next(glyph_height / 2 + 1);
        }
        y += glyph_height * 2;
    }
    image
}

fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    jpeg_with_segments(image, quality, Vec::new())
}

fn jpeg_with_segments(image: &RgbImage, quality: u8, app1: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    if !app1.is_empty() {
        encoder.add_app_segment(1, app1).unwrap();
    }
    encoder
        .encode(
            image.as_raw(),
            image.width() as u16,
            image.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    out
}

fn png(image: &DynamicImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// An EXIF APP1 payload with an orientation tag, and a GPS-looking ASCII tag
/// (ImageDescription) that must not survive.
fn exif(orientation: u16) -> Vec<u8> {
    let description = b"GPS 40.4168N 3.7038W\0";
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // big-endian TIFF, IFD0 at 8
    tiff.extend_from_slice(&2u16.to_be_bytes()); // two entries
    // ImageDescription (0x010E), ASCII, stored after the IFD.
    let data_offset = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&0x010Eu16.to_be_bytes());
    tiff.extend_from_slice(&2u16.to_be_bytes());
    tiff.extend_from_slice(&(description.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&(data_offset as u32).to_be_bytes());
    // Orientation (0x0112), SHORT, value inline.
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    tiff.extend_from_slice(description);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    app1
}

fn normalize(bytes: &[u8]) -> NormalizedIdImage {
    normalize_id_image_blocking(bytes).unwrap()
}

fn decode(jpeg: &[u8]) -> RgbImage {
    assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]), "not a JPEG");
    image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg)
        .unwrap()
        .to_rgb8()
}

fn assert_fits(normalized: &NormalizedIdImage) {
    let report = &normalized.report;
    assert!(report.width.max(report.height) <= MAX_SIDE, "{report:?}");
    assert!(normalized.jpeg.len() <= MAX_BYTES, "{report:?}");
    assert_eq!(report.byte_size as usize, normalized.jpeg.len());
    let decoded = decode(&normalized.jpeg);
    assert_eq!(decoded.dimensions(), (report.width, report.height));
}

#[test]
fn a_sharp_well_lit_document_gets_no_hints() {
    let normalized = normalize(&jpeg(&document(1600, 1000), 92));
    assert_fits(&normalized);
    assert_eq!(normalized.report.hints, [], "{:?}", normalized.report);
    assert_eq!(
        (normalized.report.width, normalized.report.height),
        (1600, 1000)
    );
}

#[test]
fn large_pictures_shrink_to_2000_px_keeping_the_aspect() {
    for (width, height) in [(4000, 3000), (3000, 4000), (2001, 1000), (6000, 1000)] {
        // Drawn at a quarter of the size and blown up: big pictures in a few milliseconds.
        let source = image::imageops::resize(
            &document(width / 4, height / 4),
            width,
            height,
            image::imageops::FilterType::Nearest,
        );
        let normalized = normalize(&jpeg(&source, 90));
        assert_fits(&normalized);
        let report = &normalized.report;
        assert_eq!(
            report.width.max(report.height),
            MAX_SIDE,
            "{width}×{height}"
        );
        let aspect_in = f64::from(width) / f64::from(height);
        let aspect_out = f64::from(report.width) / f64::from(report.height);
        assert!(
            (aspect_in - aspect_out).abs() < 0.01,
            "{width}×{height}: {report:?}"
        );
        assert_eq!((report.source_width, report.source_height), (width, height));
        assert!(!report.hints.contains(&ImageQualityHint::TooSmall));
    }
}

#[test]
fn noise_that_will_not_compress_still_ends_under_1_mib() {
    let mut random = Lcg(99);
    let noise = RgbImage::from_fn(2100, 2100, |_, _| {
        Rgb([
            random.next(256) as u8,
            random.next(256) as u8,
            random.next(256) as u8,
        ])
    });
    let normalized = normalize(&png(&DynamicImage::ImageRgb8(noise)));
    assert_fits(&normalized);
}

#[test]
fn pngs_are_accepted_and_transparency_becomes_white() {
    let mut rgba = DynamicImage::ImageRgb8(document(1200, 800)).to_rgba8();
    for y in 0..100 {
        for x in 0..100 {
            rgba.put_pixel(x, y, image::Rgba([0, 0, 0, 0]));
        }
    }
    let normalized = normalize(&png(&DynamicImage::ImageRgba8(rgba)));
    assert_fits(&normalized);
    let corner = decode(&normalized.jpeg).get_pixel(20, 20).0;
    assert!(corner.iter().all(|&c| c > 240), "{corner:?}");
    let grey = DynamicImage::ImageLuma8(GrayImage::from_pixel(1200, 800, image::Luma([128])));
    assert_fits(&normalize(&png(&grey)));
}

/// The display pixel that stored pixel (x, y) shows under EXIF `orientation`, for
/// a display of `width` × `height` (the EXIF specification's table, written out).
fn display_position(orientation: u16, x: u32, y: u32, width: u32, height: u32) -> (u32, u32) {
    match orientation {
        1 => (x, y),
        2 => (width - 1 - x, y),
        3 => (width - 1 - x, height - 1 - y),
        4 => (x, height - 1 - y),
        5 => (y, x),
        6 => (width - 1 - y, x),
        7 => (width - 1 - y, height - 1 - x),
        8 => (y, height - 1 - x),
        _ => unreachable!(),
    }
}

#[test]
fn every_exif_orientation_comes_out_upright_and_metadata_is_gone() {
    let (width, height) = (600, 300);
    // Upright: red top-left, green top-right, white elsewhere. Each of the eight
    // orientations moves this pair of corners somewhere else.
    let upright = RgbImage::from_fn(width, height, |x, y| match (x < 150, x >= 450, y < 100) {
        (true, _, true) => Rgb([220, 20, 20]),
        (_, true, true) => Rgb([20, 200, 20]),
        _ => Rgb([255, 255, 255]),
    });
    for orientation in 1..=8u16 {
        let (stored_width, stored_height) = if orientation >= 5 {
            (height, width)
        } else {
            (width, height)
        };
        let stored = RgbImage::from_fn(stored_width, stored_height, |x, y| {
            let (dx, dy) = display_position(orientation, x, y, width, height);
            *upright.get_pixel(dx, dy)
        });
        let input = jpeg_with_segments(&stored, 95, exif(orientation));
        let normalized = normalize(&input);
        let report = &normalized.report;
        assert_eq!(
            (report.width, report.height),
            (width, height),
            "orientation {orientation}"
        );
        assert_eq!((report.source_width, report.source_height), (width, height));
        let out = decode(&normalized.jpeg);
        let red = out.get_pixel(75, 50).0;
        let green = out.get_pixel(525, 50).0;
        let white = out.get_pixel(300, 200).0;
        assert!(
            red[0] > 180 && red[1] < 70,
            "orientation {orientation}: {red:?}"
        );
        assert!(
            green[1] > 160 && green[0] < 70,
            "orientation {orientation}: {green:?}"
        );
        assert!(white.iter().all(|&c| c > 230), "orientation {orientation}");
        // Re-encoded from pixels: no EXIF block, no GPS text, nothing but the picture.
        let has = |needle: &[u8]| normalized.jpeg.windows(needle.len()).any(|w| w == needle);
        assert!(!has(b"Exif\0\0"), "orientation {orientation}: EXIF kept");
        assert!(
            !has(b"GPS 40.4168N"),
            "orientation {orientation}: description kept"
        );
        assert!(
            input.windows(4).any(|w| w == b"GPS "),
            "the input did carry it"
        );
    }
}

#[test]
fn quality_hints_tell_sharp_from_blurred_dark_bright_and_small() {
    let sharp = document(1600, 1000);
    let hints = |image: &RgbImage| normalize(&jpeg(image, 92)).report.hints;
    assert_eq!(hints(&sharp), []);

    let blurred = image::imageops::blur(&sharp, 3.0);
    assert_eq!(hints(&blurred), [ImageQualityHint::Blurred]);

    let dark = RgbImage::from_fn(1600, 1000, |x, y| {
        let Rgb([r, g, b]) = *sharp.get_pixel(x, y);
        Rgb([r / 6, g / 6, b / 6])
    });
    assert_eq!(hints(&dark), [ImageQualityHint::TooDark]);

    let bright = RgbImage::from_fn(1600, 1000, |x, y| {
        let Rgb([r, g, b]) = *sharp.get_pixel(x, y);
        let lift = |c: u8| 200 + c / 5;
        Rgb([lift(r), lift(g), lift(b)])
    });
    assert_eq!(hints(&bright), [ImageQualityHint::TooBright]);

    let tiny = document(640, 400);
    assert_eq!(hints(&tiny), [ImageQualityHint::TooSmall]);
}

/// The blur threshold, calibrated: sharpness falls as blur grows and the line
/// between "fine" and "blurred" sits between a 0.5 px and a 2 px Gaussian blur.
#[test]
fn sharpness_falls_with_blur_and_the_threshold_sits_between() {
    let sharp = document(1600, 1000);
    let mut previous = f32::INFINITY;
    for sigma in [0.0f32, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0] {
        let image = if sigma == 0.0 {
            sharp.clone()
        } else {
            image::imageops::blur(&sharp, sigma)
        };
        let report = normalize(&jpeg(&image, 92)).report;
        let blurred = report.hints.contains(&ImageQualityHint::Blurred);
        println!(
            "sigma {sigma}: sharpness {:.0}",
            report.measurements.sharpness
        );
        assert!(report.measurements.sharpness < previous, "sigma {sigma}");
        previous = report.measurements.sharpness;
        if sigma <= 0.5 {
            assert!(!blurred, "sigma {sigma}: {report:?}");
        }
        if sigma >= 2.0 {
            assert!(blurred, "sigma {sigma}: {report:?}");
        }
    }
}

#[test]
fn hints_serialize_as_the_codes_the_ui_translates() {
    let all = [
        ImageQualityHint::TooSmall,
        ImageQualityHint::Blurred,
        ImageQualityHint::TooDark,
        ImageQualityHint::TooBright,
    ];
    let codes: Vec<String> = all
        .iter()
        .map(|hint| {
            serde_json::to_value(hint)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(codes, ID_IMAGE_HINT_CODES);
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    chunk.extend_from_slice(&body);
    chunk.extend_from_slice(&crc32(&body).to_be_bytes());
    chunk
}

/// A PNG that claims `width` × `height` RGB pixels but carries a few bytes of data.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    // zlib stream of a few zero bytes: a bomb would inflate a tiny stream like this.
    png.extend(png_chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    ));
    png.extend(png_chunk(b"IEND", &[]));
    png
}

#[test]
fn decompression_bombs_are_refused_from_the_header() {
    let bomb = png_header_only(20_000, 20_000);
    assert!(bomb.len() < 100);
    match normalize_id_image_blocking(&bomb) {
        Err(
            error @ Error::IdImageTooManyPixels {
                width: 20_000,
                height: 20_000,
            },
        ) => {
            assert_eq!(error.code(), "id_image.too_many_pixels");
            assert_eq!(error.details().as_deref(), Some("20000×20000"));
        }
        other => panic!("{other:?}"),
    }
    // A JPEG whose frame header claims 60000 × 60000.
    let mut jpeg = jpeg(&document(64, 48), 80);
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&60_000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&60_000u16.to_be_bytes());
    assert!(matches!(
        normalize_id_image_blocking(&jpeg),
        Err(Error::IdImageTooManyPixels {
            width: 60_000,
            height: 60_000
        })
    ));
    // Few pixels, absurd shape.
    assert!(matches!(
        normalize_id_image_blocking(&png_header_only(30_000, 2)),
        Err(Error::IdImageAspectRatio {
            width: 30_000,
            height: 2
        })
    ));
    assert!(matches!(
        normalize_id_image_blocking(&png_header_only(0, 100)),
        Err(Error::IdImageCorrupt(_))
    ));
}

#[test]
fn cut_off_files_are_corrupt() {
    let full_jpeg = jpeg(&document(800, 600), 90);
    let full_png = png(&DynamicImage::ImageRgb8(document(800, 600)));
    for (name, full) in [("jpeg", &full_jpeg), ("png", &full_png)] {
        assert!(normalize_id_image_blocking(full).is_ok(), "{name}");
        for keep in [full.len() * 3 / 5, full.len() - 2, 40] {
            match normalize_id_image_blocking(&full[..keep]) {
                Err(error @ Error::IdImageCorrupt(_)) => {
                    assert_eq!(error.code(), "id_image.corrupt");
                }
                other => panic!("{name} cut at {keep}: {other:?}"),
            }
        }
    }
}

#[test]
fn other_formats_named_jpg_are_refused_by_content() {
    let gif = b"GIF89a\x20\x00\x20\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00;".to_vec();
    let webp = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00".to_vec();
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec();
    let bmp = b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00".to_vec();
    for (bytes, detected) in [
        (gif, "gif"),
        (webp, "webp"),
        (pdf, "pdf"),
        (bmp, "bmp"),
        (Vec::new(), "empty"),
    ] {
        match normalize_id_image_blocking(&bytes) {
            Err(error @ Error::IdImageUnsupported { .. }) => {
                assert_eq!(error.code(), "id_image.unsupported_format");
                assert_eq!(error.details().as_deref(), Some(detected));
            }
            other => panic!("{detected}: {other:?}"),
        }
    }
}

#[test]
fn oversized_files_are_refused_before_decoding() {
    let mut huge = jpeg(&document(64, 48), 80);
    huge.resize(41 * 1024 * 1024, 0);
    assert!(matches!(
        normalize_id_image_blocking(&huge),
        Err(Error::IdImageFileTooLarge { .. })
    ));
}

#[tokio::test]
async fn the_async_api_runs_off_the_executor() {
    let bytes = jpeg(
        &image::imageops::resize(
            &document(600, 400),
            2400,
            1600,
            image::imageops::FilterType::Nearest,
        ),
        90,
    );
    let normalized = normalize_id_image(bytes).await.unwrap();
    assert_fits(&normalized);
    assert_eq!(normalized.report.width, MAX_SIDE);
    let error = normalize_id_image(b"GIF89a".to_vec()).await.unwrap_err();
    assert_eq!(error.code(), "id_image.unsupported_format");
}

fn crop(x: u32, y: u32, width: u32, height: u32) -> Option<CropRect> {
    Some(CropRect {
        x,
        y,
        width,
        height,
    })
}

fn is_blue(pixel: &Rgb<u8>) -> bool {
    let [r, g, b] = pixel.0;
    b > 150 && r < 90 && g < 90
}

#[test]
fn turns_and_crops_apply_to_the_full_picture_before_it_shrinks() {
    // A 3000 × 2000 photo whose top-left 1500 × 1000 is the card, the rest a blue desk.
    let mut photo = RgbImage::from_pixel(3000, 2000, Rgb([30, 40, 200]));
    image::imageops::replace(&mut photo, &document(1500, 1000), 0, 0);
    let bytes = jpeg(&photo, 92);
    // Turned right, the card's corner moves to the top right: x 1000..2000, y 0..1500.
    let edit = IdImageEdit {
        quarter_turns: 1,
        crop: crop(1000, 0, 1000, 1500),
    };
    let edited = normalize_edited_id_image_blocking(&bytes, &edit).unwrap();
    assert_fits(&edited);
    let report = &edited.report;
    // Cropped at full resolution: 1000 × 1500 kept pixel for pixel, not from a 2000 px copy.
    assert_eq!((report.width, report.height), (1000, 1500));
    assert_eq!((report.source_width, report.source_height), (3000, 2000));
    assert!(!report.hints.contains(&ImageQualityHint::TooSmall));
    let pixels = decode(&edited.jpeg);
    let desk = pixels.pixels().filter(|pixel| is_blue(pixel)).count();
    assert_eq!(desk, 0, "the crop kept some of the desk");
    // The card's portrait block (left of the card) is now at the top after the right turn.
    let top = pixels.get_pixel(500, 150).0;
    assert!(
        top[2] < 120 && top[0] > 40,
        "portrait expected at the top: {top:?}"
    );

    // A small crop is judged as small, whatever the camera's resolution.
    let small = IdImageEdit {
        quarter_turns: 0,
        crop: crop(0, 0, 600, 400),
    };
    let report = normalize_edited_id_image_blocking(&bytes, &small)
        .unwrap()
        .report;
    assert_eq!((report.width, report.height), (600, 400));
    assert!(report.hints.contains(&ImageQualityHint::TooSmall));

    // A big crop still shrinks to the upload limits.
    let big = IdImageEdit {
        quarter_turns: 2,
        crop: crop(0, 0, 2800, 2000),
    };
    let report = normalize_edited_id_image_blocking(&bytes, &big)
        .unwrap()
        .report;
    assert_eq!((report.width, report.height), (MAX_SIDE, 1429));
}

#[test]
fn the_edit_starts_from_the_upright_picture_and_a_crop_outside_it_is_refused() {
    // Stored 300 × 200 with "turn right to view" (6): upright it is 200 × 300.
    let mut stored = RgbImage::from_pixel(300, 200, Rgb([235, 235, 235]));
    for y in 0..40 {
        for x in 0..60 {
            stored.put_pixel(x, y, Rgb([200, 20, 20]));
        }
    }
    let bytes = jpeg_with_segments(&stored, 95, exif(6));
    // One turn left undoes the EXIF turn: the stored layout comes back.
    let left = IdImageEdit {
        quarter_turns: 3,
        crop: None,
    };
    let edited = normalize_edited_id_image_blocking(&bytes, &left).unwrap();
    assert_eq!(
        (edited.report.source_width, edited.report.source_height),
        (200, 300)
    );
    let pixels = decode(&edited.jpeg);
    assert_eq!(pixels.dimensions(), (300, 200));
    let [r, g, _] = pixels.get_pixel(10, 10).0;
    assert!(r > 150 && g < 80, "red corner expected top-left");

    // The crop is checked against the upright picture (200 × 300), not as stored (300 × 200).
    let whole = IdImageEdit {
        quarter_turns: 0,
        crop: crop(0, 0, 200, 300),
    };
    let report = normalize_edited_id_image_blocking(&bytes, &whole)
        .unwrap()
        .report;
    assert_eq!((report.width, report.height), (200, 300));
    let outside = IdImageEdit {
        quarter_turns: 0,
        crop: crop(0, 100, 200, 201),
    };
    let error = normalize_edited_id_image_blocking(&bytes, &outside).unwrap_err();
    assert_eq!(error.code(), "id_image.crop_outside");
    assert!(error.to_string().contains("200×300"), "{error}");
    let empty = IdImageEdit {
        quarter_turns: 1,
        crop: crop(0, 0, 0, 10),
    };
    assert_eq!(
        normalize_edited_id_image_blocking(&bytes, &empty)
            .unwrap_err()
            .code(),
        "id_image.crop_outside"
    );
}

#[tokio::test]
async fn camera_pictures_are_kept_as_taken_and_edits_start_from_them() {
    let dir = tempfile::tempdir().unwrap();
    let folder = IdImageFolder::new(dir.path().join("id-images"));
    let taken = png(&DynamicImage::ImageRgb8(document(1280, 720)));
    let captured = folder.prepare_captured(taken.clone()).await.unwrap();
    assert!(captured.captured);
    assert!(captured.edit.is_identity());
    assert_eq!(captured.source.extension().unwrap(), "png");
    assert_eq!(std::fs::read(&captured.source).unwrap(), taken);
    assert_eq!(
        captured.source_name,
        captured.source.file_name().unwrap().to_string_lossy()
    );
    let upload = std::fs::read(&captured.path).unwrap();
    assert_eq!(decode(&upload).dimensions(), (1280, 720));
    assert!(captured.preview.starts_with("data:image/jpeg;base64,"));

    // Rotating and cropping later works on the camera's picture, not the reduced copy.
    let edit = IdImageEdit {
        quarter_turns: 1,
        crop: crop(0, 100, 720, 1000),
    };
    let edited = folder
        .prepare_file(captured.source.clone(), edit)
        .await
        .unwrap();
    assert_eq!(edited.edit, edit);
    assert_eq!(edited.source, captured.source);
    assert_ne!(edited.path, captured.path);
    assert_eq!(
        (edited.report.width, edited.report.height),
        (720, 1000),
        "{:?}",
        edited.report
    );
    assert!(edited.captured, "still the camera's picture");

    // Something that is not a picture is refused before anything is written.
    let before = std::fs::read_dir(folder.root()).unwrap().count();
    let error = folder
        .prepare_captured(b"GIF89a\x01\x00".to_vec())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "id_image.unsupported_format");
    assert_eq!(std::fs::read_dir(folder.root()).unwrap().count(), before);
    let missing = folder
        .prepare_file(dir.path().join("gone.jpg"), IdImageEdit::default())
        .await
        .unwrap_err();
    assert!(
        matches!(missing, Error::UnreadableFile { .. }),
        "{missing:?}"
    );
}
