//! TLS failures told apart, against the sandbox served over HTTPS with
//! certificates made here: a private root, a server certificate for loopback,
//! an expired one, one for another host, and a client CA with its certificate.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oneshot_api::{
    Client, ClientIdentity, ClientOptions, Error, RetryPolicy, Secret, TlsProblem, TransportKind,
};
use oneshot_sandbox::{
    DEMO_RAO_USERNAME, DEMO_TOKEN, OPTIMIZER_VERSION, Sandbox, SandboxConfig, SandboxTls,
};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, IsCa, KeyPair,
    date_time_ymd,
};
use tempfile::TempDir;

const LOOPBACK: [&str; 2] = ["127.0.0.1", "localhost"];

/// A private CA that issues server or client certificates.
struct Authority {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate and its key, PEM.
struct Issued {
    certificate: String,
    key: String,
}

impl Authority {
    fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name = DistinguishedName::new();
        params.distinguished_name.push(DnType::CommonName, name);
        Self {
            issuer: CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap(),
        }
    }

    fn pem(&self) -> String {
        self.issuer.pem()
    }

    fn issue(&self, names: &[&str], adjust: impl FnOnce(&mut CertificateParams)) -> Issued {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
                .unwrap();
        adjust(&mut params);
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        Issued {
            certificate: certificate.pem(),
            key: key.serialize_pem(),
        }
    }
}

struct TlsSandbox {
    sandbox: Sandbox,
    _dir: TempDir,
}

async fn sandbox(server: &Issued, client_ca: Option<&Authority>) -> TlsSandbox {
    let dir = tempfile::tempdir().unwrap();
    let client_ca = client_ca.map(Authority::pem);
    let tls = SandboxTls::from_pem(
        server.certificate.as_bytes(),
        server.key.as_bytes(),
        client_ca.as_deref().map(str::as_bytes),
    )
    .unwrap();
    let sandbox = Sandbox::start(SandboxConfig::new(dir.path()).with_tls(tls))
        .await
        .unwrap();
    assert!(sandbox.base_url().starts_with("https://"));
    TlsSandbox { sandbox, _dir: dir }
}

fn options(sandbox: &TlsSandbox) -> ClientOptions {
    ClientOptions::new(sandbox.sandbox.base_url()).retry(RetryPolicy::never())
}

fn identity(issued: &Issued) -> ClientIdentity {
    ClientIdentity {
        certificate_pem: issued.certificate.clone().into_bytes(),
        private_key_pem: Secret::new(issued.key.clone()),
    }
}

async fn hello_fails_with(options: ClientOptions) -> Error {
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    assert!(
        !error.is_retryable(),
        "TLS refusals are not retried: {error:?}"
    );
    assert!(!error.outcome_unknown(), "nothing was done: {error:?}");
    error
}

fn assert_tls(error: &Error, expected: TlsProblem) {
    assert!(
        matches!(
            error,
            Error::Transport { kind: TransportKind::Tls(problem), .. } if *problem == expected
        ),
        "expected {expected:?}, got {error:?}"
    );
    assert_eq!(error.tls_problem(), Some(expected));
    assert!(
        error.to_string().contains(&expected.to_string()),
        "the message says what is wrong: {error}"
    );
}

/// hello, version and a token: the whole connection test the station runs.
async fn works(client: &Client) {
    assert_eq!(client.settings().hello().await.unwrap(), "Hello");
    assert_eq!(
        client.settings().version().await.unwrap().version,
        OPTIMIZER_VERSION
    );
    let demo = client.tokens().get(&Secret::new(DEMO_TOKEN)).await.unwrap();
    assert_eq!(demo.username, DEMO_RAO_USERNAME);
}

#[tokio::test]
async fn a_private_ca_is_refused_until_configured() {
    let root = Authority::new("Branch Root CA");
    let server = sandbox(&root.issue(&LOOPBACK, |_| {}), None).await;

    let error = hello_fails_with(options(&server)).await;
    assert_tls(&error, TlsProblem::UntrustedIssuer);

    let client = Client::new(options(&server).extra_root_ca_pem(root.pem())).unwrap();
    works(&client).await;
}

#[tokio::test]
async fn an_expired_certificate_is_refused_as_expired() {
    let root = Authority::new("Branch Root CA");
    let expired = root.issue(&LOOPBACK, |params| {
        params.not_before = date_time_ymd(2020, 1, 1);
        params.not_after = date_time_ymd(2021, 1, 1);
    });
    let server = sandbox(&expired, None).await;
    let error = hello_fails_with(options(&server).extra_root_ca_pem(root.pem())).await;
    assert_tls(&error, TlsProblem::Expired);
}

#[tokio::test]
async fn a_certificate_not_valid_yet_is_refused_as_such() {
    let root = Authority::new("Branch Root CA");
    let future = root.issue(&LOOPBACK, |params| {
        params.not_before = date_time_ymd(2090, 1, 1);
        params.not_after = date_time_ymd(2091, 1, 1);
    });
    let server = sandbox(&future, None).await;
    let error = hello_fails_with(options(&server).extra_root_ca_pem(root.pem())).await;
    assert_tls(&error, TlsProblem::NotYetValid);
}

#[tokio::test]
async fn a_certificate_for_another_host_is_refused_as_wrong_host() {
    let root = Authority::new("Branch Root CA");
    let server = sandbox(&root.issue(&["optimizer.other.example"], |_| {}), None).await;
    let error = hello_fails_with(options(&server).extra_root_ca_pem(root.pem())).await;
    assert_tls(&error, TlsProblem::WrongHost);
}

#[tokio::test]
async fn a_required_client_certificate() {
    let root = Authority::new("Branch Root CA");
    let client_ca = Authority::new("Branch Client CA");
    let server = sandbox(&root.issue(&LOOPBACK, |_| {}), Some(&client_ca)).await;
    let trusted = || options(&server).extra_root_ca_pem(root.pem());

    let missing = hello_fails_with(trusted()).await;
    assert_tls(&missing, TlsProblem::ClientCertificate);

    // A certificate from a CA the server does not accept is refused the same way.
    let stranger = Authority::new("Stranger CA").issue(&["station.branch.example"], |_| {});
    let refused = hello_fails_with(trusted().client_identity(identity(&stranger))).await;
    assert_tls(&refused, TlsProblem::ClientCertificate);

    let ours = client_ca.issue(&["station.branch.example"], |_| {});
    let client = Client::new(trusted().client_identity(identity(&ours))).unwrap();
    works(&client).await;
}

#[tokio::test]
async fn a_plain_http_server_behind_an_https_url_fails_the_handshake() {
    let dir = tempfile::tempdir().unwrap();
    let plain = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let url = plain.base_url().replace("http://", "https://");
    let error = hello_fails_with(ClientOptions::new(url).retry(RetryPolicy::never())).await;
    assert_tls(&error, TlsProblem::Handshake);
    plain.shutdown().await.unwrap();
}
