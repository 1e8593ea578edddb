//! The sandbox over HTTPS: a private CA's server certificate, client
//! certificates when required, and the binary's `--tls-*` flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use oneshot_sandbox::{Sandbox, SandboxConfig, SandboxTls};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};

/// A private root, a server certificate for loopback and a client certificate.
struct Pki {
    ca_pem: String,
    server_pem: String,
    server_key_pem: String,
    client_pem: String,
    client_key_pem: String,
}

fn pki() -> Pki {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();
    let client_key = KeyPair::generate().unwrap();
    let client = CertificateParams::new(vec!["station.branch.example".to_owned()])
        .unwrap()
        .signed_by(&client_key, &ca)
        .unwrap();
    Pki {
        ca_pem: ca.pem(),
        server_pem: server.pem(),
        server_key_pem: server_key.serialize_pem(),
        client_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
    }
}

fn https_client(pki: &Pki, with_client_certificate: bool) -> reqwest::Client {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap());
    if with_client_certificate {
        let identity = format!("{}\n{}", pki.client_pem, pki.client_key_pem);
        builder = builder.identity(reqwest::Identity::from_pem(identity.as_bytes()).unwrap());
    }
    builder.build().unwrap()
}

async fn hello(client: &reqwest::Client, base_url: &str) -> reqwest::Result<serde_json::Value> {
    client
        .get(format!("{base_url}/api/v1/hello"))
        .send()
        .await?
        .json()
        .await
}

#[tokio::test]
async fn serves_https_with_a_private_ca() {
    let pki = pki();
    let dir = tempfile::tempdir().unwrap();
    let tls = SandboxTls::from_pem(
        pki.server_pem.as_bytes(),
        pki.server_key_pem.as_bytes(),
        None,
    )
    .unwrap();
    let sandbox = Sandbox::start(SandboxConfig::new(dir.path()).with_tls(tls))
        .await
        .unwrap();
    let url = sandbox.base_url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    let body = hello(&https_client(&pki, false), &url).await.unwrap();
    assert_eq!(body["details"], "Hello");

    // The system roots do not know the private CA.
    let untrusting = reqwest::Client::builder().use_rustls_tls().build().unwrap();
    let error = hello(&untrusting, &url).await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");

    // Plain HTTP on the TLS port gets no API answer.
    let plain = format!("http://{}", sandbox.local_addr());
    assert!(hello(&reqwest::Client::new(), &plain).await.is_err());
    sandbox.shutdown().await.unwrap();
}

#[tokio::test]
async fn requires_a_client_certificate_of_the_client_ca() {
    // Every call makes a new CA: the stranger's certificates mean nothing to the sandbox.
    let stranger = pki();
    let pki = pki();
    let dir = tempfile::tempdir().unwrap();
    let tls = SandboxTls::from_pem(
        pki.server_pem.as_bytes(),
        pki.server_key_pem.as_bytes(),
        Some(pki.ca_pem.as_bytes()),
    )
    .unwrap();
    let sandbox = Sandbox::start(SandboxConfig::new(dir.path()).with_tls(tls))
        .await
        .unwrap();
    let url = sandbox.base_url();

    let body = hello(&https_client(&pki, true), &url).await.unwrap();
    assert_eq!(body["details"], "Hello");
    assert!(hello(&https_client(&pki, false), &url).await.is_err());

    // A certificate from a CA the sandbox does not trust is refused too.
    let identity = format!("{}\n{}", stranger.client_pem, stranger.client_key_pem);
    let foreign = reqwest::Client::builder()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap())
        .identity(reqwest::Identity::from_pem(identity.as_bytes()).unwrap())
        .build()
        .unwrap();
    assert!(hello(&foreign, &url).await.is_err());
    sandbox.shutdown().await.unwrap();
}

#[test]
fn binary_serves_https_with_tls_flags() {
    let pki = pki();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let certificate = dir.path().join("server.pem");
    let key = dir.path().join("server.key");
    std::fs::write(&certificate, &pki.server_pem).unwrap();
    std::fs::write(&key, &pki.server_key_pem).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_oneshot-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--tls-cert")
        .arg(&certificate)
        .arg("--tls-key")
        .arg(&key)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let body = runtime
        .block_on(hello(&https_client(&pki, false), &url))
        .unwrap();
    assert_eq!(body["details"], "Hello");

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert!(child.wait().unwrap().success());
}

#[test]
fn binary_refuses_an_unusable_key() {
    let pki = pki();
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let certificate = dir.path().join("server.pem");
    let key = dir.path().join("server.key");
    std::fs::write(&certificate, &pki.server_pem).unwrap();
    std::fs::write(&key, "not a key").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_oneshot-sandbox"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--tls-cert")
        .arg(&certificate)
        .arg("--tls-key")
        .arg(&key)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "no listening line");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("server private key"), "{log}");

    // --tls-key without --tls-cert is a usage error.
    let usage = Command::new(env!("CARGO_BIN_EXE_oneshot-sandbox"))
        .args(["--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--tls-key")
        .arg(&key)
        .output()
        .unwrap();
    assert!(!usage.status.success());
}
