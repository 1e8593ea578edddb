//! What both workflow examples share: picking the Optimizer, sample files, and
//! reading the OTP from the sandbox's outbox or from the terminal.
#![allow(clippy::print_stdout, dead_code)]

use std::io::BufRead;

use oneshot_api::{Client, ClientOptions, RaoCredentials, Secret};
use oneshot_sandbox::{Sandbox, SandboxConfig};

pub type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The Optimizer the example talks to: `--url URL` (token from `--token` or
/// `ONESHOT_TOKEN`), or a sandbox started here.
pub struct Target {
    pub client: Client,
    pub base_url: String,
    pub credentials: RaoCredentials,
    _sandbox: Option<(Sandbox, tempfile::TempDir)>,
}

pub async fn target() -> Result<Target, Failure> {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|arg| arg == name)
            .and_then(|index| args.get(index + 1).cloned())
    };
    let (base_url, token, sandbox) = match flag("--url") {
        Some(url) => {
            let token = flag("--token")
                .or_else(|| std::env::var("ONESHOT_TOKEN").ok())
                .ok_or("--url needs --token TOKEN or ONESHOT_TOKEN")?;
            (url, token, None)
        }
        None => {
            let data = tempfile::tempdir()?;
            let sandbox = Sandbox::start(SandboxConfig::new(data.path())).await?;
            println!("started a sandbox Optimizer at {}", sandbox.base_url());
            (
                sandbox.base_url(),
                oneshot_sandbox::DEMO_TOKEN.to_owned(),
                Some((sandbox, data)),
            )
        }
    };
    Ok(Target {
        client: Client::new(ClientOptions::new(base_url.clone()))?,
        base_url,
        credentials: RaoCredentials::token(Secret::new(token)),
        _sandbox: sandbox,
    })
}

/// The OTP sent for request `pk`: from the sandbox's outbox when there is
/// one, otherwise typed by the person running the example.
pub async fn otp_for(base_url: &str, pk: u64) -> Result<Secret, Failure> {
    let outbox = format!("{base_url}/sandbox/v1/messages?request={pk}");
    if let Ok(answer) = reqwest::get(&outbox).await
        && answer.status().is_success()
    {
        let messages: serde_json::Value = answer.json().await?;
        if let Some(code) = latest_code(&messages) {
            println!("read the OTP from the sandbox outbox");
            return Ok(Secret::new(code));
        }
    }
    println!("type the OTP the signer received:");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Secret::new(line.trim()))
}

fn latest_code(messages: &serde_json::Value) -> Option<String> {
    let list = messages
        .get("details")
        .or_else(|| messages.get("messages"))
        .unwrap_or(messages)
        .as_array()?;
    list.iter()
        .rev()
        .find_map(|message| message.get("code")?.as_str().map(str::to_owned))
}

/// A one-page PDF to sign.
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

/// A 1×1 PNG standing in for an identity document picture.
pub const SAMPLE_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
