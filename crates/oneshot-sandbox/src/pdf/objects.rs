//! Small helpers for writing PDF objects with lopdf.

use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use crate::Error;

/// Somewhere new indirect objects can be added: a whole new document, or the
/// incremental update appended to a signed one.
pub(crate) trait ObjectSink {
    /// Adds `object` as a new indirect object and returns its reference.
    fn add_object(&mut self, object: Object) -> ObjectId;
}

impl ObjectSink for lopdf::Document {
    fn add_object(&mut self, object: Object) -> ObjectId {
        lopdf::Document::add_object(self, object)
    }
}

/// A stream compressed with Flate, /Length set.
pub(crate) fn flate_stream(mut dict: Dictionary, data: &[u8]) -> Result<Stream, Error> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map(|compressed| {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            dict.set("Length", Object::Integer(compressed.len() as i64));
            Stream::new(dict, compressed).with_compression(false)
        })
        .map_err(|e| Error::Signing(format!("compressing a PDF stream: {e}")))
}

/// A PDF real number as lopdf writes it.
pub(crate) fn real(value: f32) -> Object {
    Object::Real(value)
}

/// A name object.
pub(crate) fn name(value: &str) -> Object {
    Object::Name(value.as_bytes().to_vec())
}

/// A PDF date string, `D:YYYYMMDDHHmmSS+00'00'` (ISO 32000-1 §7.9.4), in UTC.
pub(crate) fn date(when: time::OffsetDateTime) -> String {
    let utc = when.to_offset(time::UtcOffset::UTC);
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Formats a number for a content stream: no exponent, at most 3 decimals.
pub(crate) fn num(value: f32) -> String {
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_are_pdf_syntax() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(1.23456), "1.235");
        let when = time::macros::datetime!(2026-11-27 10:05:09 UTC);
        assert_eq!(date(when), "D:20261127100509+00'00'");
    }
}
