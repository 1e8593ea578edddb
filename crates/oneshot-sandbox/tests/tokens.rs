mod support;

use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME, DEMO_TOKEN};
use serde_json::json;
use support::TestSandbox;

#[tokio::test]
async fn demo_token_is_listed_with_flags_only() {
    let sbx = TestSandbox::start().await;
    let list = sbx.get("/api/v1/tokens").await.expect(200);
    assert_eq!(
        list[DEMO_TOKEN],
        json!({"username": DEMO_RAO_USERNAME, "password": true, "pin": true})
    );
    let one = sbx
        .get(&format!("/api/v1/token/{DEMO_TOKEN}"))
        .await
        .expect(200);
    assert_eq!(one, list[DEMO_TOKEN]);
}

#[tokio::test]
async fn demo_token_cannot_be_deleted() {
    let sbx = TestSandbox::start().await;
    sbx.delete(&format!("/api/v1/token/{DEMO_TOKEN}"))
        .await
        .expect(403);
    sbx.get(&format!("/api/v1/token/{DEMO_TOKEN}"))
        .await
        .expect(200);
}

#[tokio::test]
async fn created_token_is_32_hex_and_never_reveals_secrets() {
    let sbx = TestSandbox::start().await;
    let uid = sbx
        .post_json(
            "/api/v1/token",
            &json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD, "env": "sandbox"}),
        )
        .await
        .expect(200);
    let uid = uid.as_str().unwrap().to_owned();
    assert_eq!(uid.len(), 32);
    assert!(uid.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
    let got = sbx.get(&format!("/api/v1/token/{uid}")).await.expect(200);
    assert_eq!(
        got,
        json!({"username": DEMO_RAO_USERNAME, "password": true, "pin": false})
    );
    let stored = std::fs::read_to_string(sbx.dir.path().join("tokens.json")).unwrap();
    assert!(!stored.contains(DEMO_RAO_PASSWORD));
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
async fn same_credentials_twice_is_400() {
    let sbx = TestSandbox::start().await;
    let body = json!({"username": DEMO_RAO_USERNAME, "pin": DEMO_RAO_PIN});
    sbx.post_json("/api/v1/token", &body).await.expect(200);
    let again = sbx.post_json("/api/v1/token", &body).await.expect(400);
    assert_eq!(again, "A token with these credentials already exist!");
    // The demo token already holds username + password + PIN.
    let demo_creds =
        json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD, "pin": DEMO_RAO_PIN});
    sbx.post_json("/api/v1/token", &demo_creds)
        .await
        .expect(400);
}

#[tokio::test]
async fn create_token_errors() {
    let sbx = TestSandbox::start().await;
    let missing = sbx.post_json("/api/v1/token", &json!({})).await.expect(400);
    assert_eq!(missing, "Missing required parameter: 'username'");
    let broken = sbx
        .post_raw("/api/v1/token", "{\"username\": ")
        .await
        .expect(400);
    assert!(
        broken
            .as_str()
            .unwrap()
            .starts_with("Could not parse JSON body")
    );
    let unknown = sbx
        .post_json("/api/v1/token", &json!({"username": "42", "password": "x"}))
        .await
        .expect(404);
    assert_eq!(
        unknown,
        "Error getting RAO's id. Make sure the credentials are correct."
    );
    sbx.post_json(
        "/api/v1/token",
        &json!({"username": DEMO_RAO_USERNAME, "password": "wrong"}),
    )
    .await
    .expect(404);
    sbx.post_json(
        "/api/v1/token",
        &json!({"username": DEMO_RAO_USERNAME, "env": "prod"}),
    )
    .await
    .expect(400);
}

#[tokio::test]
async fn get_and_delete_unknown_or_missing_uid() {
    let sbx = TestSandbox::start().await;
    let nf = sbx
        .get("/api/v1/token/0123456789abcdef0123456789abcdef")
        .await
        .expect(404);
    assert_eq!(nf, "Token not found");
    sbx.delete("/api/v1/token/0123456789abcdef0123456789abcdef")
        .await
        .expect(404);
    let missing = sbx.get("/api/v1/token/").await.expect(400);
    assert_eq!(
        missing,
        "Missing required parameter: no token uid specified"
    );
}

#[tokio::test]
async fn tokens_survive_a_restart_and_deletion_sticks() {
    let sbx = TestSandbox::start().await;
    let uid = sbx
        .post_json("/api/v1/token", &json!({"username": DEMO_RAO_USERNAME}))
        .await
        .expect(200);
    let uid = uid.as_str().unwrap().to_owned();
    let dir = sbx.stop().await;

    let sbx = TestSandbox::start_in(dir).await;
    sbx.get(&format!("/api/v1/token/{uid}")).await.expect(200);
    let done = sbx
        .delete(&format!("/api/v1/token/{uid}"))
        .await
        .expect(200);
    assert_eq!(done, "Token deleted successfully");
    sbx.get(&format!("/api/v1/token/{uid}")).await.expect(404);
}
