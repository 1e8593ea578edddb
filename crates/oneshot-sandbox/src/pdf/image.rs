//! PNG and JPEG pictures as PDF image XObjects (PNG alpha becomes a soft mask).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder as _, ImageFormat, ImageReader, Limits};
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::objects::{ObjectSink, flate_stream, name};
use crate::Error;

/// Largest picture side accepted for a signature appearance, in pixels.
const MAX_SIDE: u32 = 4096;

/// An image written into the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlacedImage {
    pub(crate) id: ObjectId,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidSignatureAppearance(reason.into())
}

/// Writes `bytes` (PNG or JPEG) as an image XObject.
pub(crate) fn write_image(bytes: &[u8], sink: &mut impl ObjectSink) -> Result<PlacedImage, Error> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => write_jpeg(bytes, sink),
        Ok(ImageFormat::Png) => write_png(bytes, sink),
        _ => Err(invalid("the signature image must be a PNG or JPEG file")),
    }
}

fn image_dict(width: u32, height: u32, color_space: &str) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", name("XObject"));
    dict.set("Subtype", name("Image"));
    dict.set("Width", Object::Integer(i64::from(width)));
    dict.set("Height", Object::Integer(i64::from(height)));
    dict.set("ColorSpace", name(color_space));
    dict.set("BitsPerComponent", Object::Integer(8));
    dict
}

fn check_size(width: u32, height: u32) -> Result<(), Error> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(invalid(format!(
            "the signature image is {width}x{height} pixels; sides of 1 to {MAX_SIDE} are accepted"
        )));
    }
    Ok(())
}

/// JPEG goes in unchanged (DCTDecode): no re-encoding, no quality loss.
fn write_jpeg(bytes: &[u8], sink: &mut impl ObjectSink) -> Result<PlacedImage, Error> {
    let decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes))
        .map_err(|e| invalid(format!("unreadable JPEG: {e}")))?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    let (color_space, inverted) = match decoder.original_color_type() {
        image::ExtendedColorType::L8 => ("DeviceGray", false),
        image::ExtendedColorType::Rgb8 => ("DeviceRGB", false),
        // Adobe-written CMYK JPEGs store inverted values; /Decode undoes that.
        image::ExtendedColorType::Cmyk8 => ("DeviceCMYK", true),
        other => return Err(invalid(format!("unsupported JPEG colour type {other:?}"))),
    };
    let mut dict = image_dict(width, height, color_space);
    dict.set("Filter", name("DCTDecode"));
    if inverted {
        dict.set(
            "Decode",
            Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
        );
    }
    let stream = Stream::new(dict, bytes.to_vec()).with_compression(false);
    Ok(PlacedImage {
        id: sink.add_object(Object::Stream(stream)),
        width,
        height,
    })
}

fn write_png(bytes: &[u8], sink: &mut impl ObjectSink) -> Result<PlacedImage, Error> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Png);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let picture = reader
        .decode()
        .map_err(|e| invalid(format!("unreadable PNG: {e}")))?;
    let (width, height) = (picture.width(), picture.height());
    check_size(width, height)?;

    let has_alpha = picture.color().has_alpha();
    let gray = !picture.color().has_color();
    let (color_space, samples, alpha) = match (gray, has_alpha) {
        (true, false) => ("DeviceGray", picture.into_luma8().into_raw(), None),
        (true, true) => {
            let pixels = picture.into_luma_alpha8().into_raw();
            let (l, a) = split_alpha(&pixels, 1);
            ("DeviceGray", l, Some(a))
        }
        (false, false) => ("DeviceRGB", picture.into_rgb8().into_raw(), None),
        (false, true) => {
            let pixels = DynamicImage::into_rgba8(picture).into_raw();
            let (rgb, a) = split_alpha(&pixels, 3);
            ("DeviceRGB", rgb, Some(a))
        }
    };
    let mut dict = image_dict(width, height, color_space);
    if let Some(alpha) = alpha.filter(|a| a.iter().any(|&v| v != 255)) {
        let mask = flate_stream(image_dict(width, height, "DeviceGray"), &alpha)?;
        dict.set(
            "SMask",
            Object::Reference(sink.add_object(Object::Stream(mask))),
        );
    }
    let stream = flate_stream(dict, &samples)?;
    Ok(PlacedImage {
        id: sink.add_object(Object::Stream(stream)),
        width,
        height,
    })
}

/// Splits interleaved colour+alpha samples into colour and alpha planes.
fn split_alpha(pixels: &[u8], colour_channels: usize) -> (Vec<u8>, Vec<u8>) {
    let stride = colour_channels + 1;
    let mut colour = Vec::with_capacity(pixels.len() / stride * colour_channels);
    let mut alpha = Vec::with_capacity(pixels.len() / stride);
    for pixel in pixels.chunks_exact(stride) {
        colour.extend_from_slice(&pixel[..colour_channels]);
        alpha.push(pixel[colour_channels]);
    }
    (colour, alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(color: image::ColorType) -> Vec<u8> {
        let picture = match color {
            image::ColorType::Rgba8 => {
                DynamicImage::ImageRgba8(image::RgbaImage::from_fn(4, 2, |x, _| {
                    image::Rgba([200, 10, 10, if x < 2 { 0 } else { 255 }])
                }))
            }
            _ => DynamicImage::ImageRgb8(image::RgbImage::new(4, 2)),
        };
        let mut out = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn png_alpha_becomes_a_soft_mask() {
        let mut doc = lopdf::Document::with_version("1.7");
        let placed = write_image(&png(image::ColorType::Rgba8), &mut doc).unwrap();
        assert_eq!((placed.width, placed.height), (4, 2));
        let stream = doc.get_object(placed.id).unwrap().as_stream().unwrap();
        assert!(stream.dict.get(b"SMask").is_ok());
        let opaque = write_image(&png(image::ColorType::Rgb8), &mut doc).unwrap();
        let stream = doc.get_object(opaque.id).unwrap().as_stream().unwrap();
        assert!(stream.dict.get(b"SMask").is_err());
    }

    #[test]
    fn other_formats_are_refused() {
        let mut doc = lopdf::Document::with_version("1.7");
        let gif = b"GIF89a\x01\x00\x01\x00";
        assert!(matches!(
            write_image(gif, &mut doc),
            Err(Error::InvalidSignatureAppearance(_))
        ));
        assert!(write_image(b"\x89PNG\r\n\x1a\nbroken", &mut doc).is_err());
    }
}
