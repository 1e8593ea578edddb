//! What normalising an ID picture answers.

use serde::Serialize;
use ts_rs::TS;

/// An ID picture ready to upload: upright JPEG, long side ≤ 2000 px, ≤ 1 MiB,
/// without metadata.
#[derive(Clone, PartialEq)]
pub struct NormalizedIdImage {
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// What the capture screen shows about it.
    pub report: IdImageReport,
}

impl std::fmt::Debug for NormalizedIdImage {
    // The picture is personal data and large: only its size is worth printing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NormalizedIdImage")
            .field("jpeg_bytes", &self.jpeg.len())
            .field("report", &self.report)
            .finish()
    }
}

/// Facts about a normalised ID picture for the capture screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdImageReport {
    /// Width of the JPEG, upright.
    pub width: u32,
    /// Height of the JPEG, upright.
    pub height: u32,
    /// Size of the JPEG file.
    pub byte_size: u32,
    /// Width of the picture as received, upright.
    pub source_width: u32,
    /// Height of the picture as received, upright.
    pub source_height: u32,
    /// Advice for the officer, e.g. to take the picture again.
    pub hints: Vec<ImageQualityHint>,
    /// The measures the hints come from.
    pub measurements: ImageMeasurements,
}

/// Advice about a picture's quality. Serialized as a stable code the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
pub enum ImageQualityHint {
    /// Fewer than [`ID_IMAGE_MIN_LONG_SIDE`](crate::ID_IMAGE_MIN_LONG_SIDE) pixels on the long side.
    #[serde(rename = "id_image.too_small")]
    TooSmall,
    /// Out of focus or shaken.
    #[serde(rename = "id_image.blurred")]
    Blurred,
    /// Underexposed.
    #[serde(rename = "id_image.too_dark")]
    TooDark,
    /// Overexposed or with glare.
    #[serde(rename = "id_image.too_bright")]
    TooBright,
}

/// Every [`ImageQualityHint`] code, so the UI catalogs can be checked for a message each.
pub const ID_IMAGE_HINT_CODES: &[&str] = &[
    "id_image.too_small",
    "id_image.blurred",
    "id_image.too_dark",
    "id_image.too_bright",
];

/// Measures of a picture, taken on a grey copy 1000 px on its long side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImageMeasurements {
    /// Variance of the Laplacian after contrast stretching; low means blurred.
    pub sharpness: f32,
    /// Mean luminance, 0–255.
    pub mean_luminance: f32,
    /// Share of near-black pixels, 0–1.
    pub dark_share: f32,
    /// Share of clipped white pixels, 0–1.
    pub clipped_share: f32,
}
