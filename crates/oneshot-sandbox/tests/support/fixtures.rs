//! Test inputs built in code (no files from outside the project).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use image::{ImageFormat, RgbImage};

pub fn png(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, ImageFormat::Png)
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, ImageFormat::Jpeg)
}

fn encode(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 128])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// The start of an MP4 file (an `ftyp` box) followed by some payload.
pub fn mp4() -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    bytes.extend((0..4096u32).map(|i| (i % 251) as u8));
    bytes
}

/// A plain PDF with one page per text, Helvetica, A4.
pub fn pdf(page_texts: &[&str]) -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font = doc.add_object(font);
    let mut kids = Vec::new();
    for text in page_texts {
        let content = format!(
            "BT /F1 16 Tf 72 720 Td ({text}) Tj ET\nBT /F1 10 Tf 72 700 Td (Sandbox HTTP test document) Tj ET"
        );
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(font));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
        page.set("Resources", Object::Dictionary(resources));
        page.set("Contents", Object::Reference(contents));
        kids.push(doc.add_object(page));
    }
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", kids.len() as i64);
    pages.set(
        "Kids",
        kids.iter()
            .map(|k| Object::Reference(*k))
            .collect::<Vec<_>>(),
    );
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A PDF whose trailer names a standard security handler (password protected).
pub fn encrypted_pdf() -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, StringFormat};
    let mut doc = Document::load_mem(&pdf(&["secret"])).unwrap();
    let mut encrypt = Dictionary::new();
    encrypt.set("Filter", Object::Name(b"Standard".to_vec()));
    encrypt.set("V", 1);
    encrypt.set("R", 2);
    encrypt.set("Length", 40);
    encrypt.set("P", -4);
    encrypt.set(
        "O",
        Object::String(vec![0x41; 32], StringFormat::Hexadecimal),
    );
    encrypt.set(
        "U",
        Object::String(vec![0x42; 32], StringFormat::Hexadecimal),
    );
    let encrypt = doc.add_object(encrypt);
    doc.trailer.set("Encrypt", Object::Reference(encrypt));
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ],
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// The guide's hash-file JSON for `content`: `messageDigest` is base64 of the
/// DER attribute SEQUENCE { OID 1.2.840.113549.1.9.4, SET { OCTET STRING sha256 } }.
pub fn hashfile(content: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(content);
    let mut der = vec![
        0x30, 0x2F, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04,
    ];
    der.extend([0x31, 0x22, 0x04, 0x20]);
    der.extend_from_slice(&digest);
    serde_json::to_vec(&serde_json::json!({
        "messageDigest": base64::engine::general_purpose::STANDARD.encode(der),
        "digestAlgorithm": "sha256",
        "addAuthAttribute": 1,
        "addSigningTime": 1,
        "otherAuthAttributes": [],
    }))
    .unwrap()
}

/// A hash file whose digest is too short for its algorithm.
pub fn hashfile_with_short_digest() -> Vec<u8> {
    use base64::Engine as _;
    let mut der = vec![
        0x30, 0x1F, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x04,
    ];
    der.extend([0x31, 0x12, 0x04, 0x10]);
    der.extend([7u8; 16]);
    serde_json::to_vec(&serde_json::json!({
        "messageDigest": base64::engine::general_purpose::STANDARD.encode(der),
        "digestAlgorithm": "sha256",
        "addAuthAttribute": 1,
        "addSigningTime": 1,
        "otherAuthAttributes": [],
    }))
    .unwrap()
}
