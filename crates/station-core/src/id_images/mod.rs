//! ID pictures (document front and rear, the signer's selfie) made fit to upload:
//! only real JPEG or PNG, no decompression bombs, turned upright, at most 2000 px
//! and 1 MiB, stripped of metadata, with quality hints for the capture screen.

mod decode;
mod encode;
mod models;
mod quality;
mod resize;
mod sniff;

use fast_image_resize::FilterType;
use image::DynamicImage;
use image::metadata::Orientation;

pub use decode::{ID_IMAGE_MAX_ASPECT_RATIO, ID_IMAGE_MAX_FILE_BYTES, ID_IMAGE_MAX_PIXELS};
pub use models::{
    ID_IMAGE_HINT_CODES, IdImageReport, ImageMeasurements, ImageQualityHint, NormalizedIdImage,
};
pub use quality::ID_IMAGE_MIN_LONG_SIDE;

use crate::error::{Error, Result};

/// The long side of an uploaded picture is at most this many pixels.
pub const ID_IMAGE_MAX_LONG_SIDE: u32 = 2000;

/// An uploaded picture is at most this many bytes.
pub const ID_IMAGE_MAX_JPEG_BYTES: usize = 1024 * 1024;

/// Normalises an ID picture on a blocking thread; see [`normalize_id_image_blocking`].
pub async fn normalize_id_image(bytes: Vec<u8>) -> Result<NormalizedIdImage> {
    tokio::task::spawn_blocking(move || normalize_id_image_blocking(&bytes))
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}

/// Turns an uploaded JPEG or PNG into an upright JPEG of at most
/// [`ID_IMAGE_MAX_LONG_SIDE`] px and [`ID_IMAGE_MAX_JPEG_BYTES`], without metadata, and judges its
/// quality. CPU-bound for tens of milliseconds: call from a blocking context.
pub fn normalize_id_image_blocking(bytes: &[u8]) -> Result<NormalizedIdImage> {
    let decoded = decode::decode(bytes)?;
    let (stored_width, stored_height) = decoded.rgb.dimensions();
    // Shrinking before turning upright moves 4× fewer pixels through the rotation.
    let small = resize::shrink(decoded.rgb, ID_IMAGE_MAX_LONG_SIDE, FilterType::Lanczos3)?;
    let mut upright = DynamicImage::ImageRgb8(small);
    upright.apply_orientation(decoded.orientation);
    let upright = upright.into_rgb8();
    let measurements = quality::measure(&upright)?;
    let hints = quality::hints(stored_width.max(stored_height), &measurements);
    let (jpeg, pixels) = encode::encode_within(upright, ID_IMAGE_MAX_JPEG_BYTES)?;
    let swaps_sides = matches!(
        decoded.orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (source_width, source_height) = if swaps_sides {
        (stored_height, stored_width)
    } else {
        (stored_width, stored_height)
    };
    Ok(NormalizedIdImage {
        report: IdImageReport {
            width: pixels.width(),
            height: pixels.height(),
            byte_size: u32::try_from(jpeg.len()).unwrap_or(u32::MAX),
            source_width,
            source_height,
            hints,
            measurements,
        },
        jpeg,
    })
}
