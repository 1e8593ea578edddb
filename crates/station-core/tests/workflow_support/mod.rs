//! A station's workflows on a real sandbox Optimizer on loopback, and the inputs and
//! checks the workflow, webhook and crash tests share.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use oneshot_api::Secret;
use oneshot_sandbox::{DEMO_TOKEN, Sandbox, SandboxConfig};
use station_core::{
    ConnectionService, DocumentToSign, EmbeddedSandbox, EventBus, IdDocumentKind, IdImagePaths,
    OptimizerProfile, RemoteOptimizer, SignIn, SignatureRequestDraft, SignerIdentity, Store, Vault,
    WorkflowKind, WorkflowOptions, Workflows,
};

/// A valid 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A sandbox Optimizer in its own temporary directory.
pub struct SandboxServer {
    pub sandbox: Sandbox,
    pub url: String,
    _data: tempfile::TempDir,
}

impl SandboxServer {
    pub async fn start() -> Self {
        let data = tempfile::tempdir().unwrap();
        let sandbox = Sandbox::start(SandboxConfig::new(data.path()))
            .await
            .unwrap();
        Self {
            url: sandbox.base_url(),
            sandbox,
            _data: data,
        }
    }

    /// The newest OTP the sandbox "sent" for request `pk`.
    pub async fn latest_otp(&self, pk: u64) -> String {
        let url = format!("{}/sandbox/v1/messages?request={pk}", self.url);
        let messages: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
        messages["details"]
            .as_array()
            .and_then(|list| list.iter().rev().find_map(|m| m["code"].as_str()))
            .map(str::to_owned)
            .expect("an OTP was sent")
    }

    /// How many OTP messages the sandbox "sent" for request `pk`.
    pub async fn otp_count(&self, pk: u64) -> usize {
        let url = format!("{}/sandbox/v1/messages?request={pk}", self.url);
        let messages: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
        messages["details"].as_array().map_or(0, Vec::len)
    }

    /// Plays the signer's video session.
    pub async fn complete_session(&self, pk: u64, outcome: &str) {
        let answer = reqwest::Client::new()
            .post(format!("{}/sandbox/v1/videoid/{pk}/complete", self.url))
            .json(&serde_json::json!({ "outcome": outcome }))
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "{}",
            answer.text().await.unwrap()
        );
    }

    /// The sandbox's root and intermediate CAs.
    pub async fn ca_pem(&self) -> String {
        reqwest::get(format!("{}/sandbox/v1/ca.pem", self.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Arms a fault (see the sandbox's `/sandbox/v1/faults`).
    pub async fn arm(&self, fault: serde_json::Value) {
        let answer = reqwest::Client::new()
            .post(format!("{}/sandbox/v1/faults", self.url))
            .json(&fault)
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "{}",
            answer.text().await.unwrap()
        );
    }

    /// Clears every armed fault.
    pub async fn clear_faults(&self) {
        reqwest::Client::new()
            .delete(format!("{}/sandbox/v1/faults", self.url))
            .send()
            .await
            .unwrap();
    }

    /// Starts counting sign calls: a latency-free fault that matches every
    /// `POST /api/v1/sign/*` and counts down as it is hit. Arm any fault that must
    /// hit a sign call before this one (the first armed match wins).
    pub async fn count_sign_calls(&self) {
        self.arm(serde_json::json!({
            "method": "POST", "path": "/api/v1/sign/*", "times": SIGN_COUNTER, "action": "none"
        }))
        .await;
    }

    /// Sign calls since [`count_sign_calls`], plus the hits of other sign faults
    /// armed before it that are used up (`consumed_before`).
    pub async fn sign_calls(&self, consumed_before: u32) -> u32 {
        let faults: serde_json::Value = reqwest::get(format!("{}/sandbox/v1/faults", self.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let remaining = faults["details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["action"] == "None" && f["path"] == "/api/v1/sign/*")
            .map(|f| f["remaining"].as_u64().unwrap() as u32)
            .expect("the sign counter is armed");
        SIGN_COUNTER - remaining + consumed_before
    }

    /// True when no fault armed on sign other than the counter is left.
    pub async fn sign_faults_used_up(&self) -> bool {
        let faults: serde_json::Value = reqwest::get(format!("{}/sandbox/v1/faults", self.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        !faults["details"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["action"] != "None" && f["path"] == "/api/v1/sign/*")
    }
}

const SIGN_COUNTER: u32 = 1_000_000;

/// One station (store, connection, workflows) in a data directory, signed in on
/// `sandbox` as the demo RAO, trusting the sandbox's CA.
pub struct Station {
    pub dir: PathBuf,
    pub store: Arc<Store>,
    pub connection: Arc<ConnectionService>,
    pub workflows: Arc<Workflows>,
}

impl Station {
    /// Opens (or reopens) the station in `dir`.
    pub async fn open(dir: &Path, sandbox_url: &str, ca_pem: &str) -> Self {
        Self::open_trusting(dir, sandbox_url, Some(ca_pem)).await
    }

    /// Opens the station trusting `ca_pem` for signatures, or nothing set.
    pub async fn open_trusting(dir: &Path, sandbox_url: &str, ca_pem: Option<&str>) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        let store = Arc::new(Store::open(&dir.join("station.sqlite3")).unwrap());
        let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
        let connection = Arc::new(
            ConnectionService::new(
                Arc::clone(&store),
                vault,
                EmbeddedSandbox::new(dir.join("sandbox")),
            )
            .unwrap(),
        );
        connection
            .choose_optimizer(OptimizerProfile::Remote(RemoteOptimizer {
                url: sandbox_url.into(),
                ca_pem_path: None,
                client_cert_path: None,
                client_key_path: None,
            }))
            .await
            .unwrap();
        connection
            .sign_in(SignIn::Token {
                token: Secret::new(DEMO_TOKEN),
            })
            .await
            .unwrap();
        let workflows = Arc::new(Workflows::new(
            Arc::clone(&store),
            Arc::clone(&connection),
            EventBus::new(),
            dir.join("backups"),
        ));
        if let Some(ca_pem) = ca_pem {
            workflows
                .set_signing_trust(ca_pem.to_owned())
                .await
                .unwrap();
        }
        Self {
            dir: dir.to_owned(),
            store,
            connection,
            workflows,
        }
    }
}

/// A signer whose data passes every identity check.
pub fn signer() -> SignerIdentity {
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

/// Input files of a request, written into `dir`.
pub struct Inputs {
    pub documents: Vec<PathBuf>,
    pub images: IdImagePaths,
}

impl Inputs {
    /// `count` one-page PDFs and the three ID pictures.
    pub fn pdfs(dir: &Path, count: usize) -> Self {
        std::fs::create_dir_all(dir).unwrap();
        let documents = (0..count)
            .map(|i| {
                let path = dir.join(format!("contract {i}.pdf"));
                std::fs::write(&path, sample_pdf(&format!("Contract {i}"))).unwrap();
                path
            })
            .collect();
        let picture = |name: &str| {
            let path = dir.join(name);
            std::fs::write(&path, PNG).unwrap();
            Some(path)
        };
        Self {
            documents,
            images: IdImagePaths {
                document_front: picture("front.png"),
                document_rear: picture("rear.png"),
                document_owner: picture("owner.png"),
                extra_document: None,
            },
        }
    }

    /// A draft of `kind` with these inputs.
    pub fn draft(&self, kind: WorkflowKind, options: WorkflowOptions) -> SignatureRequestDraft {
        SignatureRequestDraft {
            kind,
            signer: signer(),
            id_images: self.images.clone(),
            documents: self
                .documents
                .iter()
                .map(|path| DocumentToSign {
                    path: path.clone(),
                    visible_signature: None,
                })
                .collect(),
            options,
        }
    }
}

/// A one-page PDF.
pub fn sample_pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 18 Tf 72 720 Td ({title}) Tj ET");
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

/// A signed PDF is the original plus an incremental update holding a signature.
pub fn assert_signed_copy(original: &Path, signed: &Path) {
    let original = std::fs::read(original).unwrap();
    let signed = std::fs::read(signed).unwrap();
    assert!(
        signed.starts_with(&original),
        "an incremental update keeps the original bytes"
    );
    let update = &signed[original.len()..];
    assert!(update.windows(10).any(|w| w == b"/ByteRange"));
}

/// `openssl cms -verify` accepts the detached CMS over `content`.
pub fn assert_cms_verifies(p7m: &Path, content: &Path, ca: &Path) {
    let output = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any", "-in",
        ])
        .arg(p7m)
        .arg("-content")
        .arg(content)
        .arg("-CAfile")
        .arg(ca)
        .args(["-out", "/dev/null"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "openssl cms -verify: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
