//! The connection service against a real sandbox Optimizer on loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use oneshot_api::Secret;
use oneshot_sandbox::{
    DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME, DEMO_TOKEN, OPTIMIZER_VERSION, Sandbox,
    SandboxConfig,
};
use station_core::{
    ConnectionService, EmbeddedSandbox, OptimizerProfile, RemoteOptimizer, SandboxStatus,
    SecretKind, SignIn, SignInMethod, Store, Vault,
};
use tempfile::TempDir;

struct Fixture {
    _temp: TempDir,
    dir: std::path::PathBuf,
    store: Arc<Store>,
    vault: Vault,
    service: ConnectionService,
}

fn fixture() -> Fixture {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_owned();
    let store = Arc::new(Store::open(&dir.join("station.sqlite3")).unwrap());
    let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
    let service = reopen(&store, &vault, &dir);
    Fixture {
        _temp: temp,
        dir,
        store,
        vault,
        service,
    }
}

/// The service as a restarted station would build it on the same store and vault.
fn reopen(store: &Arc<Store>, vault: &Vault, dir: &std::path::Path) -> ConnectionService {
    ConnectionService::new(
        store.clone(),
        vault.clone(),
        EmbeddedSandbox::new(dir.join("sandbox")),
    )
    .unwrap()
}

fn token(value: &str) -> SignIn {
    SignIn::Token {
        token: Secret::new(value),
    }
}

fn credentials(username: &str, password: &str, pin: &str) -> SignIn {
    SignIn::Credentials {
        username: username.into(),
        password: Secret::new(password),
        pin: Secret::new(pin),
    }
}

fn remote(url: &str) -> RemoteOptimizer {
    RemoteOptimizer {
        url: url.into(),
        ca_pem_path: None,
        client_cert_path: None,
        client_key_path: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fresh_station_tests_the_embedded_sandbox() {
    let f = fixture();
    let overview = f.service.overview().await;
    assert_eq!(overview.optimizer, OptimizerProfile::EmbeddedSandbox);
    assert_eq!(overview.sandbox, SandboxStatus::Stopped);
    assert_eq!(overview.session, None);
    assert!(!overview.vault.persistent);

    f.service.warm_up().await.unwrap();
    let SandboxStatus::Running { url } = f.service.overview().await.sandbox else {
        panic!("the sandbox should run after warm-up");
    };

    let report = f.service.test().await.unwrap();
    assert_eq!(report.hello, "Hello");
    assert_eq!(report.version, OPTIMIZER_VERSION);
    assert_eq!(report.name, "OneShot Optimizer");
    assert_eq!(report.url, url);
    assert!(
        f.dir.join("sandbox").is_dir(),
        "sandbox data lives under the data dir"
    );
    f.service.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn signs_in_with_the_demo_token_and_lists_tokens() {
    let f = fixture();
    let overview = f.service.sign_in(token(DEMO_TOKEN)).await.unwrap();
    let session = overview.session.unwrap();
    assert_eq!(session.username, DEMO_RAO_USERNAME);
    assert_eq!(session.method, SignInMethod::Token);
    assert!(session.token_holds_password && session.token_holds_pin);

    let tokens = f.service.tokens().await.unwrap();
    let demo = tokens
        .iter()
        .find(|t| t.hint == "fd6a…ff60")
        .expect("the demo token is listed");
    assert!(demo.in_use);
    assert_eq!(demo.username, DEMO_RAO_USERNAME);
    assert!(!tokens.iter().any(|t| t.hint.contains(DEMO_TOKEN)));

    let (profile, _) = f.store.profiles().active().unwrap();
    assert_eq!(
        f.vault.get(profile, SecretKind::RaoToken).unwrap(),
        Some(Secret::new(DEMO_TOKEN))
    );
    f.service.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_token_gets_a_clear_error_and_changes_nothing() {
    let f = fixture();
    f.service.sign_in(token(DEMO_TOKEN)).await.unwrap();

    let error = f
        .service
        .sign_in(token("00000000000000000000000000000000"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "signin.unknown_token");
    assert!(!error.to_string().contains("00000000"), "{error}");
    let error = f.service.sign_in(token("   ")).await.unwrap_err();
    assert_eq!(error.code(), "input.required");

    let session = f.service.overview().await.session.unwrap();
    assert_eq!(session.username, DEMO_RAO_USERNAME);
    f.service.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn signs_in_with_credentials_keeping_password_and_pin_in_the_vault() {
    let f = fixture();
    let (profile, _) = f.store.profiles().active().unwrap();

    let error = f
        .service
        .sign_in(credentials(
            DEMO_RAO_USERNAME,
            "wrong-password",
            DEMO_RAO_PIN,
        ))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "signin.invalid_credentials");
    let error = f
        .service
        .sign_in(credentials("99999", DEMO_RAO_PASSWORD, DEMO_RAO_PIN))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "signin.invalid_credentials");
    let error = f
        .service
        .sign_in(credentials(DEMO_RAO_USERNAME, DEMO_RAO_PASSWORD, ""))
        .await
        .unwrap_err();
    assert_eq!(
        (error.code(), error.details()),
        ("input.required", Some("pin".into()))
    );
    assert_eq!(f.vault.get(profile, SecretKind::RaoPassword).unwrap(), None);

    let session = f
        .service
        .sign_in(credentials(
            DEMO_RAO_USERNAME,
            DEMO_RAO_PASSWORD,
            DEMO_RAO_PIN,
        ))
        .await
        .unwrap()
        .session
        .unwrap();
    assert_eq!(session.method, SignInMethod::Credentials);
    assert_eq!(session.username, DEMO_RAO_USERNAME);
    assert_eq!(
        f.vault.get(profile, SecretKind::RaoPassword).unwrap(),
        Some(Secret::new(DEMO_RAO_PASSWORD))
    );
    assert_eq!(
        f.vault.get(profile, SecretKind::RaoPin).unwrap(),
        Some(Secret::new(DEMO_RAO_PIN))
    );
    let session_token = f.vault.get(profile, SecretKind::RaoToken).unwrap().unwrap();

    // Signing in again with the same credentials reuses the token, never piles them up.
    let before = f.service.tokens().await.unwrap().len();
    f.service
        .sign_in(credentials(
            DEMO_RAO_USERNAME,
            DEMO_RAO_PASSWORD,
            DEMO_RAO_PIN,
        ))
        .await
        .unwrap();
    assert_eq!(f.service.tokens().await.unwrap().len(), before);
    assert_eq!(
        f.vault.get(profile, SecretKind::RaoToken).unwrap(),
        Some(session_token)
    );

    let overview = f.service.sign_out().await.unwrap();
    assert_eq!(overview.session, None);
    for kind in SecretKind::SESSION {
        assert_eq!(f.vault.get(profile, kind).unwrap(), None, "{kind:?}");
    }
    f.service.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restart_restores_the_session_only_while_the_vault_holds_its_token() {
    let f = fixture();
    f.service.sign_in(token(DEMO_TOKEN)).await.unwrap();
    f.service.shutdown().await.unwrap();

    let restarted = reopen(&f.store, &f.vault, &f.dir);
    let session = restarted.overview().await.session.unwrap();
    assert_eq!(session.username, DEMO_RAO_USERNAME);

    // A session-only vault forgets everything on restart: the officer signs in again.
    let fresh_vault = Vault::session_only(f.store.installation_id().unwrap(), "no keyring");
    let forgotten = reopen(&f.store, &fresh_vault, &f.dir);
    assert_eq!(forgotten.overview().await.session, None);
    let (profile, _) = f.store.profiles().active().unwrap();
    assert_eq!(f.store.sessions().get(profile).unwrap(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remote_optimizer_is_used_and_sessions_stay_with_their_optimizer() {
    let f = fixture();
    let remote_dir = tempfile::tempdir().unwrap();
    let office = Sandbox::start(SandboxConfig::new(remote_dir.path()))
        .await
        .unwrap();

    f.service.warm_up().await.unwrap();
    f.service.sign_in(token(DEMO_TOKEN)).await.unwrap();

    let profile = OptimizerProfile::Remote(remote(&office.base_url()));
    let overview = f.service.choose_optimizer(profile.clone()).await.unwrap();
    assert_eq!(overview.optimizer, profile);
    assert_eq!(
        overview.sandbox,
        SandboxStatus::Stopped,
        "the embedded sandbox stops"
    );
    assert_eq!(
        overview.session, None,
        "the RAO signed in on the sandbox, not here"
    );

    let report = f.service.test().await.unwrap();
    assert_eq!(report.url, office.base_url());
    assert_eq!(report.version, OPTIMIZER_VERSION);

    let overview = f
        .service
        .choose_optimizer(OptimizerProfile::EmbeddedSandbox)
        .await
        .unwrap();
    assert!(matches!(overview.sandbox, SandboxStatus::Running { .. }));
    assert_eq!(overview.session.unwrap().username, DEMO_RAO_USERNAME);

    f.service.shutdown().await.unwrap();
    office.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_optimizer_gets_a_clear_error() {
    let f = fixture();
    // Bind then drop: the port is closed when the test calls it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    f.service
        .choose_optimizer(OptimizerProfile::Remote(remote(&format!(
            "http://127.0.0.1:{port}"
        ))))
        .await
        .unwrap();
    let error = f.service.test().await.unwrap_err();
    assert_eq!(error.code(), "optimizer.unreachable", "{error}");
    let error = f.service.tokens().await.unwrap_err();
    assert_eq!(error.code(), "optimizer.unreachable");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_remote_profile_is_refused_and_changes_nothing() {
    let f = fixture();
    let garbage = f.dir.join("garbage.pem");
    std::fs::write(&garbage, "this is not a certificate").unwrap();

    let cases = [
        (
            RemoteOptimizer {
                ca_pem_path: Some(f.dir.join("missing-ca.pem")),
                ..remote("https://optimizer.example")
            },
            "connection.unreadable_file",
        ),
        (
            RemoteOptimizer {
                ca_pem_path: Some(garbage.clone()),
                ..remote("https://optimizer.example")
            },
            "connection.invalid_tls_material",
        ),
        (
            RemoteOptimizer {
                client_cert_path: Some(garbage.clone()),
                ..remote("https://optimizer.example")
            },
            "connection.incomplete_client_identity",
        ),
        (remote("optimizer.example"), "connection.invalid_url"),
    ];
    for (profile, code) in cases {
        let error = f
            .service
            .choose_optimizer(OptimizerProfile::Remote(profile))
            .await
            .unwrap_err();
        assert_eq!(error.code(), code, "{error}");
    }
    assert_eq!(
        f.service.overview().await.optimizer,
        OptimizerProfile::EmbeddedSandbox
    );
    assert_eq!(
        f.store.profiles().active().unwrap().1,
        OptimizerProfile::EmbeddedSandbox
    );
}
