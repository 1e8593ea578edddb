//! Shared helpers for the PKI/PDF integration tests: fixture PDFs built in code,
//! a sandbox authority in a temp dir, and the external validators (pdfsig,
//! pyHanko, openssl) that must accept what the sandbox signs.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use oneshot_sandbox::pki::{Authority, OneShotSigner, SignerIdentity};

/// The signer every test uses: non-ASCII names on purpose.
pub fn identity() -> SignerIdentity {
    SignerIdentity {
        given_name: "Łukasz".into(),
        surname_1: "Żółć".into(),
        surname_2: Some("Núñez".into()),
        id_number: "12345678Z".into(),
        country: "ES".into(),
        email: "lukasz.zolc@example.com".into(),
    }
}

/// A sandbox authority in its own temp dir, with the trust files validators need.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub authority: Authority,
}

impl Sandbox {
    /// Set `PKI_TEST_KEEP=1` to keep the directory (signed files, NSS db) for inspection.
    pub fn new() -> Self {
        let mut dir = tempfile::tempdir().unwrap();
        if std::env::var_os("PKI_TEST_KEEP").is_some() {
            eprintln!("keeping {}", dir.path().display());
            dir.disable_cleanup(true);
        }
        let authority = Authority::load_or_create(&dir.path().join("pki")).unwrap();
        std::fs::write(dir.path().join("ca.pem"), authority.ca_pem()).unwrap();
        Self { dir, authority }
    }

    pub fn signer(&self) -> OneShotSigner {
        self.authority
            .issue_one_shot(&identity(), "PFnubeQAFCiudadano")
            .unwrap()
    }

    pub fn ca_pem_path(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The root CA alone, first in `ca.pem`.
    pub fn root_pem_path(&self) -> PathBuf {
        let path = self.dir.path().join("root.pem");
        if !path.exists() {
            let pem = self.authority.ca_pem();
            let end = pem.find("-----END CERTIFICATE-----").unwrap()
                + "-----END CERTIFICATE-----\n".len();
            std::fs::write(&path, &pem[..end]).unwrap();
        }
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// An NSS database trusting the sandbox root (created on first use), for pdfsig.
    pub fn nss_dir(&self) -> PathBuf {
        let nss = self.dir.path().join("nss");
        if nss.exists() {
            return nss;
        }
        require_tool("certutil", "apt-get install -y libnss3-tools");
        std::fs::create_dir_all(&nss).unwrap();
        let db = format!("sql:{}", nss.display());
        run_ok(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]));
        let pem = self.authority.ca_pem();
        let certs: Vec<String> = pem
            .split_inclusive("-----END CERTIFICATE-----\n")
            .map(str::to_owned)
            .filter(|c| c.contains("BEGIN"))
            .collect();
        for (index, cert) in certs.iter().enumerate() {
            let file = self.dir.path().join(format!("ca-{index}.pem"));
            std::fs::write(&file, cert).unwrap();
            // The root (first) is the trust anchor; the rest only help path building.
            let trust = if index == 0 { "CT,C,C" } else { ",," };
            run_ok(Command::new("certutil").args([
                "-A",
                "-d",
                &db,
                "-n",
                &format!("sandbox-{index}"),
                "-t",
                trust,
                "-i",
                file.to_str().unwrap(),
            ]));
        }
        nss
    }
}

/// Fails the test (never skips it) when a validator is missing.
pub fn require_tool(tool: &str, install: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "validator `{tool}` is not installed; install it with: {install}"
    );
}

pub fn run(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("running {command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

pub fn run_ok(command: &mut Command) -> String {
    let (ok, text) = run(command);
    assert!(ok, "{command:?} failed:\n{text}");
    text
}

/// pdfsig's report on `pdf`, which must list `signatures` valid, trusted signatures.
pub fn assert_pdfsig_accepts(sandbox: &Sandbox, pdf: &Path, signatures: usize) -> String {
    require_tool("pdfsig", "apt-get install -y poppler-utils");
    let nss = format!("sql:{}", sandbox.nss_dir().display());
    let (_, report) = run(Command::new("pdfsig").args(["-nssdir", &nss]).arg(pdf));
    assert_eq!(
        report
            .matches("Signature Validation: Signature is Valid.")
            .count(),
        signatures,
        "pdfsig:\n{report}"
    );
    assert_eq!(
        report
            .matches("Certificate Validation: Certificate is Trusted.")
            .count(),
        signatures,
        "pdfsig:\n{report}"
    );
    assert!(
        report.contains("Signature Type: ETSI.CAdES.detached"),
        "pdfsig:\n{report}"
    );
    assert!(
        report.contains("Total document signed"),
        "the last signature covers the file:\n{report}"
    );
    report
}

pub fn assert_pdfsig_rejects(sandbox: &Sandbox, pdf: &Path) {
    require_tool("pdfsig", "apt-get install -y poppler-utils");
    let nss = format!("sql:{}", sandbox.nss_dir().display());
    let (_, report) = run(Command::new("pdfsig").args(["-nssdir", &nss]).arg(pdf));
    assert!(
        !report.contains("Signature Validation: Signature is Valid."),
        "pdfsig accepted a tampered file:\n{report}"
    );
}

fn pyhanko(sandbox: &Sandbox, pdf: &Path, pretty: bool) -> (bool, String) {
    require_tool(
        "pyhanko",
        "pip install pyhanko pyhanko-certvalidator pyhanko-cli",
    );
    let mut command = Command::new("pyhanko");
    // Trust only the root: the issuing CA and TSA certificates must come from
    // the signature itself, proving that it embeds the whole chain.
    command
        .args(["sign", "validate", "--trust"])
        .arg(sandbox.root_pem_path())
        .arg("--trust-replace");
    if pretty {
        command.arg("--pretty-print");
    }
    run(command.arg(pdf))
}

/// pyHanko's verdict on every signature of `pdf`: intact, trusted, with a valid
/// timestamp token; the last one covering the whole file (PAdES B-T).
/// Returns the pretty-printed report.
pub fn assert_pyhanko_accepts(sandbox: &Sandbox, pdf: &Path, signatures: usize) -> String {
    let (ok, summary) = pyhanko(sandbox, pdf, false);
    assert!(ok, "pyhanko rejected {}:\n{summary}", pdf.display());
    let lines: Vec<&str> = summary
        .lines()
        .filter(|l| l.starts_with("Signature"))
        .collect();
    assert_eq!(lines.len(), signatures, "pyhanko summary:\n{summary}");
    for line in &lines {
        assert!(
            line.contains(":INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>"),
            "pyhanko summary:\n{summary}"
        );
    }
    assert!(
        lines[signatures - 1].ends_with(",UNTOUCHED"),
        "the last signature covers the file:\n{summary}"
    );
    for earlier in &lines[..signatures - 1] {
        // Later signatures may only add signature fields: pyHanko's diff analysis agrees.
        assert!(
            earlier.ends_with(",ACCEPTABLE_MODIFICATIONS"),
            "pyhanko summary:\n{summary}"
        );
    }

    let (ok, report) = pyhanko(sandbox, pdf, true);
    assert!(ok, "pyhanko rejected {}:\n{report}", pdf.display());
    for expected in [
        "The signature is cryptographically sound.",
        "The signer's certificate is trusted.",
        "Trust anchor: \"Common Name: One-Shot Sandbox Root CA",
        "The timestamp token is cryptographically sound.",
        "The TSA certificate is trusted.",
        "The signature covers the entire file.",
        "The signature is judged VALID.",
    ] {
        assert!(
            report.contains(expected),
            "pyhanko report lacks {expected:?}:\n{report}"
        );
    }
    report
}

pub fn assert_pyhanko_rejects(sandbox: &Sandbox, pdf: &Path) {
    let (ok, summary) = pyhanko(sandbox, pdf, false);
    assert!(
        !ok && summary.contains("INVALID"),
        "pyhanko accepted a tampered file:\n{summary}"
    );
}

/// A copy of `signed` with one byte changed inside the signed range (in the
/// original content, far from the signature), written next to it.
pub fn tampered_copy(signed: &[u8], dir: &Path, name: &str) -> PathBuf {
    let mut bytes = signed.to_vec();
    let at = bytes
        .windows(8)
        .position(|w| w == b"One-Shot")
        .or_else(|| bytes.windows(2).position(|w| w == b"BT"));
    let at = at.expect("a recognisable byte to flip in the signed range");
    bytes[at] ^= 0x01;
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// ---------- fixture PDFs built in code ----------

fn helvetica() -> Dictionary {
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    font
}

fn page(doc: &mut Document, pages: ObjectId, font: ObjectId, text: &str) -> ObjectId {
    let content = format!(
        "BT /F1 18 Tf 72 720 Td ({text}) Tj ET\nBT /F1 11 Tf 72 690 Td (One-Shot Station test fixture) Tj ET"
    );
    let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages));
    page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    page.set("Resources", Object::Dictionary(resources));
    page.set("Contents", Object::Reference(contents));
    doc.add_object(page)
}

fn document(page_texts: &[&str]) -> (Document, ObjectId, Vec<ObjectId>) {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(helvetica());
    let kids: Vec<ObjectId> = page_texts
        .iter()
        .map(|t| page(&mut doc, pages_id, font, t))
        .collect();
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
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    (doc, catalog_id, kids)
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// One page, classic cross-reference table.
pub fn one_page_pdf() -> Vec<u8> {
    save(document(&["Contract to sign"]).0)
}

/// Three pages saved with object streams and a cross-reference stream (PDF 1.5+).
pub fn three_pages_xref_stream_pdf() -> Vec<u8> {
    let (mut doc, _, _) = document(&["Page one", "Page two", "Page three"]);
    let mut out = Vec::new();
    doc.save_modern(&mut out).unwrap();
    out
}

/// One page with an existing text field: the AcroForm sits inline in the
/// catalog and the page's /Annots is an indirect array.
pub fn acroform_pdf() -> Vec<u8> {
    let (mut doc, catalog_id, kids) = document(&["Form with a field"]);
    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Tx".to_vec()));
    field.set("T", Object::string_literal("Signature1"));
    field.set("V", Object::string_literal("filled in"));
    field.set("Rect", vec![72.into(), 600.into(), 300.into(), 620.into()]);
    field.set("P", Object::Reference(kids[0]));
    let field_id = doc.add_object(field);
    let annots = doc.add_object(Object::Array(vec![Object::Reference(field_id)]));
    doc.get_dictionary_mut(kids[0])
        .unwrap()
        .set("Annots", Object::Reference(annots));
    let mut form = Dictionary::new();
    form.set("Fields", vec![Object::Reference(field_id)]);
    form.set("DA", Object::string_literal("/Helv 0 Tf 0 g"));
    doc.get_dictionary_mut(catalog_id)
        .unwrap()
        .set("AcroForm", Object::Dictionary(form));
    save(doc)
}

/// One page encrypted with RC4-128 (user password "user").
pub fn encrypted_pdf() -> Vec<u8> {
    let (mut doc, _, _) = document(&["Secret"]);
    let id = Object::String(
        b"0123456789abcdef".to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "user",
        key_length: 128,
        permissions: lopdf::Permissions::default(),
    };
    let state = lopdf::EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

/// A small RGBA PNG with a transparent left half, like a scanned signature.
pub fn signature_png() -> Vec<u8> {
    let picture = image::RgbaImage::from_fn(120, 40, |x, y| {
        let ink = (y as i32 - 20).abs() < 3 + (x as i32 % 7);
        if ink {
            image::Rgba([20, 30, 120, 255])
        } else {
            image::Rgba([255, 255, 255, if x < 60 { 0 } else { 90 }])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(picture)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// A small JPEG picture.
pub fn signature_jpeg() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(60, 30, |x, _| image::Rgb([(x * 4) as u8, 80, 160]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(
            &mut std::io::Cursor::new(&mut out),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    out
}
