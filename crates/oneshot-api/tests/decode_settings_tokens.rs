//! Decoding of the settings and token answers, from our own fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use oneshot_api::{Environment, Error, NewToken, OptimizerSettings, Secret};
use support::{client, fixture, serve};

#[tokio::test]
async fn hello_answers_the_greeting() {
    let server = serve(200, "application/json", fixture("hello.json")).await;
    assert_eq!(
        client(&server.base_url).settings().hello().await.unwrap(),
        "Hello"
    );
}

#[tokio::test]
async fn version_is_typed() {
    let server = serve(200, "application/json", fixture("version.json")).await;
    let version = client(&server.base_url).settings().version().await.unwrap();
    assert_eq!(version.name, "OneShot Optimizer");
    assert_eq!(version.version, "1.5.0");
    assert_eq!(version.info.system, "Linux");
    assert_eq!(version.info.hostname, "optimizer-test-01");
}

#[tokio::test]
async fn settings_decode_loosely_typed_fields_and_keep_unknown_sections() {
    let server = serve(200, "application/json", fixture("settings_get.json")).await;
    let settings = client(&server.base_url).settings().get().await.unwrap();
    let request = settings.request.as_ref().unwrap();
    assert_eq!(request.default_ra.as_deref(), Some("4321"));
    let billing = settings.billing.as_ref().unwrap();
    assert_eq!(
        billing.billing_password.as_ref().unwrap().expose(),
        "YmlsbGluZy1zZWNyZXQ="
    );
    let proxy = settings.proxy.as_ref().unwrap();
    assert_eq!(proxy.proxy_port.as_deref(), Some("3128"));
    assert_eq!(proxy.useproxy.as_deref(), Some("false"));
    assert_eq!(settings.general.as_ref().unwrap().usepdfclean, Some(false));
    assert!(settings.other.contains_key("webhooks"));
    let printed = format!("{settings:?}");
    assert!(!printed.contains("YmlsbGluZy1zZWNyZXQ="));
    assert!(!printed.contains("proxy-secret-77"));
}

#[tokio::test]
async fn settings_update_answers_confirmation_or_invalid_json() {
    let ok = serve(200, "application/json", fixture("settings_update.json")).await;
    let answer = client(&ok.base_url)
        .settings()
        .update(&OptimizerSettings::default())
        .await
        .unwrap();
    assert_eq!(answer, "Settings saved successfully");

    let bad = serve(
        400,
        "application/json",
        fixture("settings_invalid_json.json"),
    )
    .await;
    let error = client(&bad.base_url)
        .settings()
        .update(&OptimizerSettings::default())
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.server_status(), Some("Invalid JSON"));
    assert_eq!(
        error.details().unwrap().as_text(),
        Some("Could not parse JSON body")
    );
}

fn new_token() -> NewToken {
    NewToken {
        username: "7700123".into(),
        password: Some(Secret::new("rao-password")),
        pin: Some(Secret::new("rao-pin")),
        env: Some(Environment::Sandbox),
    }
}

#[tokio::test]
async fn create_token_answers_a_secret() {
    let server = serve(200, "application/json", fixture("token_create.json")).await;
    let token = client(&server.base_url)
        .tokens()
        .create(&new_token())
        .await
        .unwrap();
    assert_eq!(token.expose(), "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f");
    assert_eq!(format!("{token:?}"), "Secret([redacted])");
}

#[tokio::test]
async fn create_token_errors_keep_status_and_details() {
    let exists = serve(400, "application/json", fixture("token_create_exists.json")).await;
    let error = client(&exists.base_url)
        .tokens()
        .create(&new_token())
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    assert!(error.details().unwrap().mentions("already exist"));

    let bad = serve(
        404,
        "application/json",
        fixture("token_create_bad_credentials.json"),
    )
    .await;
    let error = client(&bad.base_url)
        .tokens()
        .create(&new_token())
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(bad.hits(), 1, "a create is never retried");
}

#[tokio::test]
async fn create_token_refuses_an_empty_username_before_sending() {
    let server = serve(200, "application/json", fixture("token_create.json")).await;
    let mut token = new_token();
    token.username = " ".into();
    let error = client(&server.base_url)
        .tokens()
        .create(&token)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn get_token_is_typed() {
    let server = serve(200, "application/json", fixture("token_get.json")).await;
    let credentials = client(&server.base_url)
        .tokens()
        .get(&Secret::new("aa11bb22cc33dd44ee55ff6600112233"))
        .await
        .unwrap();
    assert_eq!(credentials.username, "7700123");
    assert!(credentials.password);
    assert!(!credentials.pin);
}

#[tokio::test]
async fn missing_token_is_not_found() {
    let server = serve(404, "application/json", fixture("token_not_found.json")).await;
    let error = client(&server.base_url)
        .tokens()
        .delete(&Secret::new("ffff"))
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    assert!(
        !error.to_string().contains("ffff"),
        "the token never shows in errors"
    );
}

#[tokio::test]
async fn list_tokens_accepts_boolean_and_string_flags() {
    let server = serve(200, "application/json", fixture("tokens_list.json")).await;
    let tokens = client(&server.base_url).tokens().list().await.unwrap();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0].token.expose(), "0f0e0d0c0b0a09080706050403020100");
    assert!(tokens[0].credentials.password);
    assert!(!tokens[0].credentials.pin);
    assert_eq!(tokens[1].credentials.username, "7700123");
}

#[tokio::test]
async fn delete_token_answers_confirmation() {
    let server = serve(200, "application/json", fixture("token_delete.json")).await;
    let message = client(&server.base_url)
        .tokens()
        .delete(&Secret::new("aa11bb22cc33dd44ee55ff6600112233"))
        .await
        .unwrap();
    assert_eq!(message, "Token deleted successfully");
}
