//! Secrets never leak: a station on the embedded sandbox, with every log line of
//! every crate at TRACE (what `RUST_LOG=trace` gives) written to a file, runs W1
//! (a wrong code, a resent OTP, then the right one), W3 (hash signature) and an
//! administrator's billing-password change, after a refused sign-in with wrong
//! credentials. Then every file under the test's folder (the log, the SQLite
//! database and its WAL, backups, saved contracts and signed copies) and the Debug
//! print of every type that carries a secret are searched for each secret used:
//! RAO password and PIN (the real ones and the wrong ones typed), the session
//! token, every OTP code, the billing password, each also base64-encoded. Zero hits.
//!
//! The embedded sandbox's own folder is left out of the file scan: it is the
//! Optimizer's storage (which keeps OTP messages and the billing password by design),
//! not the station's. Its log lines are scanned: it runs in the station's process.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use oneshot_api::{RaoCredentials, Secret, SignOptions};
use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME};
use station_core::{
    AdminService, ConnectionService, DataDir, DocumentToSign, EmbeddedSandbox, EventBus,
    IdDocumentKind, IdImagePaths, OfficerTask, RequestPhase, SandboxStatus, SecretKind,
    SettingsUpdate, SignIn, SignatureRequestDraft, SignatureRequestView, SignerIdentity, Store,
    Vault, WorkflowKind, WorkflowOptions, Workflows,
};

/// Wrong credentials typed once: distinctive, so a hit cannot be a coincidence.
const WRONG_PASSWORD: &str = "wrong-Pa55word-7c3e91";
const WRONG_PIN: &str = "pin-0b5d44";
/// The billing password set by the administrator.
const BILLING_PASSWORD: &str = "billing-Secr3t-f41a9e";

/// A valid 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The log file every thread writes to.
#[derive(Clone)]
struct LogFile(Arc<Mutex<std::fs::File>>);

impl std::io::Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap().flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFile {
    type Writer = LogFile;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// One secret and where it must never appear.
struct Needle {
    what: String,
    bytes: Vec<u8>,
}

fn needles(secrets: &[(String, String)]) -> Vec<Needle> {
    let mut needles = Vec::new();
    for (what, value) in secrets {
        needles.push(Needle {
            what: what.clone(),
            bytes: value.as_bytes().to_vec(),
        });
        let encoded = base64::engine::general_purpose::STANDARD.encode(value);
        // Padding depends on what follows; the unpadded part is what must not show.
        let encoded = encoded.trim_end_matches('=');
        if encoded.len() >= 6 {
            needles.push(Needle {
                what: format!("{what} (base64)"),
                bytes: encoded.as_bytes().to_vec(),
            });
        }
    }
    needles
}

fn hits(haystack: &[u8], needles: &[Needle], place: &str) -> Vec<String> {
    needles
        .iter()
        .filter_map(|needle| {
            let at = haystack
                .windows(needle.bytes.len())
                .position(|window| window == needle.bytes.as_slice())?;
            let from = at.saturating_sub(60);
            let to = (at + needle.bytes.len() + 60).min(haystack.len());
            Some(format!(
                "{} in {place}: …{}…",
                needle.what,
                String::from_utf8_lossy(&haystack[from..to])
            ))
        })
        .collect()
}

fn files_under(dir: &Path, skip: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path == skip {
            continue;
        }
        if path.is_dir() {
            files_under(&path, skip, out);
        } else {
            out.push(path);
        }
    }
}

fn signer() -> SignerIdentity {
    SignerIdentity {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: Some("Ortega".into()),
        id_document_type: IdDocumentKind::IdentityCard,
        id_document_country: "ES".into(),
        serial_number: "00000023T".into(),
        email: "lucia.perez@example.org".into(),
        mobile_phone_number: "+34600111222".into(),
        communication_language: None,
    }
}

fn draft(kind: WorkflowKind, inputs: &Path, document: PathBuf) -> SignatureRequestDraft {
    let picture = |name: &str| {
        let path = inputs.join(name);
        std::fs::write(&path, PNG).unwrap();
        Some(path)
    };
    SignatureRequestDraft {
        kind,
        signer: signer(),
        id_images: IdImagePaths {
            document_front: picture("front.png"),
            document_rear: picture("rear.png"),
            document_owner: picture("owner.png"),
            extra_document: None,
        },
        documents: vec![DocumentToSign {
            path: document,
            visible_signature: None,
        }],
        options: WorkflowOptions::default(),
    }
}

/// A one-page PDF.
fn sample_pdf() -> Vec<u8> {
    let content = "BT /F1 18 Tf 72 720 Td (Contract) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// The newest OTP the embedded sandbox "sent" for request `pk`.
async fn latest_otp(sandbox_url: &str, pk: u64) -> String {
    let messages: serde_json::Value =
        reqwest::get(format!("{sandbox_url}/sandbox/v1/messages?request={pk}"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    messages["details"]
        .as_array()
        .and_then(|list| list.iter().rev().find_map(|m| m["code"].as_str()))
        .map(str::to_owned)
        .expect("an OTP was sent")
}

fn contract_shown(view: &SignatureRequestView) {
    assert!(
        matches!(view.officer_task, Some(OfficerTask::ShowContract { .. })),
        "{view:#?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_reaches_a_log_a_file_or_a_debug_print() {
    let temp = tempfile::tempdir().unwrap();
    let log_path = temp.path().join("station.log");
    let log = LogFile(Arc::new(Mutex::new(
        std::fs::File::create(&log_path).unwrap(),
    )));
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(log)
        .init();
    tracing::trace!("the log is on at TRACE");

    let data = DataDir::at(temp.path().join("data")).unwrap();
    let store = Arc::new(Store::open(&data.database()).unwrap());
    let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
    let connection = Arc::new(
        ConnectionService::new(
            Arc::clone(&store),
            vault.clone(),
            EmbeddedSandbox::new(data.sandbox()),
        )
        .unwrap(),
    );
    let workflows = Workflows::new(
        Arc::clone(&store),
        Arc::clone(&connection),
        EventBus::new(),
        data.root().join("backups"),
    );
    let admin = AdminService::new(Arc::clone(&connection));
    let mut secrets: Vec<(String, String)> = vec![
        ("RAO password".into(), DEMO_RAO_PASSWORD.into()),
        ("RAO PIN".into(), DEMO_RAO_PIN.into()),
        ("wrong RAO password".into(), WRONG_PASSWORD.into()),
        ("wrong RAO PIN".into(), WRONG_PIN.into()),
        ("billing password".into(), BILLING_PASSWORD.into()),
    ];
    let mut debug_prints: Vec<(String, String)> = Vec::new();

    // A refused sign-in, then the real one.
    let wrong = SignIn::Credentials {
        username: DEMO_RAO_USERNAME.into(),
        password: Secret::new(WRONG_PASSWORD),
        pin: Secret::new(WRONG_PIN),
    };
    debug_prints.push(("wrong SignIn".into(), format!("{wrong:?}")));
    let refused = connection.sign_in(wrong).await.unwrap_err();
    debug_prints.push(("sign-in error".into(), format!("{refused:?} {refused}")));
    let sign_in = SignIn::Credentials {
        username: DEMO_RAO_USERNAME.into(),
        password: Secret::new(DEMO_RAO_PASSWORD),
        pin: Secret::new(DEMO_RAO_PIN),
    };
    debug_prints.push(("SignIn".into(), format!("{sign_in:#?}")));
    let overview = connection.sign_in(sign_in).await.unwrap();
    debug_prints.push(("ConnectionOverview".into(), format!("{overview:#?}")));
    let SandboxStatus::Running { url: sandbox_url } = connection.overview().await.sandbox else {
        panic!("the embedded sandbox runs");
    };
    let (profile, _) = store.profiles().active().unwrap();
    let token = vault
        .get(profile, SecretKind::RaoToken)
        .unwrap()
        .expect("the session token is in the vault");
    assert!(token.expose().len() >= 16);
    secrets.push(("RAO token".into(), token.expose().to_owned()));
    debug_prints.push((
        "RaoCredentials".into(),
        format!("{:?}", RaoCredentials::token(token.clone())),
    ));

    let inputs = temp.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();

    // W1: a wrong code, a resent OTP, then the right code.
    let contract = inputs.join("contract.pdf");
    std::fs::write(&contract, sample_pdf()).unwrap();
    let view = workflows
        .start(draft(WorkflowKind::ClassicOtp, &inputs, contract))
        .await
        .unwrap();
    contract_shown(&view);
    let pk = view.optimizer_pk.unwrap();
    let view = workflows.confirm_contract_shown(&view.id).await.unwrap();
    let first = latest_otp(&sandbox_url, pk).await;
    // Distinctive digits (not a run of zeros, which PDFs and serial numbers hold).
    let wrong_code = if first == "739184" {
        "739185"
    } else {
        "739184"
    }
    .to_owned();
    secrets.push(("first OTP".into(), first.clone()));
    secrets.push(("wrong OTP typed".into(), wrong_code.clone()));
    debug_prints.push((
        "SignOptions".into(),
        format!("{:?}", SignOptions::with_otp(Secret::new(first.clone()))),
    ));
    let view = workflows
        .sign(&view.id, Secret::new(wrong_code))
        .await
        .unwrap();
    let view = workflows.resend_otp(&view.id).await.unwrap();
    let code = latest_otp(&sandbox_url, pk).await;
    secrets.push(("resent OTP".into(), code.clone()));
    let view = workflows.sign(&view.id, Secret::new(code)).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Completed, "{view:#?}");
    debug_prints.push(("W1 SignatureRequestView".into(), format!("{view:#?}")));

    // W3: a hash signature of an XML file.
    let invoice = inputs.join("invoice.xml");
    std::fs::write(&invoice, b"<invoice><total>42.00</total></invoice>\n").unwrap();
    let view = workflows
        .start(draft(WorkflowKind::HashSignature, &inputs, invoice))
        .await
        .unwrap();
    contract_shown(&view);
    let view = workflows.confirm_contract_shown(&view.id).await.unwrap();
    let code = latest_otp(&sandbox_url, view.optimizer_pk.unwrap()).await;
    secrets.push(("W3 OTP".into(), code.clone()));
    let view = workflows.sign(&view.id, Secret::new(code)).await.unwrap();
    assert_eq!(view.phase, RequestPhase::Completed, "{view:#?}");
    debug_prints.push(("W3 SignatureRequestView".into(), format!("{view:#?}")));

    // The administrator sets the billing password.
    let update = SettingsUpdate {
        billing_password: Some(Secret::new(BILLING_PASSWORD)),
        ..SettingsUpdate::default()
    };
    debug_prints.push(("SettingsUpdate".into(), format!("{update:#?}")));
    let settings = admin.update_settings(update).await.unwrap();
    assert!(settings.billing_password_in_vault);
    debug_prints.push(("AdminSettings".into(), format!("{settings:#?}")));
    assert_eq!(
        vault.get(profile, SecretKind::BillingPassword).unwrap(),
        Some(Secret::new(BILLING_PASSWORD)),
        "the billing password went to the vault"
    );

    debug_prints.push(("Vault".into(), format!("{vault:#?}")));
    debug_prints.push(("ConnectionService".into(), format!("{connection:#?}")));
    debug_prints.push(("Workflows".into(), format!("{workflows:#?}")));
    debug_prints.push(("AdminService".into(), format!("{admin:#?}")));
    debug_prints.push((
        "requests".into(),
        format!("{:#?}", workflows.requests().await.unwrap()),
    ));
    debug_prints.push((
        "audit".into(),
        format!("{:#?}", workflows.audit().entries().unwrap()),
    ));
    tracing::trace!("the end of the run");

    let needles = needles(&secrets);
    let mut found = Vec::new();
    for (what, print) in &debug_prints {
        found.extend(hits(
            print.as_bytes(),
            &needles,
            &format!("Debug of {what}"),
        ));
    }
    // Scanned while the station is open (the WAL holds the latest writes)…
    let scan = |found: &mut Vec<String>| -> usize {
        let mut files = Vec::new();
        files_under(temp.path(), &data.sandbox(), &mut files);
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            found.extend(hits(&bytes, &needles, &file.display().to_string()));
        }
        files.len()
    };
    let scanned_open = scan(&mut found);
    let names: Vec<String> = {
        let mut files = Vec::new();
        files_under(temp.path(), &data.sandbox(), &mut files);
        files
            .iter()
            .map(|f| f.strip_prefix(temp.path()).unwrap().display().to_string())
            .collect()
    };
    assert!(
        names.iter().any(|n| n.ends_with("station.sqlite3-wal")),
        "the WAL is scanned: {names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with(".p7m")), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("data/backups")),
        "{names:?}"
    );

    // …and once it is closed.
    connection.shutdown().await.unwrap();
    drop(admin);
    drop(workflows);
    drop(connection);
    drop(store);
    let scanned_closed = scan(&mut found);

    let log_bytes = std::fs::metadata(&log_path).unwrap().len();
    println!(
        "{} secrets ({} forms) searched in {} Debug prints, {scanned_open} files while open and \
         {scanned_closed} once closed ({log_bytes} bytes of TRACE log): {} hits",
        secrets.len(),
        needles.len(),
        debug_prints.len(),
        found.len()
    );
    let log_text = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        log_text.contains(" TRACE ")
            && log_text.contains("workflow started")
            && log_text.contains("the end of the run"),
        "the log holds the whole run at TRACE"
    );
    assert!(found.is_empty(), "secrets leaked:\n{}", found.join("\n"));
}
