//! What the fuzz targets share: one async runtime per process.

use std::future::Future;
use std::sync::OnceLock;

use tokio::runtime::Runtime;

/// Runs `future` to completion on the process's current-thread runtime, built
/// once: libFuzzer calls the target from one thread, thousands of times.
pub fn block_on<F: Future>(future: F) -> F::Output {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime")
        })
        .block_on(future)
}

/// The boundary of the multipart bodies built here.
pub const BOUNDARY: &str = "oneshot-fuzz-boundary";

/// One part of a multipart form: field name, file name (for files), bytes.
pub type FormPart<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// A `multipart/form-data` body with [`BOUNDARY`], as HTTP clients send it.
pub fn multipart(parts: &[FormPart<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file_name {
            Some(file_name) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The `Content-Type` of [`multipart`] bodies.
pub fn multipart_content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// A small PNG, as an ID picture or a signature image.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 128])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("PNG encoding");
    bytes
}

/// The text fields of a complete `POST /request` form, the demo RAO's token included.
pub const REQUEST_FIELDS: [(&str, &str); 10] = [
    ("token", "fd6a21e6fb7d43b9893a520d67d6ff60"),
    ("profile", "PFnubeQAFCiudadano"),
    ("given_name", "Łucja"),
    ("surname_1", "Núñez"),
    ("surname_2", "Żak"),
    ("serial_number", "12345678Z"),
    ("id_document_type", "IDC"),
    ("id_document_country", "ES"),
    ("email", "lucja@example.com"),
    ("mobile_phone_number", "+34600123123"),
];

/// A complete `POST /request` form with three ID pictures.
pub fn request_form() -> Vec<u8> {
    let picture = png(32, 20);
    let mut parts: Vec<FormPart<'_>> = REQUEST_FIELDS
        .iter()
        .map(|(name, value)| (*name, None, value.as_bytes()))
        .collect();
    for (field, file) in [
        ("document_front", "front.png"),
        ("document_rear", "rear.png"),
        ("document_owner", "owner.png"),
    ] {
        parts.push((field, Some(file), &picture));
    }
    multipart(&parts)
}
