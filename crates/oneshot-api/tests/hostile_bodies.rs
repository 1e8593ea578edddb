//! Broken and hostile answers end in a clear error, never a panic or an
//! unbounded allocation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use oneshot_api::{Client, ClientOptions, Error, RetryPolicy, TransportKind};
use support::{client, serve, serve_raw};

#[tokio::test]
async fn empty_body_is_a_decode_error() {
    let server = serve(200, "application/json", Vec::new()).await;
    let error = client(&server.base_url)
        .settings()
        .hello()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Decode {
                http_status: 200,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_excerpt() {
    let body = br#"{"status": "200 OK", "details": {"username": "77"#.to_vec();
    let server = serve(200, "application/json", body).await;
    let error = client(&server.base_url)
        .tokens()
        .get(&"t".into())
        .await
        .unwrap_err();
    match error {
        Error::Decode { excerpt, .. } => assert!(excerpt.contains("username")),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn nginx_502_page_is_retried_then_reported_with_excerpt() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>".to_vec();
    let server = serve(502, "text/html", page).await;
    let error = client(&server.base_url).tokens().list().await.unwrap_err();
    assert_eq!(server.hits(), 3, "a read is retried on 502");
    assert!(error.is_retryable());
    match error {
        Error::Decode {
            http_status: 502,
            excerpt,
            ..
        } => assert!(excerpt.contains("Bad Gateway")),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn wrong_types_are_a_decode_error() {
    let body = br#"{"status": "200 OK", "details": {"username": {"nested": 1}}}"#.to_vec();
    let server = serve(200, "application/json", body).await;
    let error = client(&server.base_url)
        .tokens()
        .get(&"t".into())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn huge_announced_body_is_refused_before_reading() {
    let server = serve_raw(|_, _| {
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{\"status\":".to_vec()
    })
    .await;
    let options = ClientOptions::new(&server.base_url).max_json_body(1024);
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    match error {
        Error::Decode { reason, .. } => assert!(reason.contains("larger than 1024")),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn huge_streamed_body_is_cut_at_the_limit() {
    let server = serve_raw(|_, _| {
        let mut answer =
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"status\":\"200 OK\",\"details\":\"".to_vec();
        answer.extend(std::iter::repeat_n(b'A', 4 * 1024 * 1024));
        answer
    })
    .await;
    let options = ClientOptions::new(&server.base_url).max_json_body(64 * 1024);
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    match error {
        Error::Decode {
            reason, excerpt, ..
        } => {
            assert!(reason.contains("larger than 65536"));
            assert!(excerpt.len() <= 200);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_and_retried() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let options = ClientOptions::new(format!("http://{address}")).retry(RetryPolicy::new(
        2,
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(2),
    ));
    let error = Client::new(options)
        .unwrap()
        .settings()
        .hello()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(!error.outcome_unknown());
}

#[tokio::test]
async fn reset_after_request_is_reported_and_outcome_unknown() {
    let server = serve_raw(|_, _| Vec::new()).await;
    let error = client(&server.base_url).tokens().list().await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(error.outcome_unknown());
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn retry_recovers_after_a_503() {
    let server = serve_raw(|hit, _| {
        let (status, body) = if hit == 1 {
            ("503 Service Unavailable", "{\"status\":\"503\",\"details\":\"busy\"}")
        } else {
            ("200 OK", "{\"status\":\"200 OK\",\"details\":\"Hello\"}")
        };
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    })
    .await;
    assert_eq!(
        client(&server.base_url).settings().hello().await.unwrap(),
        "Hello"
    );
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn bad_configuration_is_refused() {
    assert!(matches!(
        Client::new(ClientOptions::new("not a url")),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Client::new(ClientOptions::new("http://x").extra_root_ca_pem("garbage")),
        Err(Error::Config(_))
    ));
}
