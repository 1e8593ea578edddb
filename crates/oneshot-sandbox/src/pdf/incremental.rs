//! An incremental update (ISO 32000-1 §7.5.6): new and changed objects appended
//! after the untouched original, with a cross-reference section chained by /Prev.

use std::collections::BTreeMap;
use std::io::Write as _;

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, Writer};
use sha2::Digest as _;

use super::objects::{ObjectSink, name};
use crate::Error;

/// The body of an object in the update.
enum Body {
    Object(Object),
    /// Bytes written verbatim, for the signature dictionary whose placeholders
    /// must sit at offsets we control.
    Raw(Vec<u8>),
}

/// Objects to append to a PDF, and what the new trailer must repeat.
pub(crate) struct IncrementalUpdate<'a> {
    original: &'a [u8],
    previous_xref: usize,
    /// Mirror the original: PDF 1.5+ files that index with a cross-reference
    /// stream get one too, as some validators reject mixing the two forms.
    xref_stream: bool,
    root: Object,
    info: Option<Object>,
    id: Object,
    next_id: u32,
    objects: BTreeMap<u32, (u16, Body)>,
}

/// The written update and where each object's body starts in it.
pub(crate) struct WrittenUpdate {
    pub(crate) bytes: Vec<u8>,
    pub(crate) body_offsets: BTreeMap<u32, usize>,
}

impl<'a> IncrementalUpdate<'a> {
    pub(crate) fn new(original: &'a [u8], document: &Document) -> Result<Self, Error> {
        let trailer = &document.trailer;
        let root = trailer
            .get(b"Root")
            .cloned()
            .map_err(|_| Error::MalformedPdf("the trailer names no document catalog".into()))?;
        let declared_size = trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let next_id = u32::try_from(declared_size)
            .unwrap_or(0)
            .max(document.max_id.saturating_add(1));
        let id = match trailer.get(b"ID") {
            Ok(id @ Object::Array(_)) => id.clone(),
            // Files without an /ID get one now; both halves from the original's hash.
            _ => {
                let hash = sha2::Sha256::digest(original)[..16].to_vec();
                Object::Array(vec![
                    Object::String(hash.clone(), lopdf::StringFormat::Hexadecimal),
                    Object::String(hash, lopdf::StringFormat::Hexadecimal),
                ])
            }
        };
        Ok(Self {
            original,
            previous_xref: document.xref_start,
            xref_stream: matches!(
                document.reference_table.cross_reference_type,
                XrefType::CrossReferenceStream
            ),
            root,
            info: trailer.get(b"Info").ok().cloned(),
            id,
            next_id,
            objects: BTreeMap::new(),
        })
    }

    /// A fresh object number whose body is set later.
    pub(crate) fn reserve(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Adds or replaces object `id` (an existing object keeps its generation).
    pub(crate) fn set(&mut self, id: ObjectId, object: Object) {
        self.objects.insert(id.0, (id.1, Body::Object(object)));
    }

    pub(crate) fn set_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.insert(id.0, (id.1, Body::Raw(body)));
    }

    /// Appends the update to a copy of the original.
    pub(crate) fn write(mut self) -> Result<WrittenUpdate, Error> {
        let io = |e: std::io::Error| Error::Signing(format!("writing the PDF update: {e}"));
        let mut out = Vec::with_capacity(self.original.len() + 32 * 1024);
        out.extend_from_slice(self.original);
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets = BTreeMap::new();
        let mut body_offsets = BTreeMap::new();
        for (&number, (generation, body)) in &self.objects {
            offsets.insert(number, (out.len(), *generation));
            writeln!(out, "{number} {generation} obj").map_err(io)?;
            body_offsets.insert(number, out.len());
            match body {
                Body::Object(object) => Writer::write_object(&mut out, object).map_err(io)?,
                Body::Raw(bytes) => out.extend_from_slice(bytes),
            }
            out.extend_from_slice(b"\nendobj\n");
        }

        let xref_offset = out.len();
        if self.xref_stream {
            let xref_id = self.reserve();
            offsets.insert(xref_id.0, (xref_offset, 0));
            let stream = self.xref_stream_object(&offsets);
            writeln!(out, "{} 0 obj", xref_id.0).map_err(io)?;
            Writer::write_object(&mut out, &Object::Stream(stream)).map_err(io)?;
            out.extend_from_slice(b"\nendobj\n");
        } else {
            out.extend_from_slice(b"xref\n");
            for section in sections(&offsets) {
                writeln!(out, "{} {}", section[0].0, section.len()).map_err(io)?;
                for (_, (offset, generation)) in section {
                    write!(out, "{offset:010} {generation:05} n\r\n").map_err(io)?;
                }
            }
            out.extend_from_slice(b"trailer\n");
            Writer::write_object(&mut out, &Object::Dictionary(self.trailer())).map_err(io)?;
            out.push(b'\n');
        }
        write!(out, "startxref\n{xref_offset}\n%%EOF\n").map_err(io)?;
        Ok(WrittenUpdate {
            bytes: out,
            body_offsets,
        })
    }

    fn trailer(&self) -> Dictionary {
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(self.next_id)));
        trailer.set("Root", self.root.clone());
        if let Some(info) = &self.info {
            trailer.set("Info", info.clone());
        }
        trailer.set("ID", self.id.clone());
        trailer.set("Prev", Object::Integer(self.previous_xref as i64));
        trailer
    }

    fn xref_stream_object(&self, offsets: &BTreeMap<u32, (usize, u16)>) -> Stream {
        let largest = offsets
            .values()
            .map(|(offset, _)| *offset)
            .max()
            .unwrap_or(0);
        let offset_width: usize = if u32::try_from(largest).is_ok() { 4 } else { 8 };
        let mut index = Vec::new();
        let mut data = Vec::new();
        for section in sections(offsets) {
            index.push(Object::Integer(i64::from(section[0].0)));
            index.push(Object::Integer(section.len() as i64));
            for (_, (offset, generation)) in section {
                data.push(1);
                data.extend_from_slice(&(offset as u64).to_be_bytes()[8 - offset_width..]);
                data.extend_from_slice(&generation.to_be_bytes());
            }
        }
        let mut dict = self.trailer();
        dict.set("Type", name("XRef"));
        dict.set(
            "W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(offset_width as i64),
                Object::Integer(2),
            ]),
        );
        dict.set("Index", Object::Array(index));
        Stream::new(dict, data).with_compression(false)
    }
}

impl ObjectSink for IncrementalUpdate<'_> {
    fn add_object(&mut self, object: Object) -> ObjectId {
        let id = self.reserve();
        self.set(id, object);
        id
    }
}

/// Runs of consecutive object numbers, as cross-reference subsections list them.
fn sections(offsets: &BTreeMap<u32, (usize, u16)>) -> Vec<Vec<(u32, (usize, u16))>> {
    let mut sections: Vec<Vec<(u32, (usize, u16))>> = Vec::new();
    for (&number, &entry) in offsets {
        match sections.last_mut() {
            Some(section) if section.last().is_some_and(|(last, _)| last + 1 == number) => {
                section.push((number, entry));
            }
            _ => sections.push(vec![(number, entry)]),
        }
    }
    sections
}
