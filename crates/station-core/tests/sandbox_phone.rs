//! The sandbox phone against the embedded sandbox, and its refusal elsewhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use oneshot_api::{
    Client, ClientOptions, DeliveryMethod, FileSource, IdDocumentType, NewSignatureRequest,
    NewVideoIdRequest, RaoCredentials, RequestStatus, Secret, Signer,
};
use oneshot_sandbox::DEMO_TOKEN;
use station_core::{
    ConnectionService, EmbeddedSandbox, OptimizerProfile, RemoteOptimizer, SandboxPhone,
    SandboxStatus, Store, Vault, VideoIdOutcome,
};
use tempfile::TempDir;

/// A valid 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn fixture() -> (TempDir, Arc<ConnectionService>, SandboxPhone) {
    let temp = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(&temp.path().join("station.sqlite3")).unwrap());
    let vault = Vault::session_only(store.installation_id().unwrap(), "tests use no keyring");
    let connection = Arc::new(
        ConnectionService::new(
            store,
            vault,
            EmbeddedSandbox::new(temp.path().join("sandbox")),
        )
        .unwrap(),
    );
    let phone = SandboxPhone::new(connection.clone());
    (temp, connection, phone)
}

/// A client of the embedded sandbox, as a workflow would use it.
async fn sandbox_client(connection: &ConnectionService) -> Client {
    connection.warm_up().await.unwrap();
    let SandboxStatus::Running { url } = connection.overview().await.sandbox else {
        panic!("the embedded sandbox should run");
    };
    Client::new(ClientOptions::new(url)).unwrap()
}

fn signer(mobile: &str) -> Signer {
    Signer {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: None,
        id_document_type: Some(IdDocumentType::IdentityCard),
        id_document_country: Some("ES".into()),
        serial_number: "00000023T".into(),
        email: "lucia.perez@example.org".into(),
        mobile_phone_number: mobile.into(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn shows_the_otp_messages_of_a_request_newest_first() {
    let (_temp, connection, phone) = fixture();
    assert!(phone.messages(None).await.unwrap().is_empty());

    let client = sandbox_client(&connection).await;
    let mut request = NewSignatureRequest::new(
        RaoCredentials::token(Secret::new(DEMO_TOKEN)),
        signer("+34600111222"),
    );
    request.images.document_front = Some(FileSource::memory("front.png", PNG));
    request.images.document_rear = Some(FileSource::memory("rear.png", PNG));
    request.images.document_owner = Some(FileSource::memory("owner.png", PNG));
    let pk = client.requests().create(request).await.unwrap();
    client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Sms))
        .await
        .unwrap();
    client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Whatsapp))
        .await
        .unwrap();

    let messages = phone.messages(Some(pk)).await.unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].channel, "whatsapp");
    assert_eq!(messages[1].channel, "sms");
    assert!(
        messages
            .iter()
            .all(|m| m.request == pk && m.to == "+34600111222")
    );
    let newest = &messages[0];
    assert!(newest.text.expose().contains(newest.code.expose()));
    assert!(!newest.sent_at.is_empty());
    assert!(phone.messages(Some(pk + 1000)).await.unwrap().is_empty());
    connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn plays_the_end_users_video_id_session() {
    let (_temp, connection, phone) = fixture();
    let client = sandbox_client(&connection).await;
    let created = client
        .videoid()
        .create(&NewVideoIdRequest {
            mobile_phone_number: "+34600111222".into(),
            email: "lucia.perez@example.org".into(),
            videoid_mode: Some(1),
            ..NewVideoIdRequest::default()
        })
        .await
        .unwrap();
    let pk = created.request_pk;

    phone
        .play_video_id(pk, VideoIdOutcome::Incomplete)
        .await
        .unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoIncomplete
    );
    phone
        .play_video_id(pk, VideoIdOutcome::Review)
        .await
        .unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoReview
    );
    // A session under review is closed: the sandbox's refusal comes back with its reason.
    let error = phone
        .play_video_id(pk, VideoIdOutcome::Error)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "sandbox_phone.failed");
    assert!(error.details().unwrap().contains("412"), "{error}");
    connection.shutdown().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn refuses_to_call_any_other_optimizer() {
    let (_temp, connection, phone) = fixture();
    connection
        .choose_optimizer(OptimizerProfile::Remote(RemoteOptimizer {
            url: "http://127.0.0.1:9".into(),
            ca_pem_path: None,
            client_cert_path: None,
            client_key_path: None,
        }))
        .await
        .unwrap();
    let error = phone.messages(None).await.unwrap_err();
    assert_eq!(error.code(), "sandbox_phone.not_sandbox");
    let error = phone
        .play_video_id(1, VideoIdOutcome::Review)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "sandbox_phone.not_sandbox");
}
