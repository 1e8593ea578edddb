//! Downscaling with `fast_image_resize` (SIMD convolution): the slow step of
//! normalisation once decoding is done.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;

use crate::error::{Error, Result};

/// `(width, height)` scaled so the long side is at most `long_side`, aspect kept.
pub(super) fn fit(width: u32, height: u32, long_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= long_side {
        return (width, height);
    }
    let scale = f64::from(long_side) / f64::from(long);
    let side = |value: u32| ((f64::from(value) * scale).round() as u32).clamp(1, long_side);
    (side(width), side(height))
}

/// Shrinks `rgb` so its long side is at most `long_side`; smaller pictures pass as they are.
pub(super) fn shrink(rgb: RgbImage, long_side: u32, filter: FilterType) -> Result<RgbImage> {
    let (width, height) = rgb.dimensions();
    let (to_width, to_height) = fit(width, height, long_side);
    if (to_width, to_height) == (width, height) {
        return Ok(rgb);
    }
    let source =
        ImageRef::new(width, height, rgb.as_raw(), PixelType::U8x3).map_err(resize_error)?;
    let mut target = Image::new(to_width, to_height, PixelType::U8x3);
    Resizer::new()
        .resize(
            &source,
            &mut target,
            &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(filter)),
        )
        .map_err(resize_error)?;
    RgbImage::from_raw(to_width, to_height, target.into_vec())
        .ok_or_else(|| Error::IdImageProcessing("resized buffer has the wrong size".into()))
}

fn resize_error(error: impl std::fmt::Display) -> Error {
    Error::IdImageProcessing(format!("cannot resize: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_the_long_side_and_keeps_the_aspect() {
        assert_eq!(fit(4000, 3000, 2000), (2000, 1500));
        assert_eq!(fit(3000, 4000, 2000), (1500, 2000));
        assert_eq!(fit(1999, 10, 2000), (1999, 10));
        assert_eq!(fit(40000, 1, 2000), (2000, 1));
    }
}
