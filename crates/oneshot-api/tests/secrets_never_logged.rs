//! A whole flow with tracing at TRACE (the client's, reqwest's, hyper's and
//! rustls' events): none of the secrets used shows in the output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sandbox.rs"]
mod sandbox;
mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use oneshot_api::{
    Client, ClientIdentity, ClientOptions, Environment, IdDocumentType, NewSignatureRequest,
    NewToken, ProxyOptions, RaoCredentials, Secret, SignOptions, Signer,
};
use support::{json_answer, serve_raw};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const OTP: &str = "483920";
const BILLING_PASSWORD: &str = "YmlsbGluZy1zZWNyZXQtOTk=";
const RAO_PIN: &str = oneshot_sandbox::DEMO_RAO_PIN;
const RAO_PASSWORD: &str = oneshot_sandbox::DEMO_RAO_PASSWORD;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_trace_output() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .try_init()
        .unwrap();

    let running = sandbox::start().await;
    let tokens = running.client.tokens();
    let token = tokens
        .create(&NewToken {
            username: oneshot_sandbox::DEMO_RAO_USERNAME.into(),
            password: Some(Secret::new(RAO_PASSWORD)),
            // The demo token already holds password and PIN; this one only the password.
            pin: None,
            env: Some(Environment::Sandbox),
        })
        .await
        .unwrap();
    tokens.get(&token).await.unwrap();
    tokens.list().await.unwrap();

    // The calls that carry an OTP, billing password and RAO account, against a
    // canned Optimizer that answers what the real one would.
    let canned = serve_raw(|hit, _| match hit {
        1 => json_answer(201, r#"{"status":"201 Created","details":77}"#),
        2 => json_answer(200, r#"{"status":"200 OK","details":"OTP generated"}"#),
        3 => json_answer(
            403,
            r#"{"status":"403 Forbidden","details":"Confirmation Code invalid"}"#,
        ),
        _ => json_answer(
            200,
            r#"{"status":"200 OK","details":"Request approved successfully"}"#,
        ),
    })
    .await;
    let client = Client::new(ClientOptions::new(&canned.base_url)).unwrap();
    let mut request = NewSignatureRequest::new(
        RaoCredentials::token(token.clone()),
        Signer {
            given_name: "Ana".into(),
            surname_1: "Ruiz".into(),
            id_document_type: Some(IdDocumentType::Passport),
            serial_number: "P1234567".into(),
            email: "ana@example.org".into(),
            mobile_phone_number: "+34600000001".into(),
            ..Signer::default()
        },
    );
    request.billing_password = Some(Secret::new(BILLING_PASSWORD));
    let pk = client.requests().create(request).await.unwrap();
    client.requests().generate_otp(pk, None).await.unwrap();
    let wrong = client
        .requests()
        .sign(pk, &SignOptions::with_otp(OTP))
        .await
        .unwrap_err();
    assert!(wrong.is_wrong_otp());
    let account = RaoCredentials::Account {
        username: oneshot_sandbox::DEMO_RAO_USERNAME.into(),
        password: Secret::new(RAO_PASSWORD),
        pin: Secret::new(RAO_PIN),
        rao: None,
    };
    client.videoid().approve(pk, &account).await.unwrap();
    tokens.delete(&token).await.unwrap();
    running.stop().await;

    // Debug prints of everything holding a secret redact too.
    let options = ClientOptions::new("https://x.example")
        .client_identity(ClientIdentity {
            certificate_pem: Vec::new(),
            private_key_pem: Secret::new("-----BEGIN PRIVATE KEY----- key-material"),
        })
        .proxy(ProxyOptions {
            url: "http://proxy.example:3128".into(),
            credentials: Some(("user".into(), Secret::new("proxy-password-1"))),
        });
    let printed = format!("{options:?} {account:?} {wrong:?} {wrong}");

    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        output.contains("oneshot_call"),
        "the client's own events are captured"
    );
    assert!(output.contains("TRACE"), "the capture really runs at TRACE");
    for secret in [token.expose(), OTP, BILLING_PASSWORD, RAO_PIN, RAO_PASSWORD] {
        assert!(
            !output.contains(secret),
            "a secret leaked into the trace output"
        );
        assert!(
            !printed.contains(secret),
            "a secret leaked into a Debug print"
        );
    }
    assert!(!printed.contains("key-material") && !printed.contains("proxy-password-1"));
}
