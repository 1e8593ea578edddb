//! What a file really is, by its first bytes: the name and the MIME type an
//! upload claims are not trusted.

use crate::error::{Error, Result};

/// The kinds of picture the station accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PictureKind {
    Jpeg,
    Png,
}

/// Answers the picture's kind, or names what the bytes are instead.
pub(super) fn sniff(bytes: &[u8]) -> Result<PictureKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(PictureKind::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PictureKind::Png);
    }
    Err(Error::IdImageUnsupported {
        detected: describe(bytes),
    })
}

/// A short name of a file type the officer might recognise, for the error.
fn describe(bytes: &[u8]) -> &'static str {
    let brand = bytes.get(8..12);
    if bytes.is_empty() {
        "empty"
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        "gif"
    } else if bytes.starts_with(b"RIFF") && brand == Some(b"WEBP") {
        "webp"
    } else if bytes.starts_with(b"%PDF-") {
        "pdf"
    } else if bytes.get(4..8) == Some(b"ftyp") {
        match brand {
            Some(b"avif" | b"avis") => "avif",
            Some(b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1") => "heic",
            _ => "iso-media",
        }
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "tiff"
    } else if bytes.starts_with(b"BM") {
        "bmp"
    } else {
        "unknown"
    }
}

/// Whether a JPEG's compressed data reaches its end-of-image marker. The decoder
/// fills a cut-off picture with grey rather than failing, so this is checked apart.
pub(super) fn jpeg_is_complete(bytes: &[u8]) -> bool {
    // Walk the header segments (which may hold an EXIF thumbnail with its own
    // end marker) to the first scan, then look for the end marker after it.
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        if marker == 0xDA {
            return bytes[at..].windows(2).any(|pair| pair == [0xFF, 0xD9]);
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + length;
    }
    false
}

/// Whether a PNG ends with its IEND chunk. A file cut in that last chunk still
/// decodes, but a cut-off upload means a broken transfer: better taken again.
pub(super) fn png_is_complete(bytes: &[u8]) -> bool {
    // IEND is empty, so its CRC is always the same four bytes.
    const IEND: &[u8] = b"IEND\xAE\x42\x60\x82";
    bytes
        .windows(IEND.len())
        .rev()
        .take(4096)
        .any(|window| window == IEND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_it_refuses() {
        let cases: [(&[u8], &str); 8] = [
            (b"", "empty"),
            (b"GIF89a\x01\x00", "gif"),
            (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
            (b"%PDF-1.7\n", "pdf"),
            (b"\x00\x00\x00\x18ftypheic\x00\x00", "heic"),
            (b"II*\x00\x08\x00", "tiff"),
            (b"BM\x00\x00", "bmp"),
            (b"hello", "unknown"),
        ];
        for (bytes, name) in cases {
            match sniff(bytes) {
                Err(Error::IdImageUnsupported { detected }) => assert_eq!(detected, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0").ok(), Some(PictureKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n").ok(), Some(PictureKind::Png));
    }
}
