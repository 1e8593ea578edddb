//! The frames between the station and its PDF worker process, over the worker's
//! stdin and stdout. A frame is a JSON header (small, and readable in a hex dump
//! when something goes wrong) followed by raw bytes that JSON would bloat: the PDF
//! on the way in, the rendered pixels on the way out.
//!
//! Layout: header length (u32, little-endian), header, payload length (u64,
//! little-endian), payload. Lengths are checked against limits before anything is
//! allocated, so a confused or hostile peer cannot make the reader exhaust memory.

use std::io::{self, Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::models::PageSize;
use crate::error::Error;

/// Longest header accepted: a page list of a few hundred thousand pages fits.
const MAX_HEADER_BYTES: u32 = 64 << 20;

/// What the station asks, with an id the answer repeats (an answer to anything
/// else means the worker is confused and is stopped).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RequestHeader {
    pub id: u64,
    pub ask: Ask,
}

/// Something for pdfium to do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) enum Ask {
    /// Open the PDF in the payload, check it and list its page sizes.
    Inspect { digest: String },
    /// Render a page to RGBA at exactly `width` × `height` pixels. The payload is
    /// the PDF, or empty when the worker should still have it open.
    Render {
        digest: String,
        page: u32,
        width: u32,
        height: u32,
    },
}

/// What the worker answered to request `id`.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ReplyHeader {
    pub id: u64,
    pub answer: Answer,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) enum Answer {
    Inspected {
        pages: Vec<PageSize>,
    },
    /// The payload holds the `width` × `height` RGBA pixels asked for.
    Rendered,
    /// A render came without the PDF for a document the worker no longer has open:
    /// the station sends it again with the file.
    NotOpen,
    Failed(Failure),
}

/// The reasons pdfium gives, as they cross the pipe; each maps to its own [`Error`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) enum Failure {
    EngineUnavailable(String),
    PasswordRequired,
    Encrypted,
    Unreadable(String),
    NoPages,
    RenderSize(String),
    RenderFailed(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::PdfEngineUnavailable(reason) => Self::EngineUnavailable(reason),
            Error::PdfPasswordRequired => Self::PasswordRequired,
            Error::PdfEncrypted => Self::Encrypted,
            Error::PdfUnreadable(reason) => Self::Unreadable(reason),
            Error::PdfNoPages => Self::NoPages,
            Error::PdfRenderSize(reason) => Self::RenderSize(reason),
            Error::PdfRenderFailed(reason) => Self::RenderFailed(reason),
            other => Self::RenderFailed(other.to_string()),
        }
    }
}

impl From<Failure> for Error {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::EngineUnavailable(reason) => Self::PdfEngineUnavailable(reason),
            Failure::PasswordRequired => Self::PdfPasswordRequired,
            Failure::Encrypted => Self::PdfEncrypted,
            Failure::Unreadable(reason) => Self::PdfUnreadable(reason),
            Failure::NoPages => Self::PdfNoPages,
            Failure::RenderSize(reason) => Self::PdfRenderSize(reason),
            Failure::RenderFailed(reason) => Self::PdfRenderFailed(reason),
        }
    }
}

/// Writes one frame and flushes it: the peer waits for whole frames.
pub(super) fn write_frame(
    output: &mut impl Write,
    header: &impl Serialize,
    payload: &[u8],
) -> io::Result<()> {
    let header = serde_json::to_vec(header).map_err(io::Error::other)?;
    let header_len = u32::try_from(header.len())
        .ok()
        .filter(|len| *len <= MAX_HEADER_BYTES)
        .ok_or_else(|| io::Error::other("frame header too long"))?;
    output.write_all(&header_len.to_le_bytes())?;
    output.write_all(&header)?;
    output.write_all(&(payload.len() as u64).to_le_bytes())?;
    output.write_all(payload)?;
    output.flush()
}

/// Reads one frame whose payload may be at most `max_payload` bytes. `Ok(None)`
/// when the stream ended cleanly between frames (the peer closed it); a stream cut
/// inside a frame is an `UnexpectedEof` error, anything malformed `InvalidData`.
pub(super) fn read_frame<H: DeserializeOwned>(
    input: &mut impl Read,
    max_payload: u64,
) -> io::Result<Option<(H, Vec<u8>)>> {
    let mut header_len = [0u8; 4];
    if !read_first_byte(input, &mut header_len[0])? {
        return Ok(None);
    }
    input.read_exact(&mut header_len[1..])?;
    let header_len = u32::from_le_bytes(header_len);
    if header_len > MAX_HEADER_BYTES {
        return Err(invalid(format!("a {header_len}-byte frame header")));
    }
    let mut header = vec![0u8; header_len as usize];
    input.read_exact(&mut header)?;
    let header: H = serde_json::from_slice(&header)
        .map_err(|error| invalid(format!("an unreadable frame header: {error}")))?;
    let mut payload_len = [0u8; 8];
    input.read_exact(&mut payload_len)?;
    let payload_len = u64::from_le_bytes(payload_len);
    if payload_len > max_payload {
        return Err(invalid(format!(
            "a {payload_len}-byte payload (at most {max_payload} expected)"
        )));
    }
    let payload_len = usize::try_from(payload_len)
        .map_err(|_| invalid(format!("a {payload_len}-byte payload")))?;
    // Read without zeroing first: payloads are whole PDFs and full-page renders.
    let mut payload = Vec::with_capacity(payload_len);
    input.take(payload_len as u64).read_to_end(&mut payload)?;
    if payload.len() != payload_len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the stream ended inside a frame",
        ));
    }
    Ok(Some((header, payload)))
}

/// Reads one byte into `byte`; false at the end of the stream.
fn read_first_byte(input: &mut impl Read, byte: &mut u8) -> io::Result<bool> {
    loop {
        match input.read(std::slice::from_mut(byte)) {
            Ok(0) => return Ok(false),
            Ok(_) => return Ok(true),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

fn invalid(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("received {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_reads_back_as_written() {
        let mut wire = Vec::new();
        let header = RequestHeader {
            id: 7,
            ask: Ask::Render {
                digest: "ab".into(),
                page: 2,
                width: 3,
                height: 4,
            },
        };
        write_frame(&mut wire, &header, b"%PDF-").unwrap();
        write_frame(&mut wire, &header, b"").unwrap();
        let mut input = wire.as_slice();
        let (read, payload): (RequestHeader, _) = read_frame(&mut input, 5).unwrap().unwrap();
        assert_eq!(read.id, 7);
        assert!(matches!(
            read.ask,
            Ask::Render {
                page: 2,
                width: 3,
                ..
            }
        ));
        assert_eq!(payload, b"%PDF-");
        let (_, payload): (RequestHeader, _) = read_frame(&mut input, 5).unwrap().unwrap();
        assert!(payload.is_empty());
        assert!(
            read_frame::<RequestHeader>(&mut input, 5)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn oversized_cut_and_garbled_frames_are_refused_before_allocating() {
        let mut wire = Vec::new();
        write_frame(
            &mut wire,
            &ReplyHeader {
                id: 1,
                answer: Answer::Rendered,
            },
            &[0; 16],
        )
        .unwrap();
        let error = read_frame::<ReplyHeader>(&mut wire.as_slice(), 15).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        let cut = &wire[..wire.len() - 1];
        let error = read_frame::<ReplyHeader>(&mut &cut[..], 16).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        let huge = u32::MAX.to_le_bytes();
        let error = read_frame::<ReplyHeader>(&mut &huge[..], 16).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        // A request is not an answer.
        let mut request = Vec::new();
        let ask = Ask::Inspect {
            digest: "ab".into(),
        };
        write_frame(&mut request, &RequestHeader { id: 1, ask }, b"").unwrap();
        let error = read_frame::<ReplyHeader>(&mut request.as_slice(), 16).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
    }
}
