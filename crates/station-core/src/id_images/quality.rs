//! Quality hints for the capture screen: too small, blurred, too dark, too bright.
//! They advise the officer; they never block an upload.

use fast_image_resize::FilterType;
use image::RgbImage;

use super::models::{ImageMeasurements, ImageQualityHint};
use super::resize::shrink;
use crate::error::Result;

/// Pictures whose long side has fewer pixels than this make ID text hard to read.
pub const ID_IMAGE_MIN_LONG_SIDE: u32 = 1000;

/// Quality is judged on a grey copy of this long side, so sharpness is measured
/// relative to the picture, whatever the camera's resolution.
const ANALYSIS_LONG_SIDE: u32 = 1000;

/// Below this variance of the Laplacian (on the contrast-stretched grey copy) the
/// picture is blurred. Calibrated in the tests on a generated card 1600 px wide:
/// ~7900 sharp, ~5300 / ~1850 / ~800 / ~400 after a Gaussian blur of σ 0.5 / 1 /
/// 1.5 / 2 px; σ 2 (≈1.3 px on the grey copy) already blurs small print.
const BLUR_THRESHOLD: f32 = 600.0;

/// Mean luminance (0–255) below which a picture is too dark.
const DARK_MEAN: f32 = 60.0;
/// Mean luminance above which a picture is washed out.
const BRIGHT_MEAN: f32 = 215.0;
/// Share of near-black pixels (luminance ≤ 20) above which a picture is too dark.
const DARK_SHARE: f32 = 0.5;
/// Share of clipped pixels (luminance ≥ 250) above which glare or overexposure hides details.
const CLIPPED_SHARE: f32 = 0.25;

/// Measures `rgb` (upright, already at most 2000 px).
pub(super) fn measure(rgb: &RgbImage) -> Result<ImageMeasurements> {
    let small = shrink(rgb.clone(), ANALYSIS_LONG_SIDE, FilterType::Box)?;
    let (width, height) = (small.width() as usize, small.height() as usize);
    let luma: Vec<u8> = small
        .pixels()
        .map(|pixel| {
            let [r, g, b] = pixel.0;
            // ITU-R BT.601 weights in 8-bit fixed point.
            ((77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)) >> 8) as u8
        })
        .collect();
    let count = luma.len().max(1) as f32;
    let mut histogram = [0u32; 256];
    for &value in &luma {
        histogram[usize::from(value)] += 1;
    }
    let sum: u64 = luma.iter().map(|&value| u64::from(value)).sum();
    let share = |range: std::ops::RangeInclusive<usize>| {
        histogram[range].iter().map(|&n| n as f32).sum::<f32>() / count
    };
    Ok(ImageMeasurements {
        sharpness: sharpness(&luma, width, height, &histogram),
        mean_luminance: sum as f32 / count,
        dark_share: share(0..=20),
        clipped_share: share(250..=255),
    })
}

/// Variance of the 4-neighbour Laplacian after stretching the 2nd–98th percentile
/// of luminance to 0–255, so a dark but sharp picture is not called blurred.
fn sharpness(luma: &[u8], width: usize, height: usize, histogram: &[u32; 256]) -> f32 {
    if width < 3 || height < 3 {
        return 0.0;
    }
    let percentile = |fraction: f32| {
        let target = (luma.len() as f32 * fraction) as u32;
        let mut seen = 0;
        histogram
            .iter()
            .position(|&n| {
                seen += n;
                seen > target
            })
            .unwrap_or(255) as f32
    };
    let (low, high) = (percentile(0.02), percentile(0.98));
    if high - low < 8.0 {
        // A featureless picture: nothing in it can be read.
        return 0.0;
    }
    let gain = 255.0 / (high - low);
    let (mut sum, mut sum_of_squares) = (0.0f64, 0.0f64);
    for y in 1..height - 1 {
        let row = y * width;
        for x in 1..width - 1 {
            let at = |index: usize| f32::from(luma[index]);
            let laplacian = 4.0 * at(row + x)
                - at(row + x - 1)
                - at(row + x + 1)
                - at(row + x - width)
                - at(row + x + width);
            let value = f64::from(laplacian * gain);
            sum += value;
            sum_of_squares += value * value;
        }
    }
    let n = ((width - 2) * (height - 2)) as f64;
    let mean = sum / n;
    (sum_of_squares / n - mean * mean) as f32
}

/// The hints for a picture whose source's long side was `source_long_side`.
pub(super) fn hints(source_long_side: u32, measured: &ImageMeasurements) -> Vec<ImageQualityHint> {
    let mut hints = Vec::new();
    if source_long_side < ID_IMAGE_MIN_LONG_SIDE {
        hints.push(ImageQualityHint::TooSmall);
    }
    if measured.sharpness < BLUR_THRESHOLD {
        hints.push(ImageQualityHint::Blurred);
    }
    if measured.mean_luminance < DARK_MEAN || measured.dark_share > DARK_SHARE {
        hints.push(ImageQualityHint::TooDark);
    }
    if measured.mean_luminance > BRIGHT_MEAN || measured.clipped_share > CLIPPED_SHARE {
        hints.push(ImageQualityHint::TooBright);
    }
    hints
}
