//! Preparing a PDF for a PAdES signature: signature field, widget, appearance and
//! a `/Contents` placeholder in an incremental update; then filling the placeholder.

use std::collections::HashSet;
use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::VisibleSignature;
use super::appearance::write_appearance;
use super::incremental::IncrementalUpdate;
use super::inspect::load;
use super::objects::{ObjectSink as _, date, name, real};
use crate::Error;

/// What the new signature field looks like and how much room the CMS gets.
#[derive(Debug)]
pub(crate) struct SignatureField<'a> {
    pub(crate) visible: Option<&'a VisibleSignature>,
    /// For the signature dictionary's /Name.
    pub(crate) signer_name: &'a str,
    /// The claimed signing time (/M); the timestamp is the trusted one.
    pub(crate) signing_time: time::OffsetDateTime,
    /// Bytes reserved for the DER CMS.
    pub(crate) contents_capacity: usize,
}

/// A PDF with its signature placeholder, waiting for the CMS.
#[derive(Debug)]
pub(crate) struct PreparedSignature {
    bytes: Vec<u8>,
    /// Offset of the `<` opening the /Contents hex string.
    contents_start: usize,
    /// Offset just past the closing `>`.
    contents_end: usize,
}

/// Width of each /ByteRange number slot: enough for files up to 10 GB.
const BYTE_RANGE_SLOT: usize = 10;
/// Print (4) + Locked (128): the widget prints and cannot be moved or deleted.
const WIDGET_FLAGS: i64 = 132;

impl PreparedSignature {
    /// The two byte ranges the signature covers: everything but the /Contents value.
    pub(crate) fn signed_ranges(&self) -> [&[u8]; 2] {
        [
            &self.bytes[..self.contents_start],
            &self.bytes[self.contents_end..],
        ]
    }

    /// Puts the DER CMS into the placeholder and returns the signed PDF.
    pub(crate) fn finish(mut self, cms: &[u8]) -> Result<Vec<u8>, Error> {
        let capacity = (self.contents_end - self.contents_start - 2) / 2;
        if cms.len() > capacity {
            return Err(Error::Signing(format!(
                "the CMS has {} bytes but only {capacity} were reserved in the PDF",
                cms.len()
            )));
        }
        let hex = hex::encode_upper(cms);
        let start = self.contents_start + 1;
        self.bytes[start..start + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// Adds a signature field to `pdf` in an incremental update and reserves room
/// for the CMS. The original bytes stay an exact prefix of the result.
pub(crate) fn prepare_signature(
    pdf: &[u8],
    field: &SignatureField<'_>,
) -> Result<PreparedSignature, Error> {
    let document = load(pdf)?;
    let pages = document.get_pages();
    let page_index = field.visible.map_or(0, |v| v.page);
    let page_id = page_index
        .checked_add(1)
        .and_then(|number| pages.get(&number).copied())
        .ok_or_else(|| {
            Error::InvalidSignatureAppearance(format!(
                "page {page_index} does not exist: the document has {} page(s), numbered from 0",
                pages.len()
            ))
        })?;

    let mut update = IncrementalUpdate::new(pdf, &document)?;
    let signature_id = update.reserve();
    let widget_id = update.reserve();

    let mut widget = Dictionary::new();
    widget.set("Type", name("Annot"));
    widget.set("Subtype", name("Widget"));
    widget.set("FT", name("Sig"));
    widget.set("T", lopdf::text_string(&unique_field_name(&document)));
    widget.set("V", Object::Reference(signature_id));
    widget.set("P", Object::Reference(page_id));
    widget.set("F", Object::Integer(WIDGET_FLAGS));
    match field.visible {
        Some(visible) => {
            let rect = page_rect(&document, page_id, visible.rect)?;
            let appearance =
                write_appearance(visible, rect[2] - rect[0], rect[3] - rect[1], &mut update)?;
            widget.set(
                "Rect",
                Object::Array(rect.iter().map(|v| real(*v)).collect()),
            );
            let mut ap = Dictionary::new();
            ap.set("N", Object::Reference(appearance));
            widget.set("AP", Object::Dictionary(ap));
        }
        None => {
            widget.set("Rect", Object::Array(vec![Object::Integer(0); 4]));
        }
    }
    update.set(widget_id, Object::Dictionary(widget));
    add_annotation(&document, page_id, widget_id, &mut update)?;
    add_form_field(&document, widget_id, &mut update)?;

    let (body, byte_range_at, contents_at) = signature_dictionary(field)?;
    update.set_raw(signature_id, body);
    let written = update.write()?;
    let body_start = written
        .body_offsets
        .get(&signature_id.0)
        .copied()
        .ok_or_else(|| {
            Error::Signing("the signature dictionary went missing from the update".into())
        })?;

    let mut bytes = written.bytes;
    let contents_start = body_start + contents_at;
    let contents_end = contents_start + 2 + 2 * field.contents_capacity;
    let ranges = [0, contents_start, contents_end, bytes.len() - contents_end];
    let mut byte_range = String::from("[");
    for value in ranges {
        let _ = write!(byte_range, "{value:<BYTE_RANGE_SLOT$} ");
    }
    byte_range.pop();
    byte_range.push(']');
    let at = body_start + byte_range_at;
    bytes[at..at + byte_range.len()].copy_from_slice(byte_range.as_bytes());
    Ok(PreparedSignature {
        bytes,
        contents_start,
        contents_end,
    })
}

/// The signature dictionary with placeholders; returns it with the offsets of
/// the /ByteRange array and of the /Contents string inside it.
fn signature_dictionary(field: &SignatureField<'_>) -> Result<(Vec<u8>, usize, usize), Error> {
    let io = |e: std::io::Error| Error::Signing(format!("writing the signature dictionary: {e}"));
    let mut body: Vec<u8> =
        b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange".to_vec();
    let byte_range_at = body.len();
    // Four slots and their separators, overwritten once the offsets are known.
    body.extend_from_slice(
        format!("[{}]", vec!["0".repeat(BYTE_RANGE_SLOT); 4].join(" ")).as_bytes(),
    );
    body.extend_from_slice(b"/Contents");
    let contents_at = body.len();
    body.push(b'<');
    body.extend(std::iter::repeat_n(b'0', 2 * field.contents_capacity));
    body.push(b'>');
    body.extend_from_slice(b"/M");
    lopdf::Writer::write_object(&mut body, &Object::string_literal(date(field.signing_time)))
        .map_err(io)?;
    if !field.signer_name.is_empty() {
        body.extend_from_slice(b"/Name");
        lopdf::Writer::write_object(&mut body, &lopdf::text_string(field.signer_name))
            .map_err(io)?;
    }
    body.extend_from_slice(b">>");
    Ok((body, byte_range_at, contents_at))
}

/// "Signature1", "Signature2", ...: the first not already a field name.
fn unique_field_name(document: &Document) -> String {
    let mut taken = HashSet::new();
    let fields = acro_form(document)
        .and_then(|form| form.get(b"Fields").ok())
        .and_then(|fields| document.dereference(fields).ok())
        .and_then(|(_, fields)| fields.as_array().ok());
    for field in fields.into_iter().flatten() {
        if let Ok((_, Object::Dictionary(dict))) = document.dereference(field)
            && let Ok(title) = dict.get(b"T").and_then(Object::as_str)
        {
            taken.insert(title.to_vec());
        }
    }
    (1..)
        .map(|n| format!("Signature{n}"))
        .find(|candidate| !taken.contains(candidate.as_bytes()))
        .unwrap_or_else(|| "Signature".to_owned())
}

fn acro_form(document: &Document) -> Option<&Dictionary> {
    let catalog = document.catalog().ok()?;
    let form = catalog.get(b"AcroForm").ok()?;
    document.dereference(form).ok()?.1.as_dict().ok()
}

fn catalog_id(document: &Document) -> Result<ObjectId, Error> {
    document
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| Error::MalformedPdf("the trailer names no document catalog".into()))
}

fn malformed(what: &str) -> impl Fn(lopdf::Error) -> Error + '_ {
    move |e| Error::MalformedPdf(format!("{what}: {e}"))
}

/// Lists the widget in the page's /Annots (inline array or referenced one).
fn add_annotation(
    document: &Document,
    page_id: ObjectId,
    widget_id: ObjectId,
    update: &mut IncrementalUpdate<'_>,
) -> Result<(), Error> {
    let mut page = document
        .get_dictionary(page_id)
        .map_err(malformed("the page"))?
        .clone();
    match page.get(b"Annots") {
        Ok(Object::Reference(array_id)) => {
            let array_id = *array_id;
            let mut annotations = document
                .get_object(array_id)
                .and_then(Object::as_array)
                .map_err(malformed("/Annots"))?
                .clone();
            annotations.push(Object::Reference(widget_id));
            update.set(array_id, Object::Array(annotations));
        }
        Ok(Object::Array(annotations)) => {
            let mut annotations = annotations.clone();
            annotations.push(Object::Reference(widget_id));
            page.set("Annots", Object::Array(annotations));
            update.set(page_id, Object::Dictionary(page));
        }
        _ => {
            page.set("Annots", Object::Array(vec![Object::Reference(widget_id)]));
            update.set(page_id, Object::Dictionary(page));
        }
    }
    Ok(())
}

/// Registers the field in the AcroForm (creating one if needed) with SigFlags 3.
/// An inline AcroForm moves into its own object so that later signatures touch
/// only that object and never the catalog again.
fn add_form_field(
    document: &Document,
    widget_id: ObjectId,
    update: &mut IncrementalUpdate<'_>,
) -> Result<(), Error> {
    let catalog_id = catalog_id(document)?;
    let catalog = document
        .get_dictionary(catalog_id)
        .map_err(malformed("the catalog"))?;
    let (form_id, mut form) = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (
            Some(*id),
            document
                .get_dictionary(*id)
                .map_err(malformed("the AcroForm"))?
                .clone(),
        ),
        Ok(Object::Dictionary(inline)) => (None, inline.clone()),
        _ => (None, Dictionary::new()),
    };
    match form.get(b"Fields") {
        Ok(Object::Reference(array_id)) => {
            let array_id = *array_id;
            let mut fields = document
                .get_object(array_id)
                .and_then(Object::as_array)
                .map_err(malformed("/Fields"))?
                .clone();
            fields.push(Object::Reference(widget_id));
            update.set(array_id, Object::Array(fields));
        }
        Ok(Object::Array(fields)) => {
            let mut fields = fields.clone();
            fields.push(Object::Reference(widget_id));
            form.set("Fields", Object::Array(fields));
        }
        _ => form.set("Fields", Object::Array(vec![Object::Reference(widget_id)])),
    }
    // SignaturesExist (1) + AppendOnly (2), keeping any flags already set.
    let flags = form.get(b"SigFlags").and_then(Object::as_i64).unwrap_or(0) | 3;
    form.set("SigFlags", Object::Integer(flags));
    match form_id {
        Some(id) => update.set(id, Object::Dictionary(form)),
        None => {
            let id = update.add_object(Object::Dictionary(form));
            let mut catalog = catalog.clone();
            catalog.set("AcroForm", Object::Reference(id));
            update.set(catalog_id, Object::Dictionary(catalog));
        }
    }
    Ok(())
}

/// The widget rectangle in default user space: the caller's points from the
/// bottom-left of the page, shifted by the MediaBox origin, corners normalised.
fn page_rect(document: &Document, page_id: ObjectId, rect: [f32; 4]) -> Result<[f32; 4], Error> {
    if rect.iter().any(|v| !v.is_finite()) {
        return Err(Error::InvalidSignatureAppearance(
            "the rectangle has a non-finite coordinate".into(),
        ));
    }
    let [x1, y1, x2, y2] = rect;
    let (left, right) = (x1.min(x2), x1.max(x2));
    let (bottom, top) = (y1.min(y2), y1.max(y2));
    if right - left < 1.0 || top - bottom < 1.0 {
        return Err(Error::InvalidSignatureAppearance(
            "the rectangle must be at least 1 point wide and high (x1, y1, x2, y2)".into(),
        ));
    }
    let media_box = inherited(document, page_id, b"MediaBox")
        .and_then(|b| b.as_array().ok().cloned())
        .and_then(|values| {
            values
                .iter()
                .map(|v| v.as_float().ok())
                .collect::<Option<Vec<f32>>>()
        })
        .filter(|values| values.len() == 4)
        .unwrap_or_else(|| vec![0.0, 0.0, 612.0, 792.0]);
    let (origin_x, origin_y) = (
        media_box[0].min(media_box[2]),
        media_box[1].min(media_box[3]),
    );
    let (page_w, page_h) = (
        (media_box[2] - media_box[0]).abs(),
        (media_box[3] - media_box[1]).abs(),
    );
    if left >= page_w || bottom >= page_h || right <= 0.0 || top <= 0.0 {
        return Err(Error::InvalidSignatureAppearance(format!(
            "the rectangle lies outside the page ({page_w} x {page_h} points)"
        )));
    }
    Ok([
        origin_x + left,
        origin_y + bottom,
        origin_x + right,
        origin_y + top,
    ])
}

/// A page attribute that may be inherited from the page tree (ISO 32000-1 §7.7.3.4).
fn inherited<'d>(document: &'d Document, page_id: ObjectId, key: &[u8]) -> Option<&'d Object> {
    let mut node = document.get_dictionary(page_id).ok()?;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return document.dereference(value).ok().map(|(_, v)| v);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = document.get_dictionary(parent).ok()?;
    }
    None
}
