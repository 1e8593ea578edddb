#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::TestSandbox;

async fn arm(sbx: &TestSandbox, spec: serde_json::Value) {
    sbx.post_json("/sandbox/v1/faults", &spec).await.expect(200);
}

fn is_reset(error: &reqwest::Error) -> bool {
    let text = format!("{error:?}").to_lowercase();
    text.contains("reset")
        || text.contains("connection closed")
        || text.contains("incompletemessage")
}

#[tokio::test]
async fn status_fault_answers_an_html_page_once() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"method": "GET", "path": "/api/v1/hello", "action": "status", "status": 502}),
    )
    .await;
    let response = sbx.http.get(sbx.url("/api/v1/hello")).send().await.unwrap();
    assert_eq!(response.status(), 502);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(response.text().await.unwrap().contains("502 Bad Gateway"));
    sbx.get("/api/v1/hello").await.expect(200);
}

#[tokio::test]
async fn latency_fault_delays_and_matches_globs_and_counts() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"path": "/api/v1/hel*", "latency_ms": 300, "times": 2}),
    )
    .await;
    assert_eq!(
        sbx.get("/sandbox/v1/faults").await.expect(200)[0]["remaining"],
        2
    );
    for _ in 0..2 {
        let started = Instant::now();
        sbx.get("/api/v1/hello").await.expect(200);
        assert!(started.elapsed() >= Duration::from_millis(300));
    }
    assert!(
        sbx.get("/sandbox/v1/faults")
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn reset_before_the_work() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"method": "POST", "path": "/api/v1/token", "action": "reset"}),
    )
    .await;
    let error = sbx
        .http
        .post(sbx.url("/api/v1/token"))
        .json(&json!({"username": oneshot_sandbox::DEMO_RAO_USERNAME}))
        .send()
        .await
        .unwrap_err();
    assert!(is_reset(&error), "{error:?}");
    // The work was not done: only the demo token exists.
    assert_eq!(
        sbx.get("/api/v1/tokens")
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn lose_response_after_doing_the_work() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"method": "POST", "path": "/api/v1/token", "action": "lose_response"}),
    )
    .await;
    let error = sbx
        .http
        .post(sbx.url("/api/v1/token"))
        .json(&json!({"username": oneshot_sandbox::DEMO_RAO_USERNAME}))
        .send()
        .await
        .unwrap_err();
    assert!(is_reset(&error), "{error:?}");
    // The token was created even though the client never heard about it.
    assert_eq!(
        sbx.get("/api/v1/tokens")
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn reset_mid_body_delivers_the_head_then_fails() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"path": "/api/v1/version", "action": "reset_mid_body"}),
    )
    .await;
    let response = sbx
        .http
        .get(sbx.url("/api/v1/version"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let error = response.bytes().await.unwrap_err();
    assert!(
        is_reset(&error) || error.is_body() || error.is_decode(),
        "{error:?}"
    );
}

#[tokio::test]
async fn truncated_and_garbage_bodies() {
    let sbx = TestSandbox::start().await;
    arm(
        &sbx,
        json!({"path": "/api/v1/version", "action": "truncate"}),
    )
    .await;
    let text = sbx
        .http
        .get(sbx.url("/api/v1/version"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.starts_with("{\""));
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());

    arm(&sbx, json!({"path": "/api/v1/hello", "action": "garbage"})).await;
    let response = sbx.http.get(sbx.url("/api/v1/hello")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
}

#[tokio::test]
async fn clear_disarms_and_sandbox_paths_are_never_faulted() {
    let sbx = TestSandbox::start().await;
    arm(&sbx, json!({"path": "*", "action": "reset", "times": 100})).await;
    // The extensions still work, so the fault can be listed and cleared.
    assert_eq!(
        sbx.get("/sandbox/v1/faults")
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        sbx.delete("/sandbox/v1/faults").await.expect(200),
        "Faults cleared"
    );
    sbx.get("/api/v1/hello").await.expect(200);
    sbx.post_json("/sandbox/v1/faults", &json!({"path": "no-slash"}))
        .await
        .expect(400);
    sbx.post_json(
        "/sandbox/v1/faults",
        &json!({"path": "/x", "action": "explode"}),
    )
    .await
    .expect(400);
}
