//! Writes the seed corpora under `fuzz/corpus/<target>/` from our own fixtures:
//! the client's canned Optimizer answers, webhook bodies, hash files the client
//! builds, upload forms, and PDFs the sandbox makes and signs.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml --example seed_corpus`

use std::path::{Path, PathBuf};

use oneshot_api::HashFile;
use oneshot_fuzz::{multipart, multipart_content_type, png, request_form};
use oneshot_sandbox::pdf::{ContractData, ContractLanguage, service_contract};
use oneshot_sandbox::pki::{Authority, PdfSignatureOptions, SignerIdentity};
use sha2::{Digest, Sha256};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("corpus");
    api_response(
        &corpus.join("api_response"),
        &root.join("../crates/oneshot-api/tests/fixtures"),
    );
    webhook_payload(&corpus.join("webhook_payload"));
    sandbox_hashfile(&corpus.join("sandbox_hashfile"));
    let pdfs = pdfs();
    sandbox_multipart(&corpus.join("sandbox_multipart"), &pdfs[0].1);
    let pdf_dir = corpus.join("pdf_upload");
    for (name, bytes) in &pdfs {
        write(&pdf_dir, name, bytes);
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).expect("corpus directory");
    std::fs::write(dir.join(name), bytes).expect("seed file");
}

/// The index into the target's status table for an answer of `status`.
fn selector(status: u16) -> u8 {
    match status {
        201 => 3,
        400 => 4,
        403 => 5,
        404 => 6,
        412 => 7,
        415 => 8,
        500 => 9,
        502 => 10,
        504 => 11,
        _ => 0,
    }
}

fn api_response(dir: &Path, fixtures: &Path) {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .expect("the client's fixtures")
        .map(|entry| entry.expect("a fixture").path())
        .collect();
    names.sort();
    for path in names {
        let body = std::fs::read(&path).expect("a fixture");
        // The fixture's own status line says which HTTP status it answers with.
        let status = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|json| json["status"].as_str().map(str::to_owned))
            .and_then(|text| text.get(..3)?.parse().ok())
            .unwrap_or(200);
        let mut seed = vec![selector(status)];
        seed.extend_from_slice(&body);
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture");
        write(dir, stem, &seed);
    }
    let mut proxy_page = vec![selector(502) | 0x80];
    proxy_page.extend_from_slice(
        b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    );
    write(dir, "proxy_502_html", &proxy_page);
}

fn webhook_payload(dir: &Path) {
    let bodies: [(&str, &[u8]); 4] = [
        (
            "videoid_incomplete",
            br#"{"status": "VIDEOINCOMPLETE", "date": "2026-02-03T08:08:21.132394", "previous_status": "VIDEOPENDING", "request": 40214, "registration_authority": 139}"#,
        ),
        (
            "async_first",
            br#"{"status": "approved", "request": "77", "previous_status": null}"#,
        ),
        (
            "issued",
            br#"{"status": "ISSUED", "request": 12, "previous_status": "ENROLLREADY", "date": "2026-11-27T10:00:00", "registration_authority": "RA-1"}"#,
        ),
        ("junk", b"<html>"),
    ];
    for (name, body) in bodies {
        write(dir, name, body);
    }
}

fn sandbox_hashfile(dir: &Path) {
    let digest: [u8; 32] = Sha256::digest(b"contract.pdf").into();
    let ours = HashFile::from_sha256(&digest);
    write(dir, "client_sha256", &ours.to_json());
    let mut plain = ours.clone();
    plain.add_signing_time = 0;
    plain.add_auth_attribute = 0;
    write(dir, "no_attributes", &plain.to_json());
    let sha512 = serde_json::json!({
        "messageDigest": base64_attribute(&[7u8; 64]),
        "digestAlgorithm": "sha512",
        "addAuthAttribute": "1",
        "addSigningTime": true,
        "otherAuthAttributes": [],
    });
    write(dir, "sha512_loose_flags", sha512.to_string().as_bytes());
    let short = serde_json::json!({
        "messageDigest": base64_attribute(&[7u8; 16]),
        "digestAlgorithm": "sha256",
    });
    write(dir, "short_digest", short.to_string().as_bytes());
}

fn base64_attribute(digest: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .encode(oneshot_api::hashfile::message_digest_attribute(digest))
}

fn sandbox_multipart(dir: &Path, pdf: &[u8]) {
    let seed = |endpoint: u8, content_type: &str, body: &[u8]| {
        let mut seed = vec![endpoint];
        seed.extend_from_slice(content_type.as_bytes());
        seed.push(b'\n');
        seed.extend_from_slice(body);
        seed
    };
    let form = multipart_content_type();
    write(dir, "request", &seed(0, &form, &request_form()));
    let digest: [u8; 32] = Sha256::digest(pdf).into();
    let hash_file = HashFile::from_sha256(&digest).to_json();
    let documents = multipart(&[
        ("file", Some("contract.pdf"), pdf),
        ("hashfile", Some("contract.json"), &hash_file),
    ]);
    write(dir, "documents", &seed(1, &form, &documents));
    let picture = png(24, 12);
    let image = multipart(&[("image", Some("signature.png"), &picture)]);
    write(dir, "image", &seed(2, &form, &image));
    let mut mp4 = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    mp4.extend((0..256u32).map(|i| (i % 251) as u8));
    let video = multipart(&[("video", Some("session.mp4"), &mp4)]);
    write(dir, "video", &seed(3, &form, &video));
    write(dir, "json_instead", &seed(1, "application/json", b"{}"));
}

/// A one-page PDF, the service contract, and both signed by the sandbox.
fn pdfs() -> Vec<(&'static str, Vec<u8>)> {
    let small = one_page_pdf();
    let contract = service_contract(&ContractData {
        signer_name: "Łucja Núñez Żak".into(),
        id_number: "12345678Z".into(),
        email: "lucja@example.com".into(),
        phone: "+34600123123".into(),
        profile: "PFnubeQAFCiudadano".into(),
        registration_authority: "139".into(),
        date: time::Date::from_calendar_date(2026, time::Month::November, 27).expect("a date"),
        language: ContractLanguage::from_code("en"),
    })
    .expect("the service contract");
    let dir = tempfile::tempdir().expect("a temp dir");
    let authority = Authority::load_or_create(&dir.path().join("pki")).expect("a local PKI");
    let signer = authority
        .issue_one_shot(
            &SignerIdentity {
                given_name: "Łucja".into(),
                surname_1: "Núñez".into(),
                surname_2: None,
                id_number: "12345678Z".into(),
                country: "ES".into(),
                email: "lucja@example.com".into(),
            },
            "PFnubeQAFCiudadano",
        )
        .expect("a signer");
    let signed = signer
        .sign_pdf(&small, &PdfSignatureOptions::default())
        .expect("signing the small PDF");
    vec![
        ("one_page", small),
        ("signed", signed),
        ("contract", contract),
    ]
}

/// One A4 page of Helvetica text, as the client's tests upload.
fn one_page_pdf() -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font = doc.add_object(font);
    let content = b"BT /F1 16 Tf 72 720 Td (Contract) Tj ET".to_vec();
    let contents = doc.add_object(Stream::new(Dictionary::new(), content));
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
    let page = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", 1);
    pages.set("Kids", vec![Object::Reference(page)]);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF");
    bytes
}
