//! Settings, metadata, images, requests, OTP and Video ID against a real
//! sandbox Optimizer on loopback.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/sandbox.rs"]
mod sandbox;
#[path = "support/workflow.rs"]
mod workflow;

use base64::Engine;
use oneshot_api::{
    AsyncMode, Client, DeliveryMethod, FileSize, FileSource, RaoCredentials, RequestStatus,
    RequestUpdate, SignatureMetadata, TsaSettings,
};
use workflow::{
    PNG, classic_request, complete_session, full_evidences, latest_otp, mp4, videoid_request,
};

#[tokio::test]
async fn settings_read_and_update() {
    let running = sandbox::start().await;
    let settings = running.client.settings();
    let mut current = settings.get().await.unwrap();
    let billing = current.billing.as_ref().expect("billing preconfigured");
    assert!(
        billing
            .billing_password
            .as_ref()
            .is_some_and(|p| !p.is_empty())
    );
    assert!(current.request.as_ref().unwrap().default_profile.is_some());
    current.tsa = Some(TsaSettings {
        tsa_url: Some("http://127.0.0.1:1/tsa".into()),
    });
    settings.update(&current).await.unwrap();
    let changed = settings.get().await.unwrap();
    assert_eq!(
        changed.tsa.unwrap().tsa_url.as_deref(),
        Some("http://127.0.0.1:1/tsa")
    );
    assert_eq!(changed.billing, current.billing, "other sections kept");
    running.stop().await;
}

#[tokio::test]
async fn metadata_lifecycle() {
    let running = sandbox::start().await;
    let metadata = running.client.metadata();
    let entry = SignatureMetadata {
        oid: "1.3.6.1.4.1.99999.1.2".into(),
        metadata: base64::engine::general_purpose::STANDARD.encode("branch=12; desk=4"),
    };
    let uid = metadata.upload(&entry).await.unwrap();
    assert_eq!(metadata.get(&uid).await.unwrap(), entry);
    let listed = metadata.list().await.unwrap();
    assert!(
        listed
            .iter()
            .any(|stored| stored.uid == uid && stored.entry == entry)
    );
    metadata.delete(&uid).await.unwrap();
    assert!(metadata.get(&uid).await.unwrap_err().is_not_found());
    metadata.upload(&entry).await.unwrap();
    metadata.delete_all().await.unwrap();
    assert!(metadata.list().await.unwrap().is_empty());
    running.stop().await;
}

#[tokio::test]
async fn images_lifecycle() {
    let running = sandbox::start().await;
    let images = running.client.images();
    let uid = images
        .upload(FileSource::memory("rubric.png", PNG))
        .await
        .unwrap();
    assert_eq!(images.retrieve(&uid).await.unwrap().as_ref(), PNG);
    let listed = images.list().await.unwrap();
    let stored = listed.iter().find(|file| file.uid == uid).unwrap();
    assert_eq!(stored.mime, "image/png");
    assert!(
        matches!(stored.size, FileSize::Pixels(1, 1) | FileSize::Bytes(_)),
        "{:?}",
        stored.size
    );
    images.delete(&uid).await.unwrap();
    assert!(images.retrieve(&uid).await.unwrap_err().is_not_found());
    images
        .upload(FileSource::memory("b.png", PNG))
        .await
        .unwrap();
    images.delete_all().await.unwrap();
    assert!(
        images
            .list()
            .await
            .map(|left| left.is_empty())
            .unwrap_or(true)
    );
    let not_png = images
        .upload(FileSource::memory("x.png", b"plain text".to_vec()))
        .await;
    assert_eq!(not_png.unwrap_err().http_status(), Some(415));
    running.stop().await;
}

#[tokio::test]
async fn request_create_get_otp_and_cancel() {
    let running = sandbox::start().await;
    let client: &Client = &running.client;
    let pk = client.requests().create(classic_request()).await.unwrap();
    let info = client.requests().get(pk).await.unwrap();
    assert_eq!(info.pk, pk);
    assert_eq!(info.status, RequestStatus::EnrollReady);
    assert_eq!(info.given_name.as_deref(), Some("Lucía"));
    assert_eq!(info.serial_number.as_deref(), Some("00000023T"));
    assert!(!info.videoid_mode);
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::EnrollReady
    );

    let sent = client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Sms))
        .await
        .unwrap();
    assert!(!sent.is_empty());
    let code = latest_otp(&running.sandbox.base_url(), pk)
        .await
        .expect("OTP in the outbox");
    assert!(code.chars().all(|c| c.is_ascii_digit()));

    assert!(
        client
            .requests()
            .get(pk + 1000)
            .await
            .unwrap_err()
            .is_not_found()
    );
    client.videoid().cancel(pk).await.unwrap();
    assert!(client.requests().get(pk).await.is_err());
    running.stop().await;
}

#[tokio::test]
async fn request_errors_from_the_sandbox_are_typed() {
    let running = sandbox::start().await;
    let mut missing_images = classic_request();
    missing_images.images.document_owner = None;
    let error = running
        .client
        .requests()
        .create(missing_images)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(400));
    assert!(error.details().unwrap().mentions("document_owner"));

    let mut wrong = classic_request();
    wrong.credentials = RaoCredentials::token("00000000000000000000000000000000");
    let error = running.client.requests().create(wrong).await.unwrap_err();
    assert!(matches!(error.http_status(), Some(403 | 404)), "{error}");
    running.stop().await;
}

#[tokio::test]
async fn asynchronous_request_reports_its_stage() {
    let running = sandbox::start().await;
    let mut request = classic_request();
    request.asynchronous = Some(AsyncMode { callback: None });
    let pk = running.client.requests().create(request).await.unwrap();
    assert_eq!(
        running.client.requests().async_status(pk).await.unwrap(),
        RequestStatus::Approved
    );
    running.stop().await;
}

#[tokio::test]
async fn videoid_eidas_review_update_and_approve() {
    let running = sandbox::start().await;
    let client = &running.client;
    let created = client.videoid().create(&videoid_request()).await.unwrap();
    let pk = created.request_pk;
    assert!(!created.videoid_link.is_empty());
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoPending
    );
    complete_session(&running.sandbox.base_url(), pk, "review").await;
    let info = client.requests().get(pk).await.unwrap();
    assert_eq!(info.status, RequestStatus::VideoReview);
    assert!(info.videoid_mode);

    let update = RequestUpdate {
        scratchcard: info.scratchcard.clone().unwrap(),
        email: "corrected@example.org".into(),
        registration_authority: info.registration_authority.clone().unwrap(),
        profile: info.profile.clone().unwrap(),
        country_name: "ES".into(),
        given_name: Some("Lucía María".into()),
        ..RequestUpdate::default()
    };
    client.videoid().update_request(pk, &update).await.unwrap();
    let updated = client.requests().get(pk).await.unwrap();
    assert_eq!(updated.email.as_deref(), Some("corrected@example.org"));
    assert_eq!(updated.given_name.as_deref(), Some("Lucía María"));

    let credentials = RaoCredentials::token(sandbox::demo_token());
    client.videoid().approve(pk, &credentials).await.unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::EnrollReady
    );
    let again = client
        .videoid()
        .approve(pk, &credentials)
        .await
        .unwrap_err();
    assert_eq!(again.http_status(), Some(412));
    running.stop().await;
}

#[tokio::test]
async fn videoid_refuse_incomplete_and_cancel() {
    let running = sandbox::start().await;
    let client = &running.client;
    let credentials = RaoCredentials::token(sandbox::demo_token());

    let refused = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    complete_session(&running.sandbox.base_url(), refused, "review").await;
    client
        .videoid()
        .refuse(refused, &credentials, "face does not match")
        .await
        .unwrap();
    assert_eq!(
        client.requests().status(refused).await.unwrap(),
        RequestStatus::Refused
    );

    let incomplete = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    complete_session(&running.sandbox.base_url(), incomplete, "incomplete").await;
    assert_eq!(
        client.requests().status(incomplete).await.unwrap(),
        RequestStatus::VideoIncomplete
    );
    client.videoid().cancel(incomplete).await.unwrap();

    let failed = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    complete_session(&running.sandbox.base_url(), failed, "error").await;
    assert_eq!(
        client.requests().status(failed).await.unwrap(),
        RequestStatus::VideoError
    );
    running.stop().await;
}

#[tokio::test]
async fn videoid_external_evidences_video_and_approve() {
    let running = sandbox::start().await;
    let client = &running.client;
    let pk = client
        .videoid()
        .create(&videoid_request())
        .await
        .unwrap()
        .request_pk;
    let evidences = full_evidences();
    client
        .videoid()
        .upload_evidences(pk, &evidences)
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let video_path = dir.path().join("session.mp4");
    std::fs::write(&video_path, mp4()).unwrap();
    client
        .videoid()
        .upload_video(pk, FileSource::path(&video_path), None)
        .await
        .unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::VideoReview
    );
    assert_eq!(
        client.videoid().download_video(pk).await.unwrap().as_ref(),
        mp4().as_slice()
    );
    let saved = client
        .videoid()
        .download_video_to_file(pk, dir.path().join("copy.mp4"), None)
        .await
        .unwrap();
    assert_eq!(std::fs::read(saved.path).unwrap(), mp4());

    let account = RaoCredentials::Account {
        username: oneshot_sandbox::DEMO_RAO_USERNAME.into(),
        password: oneshot_sandbox::DEMO_RAO_PASSWORD.into(),
        pin: oneshot_sandbox::DEMO_RAO_PIN.into(),
        rao: None,
    };
    client.videoid().approve(pk, &account).await.unwrap();
    assert_eq!(
        client.requests().status(pk).await.unwrap(),
        RequestStatus::EnrollReady
    );
    running.stop().await;
}

#[tokio::test]
async fn videoid_status_changes_reach_the_webhook() {
    let running = sandbox::start().await;
    let (hook_url, received) = workflow::webhook_receiver().await;
    let mut request = videoid_request();
    request.webhook_url = Some(hook_url);
    let pk = running
        .client
        .videoid()
        .create(&request)
        .await
        .unwrap()
        .request_pk;
    complete_session(&running.sandbox.base_url(), pk, "review").await;
    let mut notifications = Vec::new();
    for _ in 0..100 {
        notifications = received
            .lock()
            .unwrap()
            .iter()
            .map(|body| oneshot_api::StatusNotification::from_json(body.as_bytes()).unwrap())
            .collect();
        if notifications
            .iter()
            .any(|n| n.status == RequestStatus::VideoReview)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let review = notifications
        .iter()
        .find(|n| n.status == RequestStatus::VideoReview)
        .expect("a VIDEOREVIEW notification");
    assert_eq!(review.request, pk);
    assert_eq!(review.previous_status, Some(RequestStatus::VideoPending));
    running.stop().await;
}
