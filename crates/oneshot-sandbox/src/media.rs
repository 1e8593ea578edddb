//! What an upload really is, judged by its bytes, never by its name.

use image::ImageFormat;

/// A picture that decoded fully as JPEG or PNG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedImage {
    pub format: PictureFormat,
    pub width: u32,
    pub height: u32,
}

/// The two picture formats the API accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    Png,
    Jpeg,
}

impl PictureFormat {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Self::Png => ".png",
            Self::Jpeg => ".jpg",
        }
    }
}

/// Decodes the whole picture (a valid header on a truncated file is not enough).
/// `None` when it is not a complete JPEG or PNG.
pub fn check_image(bytes: &[u8]) -> Option<CheckedImage> {
    let format = match image::guess_format(bytes).ok()? {
        ImageFormat::Png => PictureFormat::Png,
        ImageFormat::Jpeg => PictureFormat::Jpeg,
        _ => return None,
    };
    let decoded = image::load_from_memory_with_format(
        bytes,
        match format {
            PictureFormat::Png => ImageFormat::Png,
            PictureFormat::Jpeg => ImageFormat::Jpeg,
        },
    )
    .ok()?;
    Some(CheckedImage {
        format,
        width: decoded.width(),
        height: decoded.height(),
    })
}

/// The MIME type of a video recording recognised by its container signature
/// (MP4/QuickTime, WebM/Matroska, Ogg, AVI); `None` for anything else.
pub fn video_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some(if &bytes[8..10] == b"qt" {
            "video/quicktime"
        } else {
            "video/mp4"
        });
    }
    if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some("video/webm");
    }
    if bytes.starts_with(b"OggS") {
        return Some("video/ogg");
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"AVI " {
        return Some("video/x-msvideo");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbImage::new(width, height)
            .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes
    }

    #[test]
    fn real_png_passes_and_reports_its_size() {
        let checked = check_image(&png(3, 2)).unwrap();
        assert_eq!(
            (checked.format, checked.width, checked.height),
            (PictureFormat::Png, 3, 2)
        );
    }

    #[test]
    fn truncated_or_fake_pictures_fail() {
        let full = png(40, 40);
        assert!(check_image(&full[..full.len() / 2]).is_none());
        assert!(check_image(b"\x89PNG\r\n\x1a\nnot really").is_none());
        assert!(check_image(b"%PDF-1.7").is_none());
    }

    #[test]
    fn video_containers_are_recognised() {
        assert_eq!(video_mime(b"\0\0\0\x18ftypmp42\0\0\0\0"), Some("video/mp4"));
        assert_eq!(video_mime(&[0x1A, 0x45, 0xDF, 0xA3, 1]), Some("video/webm"));
        assert_eq!(video_mime(b"hello world!"), None);
    }
}
