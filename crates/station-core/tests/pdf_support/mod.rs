//! PDFs generated for the PDF service's tests, the pdfium library they need and
//! the worker program that runs it.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use lopdf::content::{Content, Operation};
use lopdf::encryption::crypt_filters::{Aes256CryptFilter, CryptFilter};
use lopdf::{
    Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream, dictionary,
};
use station_core::{PDFIUM_PROVISIONING_HINT, PdfService, PdfServiceConfig, PdfWorkerCommand};

pub const A4: (f32, f32) = (595.0, 842.0);
pub const LETTER_LANDSCAPE: (f32, f32) = (792.0, 612.0);

/// The pdfium library the tests use. Fails (never skips) without it: a PDF service
/// that was never exercised must not look green.
pub fn pdfium() -> PathBuf {
    match std::env::var_os("PDFIUM_LIB").filter(|value| !value.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => panic!(
            "PDFIUM_LIB is not set, so the PDF service cannot be tested. To provision pdfium: \
             {PDFIUM_PROVISIONING_HINT}. By hand: pip download pypdfium2==5.15.2 --no-deps \
             --only-binary=:all: -d /tmp/w && unzip -j /tmp/w/pypdfium2-*.whl \
             'pypdfium2_raw/libpdfium.so' -d .tools/pdfium && export \
             PDFIUM_LIB=$PWD/.tools/pdfium/libpdfium.so"
        ),
    }
}

/// One page to generate: size in points, `/Rotate`, and whether to draw on it.
#[derive(Clone, Copy)]
pub struct Page {
    pub size: (f32, f32),
    pub rotate: i64,
}

pub fn page(size: (f32, f32)) -> Page {
    Page { size, rotate: 0 }
}

/// A PDF whose every page carries a black 200×100 pt box at (72, 72) and the
/// text "Page N" near its top-left corner.
pub fn document(pages: &[Page]) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let content = Content {
            operations: vec![
                Operation::new("rg", vec![0.into(), 0.into(), 0.into()]),
                Operation::new("re", vec![72.into(), 72.into(), 200.into(), 100.into()]),
                Operation::new("f", vec![]),
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 36.into()]),
                Operation::new("Td", vec![72.into(), (page.size.1 - 100.0).into()]),
                Operation::new(
                    "Tj",
                    vec![Object::string_literal(format!("Page {}", index + 1))],
                ),
                Operation::new("ET", vec![]),
            ],
        };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), page.size.0.into(), page.size.1.into()],
            "Rotate" => page.rotate,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let id = Object::String(
        b"0123456789abcdef".to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc
}

pub fn save(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

pub fn pdf(pages: &[Page]) -> Vec<u8> {
    save(document(pages))
}

/// Encrypted with RC4-128 (security handler revision 3).
pub fn rc4_encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = document(&[page(A4)]);
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

/// Encrypted with AES-256 (security handler revision 6).
pub fn aes256_encrypted(user_password: &str) -> Vec<u8> {
    let mut doc = document(&[page(A4)]);
    let filter: Arc<dyn CryptFilter> = Arc::new(Aes256CryptFilter);
    let key = [7u8; 32];
    let state = EncryptionState::try_from(EncryptionVersion::V5 {
        encrypt_metadata: true,
        crypt_filters: BTreeMap::from([(b"StdCF".to_vec(), filter)]),
        file_encryption_key: &key,
        stream_filter: b"StdCF".to_vec(),
        string_filter: b"StdCF".to_vec(),
        owner_password: "owner-secret",
        user_password,
        permissions: Permissions::PRINTABLE,
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

/// This package's worker program.
pub fn worker() -> PdfWorkerCommand {
    PdfWorkerCommand::new(env!("CARGO_BIN_EXE_oneshot-pdf-worker"))
}

/// A service whose pdfium runs in this package's worker program (the station runs
/// its own executable instead; a test binary cannot serve as the worker).
pub fn service_caching(cache_bytes: usize) -> PdfService {
    let mut config = PdfServiceConfig::new(pdfium(), worker());
    config.cache_bytes = cache_bytes;
    PdfService::start_configured(config).unwrap()
}

pub fn service() -> PdfService {
    service_caching(64 * 1024 * 1024)
}
