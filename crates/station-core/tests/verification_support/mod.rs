//! Shared helpers for the verification tests: documents signed by the real
//! sandbox PKI, tampered copies made with independent means (lopdf, the `cms`
//! crate, byte edits), and the external reference tools (pdfsig, openssl).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, Stream, StringFormat};
use oneshot_sandbox::pki::{Authority, OneShotSigner, PdfSignatureOptions, SignerIdentity};
use station_core::TrustStore;

/// The signer of every test: non-ASCII names on purpose.
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

/// A sandbox authority (root, issuing CA, TSA) in its own temp dir.
pub struct Pki {
    pub dir: tempfile::TempDir,
    pub authority: Authority,
}

impl Pki {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let authority = Authority::load_or_create(&dir.path().join("pki")).unwrap();
        Self { dir, authority }
    }

    pub fn signer(&self) -> OneShotSigner {
        self.authority
            .issue_one_shot(&identity(), "PFnubeQAFCiudadano")
            .unwrap()
    }

    /// What the station loads for the sandbox profile: `/sandbox/v1/ca.pem`.
    pub fn trust(&self) -> TrustStore {
        TrustStore::from_pem(&self.authority.ca_pem()).unwrap()
    }

    pub fn sign(&self, pdf: &[u8]) -> Vec<u8> {
        self.signer()
            .sign_pdf(pdf, &PdfSignatureOptions::default())
            .unwrap()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The root CA alone, first in `ca.pem`.
    pub fn root_pem(&self) -> String {
        let pem = self.authority.ca_pem();
        let end =
            pem.find("-----END CERTIFICATE-----").unwrap() + "-----END CERTIFICATE-----\n".len();
        pem[..end].to_owned()
    }

    /// An NSS database trusting only the sandbox root, for pdfsig.
    pub fn nss_dir(&self) -> PathBuf {
        let nss = self.path("nss");
        if nss.exists() {
            return nss;
        }
        require_tool("certutil", "apt-get install -y libnss3-tools");
        std::fs::create_dir_all(&nss).unwrap();
        let db = format!("sql:{}", nss.display());
        run_ok(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]));
        let root = self.write("root.pem", self.root_pem().as_bytes());
        run_ok(
            Command::new("certutil")
                .args(["-A", "-d", &db, "-n", "sandbox-root", "-t", "CT,C,C", "-i"])
                .arg(root),
        );
        nss
    }
}

// ---------- fixture PDFs ----------

/// A PDF with one page per text, uncompressed content, classic xref table.
pub fn plain_pdf(page_texts: &[&str]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font_id = doc.add_object(font);
    let kids: Vec<Object> = page_texts
        .iter()
        .map(|text| {
            let content = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
            let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
            let mut fonts = Dictionary::new();
            fonts.set("F1", Object::Reference(font_id));
            let mut resources = Dictionary::new();
            resources.set("Font", Object::Dictionary(fonts));
            let mut page = Dictionary::new();
            page.set("Type", Object::Name(b"Page".to_vec()));
            page.set("Parent", Object::Reference(pages_id));
            page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
            page.set("Resources", Object::Dictionary(resources));
            page.set("Contents", Object::Reference(contents));
            Object::Reference(doc.add_object(page))
        })
        .collect();
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", kids.len() as i64);
    pages.set("Kids", kids);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

pub fn contract_pdf() -> Vec<u8> {
    use oneshot_sandbox::pdf::{ContractData, ContractLanguage, service_contract};
    service_contract(&ContractData {
        signer_name: identity().full_name(),
        id_number: identity().id_number,
        email: identity().email,
        phone: "+34600000000".into(),
        profile: "PFnubeQAFCiudadano".into(),
        registration_authority: "1".into(),
        date: time::macros::date!(2026 - 11 - 27),
        language: ContractLanguage::Spanish,
    })
    .unwrap()
}

// ---------- reading what the signer wrote, independently of the verifier ----------

/// The CMS of every signature, in file order, read with lopdf and `cms`.
pub fn signatures_cms(pdf: &[u8]) -> Vec<SignedData> {
    let doc = Document::load_mem(pdf).unwrap();
    let mut found: Vec<(i64, SignedData)> = doc
        .objects
        .values()
        .filter_map(|object| match object {
            Object::Dictionary(d) if d.has(b"ByteRange") => Some(d),
            _ => None,
        })
        .map(|d| {
            let end = match d.get(b"ByteRange").unwrap() {
                Object::Array(values) => values[2].as_i64().unwrap(),
                _ => panic!("ByteRange"),
            };
            let contents = d.get(b"Contents").unwrap().as_str().unwrap();
            let mut reader = der::SliceReader::new(contents).unwrap();
            let info = ContentInfo::decode(&mut reader).unwrap();
            (end, info.content.decode_as::<SignedData>().unwrap())
        })
        .collect();
    found.sort_by_key(|(end, _)| *end);
    found.into_iter().map(|(_, sd)| sd).collect()
}

/// The `/ByteRange` of every signature dictionary, read with lopdf.
pub fn byte_ranges(pdf: &[u8]) -> Vec<Vec<i64>> {
    let doc = Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|object| match object {
            Object::Dictionary(d) => match d.get(b"ByteRange") {
                Ok(Object::Array(values)) => {
                    Some(values.iter().map(|v| v.as_i64().unwrap()).collect())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The timestamp token's TSTInfo DER inside the last signature.
pub fn last_tst_info(pdf: &[u8]) -> Vec<u8> {
    let cms = signatures_cms(pdf).pop().unwrap();
    let signer = cms.signer_infos.0.iter().next().unwrap().clone();
    let token = signer
        .unsigned_attrs
        .unwrap()
        .iter()
        .find(|a| a.oid.to_string() == "1.2.840.113549.1.9.16.2.14")
        .unwrap()
        .values
        .iter()
        .next()
        .unwrap()
        .to_der()
        .unwrap();
    let token = ContentInfo::from_der(&token)
        .unwrap()
        .content
        .decode_as::<SignedData>()
        .unwrap();
    token.encap_content_info.econtent.unwrap().value().to_vec()
}

/// The signature value of the last signature.
pub fn last_signature_value(pdf: &[u8]) -> Vec<u8> {
    let cms = signatures_cms(pdf).pop().unwrap();
    cms.signer_infos
        .0
        .iter()
        .next()
        .unwrap()
        .signature
        .as_bytes()
        .to_vec()
}

/// Flips one hex digit of `needle`'s hex encoding where it appears in the file
/// (inside a `/Contents` string), at `at` hex digits from its start.
pub fn flip_in_contents(pdf: &[u8], needle: &[u8], at: usize) -> Vec<u8> {
    let upper: String = needle.iter().map(|b| format!("{b:02X}")).collect();
    let lower = upper.to_ascii_lowercase();
    let position = find(pdf, upper.as_bytes())
        .or_else(|| find(pdf, lower.as_bytes()))
        .expect("the bytes are in the file as hex");
    let mut out = pdf.to_vec();
    let digit = &mut out[position + at];
    *digit = if *digit == b'0' { b'1' } else { b'0' };
    out
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Flips one byte of the page text, inside the signed range.
pub fn flip_in_signed_range(pdf: &[u8], text: &[u8]) -> Vec<u8> {
    let at = find(pdf, text).expect("page text in the file");
    let mut out = pdf.to_vec();
    out[at] ^= 0x01;
    out
}

// ---------- incremental updates appended after a signature ----------

fn incremental(pdf: &[u8]) -> IncrementalDocument {
    IncrementalDocument::create_from(pdf.to_vec(), Document::load_mem(pdf).unwrap())
}

fn save(mut doc: IncrementalDocument) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn catalog_id(doc: &IncrementalDocument) -> ObjectId {
    doc.get_prev_documents()
        .trailer
        .get(b"Root")
        .unwrap()
        .as_reference()
        .unwrap()
}

/// An unsigned incremental update after the signature that changes the document
/// (a new /Lang on the catalog).
pub fn append_unsigned_update(pdf: &[u8]) -> Vec<u8> {
    let mut doc = incremental(pdf);
    let root = catalog_id(&doc);
    doc.opt_clone_object_to_new_document(root).unwrap();
    doc.new_document
        .get_dictionary_mut(root)
        .unwrap()
        .set("Lang", Object::string_literal("en-GB"));
    save(doc)
}

/// Appends a Document Security Store holding the signer's chain (the structure
/// of PAdES B-LT; no revocation data).
pub fn append_dss(pdf: &[u8], chain: &[Vec<u8>]) -> Vec<u8> {
    let mut doc = incremental(pdf);
    let root = catalog_id(&doc);
    let certs: Vec<Object> = chain
        .iter()
        .map(|der| {
            Object::Reference(
                doc.new_document
                    .add_object(Stream::new(Dictionary::new(), der.clone())),
            )
        })
        .collect();
    let mut dss = Dictionary::new();
    dss.set("Type", Object::Name(b"DSS".to_vec()));
    dss.set("Certs", certs);
    let dss_id = doc.new_document.add_object(dss);
    doc.opt_clone_object_to_new_document(root).unwrap();
    doc.new_document
        .get_dictionary_mut(root)
        .unwrap()
        .set("DSS", Object::Reference(dss_id));
    save(doc)
}

const BYTE_RANGE_PLACEHOLDER: &str = "0 1111111111 2222222222 3333333333";
const TOKEN_ROOM: usize = 8192;

/// Appends a PDF document timestamp (`/DocTimeStamp`, `ETSI.RFC3161`) by the
/// sandbox TSA, as PAdES B-LTA adds: an incremental update with a new
/// signature field whose byte range covers the whole file.
pub fn append_document_timestamp(pdf: &[u8], authority: &Authority) -> Vec<u8> {
    let mut doc = incremental(pdf);
    let root = catalog_id(&doc);
    let mut signature = Dictionary::new();
    signature.set("Type", Object::Name(b"DocTimeStamp".to_vec()));
    signature.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    signature.set("SubFilter", Object::Name(b"ETSI.RFC3161".to_vec()));
    signature.set(
        "ByteRange",
        BYTE_RANGE_PLACEHOLDER
            .split(' ')
            .map(|n| Object::Integer(n.parse().unwrap()))
            .collect::<Vec<_>>(),
    );
    signature.set(
        "Contents",
        Object::String(vec![0; TOKEN_ROOM], StringFormat::Hexadecimal),
    );
    let signature_id = doc.new_document.add_object(signature);

    let first_page = *doc
        .get_prev_documents()
        .get_pages()
        .values()
        .next()
        .unwrap();
    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("T", Object::string_literal("DocumentTimestamp1"));
    field.set("F", 132);
    field.set("Rect", vec![0.into(), 0.into(), 0.into(), 0.into()]);
    field.set("P", Object::Reference(first_page));
    field.set("V", Object::Reference(signature_id));
    let field_id = doc.new_document.add_object(field);

    doc.opt_clone_object_to_new_document(root).unwrap();
    let prev = doc.get_prev_documents().clone();
    let catalog = doc.new_document.get_dictionary_mut(root).unwrap();
    let mut form = match catalog.get(b"AcroForm") {
        Ok(Object::Dictionary(form)) => form.clone(),
        Ok(Object::Reference(id)) => prev.get_dictionary(*id).unwrap().clone(),
        _ => Dictionary::new(),
    };
    let mut fields = match form.get(b"Fields") {
        Ok(Object::Array(fields)) => fields.clone(),
        Ok(Object::Reference(id)) => prev.get_object(*id).unwrap().as_array().unwrap().clone(),
        _ => Vec::new(),
    };
    fields.push(Object::Reference(field_id));
    form.set("Fields", fields);
    form.set("SigFlags", 3);
    catalog.set("AcroForm", Object::Dictionary(form));
    doc.opt_clone_object_to_new_document(first_page).unwrap();
    let page = doc.new_document.get_dictionary_mut(first_page).unwrap();
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(annots)) => annots.clone(),
        Ok(Object::Reference(id)) => prev.get_object(*id).unwrap().as_array().unwrap().clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(field_id));
    page.set("Annots", annots);

    let mut out = save(doc);
    // Fix the byte range, hash it, ask the TSA, write the token.
    let contents_start = find(
        &out,
        &[b"<".as_slice(), &vec![b'0'; TOKEN_ROOM * 2]].concat(),
    )
    .unwrap();
    let contents_end = contents_start + TOKEN_ROOM * 2 + 2;
    let range = format!(
        "0 {contents_start} {contents_end} {}",
        out.len() - contents_end
    );
    let at = find(&out, BYTE_RANGE_PLACEHOLDER.as_bytes()).unwrap();
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[at..at + padded.len()].copy_from_slice(padded.as_bytes());
    let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
    sha2::Digest::update(&mut hasher, &out[..contents_start]);
    sha2::Digest::update(&mut hasher, &out[contents_end..]);
    let digest = sha2::Digest::finalize(hasher).to_vec();
    let token = time_stamp_token(authority, &digest);
    let hex: String = token.iter().map(|b| format!("{b:02X}")).collect();
    assert!(hex.len() <= TOKEN_ROOM * 2);
    out[contents_start + 1..contents_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    out
}

/// A timestamp token over a SHA-256 digest from the sandbox TSA.
pub fn time_stamp_token(authority: &Authority, sha256: &[u8]) -> Vec<u8> {
    let request = x509_tsp::TimeStampReq {
        version: x509_tsp::TspVersion::V1,
        message_imprint: x509_tsp::MessageImprint {
            hash_algorithm: spki::AlgorithmIdentifier {
                oid: const_oid::db::rfc5912::ID_SHA_256,
                parameters: None,
            },
            hashed_message: der::asn1::OctetString::new(sha256).unwrap(),
        },
        req_policy: None,
        nonce: None,
        cert_req: true,
        extensions: None,
    };
    let response = authority
        .time_stamp_response(&request.to_der().unwrap())
        .unwrap();
    let response = x509_tsp::TimeStampResp::from_der(&response).unwrap();
    response.time_stamp_token.unwrap().to_der().unwrap()
}

// ---------- external tools ----------

/// Fails the test (never skips it) when a reference tool is missing.
pub fn require_tool(tool: &str, install: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "reference tool `{tool}` is not installed; install it with: {install}"
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

/// What pdfsig says about each signature of a file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfsigVerdict {
    pub signature_valid: bool,
    pub certificate_trusted: bool,
    pub whole_document: bool,
}

pub fn pdfsig(pki: &Pki, pdf: &Path) -> (Vec<PdfsigVerdict>, String) {
    require_tool("pdfsig", "apt-get install -y poppler-utils");
    let nss = format!("sql:{}", pki.nss_dir().display());
    let (_, report) = run(Command::new("pdfsig").args(["-nssdir", &nss]).arg(pdf));
    let verdicts = report
        .split("\nSignature #")
        .skip(1)
        .map(|section| PdfsigVerdict {
            signature_valid: section.contains("Signature Validation: Signature is Valid."),
            certificate_trusted: section
                .contains("Certificate Validation: Certificate is Trusted."),
            whole_document: section.contains("Total document signed"),
        })
        .collect();
    (verdicts, report)
}

/// A root CA and a leaf made by openssl with the given key options, for
/// signatures from a signer that is neither the sandbox nor RustCrypto.
pub struct OpensslCa {
    pub dir: PathBuf,
}

impl OpensslCa {
    /// `key` holds `openssl req -newkey` arguments, e.g. `["rsa:2048"]` or `["ec", "-pkeyopt", "ec_paramgen_curve:P-384"]`.
    pub fn new(dir: &Path, name: &str, key: &[&str]) -> Self {
        Self::with_leaf_usage(dir, name, key, "digitalSignature,nonRepudiation")
    }

    /// As [`OpensslCa::new`], with the leaf's keyUsage bits.
    pub fn with_leaf_usage(dir: &Path, name: &str, key: &[&str], key_usage: &str) -> Self {
        require_tool("openssl", "apt-get install -y openssl");
        let dir = dir.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let p = |f: &str| dir.join(f).to_str().unwrap().to_owned();
        std::fs::write(
            dir.join("ext.cnf"),
            format!(
                "[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,{key_usage}\n\
                 subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
            ),
        )
        .unwrap();
        run_ok(
            Command::new("openssl")
                .args(["req", "-x509", "-newkey"])
                .args(key)
                .args([
                    "-nodes",
                    "-keyout",
                    &p("root.key"),
                    "-out",
                    &p("root.pem"),
                    "-days",
                    "3650",
                    "-subj",
                    &format!("/CN={name} Root/O=Foreign Test CA"),
                    "-utf8",
                    "-config",
                    "/dev/null",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ]),
        );
        run_ok(
            Command::new("openssl")
                .args(["req", "-new", "-newkey"])
                .args(key)
                .args([
                    "-nodes",
                    "-keyout",
                    &p("leaf.key"),
                    "-out",
                    &p("leaf.csr"),
                    "-subj",
                    "/CN=Ana García/serialNumber=IDCES-99999999R/C=ES",
                    "-utf8",
                    "-config",
                    "/dev/null",
                ]),
        );
        run_ok(Command::new("openssl").args([
            "x509",
            "-req",
            "-in",
            &p("leaf.csr"),
            "-CA",
            &p("root.pem"),
            "-CAkey",
            &p("root.key"),
            "-CAcreateserial",
            "-out",
            &p("leaf.pem"),
            "-days",
            "365",
            "-extfile",
            &p("ext.cnf"),
            "-extensions",
            "leaf",
        ]));
        Self { dir }
    }

    pub fn root_pem(&self) -> String {
        std::fs::read_to_string(self.dir.join("root.pem")).unwrap()
    }

    /// Issues `child.pem` under the leaf, which is not a CA (basicConstraints CA:FALSE).
    pub fn issue_under_the_leaf(&self) {
        let p = |f: &str| self.dir.join(f).to_str().unwrap().to_owned();
        run_ok(Command::new("openssl").args([
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &p("child.key"),
            "-out",
            &p("child.csr"),
            "-subj",
            "/CN=Child of a leaf",
            "-config",
            "/dev/null",
        ]));
        run_ok(Command::new("openssl").args([
            "x509",
            "-req",
            "-in",
            &p("child.csr"),
            "-CA",
            &p("leaf.pem"),
            "-CAkey",
            &p("leaf.key"),
            "-CAcreateserial",
            "-out",
            &p("child.pem"),
            "-days",
            "365",
            "-extfile",
            &p("ext.cnf"),
            "-extensions",
            "leaf",
        ]));
    }

    /// `openssl cms -sign` a detached DER signature over `original` with extra arguments.
    pub fn sign_detached(&self, original: &Path, extra: &[&str]) -> Vec<u8> {
        self.sign_detached_as("leaf", original, extra)
    }

    /// As [`OpensslCa::sign_detached`] with `<who>.pem` and `<who>.key`.
    pub fn sign_detached_as(&self, who: &str, original: &Path, extra: &[&str]) -> Vec<u8> {
        let out = self.dir.join("out.p7m");
        run_ok(
            Command::new("openssl")
                .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
                .arg(original)
                .arg("-signer")
                .arg(self.dir.join(format!("{who}.pem")))
                .arg("-inkey")
                .arg(self.dir.join(format!("{who}.key")))
                .arg("-out")
                .arg(&out)
                .args(extra),
        );
        std::fs::read(out).unwrap()
    }
}
