//! ID pictures (document front and rear, the signer's selfie) made fit to upload:
//! only real JPEG or PNG, no decompression bombs, turned upright, at most 2000 px
//! and 1 MiB, stripped of metadata, with quality hints for the capture screen;
//! turned and cropped as the officer asks, and kept in the station's data folder.

mod decode;
mod edit;
mod encode;
mod models;
mod prepared;
mod quality;
mod resize;
mod sniff;

use fast_image_resize::FilterType;
use image::DynamicImage;
use image::metadata::Orientation;

pub use decode::{ID_IMAGE_MAX_ASPECT_RATIO, ID_IMAGE_MAX_FILE_BYTES, ID_IMAGE_MAX_PIXELS};
pub use edit::{CropRect, IdImageEdit};
pub use models::{
    ID_IMAGE_HINT_CODES, IdImageReport, ImageMeasurements, ImageQualityHint, NormalizedIdImage,
};
pub use prepared::{IdImageFolder, PreparedIdImage};
pub use quality::ID_IMAGE_MIN_LONG_SIDE;

use crate::error::{Error, Result};

/// The long side of an uploaded picture is at most this many pixels.
pub const ID_IMAGE_MAX_LONG_SIDE: u32 = 2000;

/// An uploaded picture is at most this many bytes.
pub const ID_IMAGE_MAX_JPEG_BYTES: usize = 1024 * 1024;

/// Normalises an ID picture on a blocking thread; see [`normalize_id_image_blocking`].
pub async fn normalize_id_image(bytes: Vec<u8>) -> Result<NormalizedIdImage> {
    normalize_edited_id_image(bytes, IdImageEdit::default()).await
}

/// Normalises an ID picture the officer turned or cropped, on a blocking thread; see
/// [`normalize_edited_id_image_blocking`].
pub async fn normalize_edited_id_image(
    bytes: Vec<u8>,
    edit: IdImageEdit,
) -> Result<NormalizedIdImage> {
    tokio::task::spawn_blocking(move || normalize_edited_id_image_blocking(&bytes, &edit))
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}

/// Turns an uploaded JPEG or PNG into an upright JPEG of at most
/// [`ID_IMAGE_MAX_LONG_SIDE`] px and [`ID_IMAGE_MAX_JPEG_BYTES`], without metadata, and judges its
/// quality. CPU-bound for tens of milliseconds: call from a blocking context.
pub fn normalize_id_image_blocking(bytes: &[u8]) -> Result<NormalizedIdImage> {
    normalize_edited_id_image_blocking(bytes, &IdImageEdit::default())
}

/// Like [`normalize_id_image_blocking`], with the officer's turns and crop applied to the
/// upright picture at full resolution (so a crop keeps every pixel the camera took) before it
/// is shrunk and judged. The report's source size is the upright picture before the edit, the
/// frame the UI draws crops in.
pub fn normalize_edited_id_image_blocking(
    bytes: &[u8],
    edit: &IdImageEdit,
) -> Result<NormalizedIdImage> {
    let decoded = decode::decode(bytes)?;
    let (stored_width, stored_height) = decoded.rgb.dimensions();
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
    let (upright, judged_long_side) = if edit.is_identity() {
        // Shrinking before turning upright moves 4× fewer pixels through the rotation.
        let small = resize::shrink(decoded.rgb, ID_IMAGE_MAX_LONG_SIDE, FilterType::Lanczos3)?;
        (
            orient(small, decoded.orientation),
            stored_width.max(stored_height),
        )
    } else {
        let edited = edit::apply(orient(decoded.rgb, decoded.orientation), edit)?;
        let long_side = edited.width().max(edited.height());
        let small = resize::shrink(edited, ID_IMAGE_MAX_LONG_SIDE, FilterType::Lanczos3)?;
        (small, long_side)
    };
    let measurements = quality::measure(&upright)?;
    let hints = quality::hints(judged_long_side, &measurements);
    let (jpeg, pixels) = encode::encode_within(upright, ID_IMAGE_MAX_JPEG_BYTES)?;
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

fn orient(rgb: image::RgbImage, orientation: Orientation) -> image::RgbImage {
    let mut upright = DynamicImage::ImageRgb8(rgb);
    upright.apply_orientation(orientation);
    upright.into_rgb8()
}
