//! The officer's adjustments to an ID picture before upload: quarter turns (a phone
//! held sideways, a card photographed upside down) and a crop to the document.

use image::RgbImage;
use image::imageops;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How the officer adjusted a picture: first turned, then cropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdImageEdit {
    /// Quarter turns clockwise applied to the upright picture; counted modulo 4, so
    /// 3 is one turn to the left.
    pub quarter_turns: u8,
    /// The part kept, in pixels of the picture as received, upright and turned.
    pub crop: Option<CropRect>,
}

impl IdImageEdit {
    /// Whether the edit leaves the picture as it is.
    pub fn is_identity(&self) -> bool {
        self.quarter_turns.is_multiple_of(4) && self.crop.is_none()
    }

    /// `(width, height)` of a `width` × `height` picture after the turns.
    pub fn turned_size(&self, width: u32, height: u32) -> (u32, u32) {
        if self.quarter_turns % 2 == 1 {
            (height, width)
        } else {
            (width, height)
        }
    }
}

/// A rectangle of a picture in whole pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CropRect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width, at least one pixel.
    pub width: u32,
    /// Height, at least one pixel.
    pub height: u32,
}

impl CropRect {
    /// Refuses a rectangle that is empty or reaches outside a `width` × `height`
    /// picture: a crop the officer drew on a stale preview must not silently shrink.
    pub fn check_inside(&self, width: u32, height: u32) -> Result<()> {
        let right = u64::from(self.x) + u64::from(self.width);
        let bottom = u64::from(self.y) + u64::from(self.height);
        if self.width == 0 || self.height == 0 || right > width.into() || bottom > height.into() {
            return Err(Error::IdImageCropOutside {
                crop: format!("{}×{} at {},{}", self.width, self.height, self.x, self.y),
                width,
                height,
            });
        }
        Ok(())
    }
}

/// Turns then crops an upright picture.
pub(super) fn apply(upright: RgbImage, edit: &IdImageEdit) -> Result<RgbImage> {
    let turned = match edit.quarter_turns % 4 {
        1 => imageops::rotate90(&upright),
        2 => imageops::rotate180(&upright),
        3 => imageops::rotate270(&upright),
        _ => upright,
    };
    let Some(crop) = edit.crop else {
        return Ok(turned);
    };
    crop.check_inside(turned.width(), turned.height())?;
    Ok(imageops::crop_imm(&turned, crop.x, crop.y, crop.width, crop.height).to_image())
}

#[cfg(test)]
mod tests {
    use image::Rgb;

    use super::*;

    /// A 3 × 2 picture whose pixels say where they are: red = x, green = y.
    fn marked() -> RgbImage {
        RgbImage::from_fn(3, 2, |x, y| Rgb([x as u8, y as u8, 0]))
    }

    fn at(image: &RgbImage, x: u32, y: u32) -> (u8, u8) {
        let [r, g, _] = image.get_pixel(x, y).0;
        (r, g)
    }

    fn turned(quarter_turns: u8) -> RgbImage {
        let edit = IdImageEdit {
            quarter_turns,
            crop: None,
        };
        apply(marked(), &edit).unwrap()
    }

    #[test]
    fn a_right_turn_brings_the_bottom_left_corner_to_the_top_left() {
        let right = turned(1);
        assert_eq!(right.dimensions(), (2, 3));
        assert_eq!(at(&right, 0, 0), (0, 1));
        assert_eq!(at(&right, 1, 0), (0, 0));
        assert_eq!(at(&right, 0, 2), (2, 1));
    }

    #[test]
    fn a_left_turn_is_three_right_turns_and_four_turns_change_nothing() {
        let left = turned(3);
        assert_eq!(left.dimensions(), (2, 3));
        assert_eq!(at(&left, 0, 0), (2, 0));
        assert_eq!(at(&left, 1, 2), (0, 1));
        assert_eq!(turned(4), marked());
        assert_eq!(turned(2).get_pixel(0, 0).0, [2, 1, 0]);
        assert!(IdImageEdit::default().is_identity());
        assert!(
            IdImageEdit {
                quarter_turns: 4,
                crop: None
            }
            .is_identity()
        );
    }

    #[test]
    fn the_crop_is_taken_after_the_turn() {
        let edit = IdImageEdit {
            quarter_turns: 1,
            crop: Some(CropRect {
                x: 1,
                y: 1,
                width: 1,
                height: 2,
            }),
        };
        let cropped = apply(marked(), &edit).unwrap();
        assert_eq!(cropped.dimensions(), (1, 2));
        assert_eq!(at(&cropped, 0, 0), (1, 0));
        assert_eq!(at(&cropped, 0, 1), (2, 0));
        assert_eq!(edit.turned_size(3, 2), (2, 3));
    }

    #[test]
    fn a_crop_outside_or_empty_is_refused_with_the_sizes() {
        let outside = |x, y, width, height| CropRect {
            x,
            y,
            width,
            height,
        };
        for crop in [
            outside(0, 0, 4, 2),
            outside(1, 0, 3, 1),
            outside(0, 1, 1, 2),
            outside(0, 0, 0, 1),
            outside(u32::MAX, 0, 1, 1),
        ] {
            match crop.check_inside(3, 2) {
                Err(Error::IdImageCropOutside { width, height, .. }) => {
                    assert_eq!((width, height), (3, 2), "{crop:?}");
                }
                other => panic!("{crop:?}: {other:?}"),
            }
        }
        assert!(outside(0, 0, 3, 2).check_inside(3, 2).is_ok());
        // Not turned, the 3 × 2 picture has no third row.
        let edit = IdImageEdit {
            quarter_turns: 0,
            crop: Some(outside(0, 0, 2, 3)),
        };
        assert!(apply(marked(), &edit).is_err());
    }
}
