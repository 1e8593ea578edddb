//! A phone-camera-like photo of an identity card lying on a desk: smooth lighting,
//! a wood-grain background, a card with a fine guilloche, a portrait, lines of
//! print, and sensor noise. JPEG at the quality phones use, so its entropy and
//! size are those of a real 12 MP capture rather than of a flat test pattern.

use std::path::Path;

use jpeg_encoder::{ColorType, Encoder};

use super::Xorshift;
use crate::error::{BenchError, Result};

/// Phone cameras save at about this quality.
const CAMERA_QUALITY: u8 = 92;

/// Writes a `width` × `height` photo to `path` as a JPEG.
pub fn write_photo(path: &Path, width: u32, height: u32, seed: u64) -> Result<()> {
    let pixels = render(width, height, seed);
    let too_big = || BenchError::Invalid(format!("{width}×{height} is too large for JPEG"));
    let w = u16::try_from(width).map_err(|_| too_big())?;
    let h = u16::try_from(height).map_err(|_| too_big())?;
    let encoder = Encoder::new_file(path, CAMERA_QUALITY)?;
    encoder.encode(&pixels, w, h, ColorType::Rgb)?;
    Ok(())
}

fn render(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut rng = Xorshift::new(seed);
    let (w, h) = (f64::from(width), f64::from(height));
    // The card covers the middle ~65 % of the frame, tilted a little.
    let (cx, cy) = (
        w * (0.5 + jitter(&mut rng, 0.03)),
        h * (0.5 + jitter(&mut rng, 0.03)),
    );
    let (half_w, half_h) = (w * 0.33, w * 0.33 / 1.586);
    let tilt: f64 = jitter(&mut rng, 0.06);
    let (sin_t, cos_t) = tilt.sin_cos();
    let text_rows: Vec<(f64, f64, f64)> = (0..9)
        .map(|row| {
            let v = -0.35 + f64::from(row) * 0.09;
            let start = 0.05 + jitter(&mut rng, 0.02);
            let length = 0.25 + rng.below(50) as f64 / 100.0;
            (v, start, length.min(0.9))
        })
        .collect();
    let mut out = Vec::with_capacity(width as usize * height as usize * 3);
    for y in 0..height {
        let fy = f64::from(y);
        for x in 0..width {
            let fx = f64::from(x);
            // Card coordinates in -1..1 on both axes.
            let (dx, dy) = (fx - cx, fy - cy);
            let u = (dx * cos_t + dy * sin_t) / half_w;
            let v = (-dx * sin_t + dy * cos_t) / half_h;
            let mut rgb = if inside_rounded(u, v, 0.06) {
                card(u, v, &text_rows)
            } else {
                desk(fx, fy)
            };
            // Lamp light falling off towards the corners.
            let r2 = ((fx / w - 0.45).powi(2) + (fy / h - 0.4).powi(2)) * 1.6;
            let light = 1.05 - r2.min(0.6);
            let noise = (rng.below(7) + rng.below(7) + rng.below(7)) as f64 - 9.0;
            for channel in &mut rgb {
                *channel = (*channel * light + noise).clamp(0.0, 255.0);
            }
            out.extend(rgb.map(|c| c as u8));
        }
    }
    out
}

fn jitter(rng: &mut Xorshift, span: f64) -> f64 {
    (rng.below(2001) as f64 / 1000.0 - 1.0) * span
}

fn inside_rounded(u: f64, v: f64, radius: f64) -> bool {
    let qx = (u.abs() - (1.0 - radius)).max(0.0);
    let qy = (v.abs() - (1.0 - radius)).max(0.0);
    u.abs() <= 1.0 && v.abs() <= 1.0 && qx * qx + qy * qy <= radius * radius
}

fn desk(x: f64, y: f64) -> [f64; 3] {
    let grain = (y * 0.02 + (x * 0.003).sin() * 6.0).sin() * 0.5
        + (y * 0.11 + (x * 0.01).sin() * 2.0).sin() * 0.2;
    let base = 120.0 + grain * 25.0;
    [base * 1.1, base * 0.78, base * 0.52]
}

fn card(u: f64, v: f64, text_rows: &[(f64, f64, f64)]) -> [f64; 3] {
    // Guilloche: two families of fine waves, as printed security backgrounds have.
    let wave =
        ((u * 90.0 + (v * 7.0).sin() * 3.0).sin() * (v * 70.0 + (u * 5.0).sin() * 4.0).cos()).abs();
    let mut rgb = [222.0 - wave * 22.0, 228.0 - wave * 12.0, 236.0 - wave * 6.0];
    // Portrait on the left: a face-like oval on a plain backdrop.
    let (pu, pv) = ((u + 0.62) / 0.28, (v - 0.05) / 0.62);
    if pu.abs() <= 1.0 && pv.abs() <= 1.0 {
        let face = (pu / 0.62).powi(2) + ((pv + 0.1) / 0.72).powi(2);
        rgb = if face <= 1.0 {
            let shade = 1.0 - face * 0.25;
            [214.0 * shade, 170.0 * shade, 140.0 * shade]
        } else if pv > 0.55 {
            [60.0, 62.0, 80.0]
        } else {
            [180.0, 190.0, 200.0]
        };
    }
    // Lines of print on the right: dark strokes with letter-sized gaps.
    for &(row_v, start, length) in text_rows {
        let (tu, tv) = ((u + 0.2) / 1.15, v - row_v);
        if tv.abs() < 0.025 && tu > start && tu < start + length {
            let letter = ((tu * 160.0).sin() * (tv * 300.0).cos()).abs();
            if letter > 0.35 {
                rgb = [35.0, 38.0, 48.0];
            }
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_jpeg_of_the_asked_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jpg");
        write_photo(&path, 400, 300, 3).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[..2], &[0xFF, 0xD8]);
        let size = image::ImageReader::open(&path)
            .unwrap()
            .into_dimensions()
            .unwrap();
        assert_eq!(size, (400, 300));
    }
}
