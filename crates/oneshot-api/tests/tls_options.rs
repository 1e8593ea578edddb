//! TLS options against a loopback HTTPS server of a private CA that requires
//! a client certificate, as on-premises Optimizers often do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use oneshot_api::{Client, ClientIdentity, ClientOptions, Error, RetryPolicy, Secret, TlsProblem};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    server: (CertificateDer<'static>, PrivateKeyDer<'static>),
    client_cert_pem: String,
    client_key_pem: String,
}

fn pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["localhost".to_owned()])
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
        ca_der: ca.der().clone(),
        server: (
            server.der().clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        ),
        client_cert_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
    }
}

/// An HTTPS server answering hello to clients holding a certificate of the CA.
async fn https_server(pki: &Pki) -> String {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(pki.ca_der.clone()).unwrap();
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![pki.server.0.clone()], pki.server.1.clone_key())
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(socket).await else {
                    return;
                };
                let mut buffer = [0u8; 4096];
                let _ = tls.read(&mut buffer).await;
                let body = r#"{"status":"200 OK","details":"Hello"}"#;
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    format!("https://localhost:{port}")
}

fn identity(pki: &Pki) -> ClientIdentity {
    ClientIdentity {
        certificate_pem: pki.client_cert_pem.clone().into_bytes(),
        private_key_pem: Secret::new(pki.client_key_pem.clone()),
    }
}

#[tokio::test]
async fn private_ca_and_client_certificate() {
    let pki = pki();
    let url = https_server(&pki).await;
    let options = ClientOptions::new(&url)
        .extra_root_ca_pem(pki.ca_pem.clone())
        .client_identity(identity(&pki));
    let client = Client::new(options).unwrap();
    assert_eq!(client.settings().hello().await.unwrap(), "Hello");
}

#[tokio::test]
async fn unknown_ca_is_refused() {
    let pki = pki();
    let url = https_server(&pki).await;
    let options = ClientOptions::new(&url)
        .client_identity(identity(&pki))
        .retry(RetryPolicy::never());
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    assert_eq!(
        error.tls_problem(),
        Some(TlsProblem::UntrustedIssuer),
        "{error:?}"
    );
}

#[tokio::test]
async fn missing_client_certificate_is_refused() {
    let pki = pki();
    let url = https_server(&pki).await;
    let options = ClientOptions::new(&url)
        .extra_root_ca_pem(pki.ca_pem.clone())
        .retry(RetryPolicy::never());
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    // Over HTTP/1.1 the rustls alert itself reaches the client.
    assert_eq!(
        error.tls_problem(),
        Some(TlsProblem::ClientCertificate),
        "{error:?}"
    );
}

#[tokio::test]
async fn bad_client_key_is_a_configuration_error() {
    let pki = pki();
    let options = ClientOptions::new("https://localhost:1").client_identity(ClientIdentity {
        certificate_pem: pki.client_cert_pem.into_bytes(),
        private_key_pem: Secret::new("not a key"),
    });
    assert!(matches!(Client::new(options), Err(Error::Config(_))));
}
