//! JPEG output within the upload size limit, with no metadata at all: the picture
//! is re-encoded from pixels, so EXIF (GPS, camera serials) never leaves the station.

use fast_image_resize::FilterType;
use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder};

use super::resize::shrink;
use crate::error::{Error, Result};

/// Qualities tried in turn until the file fits: the first is visually lossless for
/// documents; the last still keeps 8-point print legible at 2000 px.
const QUALITIES: [u8; 6] = [85, 78, 70, 62, 54, 45];

/// Answers the JPEG and the pixels it holds (smaller than `rgb` only when even the
/// lowest quality did not fit, which takes noise-like pictures).
pub(super) fn encode_within(mut rgb: RgbImage, max_bytes: usize) -> Result<(Vec<u8>, RgbImage)> {
    loop {
        for quality in QUALITIES {
            let jpeg = encode(&rgb, quality)?;
            if jpeg.len() <= max_bytes {
                return Ok((jpeg, rgb));
            }
        }
        let long_side = rgb.width().max(rgb.height());
        if long_side <= 64 {
            return Err(Error::IdImageProcessing(
                "the picture does not compress below the upload limit".into(),
            ));
        }
        rgb = shrink(rgb, long_side * 4 / 5, FilterType::CatmullRom)?;
    }
}

fn encode(rgb: &RgbImage, quality: u8) -> Result<Vec<u8>> {
    let (width, height) = rgb.dimensions();
    let too_big = || Error::IdImageProcessing("picture too large for JPEG".into());
    let width = u16::try_from(width).map_err(|_| too_big())?;
    let height = u16::try_from(height).map_err(|_| too_big())?;
    let mut jpeg = Vec::with_capacity(rgb.len() / 8);
    Encoder::new(&mut jpeg, quality)
        .encode(rgb.as_raw(), width, height, ColorType::Rgb)
        .map_err(|error| Error::IdImageProcessing(format!("cannot encode JPEG: {error}")))?;
    Ok(jpeg)
}
