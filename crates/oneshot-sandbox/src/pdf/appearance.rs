//! The appearance of a visible signature: the signer's picture and/or text.

use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId};

use super::VisibleSignature;
use super::font::{FontSubset, FontWeight};
use super::image::{PlacedImage, write_image};
use super::objects::{ObjectSink, flate_stream, name, num, real};
use crate::Error;

const PADDING: f32 = 2.0;
const MAX_FONT_SIZE: f32 = 12.0;
const MIN_FONT_SIZE: f32 = 3.0;
const LINE_HEIGHT: f32 = 1.2;
/// Share of the box the picture gets when text shares it.
const IMAGE_SHARE: f32 = 0.4;

/// Writes the form XObject drawn in a `width` x `height` signature box.
pub(crate) fn write_appearance(
    visible: &VisibleSignature,
    width: f32,
    height: f32,
    sink: &mut impl ObjectSink,
) -> Result<ObjectId, Error> {
    let text = visible
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let image = visible
        .image
        .as_deref()
        .map(|bytes| write_image(bytes, sink))
        .transpose()?;

    let inner_w = (width - 2.0 * PADDING).max(1.0);
    let inner_h = (height - 2.0 * PADDING).max(1.0);
    let image_w = match (&image, text) {
        (Some(_), Some(_)) => inner_w * IMAGE_SHARE,
        (Some(_), None) => inner_w,
        _ => 0.0,
    };

    let mut content = String::new();
    let mut resources = Dictionary::new();
    if let Some(image) = image {
        draw_image(&mut content, image, [PADDING, PADDING, image_w, inner_h]);
        let mut xobjects = Dictionary::new();
        xobjects.set("Im1", Object::Reference(image.id));
        resources.set("XObject", Object::Dictionary(xobjects));
    }
    if let Some(text) = text {
        let text_x = if image_w > 0.0 {
            PADDING * 2.0 + image_w
        } else {
            PADDING
        };
        let mut font = FontSubset::new(FontWeight::Regular)?;
        draw_text(
            &mut content,
            &mut font,
            text,
            [text_x, PADDING, width - PADDING - text_x, inner_h],
        );
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(font.write(sink)?));
        resources.set("Font", Object::Dictionary(fonts));
    }

    let mut form = Dictionary::new();
    form.set("Type", name("XObject"));
    form.set("Subtype", name("Form"));
    form.set(
        "BBox",
        Object::Array(vec![real(0.0), real(0.0), real(width), real(height)]),
    );
    form.set("Resources", Object::Dictionary(resources));
    Ok(sink.add_object(Object::Stream(flate_stream(form, content.as_bytes())?)))
}

/// Draws the picture scaled to fit `[x, y, w, h]`, keeping its aspect ratio, centred.
fn draw_image(content: &mut String, image: PlacedImage, [x, y, w, h]: [f32; 4]) {
    let aspect = image.width as f32 / image.height as f32;
    let (draw_w, draw_h) = if w / h > aspect {
        (h * aspect, h)
    } else {
        (w, w / aspect)
    };
    let left = x + (w - draw_w) / 2.0;
    let bottom = y + (h - draw_h) / 2.0;
    let _ = writeln!(
        content,
        "q {} 0 0 {} {} {} cm /Im1 Do Q",
        num(draw_w),
        num(draw_h),
        num(left),
        num(bottom)
    );
}

/// Draws the lines of `text` as large as fits `[x, y, w, h]` (at most 12 pt), top-aligned.
fn draw_text(content: &mut String, font: &mut FontSubset, text: &str, [x, y, w, h]: [f32; 4]) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let widest = lines
        .iter()
        .map(|l| font.width(l, 1.0))
        .fold(0.0_f32, f32::max);
    let by_height = h / (lines.len() as f32 * LINE_HEIGHT);
    let by_width = if widest > 0.0 {
        w / widest
    } else {
        MAX_FONT_SIZE
    };
    let size = by_height.min(by_width).clamp(MIN_FONT_SIZE, MAX_FONT_SIZE);
    let first_baseline = y + h - font.ascent() * size / 1000.0;
    let _ = writeln!(
        content,
        "BT /F1 {} Tf {} TL 0.1 0.1 0.3 rg {} {} Td",
        num(size),
        num(size * LINE_HEIGHT),
        num(x),
        num(first_baseline)
    );
    for (i, line) in lines.iter().enumerate() {
        let operator = if i == 0 { "Tj" } else { "'" };
        let _ = writeln!(content, "{} {operator}", font.encode(line));
    }
    content.push_str("ET\n");
}
