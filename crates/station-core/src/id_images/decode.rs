//! Decoding an uploaded picture safely: size checks from the header before any
//! pixel is decoded, then RGB pixels and the EXIF orientation.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use super::sniff::{PictureKind, jpeg_is_complete, png_is_complete, sniff};
use crate::error::{Error, Result};

/// Largest file accepted. A 50 MP camera JPEG is ~25 MiB; anything bigger is not a photo.
pub const ID_IMAGE_MAX_FILE_BYTES: usize = 40 * 1024 * 1024;

/// Most pixels decoded (a 50 MP camera). Beyond that a small file is a decompression bomb.
pub const ID_IMAGE_MAX_PIXELS: u64 = 50_000_000;

/// Longest side over shortest side accepted. Documents and photos stay far below;
/// 1×40000 "images" are attacks or accidents.
pub const ID_IMAGE_MAX_ASPECT_RATIO: u32 = 10;

/// Memory the decoder may hold: the largest picture at 16-bit RGBA, with room to spare.
const MAX_DECODER_ALLOC: u64 = ID_IMAGE_MAX_PIXELS * 8 + 64 * 1024 * 1024;

/// A decoded picture as stored (not yet turned upright).
pub(super) struct Decoded {
    pub rgb: RgbImage,
    pub orientation: Orientation,
}

pub(super) fn decode(bytes: &[u8]) -> Result<Decoded> {
    if bytes.len() > ID_IMAGE_MAX_FILE_BYTES {
        return Err(Error::IdImageFileTooLarge {
            bytes: bytes.len(),
            limit: ID_IMAGE_MAX_FILE_BYTES,
        });
    }
    let format = match sniff(bytes)? {
        PictureKind::Jpeg => {
            if !jpeg_is_complete(bytes) {
                return Err(Error::IdImageCorrupt("the JPEG data is cut short".into()));
            }
            ImageFormat::Jpeg
        }
        PictureKind::Png => {
            if !png_is_complete(bytes) {
                return Err(Error::IdImageCorrupt("the PNG data is cut short".into()));
            }
            ImageFormat::Png
        }
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODER_ALLOC);
    reader.limits(limits);
    // Reads the header only: nothing image-sized is allocated before the checks below.
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    // A damaged EXIF block loses the rotation, not the picture.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let image = DynamicImage::from_decoder(decoder).map_err(|error| match error {
        ImageError::Limits(_) => Error::IdImageTooManyPixels { width, height },
        other => corrupt(other),
    })?;
    Ok(Decoded {
        rgb: flatten(image),
        orientation,
    })
}

fn check_dimensions(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::IdImageCorrupt("the picture has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > ID_IMAGE_MAX_PIXELS {
        return Err(Error::IdImageTooManyPixels { width, height });
    }
    let (long, short) = (width.max(height), width.min(height));
    if long / short >= ID_IMAGE_MAX_ASPECT_RATIO {
        return Err(Error::IdImageAspectRatio { width, height });
    }
    Ok(())
}

fn corrupt(error: ImageError) -> Error {
    Error::IdImageCorrupt(error.to_string())
}

/// 8-bit RGB; transparent areas become white, as on paper.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return match image {
            DynamicImage::ImageRgb8(rgb) => rgb,
            other => other.to_rgb8(),
        };
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for pixel in rgba.pixels() {
        let [r, g, b, a] = pixel.0;
        let alpha = u16::from(a);
        let over_white = |c: u8| ((u16::from(c) * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
        rgb.extend_from_slice(&[over_white(r), over_white(g), over_white(b)]);
    }
    // The buffer holds exactly width × height pixels, so this cannot fail.
    RgbImage::from_raw(width, height, rgb).unwrap_or_default()
}
