//! The connection service against an Optimizer on a private CA (the sandbox
//! over HTTPS): refused with a code that says why until the CA (and the client
//! certificate) are configured, then accepted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use oneshot_api::Secret;
use oneshot_sandbox::{DEMO_RAO_USERNAME, DEMO_TOKEN, Sandbox, SandboxConfig, SandboxTls};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, IsCa, KeyPair,
    date_time_ymd,
};
use station_core::{
    ConnectionService, EmbeddedSandbox, OptimizerProfile, RemoteOptimizer, SignIn, Store, Vault,
};
use tempfile::TempDir;

/// A private CA that writes the certificates it issues to PEM files.
struct Authority {
    issuer: CertifiedIssuer<'static, KeyPair>,
    dir: PathBuf,
}

impl Authority {
    fn new(dir: &Path, name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name = DistinguishedName::new();
        params.distinguished_name.push(DnType::CommonName, name);
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        let dir = dir.join(name.replace(' ', "_"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ca.pem"), issuer.pem()).unwrap();
        Self { issuer, dir }
    }

    fn ca_path(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// Issues a certificate for `names`; answers the (certificate, key) files.
    fn issue(
        &self,
        file: &str,
        names: &[&str],
        adjust: impl FnOnce(&mut CertificateParams),
    ) -> (PathBuf, PathBuf) {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
                .unwrap();
        adjust(&mut params);
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        let certificate_path = self.dir.join(format!("{file}.pem"));
        let key_path = self.dir.join(format!("{file}.key"));
        std::fs::write(&certificate_path, certificate.pem()).unwrap();
        std::fs::write(&key_path, key.serialize_pem()).unwrap();
        (certificate_path, key_path)
    }
}

struct Fixture {
    temp: TempDir,
    service: ConnectionService,
}

fn fixture() -> Fixture {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let store = Arc::new(Store::open(&dir.join("station.sqlite3")).unwrap());
    let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
    let service =
        ConnectionService::new(store, vault, EmbeddedSandbox::new(dir.join("embedded"))).unwrap();
    Fixture { temp, service }
}

/// The sandbox over HTTPS with `server` = (certificate, key) files.
async fn https_sandbox(
    dir: &Path,
    server: &(PathBuf, PathBuf),
    client_ca: Option<&Path>,
) -> Sandbox {
    let tls = SandboxTls::from_files(&server.0, &server.1, client_ca).unwrap();
    Sandbox::start(SandboxConfig::new(dir.join("optimizer")).with_tls(tls))
        .await
        .unwrap()
}

fn remote(
    url: String,
    ca: Option<PathBuf>,
    client: Option<&(PathBuf, PathBuf)>,
) -> OptimizerProfile {
    OptimizerProfile::Remote(RemoteOptimizer {
        url,
        ca_pem_path: ca,
        client_cert_path: client.map(|c| c.0.clone()),
        client_key_path: client.map(|c| c.1.clone()),
    })
}

/// Chooses `profile` and answers the connection test's error code.
async fn refused_with(service: &ConnectionService, profile: OptimizerProfile) -> &'static str {
    service.choose_optimizer(profile).await.unwrap();
    let error = service.test().await.unwrap_err();
    let details = error.details().unwrap_or_default();
    assert!(
        details.contains("secure connection refused"),
        "details tell the officer it is TLS: {details} {error:?}"
    );
    error.code()
}

const LOOPBACK: [&str; 2] = ["127.0.0.1", "localhost"];

#[tokio::test(flavor = "multi_thread")]
async fn a_private_ca_is_refused_until_configured_then_accepted() {
    let f = fixture();
    let root = Authority::new(f.temp.path(), "Branch Root CA");
    let server = root.issue("optimizer", &LOOPBACK, |_| {});
    let optimizer = https_sandbox(f.temp.path(), &server, None).await;
    let url = optimizer.base_url();

    assert_eq!(
        refused_with(&f.service, remote(url.clone(), None, None)).await,
        "connection.tls_untrusted"
    );
    // Signing in is refused the same way: nothing reaches the Optimizer.
    let sign_in = f
        .service
        .sign_in(SignIn::Token {
            token: Secret::new(DEMO_TOKEN),
        })
        .await
        .unwrap_err();
    assert_eq!(sign_in.code(), "connection.tls_untrusted");

    f.service
        .choose_optimizer(remote(url.clone(), Some(root.ca_path()), None))
        .await
        .unwrap();
    let report = f.service.test().await.unwrap();
    assert_eq!(report.hello, "Hello");
    assert_eq!(report.url, url);
    let overview = f
        .service
        .sign_in(SignIn::Token {
            token: Secret::new(DEMO_TOKEN),
        })
        .await
        .unwrap();
    assert_eq!(overview.session.unwrap().username, DEMO_RAO_USERNAME);
    optimizer.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_and_wrong_host_certificates_get_their_own_codes() {
    let f = fixture();
    let root = Authority::new(f.temp.path(), "Branch Root CA");

    let expired = root.issue("expired", &LOOPBACK, |params| {
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = date_time_ymd(2021, 1, 1);
    });
    let optimizer = https_sandbox(f.temp.path(), &expired, None).await;
    let profile = remote(optimizer.base_url(), Some(root.ca_path()), None);
    assert_eq!(
        refused_with(&f.service, profile).await,
        "connection.tls_expired"
    );
    optimizer.shutdown().await.unwrap();

    let elsewhere = root.issue("elsewhere", &["optimizer.other.example"], |_| {});
    let optimizer = https_sandbox(f.temp.path(), &elsewhere, None).await;
    let profile = remote(optimizer.base_url(), Some(root.ca_path()), None);
    assert_eq!(
        refused_with(&f.service, profile).await,
        "connection.tls_wrong_host"
    );
    optimizer.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_required_client_certificate_is_asked_for_then_accepted() {
    let f = fixture();
    let root = Authority::new(f.temp.path(), "Branch Root CA");
    let clients = Authority::new(f.temp.path(), "Branch Client CA");
    let server = root.issue("optimizer", &LOOPBACK, |_| {});
    let optimizer = https_sandbox(f.temp.path(), &server, Some(&clients.ca_path())).await;
    let url = optimizer.base_url();

    assert_eq!(
        refused_with(&f.service, remote(url.clone(), Some(root.ca_path()), None)).await,
        "connection.tls_client_certificate"
    );

    let station = clients.issue("station", &["station.branch.example"], |_| {});
    f.service
        .choose_optimizer(remote(url, Some(root.ca_path()), Some(&station)))
        .await
        .unwrap();
    assert_eq!(f.service.test().await.unwrap().hello, "Hello");
    optimizer.shutdown().await.unwrap();
}
