//! Multi-page PDFs that look like what an officer signs: pages of running text in
//! the standard fonts, a table and a chart drawn as vectors, and optionally a
//! scanned-looking image that brings the file up to a given size.

use std::fmt::Write as _;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, Stream};

use super::Xorshift;
use crate::error::{IoContext, Result};

const WORDS: &[&str] = &[
    "agreement",
    "signatory",
    "registration",
    "authority",
    "officer",
    "certificate",
    "electronic",
    "signature",
    "document",
    "identity",
    "verification",
    "contract",
    "party",
    "shall",
    "provide",
    "service",
    "terms",
    "conditions",
    "personal",
    "data",
    "processing",
    "consent",
    "period",
    "validity",
    "request",
    "issued",
    "qualified",
    "trust",
    "provider",
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "by",
    "under",
    "each",
    "any",
    "this",
    "according",
    "regulation",
    "article",
    "annex",
    "clause",
    "obligations",
    "liability",
];

/// What to put in the PDF.
#[derive(Debug, Clone, Copy)]
pub struct PdfSpec {
    pub pages: u32,
    /// Size of an uncompressed grey image placed on the first page; 0 for none.
    pub image_bytes: u64,
    pub seed: u64,
}

/// Writes the PDF described by `spec` to `path`.
pub fn write_pdf(path: &Path, spec: PdfSpec) -> Result<()> {
    let mut doc = build(spec);
    doc.save(path).at(path)?;
    Ok(())
}

fn name(value: &str) -> Object {
    Object::Name(value.as_bytes().to_vec())
}

fn font(doc: &mut Document, base: &str) -> Object {
    let mut font = Dictionary::new();
    font.set("Type", name("Font"));
    font.set("Subtype", name("Type1"));
    font.set("BaseFont", name(base));
    font.set("Encoding", name("WinAnsiEncoding"));
    Object::Reference(doc.add_object(font))
}

fn build(spec: PdfSpec) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut fonts = Dictionary::new();
    fonts.set("F1", font(&mut doc, "Times-Roman"));
    fonts.set("F2", font(&mut doc, "Helvetica-Bold"));
    fonts.set("F3", font(&mut doc, "Helvetica"));
    let fonts = doc.add_object(fonts);
    let scan = (spec.image_bytes > 0).then(|| scanned_image(&mut doc, spec.image_bytes, spec.seed));

    let mut rng = Xorshift::new(spec.seed);
    let mut kids = Vec::new();
    for index in 0..spec.pages.max(1) {
        let mut content = page_content(index, &mut rng);
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Reference(fonts));
        if let (0, Some((image, width, height))) = (index, scan) {
            // Fitted into the lower half of the page, where the chart would be.
            let scale = (480.0 / f64::from(width)).min(300.0 / f64::from(height));
            let _ = writeln!(
                content,
                "q {:.2} 0 0 {:.2} 56 60 cm /Scan Do Q",
                f64::from(width) * scale,
                f64::from(height) * scale
            );
            let mut xobjects = Dictionary::new();
            xobjects.set("Scan", Object::Reference(image));
            resources.set("XObject", Object::Dictionary(xobjects));
        }
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let mut page = Dictionary::new();
        page.set("Type", name("Page"));
        page.set("Parent", Object::Reference(pages_id));
        page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Reference(contents));
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let mut pages = Dictionary::new();
    pages.set("Type", name("Pages"));
    pages.set("Count", i64::from(spec.pages.max(1)));
    pages.set("Kids", kids);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", name("Catalog"));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    doc
}

/// A grey "scan" of `bytes` pixels: noise over a gradient, stored uncompressed so
/// the file really has that size.
fn scanned_image(doc: &mut Document, bytes: u64, seed: u64) -> (lopdf::ObjectId, u32, u32) {
    let width: u32 = 2000;
    let height = u32::try_from(bytes.div_ceil(u64::from(width))).unwrap_or(u32::MAX);
    let mut rng = Xorshift::new(seed ^ 0x5CA7);
    let mut pixels = vec![0u8; width as usize * height as usize];
    for (row, line) in pixels.chunks_mut(width as usize).enumerate() {
        for (column, pixel) in line.iter_mut().enumerate() {
            let base = 160 + (row * 60 / height.max(1) as usize) + (column * 30 / width as usize);
            let noise = (rng.next_u64() % 24) as usize;
            *pixel = u8::try_from((base + noise).min(255)).unwrap_or(u8::MAX);
        }
    }
    let mut dict = Dictionary::new();
    dict.set("Type", name("XObject"));
    dict.set("Subtype", name("Image"));
    dict.set("Width", i64::from(width));
    dict.set("Height", i64::from(height));
    dict.set("ColorSpace", name("DeviceGray"));
    dict.set("BitsPerComponent", 8);
    let id = doc.add_object(Stream::new(dict, pixels));
    (id, width, height)
}

fn sentence(rng: &mut Xorshift, max_chars: usize) -> String {
    let mut line = String::new();
    loop {
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        if line.len() + word.len() + 1 > max_chars {
            return line;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
}

/// One page: a heading, justified-looking body text, a table and a line chart.
fn page_content(index: u32, rng: &mut Xorshift) -> String {
    let mut c = String::new();
    let _ = writeln!(
        c,
        "BT /F2 15 Tf 56 790 Td (Service agreement, section {}) Tj ET",
        index + 1
    );
    c.push_str("BT /F1 10 Tf 12 TL 56 765 Td\n");
    for _ in 0..30 {
        let _ = writeln!(c, "({}) Tj T*", sentence(rng, 92));
    }
    c.push_str("ET\n");
    // A table: ruled grid with header and figures.
    c.push_str("0.2 w 0 0 0 RG\n");
    let (left, top, cols, rows, cell_w, cell_h) = (56.0, 395.0, 5, 6, 96.0, 16.0);
    for r in 0..=rows {
        let y = top - f64::from(r) * cell_h;
        let _ = writeln!(
            c,
            "{left} {y} m {} {y} l S",
            left + f64::from(cols) * cell_w
        );
    }
    for k in 0..=cols {
        let x = left + f64::from(k) * cell_w;
        let _ = writeln!(c, "{x} {top} m {x} {} l S", top - f64::from(rows) * cell_h);
    }
    c.push_str("0.85 0.9 1 rg\n");
    let _ = writeln!(
        c,
        "{left} {} {} {cell_h} re f",
        top - cell_h,
        f64::from(cols) * cell_w
    );
    c.push_str("0 g BT /F3 8 Tf\n");
    for r in 0..rows {
        for k in 0..cols {
            let x = left + f64::from(k) * cell_w + 4.0;
            let y = top - f64::from(r + 1) * cell_h + 5.0;
            let text = if r == 0 {
                format!("Item {}", k + 1)
            } else {
                format!("{}.{:02}", rng.below(9000) + 100, rng.below(100))
            };
            let _ = writeln!(c, "1 0 0 1 {x} {y} Tm ({text}) Tj");
        }
    }
    c.push_str("ET\n");
    // A chart: filled bars and a curve through them.
    for bar in 0..12 {
        let height = 20 + rng.below(140);
        let shade = 0.3 + f64::from(bar) * 0.05;
        let _ = writeln!(
            c,
            "{shade:.2} 0.5 {:.2} rg {} 120 26 {height} re f",
            1.0 - shade,
            56 + bar * 40
        );
    }
    c.push_str("1.2 w 0.8 0.1 0.1 RG 56 200 m\n");
    for step in 1..=12u64 {
        let x = 56 + step * 40;
        let y = 130 + rng.below(160);
        let _ = writeln!(c, "{} {} {} {} {x} {y} c", x - 30, y + 25, x - 10, y - 25);
    }
    c.push_str("S\n");
    let _ = writeln!(
        c,
        "BT /F3 8 Tf 56 40 Td (Page {} - generated by oneshot-bench) Tj ET",
        index + 1
    );
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_pages_asked_and_reaches_the_image_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.pdf");
        write_pdf(
            &path,
            PdfSpec {
                pages: 3,
                image_bytes: 300_000,
                seed: 1,
            },
        )
        .unwrap();
        let doc = Document::load(&path).unwrap();
        assert_eq!(doc.get_pages().len(), 3);
        assert!(std::fs::metadata(&path).unwrap().len() > 300_000);
    }
}
