//! hello, version, settings and tokens against a real sandbox Optimizer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sandbox.rs"]
mod sandbox;

use oneshot_api::{Environment, NewToken, Secret};

#[tokio::test]
async fn hello_and_version() {
    let running = sandbox::start().await;
    let settings = running.client.settings();
    assert_eq!(settings.hello().await.unwrap(), "Hello");
    let version = settings.version().await.unwrap();
    assert_eq!(version.version, oneshot_sandbox::OPTIMIZER_VERSION);
    assert_eq!(version.name, "OneShot Optimizer");
    assert!(!version.info.machine.is_empty());
    running.stop().await;
}

#[tokio::test]
async fn token_lifecycle() {
    let running = sandbox::start().await;
    let tokens = running.client.tokens();

    let listed = tokens.list().await.unwrap();
    let demo = listed
        .iter()
        .find(|stored| stored.token == sandbox::demo_token())
        .expect("the demo token is always listed");
    assert_eq!(
        demo.credentials.username,
        oneshot_sandbox::DEMO_RAO_USERNAME
    );
    assert!(demo.credentials.password && demo.credentials.pin);

    let new = NewToken {
        username: oneshot_sandbox::DEMO_RAO_USERNAME.into(),
        password: Some(Secret::new(oneshot_sandbox::DEMO_RAO_PASSWORD)),
        pin: None,
        env: Some(Environment::Sandbox),
    };
    let token = tokens.create(&new).await.unwrap();
    let credentials = tokens.get(&token).await.unwrap();
    assert_eq!(credentials.username, oneshot_sandbox::DEMO_RAO_USERNAME);
    assert!(credentials.password);
    assert!(!credentials.pin);
    assert!(
        tokens
            .list()
            .await
            .unwrap()
            .iter()
            .any(|stored| stored.token == token)
    );

    let again = tokens.create(&new).await.unwrap_err();
    assert_eq!(again.http_status(), Some(400), "{again}");

    tokens.delete(&token).await.unwrap();
    assert!(tokens.get(&token).await.unwrap_err().is_not_found());
    assert!(tokens.delete(&token).await.unwrap_err().is_not_found());

    let wrong = NewToken {
        password: Some(Secret::new("not-the-password")),
        ..new
    };
    assert!(tokens.create(&wrong).await.unwrap_err().is_not_found());
    running.stop().await;
}
