//! The administration service against the embedded sandbox Optimizer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use base64::Engine as _;
use oneshot_api::Secret;
use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_USERNAME, DEMO_TOKEN, OPTIMIZER_VERSION};
use station_core::{
    AdminService, ConnectionService, EmbeddedSandbox, NewMetadata, NewRaoToken,
    OptimizerEnvironment, SecretKind, SettingsUpdate, SignIn, Store, TokenProtection, Vault,
};
use tempfile::TempDir;

/// A 1×1 PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

struct Fixture {
    temp: TempDir,
    store: Arc<Store>,
    vault: Vault,
    connection: Arc<ConnectionService>,
    admin: AdminService,
}

fn fixture() -> Fixture {
    let temp = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&temp.path().join("station.sqlite3")).unwrap());
    let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
    let connection = Arc::new(
        ConnectionService::new(
            store.clone(),
            vault.clone(),
            EmbeddedSandbox::new(temp.path().join("sandbox")),
        )
        .unwrap(),
    );
    let admin = AdminService::new(connection.clone());
    Fixture {
        temp,
        store,
        vault,
        connection,
        admin,
    }
}

async fn signed_in() -> Fixture {
    let f = fixture();
    f.connection
        .sign_in(SignIn::Token {
            token: Secret::new(DEMO_TOKEN),
        })
        .await
        .unwrap();
    f
}

#[tokio::test(flavor = "multi_thread")]
async fn administration_needs_a_signed_in_rao() {
    let f = fixture();
    assert_eq!(
        f.admin.health().await.unwrap_err().code(),
        "signin.required"
    );
    assert_eq!(
        f.admin.tokens().await.unwrap_err().code(),
        "signin.required"
    );
    f.connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn health_reports_version_and_round_trips() {
    let f = signed_in().await;
    let health = f.admin.health().await.unwrap();
    assert_eq!(health.greeting, "Hello");
    assert_eq!(health.version, OPTIMIZER_VERSION);
    assert_eq!(health.name, "OneShot Optimizer");
    assert!(
        health.url.starts_with("http://127.0.0.1:"),
        "{}",
        health.url
    );
    assert!(!health.host.system.is_empty());
    f.connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_change_section_by_section_and_the_billing_password_goes_to_the_vault() {
    let f = signed_in().await;
    let before = f.admin.settings().await.unwrap();
    assert_eq!(
        before.default_profile.as_deref(),
        Some("PFnubeQAFCiudadano")
    );
    assert_eq!(before.default_ra.as_deref(), Some("1000"));
    assert_eq!(before.environment, Some(OptimizerEnvironment::Sandbox));
    assert!(before.billing_password_on_optimizer);
    assert!(!before.billing_password_in_vault);

    let after = f
        .admin
        .update_settings(SettingsUpdate {
            tsa_url: Some(" http://tsa.example/tsr ".into()),
            default_ra: Some("2000".into()),
            billing_password: Some(Secret::new("new-billing-pw")),
            ..SettingsUpdate::default()
        })
        .await
        .unwrap();
    assert_eq!(after.tsa_url.as_deref(), Some("http://tsa.example/tsr"));
    assert_eq!(after.default_ra.as_deref(), Some("2000"));
    // Untouched fields keep their values.
    assert_eq!(after.default_profile, before.default_profile);
    assert_eq!(after.billing_username, before.billing_username);
    assert!(after.billing_password_on_optimizer && after.billing_password_in_vault);
    assert!(!format!("{after:?}").contains("new-billing-pw"));

    let (profile, _) = f.store.profiles().active().unwrap();
    assert_eq!(
        f.vault.get(profile, SecretKind::BillingPassword).unwrap(),
        Some(Secret::new("new-billing-pw"))
    );
    // The Optimizer holds it base64-encoded, as the API wants.
    let ini = std::fs::read_to_string(f.temp.path().join("sandbox/settings.ini")).unwrap();
    assert!(ini.contains("bmV3LWJpbGxpbmctcHc="), "{ini}");

    let prod = f
        .admin
        .update_settings(SettingsUpdate {
            environment: Some(OptimizerEnvironment::Prod),
            ..SettingsUpdate::default()
        })
        .await
        .unwrap();
    assert_eq!(prod.environment, Some(OptimizerEnvironment::Prod));

    // Signing out forgets the RAO's secrets, not the Optimizer's billing password.
    f.connection.sign_out().await.unwrap();
    assert!(
        f.vault
            .get(profile, SecretKind::BillingPassword)
            .unwrap()
            .is_some()
    );
    f.connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_are_created_looked_up_and_deleted_but_never_the_demo_or_own_token() {
    let f = signed_in().await;
    let tokens = f.admin.tokens().await.unwrap();
    let demo = tokens.iter().find(|t| t.hint == "fd6a…ff60").unwrap();
    assert!(demo.in_use);
    assert_eq!(demo.protection, Some(TokenProtection::SandboxDemo));
    assert!(!demo.id.is_empty() && !DEMO_TOKEN.contains(&demo.id));

    let created = f
        .admin
        .create_token(NewRaoToken {
            username: format!(" {DEMO_RAO_USERNAME} "),
            password: Secret::new(DEMO_RAO_PASSWORD),
            pin: Secret::new(""),
            environment: None,
        })
        .await
        .unwrap();
    assert_eq!(created.token.username, DEMO_RAO_USERNAME);
    assert!(created.token.holds_password && !created.token.holds_pin);
    assert_eq!(created.token.protection, None);
    assert_eq!(created.value.expose().len(), 32);
    assert!(!format!("{created:?}").contains(created.value.expose()));

    let looked_up = f.admin.look_up_token(created.value.clone()).await.unwrap();
    assert_eq!(looked_up, created.token);
    assert_eq!(
        f.admin
            .look_up_token(Secret::new("0123456789abcdef0123456789abcdef"))
            .await
            .unwrap_err()
            .code(),
        "signin.unknown_token"
    );

    let error = f.admin.delete_token(&demo.id).await.unwrap_err();
    assert_eq!(error.code(), "admin.token_protected");
    assert_eq!(error.details().as_deref(), Some("sandbox_demo"));

    let left = f.admin.delete_token(&created.token.id).await.unwrap();
    assert!(left.iter().all(|t| t.id != created.token.id));
    assert_eq!(
        f.admin
            .delete_token(&created.token.id)
            .await
            .unwrap_err()
            .code(),
        "signin.unknown_token"
    );

    // Signed in with another token, that one is protected as in use.
    let pin_only = f
        .admin
        .create_token(NewRaoToken {
            username: DEMO_RAO_USERNAME.into(),
            password: Secret::new(""),
            pin: Secret::new(""),
            environment: Some(OptimizerEnvironment::Sandbox),
        })
        .await
        .unwrap();
    f.connection
        .sign_in(SignIn::Token {
            token: pin_only.value.clone(),
        })
        .await
        .unwrap();
    let error = f.admin.delete_token(&pin_only.token.id).await.unwrap_err();
    assert_eq!(error.details().as_deref(), Some("in_use"));

    let error = f
        .admin
        .create_token(NewRaoToken {
            username: "  ".into(),
            password: Secret::new(""),
            pin: Secret::new(""),
            environment: None,
        })
        .await
        .unwrap_err();
    assert_eq!(error.code(), "input.required");
    f.connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_is_added_listed_and_deleted() {
    let f = signed_in().await;
    assert!(f.admin.metadata().await.unwrap().is_empty());

    let error = f
        .admin
        .add_metadata(NewMetadata {
            oid: "1.3.six".into(),
            text: "x".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(error.code(), "admin.invalid_oid");
    let error = f
        .admin
        .add_metadata(NewMetadata {
            oid: "2.5.4.3".into(),
            text: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(error.code(), "input.required");

    let added = f
        .admin
        .add_metadata(NewMetadata {
            oid: " 1.3.6.1.4.1.47289.100.2.9 ".into(),
            text: "Oficina 12 — Sevilla".into(),
        })
        .await
        .unwrap();
    assert_eq!(added.oid, "1.3.6.1.4.1.47289.100.2.9");
    assert_eq!(added.text.as_deref(), Some("Oficina 12 — Sevilla"));
    let listed = f.admin.metadata().await.unwrap();
    assert_eq!(listed, vec![added.clone()]);
    assert_eq!(f.admin.metadata_entry(&added.uid).await.unwrap(), added);

    assert!(
        f.admin
            .delete_metadata(&added.uid)
            .await
            .unwrap()
            .is_empty()
    );
    for text in ["one", "two"] {
        f.admin
            .add_metadata(NewMetadata {
                oid: "2.5.4.3".into(),
                text: text.into(),
            })
            .await
            .unwrap();
    }
    assert_eq!(f.admin.metadata().await.unwrap().len(), 2);
    f.admin.delete_all_metadata().await.unwrap();
    assert!(f.admin.metadata().await.unwrap().is_empty());
    f.connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn signature_images_are_uploaded_previewed_and_deleted() {
    let f = signed_in().await;
    assert!(f.admin.signature_images().await.unwrap().is_empty());

    let png = f.temp.path().join("signature.png");
    std::fs::write(
        &png,
        base64::engine::general_purpose::STANDARD
            .decode(PNG)
            .unwrap(),
    )
    .unwrap();
    let not_a_picture = f.temp.path().join("signature.jpg");
    std::fs::write(&not_a_picture, b"GIF89a not what the name says").unwrap();

    let error = f
        .admin
        .add_signature_image(not_a_picture)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "admin.signature_image");

    let images = f.admin.add_signature_image(png.clone()).await.unwrap();
    assert_eq!(images.len(), 1);
    let image = &images[0];
    assert_eq!(image.file_name, "signature.png");
    assert_eq!(image.mime, "image/png");
    assert_eq!((image.width, image.height), (Some(1), Some(1)));

    let preview = f.admin.signature_image_preview(&image.uid).await.unwrap();
    assert_eq!(preview.data_url, format!("data:image/png;base64,{PNG}"));

    assert!(
        f.admin
            .delete_signature_image(&image.uid)
            .await
            .unwrap()
            .is_empty()
    );
    f.admin.add_signature_image(png.clone()).await.unwrap();
    f.admin.add_signature_image(png).await.unwrap();
    assert_eq!(f.admin.signature_images().await.unwrap().len(), 2);
    f.admin.delete_all_signature_images().await.unwrap();
    assert!(f.admin.signature_images().await.unwrap().is_empty());
    f.connection.shutdown().await.unwrap();
}
