//! Retries and error reports against faults armed in a real sandbox: reads
//! recover from 502/503/resets, calls that change state are sent once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sandbox.rs"]
mod sandbox;

use std::time::Duration;

use oneshot_api::{
    Client, ClientOptions, Environment, Error, NewToken, RetryPolicy, Secret, TransportKind,
};
use serde_json::json;

async fn arm(base_url: &str, fault: serde_json::Value) {
    let answer = reqwest::Client::new()
        .post(format!("{base_url}/sandbox/v1/faults"))
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

fn fast_client(base_url: &str) -> Client {
    Client::new(ClientOptions::new(base_url).retry(RetryPolicy::new(
        3,
        Duration::from_millis(5),
        Duration::from_millis(20),
    )))
    .unwrap()
}

#[tokio::test]
async fn reads_recover_from_gateway_errors_and_resets() {
    let running = sandbox::start().await;
    let base_url = running.sandbox.base_url();
    let client = fast_client(&base_url);

    arm(
        &base_url,
        json!({"path": "/api/v1/tokens", "action": "status", "status": 503, "times": 2}),
    )
    .await;
    assert!(!client.tokens().list().await.unwrap().is_empty());

    arm(
        &base_url,
        json!({"path": "/api/v1/version", "action": "reset"}),
    )
    .await;
    assert!(
        !client
            .settings()
            .version()
            .await
            .unwrap()
            .version
            .is_empty()
    );

    arm(
        &base_url,
        json!({"path": "/api/v1/hello", "action": "truncate", "times": 5}),
    )
    .await;
    let error = client.settings().hello().await.unwrap_err();
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

    arm(
        &base_url,
        json!({"path": "/api/v1/tokens", "action": "status", "status": 502, "times": 5}),
    )
    .await;
    let error = client.tokens().list().await.unwrap_err();
    match &error {
        Error::Decode {
            http_status: 502,
            excerpt,
            ..
        } => assert!(!excerpt.is_empty()),
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.is_retryable());
    running.stop().await;
}

#[tokio::test]
async fn a_create_is_sent_once_and_its_lost_answer_is_reported() {
    let running = sandbox::start().await;
    let base_url = running.sandbox.base_url();
    let client = fast_client(&base_url);
    arm(
        &base_url,
        json!({"method": "POST", "path": "/api/v1/token", "action": "reset_mid_body"}),
    )
    .await;
    let new = NewToken {
        username: oneshot_sandbox::DEMO_RAO_USERNAME.into(),
        password: Some(Secret::new(oneshot_sandbox::DEMO_RAO_PASSWORD)),
        pin: None,
        env: Some(Environment::Sandbox),
    };
    let error = client.tokens().create(&new).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Reset,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.outcome_unknown());
    // The Optimizer did create it: a blind retry would have failed as a duplicate.
    let again = client.tokens().create(&new).await.unwrap_err();
    assert!(again.details().unwrap().mentions("already exist"));
    running.stop().await;
}

#[tokio::test]
async fn slow_answers_hit_the_request_timeout() {
    let running = sandbox::start().await;
    let base_url = running.sandbox.base_url();
    let client = Client::new(
        ClientOptions::new(&base_url)
            .request_timeout(Duration::from_millis(200))
            .retry(RetryPolicy::never()),
    )
    .unwrap();
    arm(
        &base_url,
        json!({"path": "/api/v1/hello", "latency_ms": 2000}),
    )
    .await;
    let error = client.settings().hello().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    running.stop().await;
}
