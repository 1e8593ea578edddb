//! Decoding of Video ID answers and the bodies sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use oneshot_api::{
    Client, Error, Evidences, FileSource, NewVideoIdRequest, OcrData, RaoCredentials,
    RequestUpdate, Secret, SimilarityLevel,
};
use support::{client, count, fixture, json_answer, serve, serve_raw};

async fn at(status: u16, name: &str) -> (support::Canned, Client) {
    let server = serve(status, "application/json", fixture(name)).await;
    let client = client(&server.base_url);
    (server, client)
}

fn new_videoid() -> NewVideoIdRequest {
    NewVideoIdRequest {
        mobile_phone_number: "+34600111222".into(),
        email: "lucia.perez@example.org".into(),
        webhook_url: Some("http://127.0.0.1:9/hook".into()),
        videoid_mode: Some(1),
        ..NewVideoIdRequest::default()
    }
}

#[tokio::test]
async fn create_answers_both_pks_and_the_link() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, r#""videoid_mode":1"#), 1);
        assert_eq!(
            count(request, r#""webhook_url":"http://127.0.0.1:9/hook""#),
            1
        );
        json_answer(
            200,
            &String::from_utf8(fixture("videoid_create.json")).unwrap(),
        )
    })
    .await;
    let created = client(&server.base_url)
        .videoid()
        .create(&new_videoid())
        .await
        .unwrap();
    assert_eq!(created.request_pk, 40214);
    assert_eq!(created.videoid_pk, 151);
    assert!(created.videoid_link.starts_with("https://"));
}

#[tokio::test]
async fn create_disabled_is_an_api_error() {
    let (_s, client) = at(400, "videoid_create_disabled.json").await;
    let error = client.videoid().create(&new_videoid()).await.unwrap_err();
    assert!(error.details().unwrap().mentions("not enabled"));
}

#[tokio::test]
async fn evidences_send_both_similarity_forms() {
    for (level, expected) in [
        (SimilarityLevel::Score(87), r#""similarity_level":87"#),
        (
            SimilarityLevel::Word("high".into()),
            r#""similarity_level":"high""#,
        ),
    ] {
        let server = serve_raw(move |_, request| {
            assert_eq!(count(request, expected), 1);
            assert_eq!(
                count(
                    request,
                    r#""url-doc-privacypolicy":"https://example.org/privacy""#
                ),
                1
            );
            json_answer(200, &String::from_utf8(fixture("evidences.json")).unwrap())
        })
        .await;
        let mut evidences = Evidences::default();
        evidences.acceptance.privacy_policy_url = Some("https://example.org/privacy".into());
        evidences.videoid_data.ocr_data = OcrData {
            given_name: "Lucía".into(),
            surname_1: "Pérez".into(),
            serial_number: "00000023T".into(),
            ..OcrData::default()
        };
        evidences.videoid_data.similarity_level = Some(level);
        let answer = client(&server.base_url)
            .videoid()
            .upload_evidences(40214, &evidences)
            .await
            .unwrap();
        assert_eq!(answer, "Videoid evidences uploaded");
    }
}

#[tokio::test]
async fn video_upload_streams_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("session.mp4");
    std::fs::write(&video, vec![0x42u8; 300_000]).unwrap();
    let server = serve_raw(|_, request| {
        assert_eq!(
            count(request, "name=\"video\"; filename=\"session.mp4\""),
            1
        );
        assert_eq!(count(request, "Content-Type: video/mp4"), 1);
        json_answer(
            200,
            &String::from_utf8(fixture("video_upload.json")).unwrap(),
        )
    })
    .await;
    let answer = client(&server.base_url)
        .videoid()
        .upload_video(40214, FileSource::path(&video), None)
        .await
        .unwrap();
    assert_eq!(answer, "Videoid video upload completed");
}

#[tokio::test]
async fn approve_and_refuse_send_credentials_once() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, r#""username":"7700123""#), 1);
        assert_eq!(count(request, r#""rao":"972""#), 1);
        json_answer(200, &String::from_utf8(fixture("approve.json")).unwrap())
    })
    .await;
    let account = RaoCredentials::Account {
        username: "7700123".into(),
        password: Secret::new("pw"),
        pin: Secret::new("1234"),
        rao: Some("972".into()),
    };
    let answer = client(&server.base_url)
        .videoid()
        .approve(40214, &account)
        .await
        .unwrap();
    assert_eq!(answer, "Request approved successfully");

    let (server, client) = at(403, "approve_forbidden.json").await;
    let error = client
        .videoid()
        .approve(1, &RaoCredentials::token("t"))
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(403));
    assert_eq!(server.hits(), 1);

    let refusal = serve_raw(|_, request| {
        assert_eq!(
            count(request, r#""token":"t","reason":"document blurred""#),
            1
        );
        json_answer(200, &String::from_utf8(fixture("refuse.json")).unwrap())
    })
    .await;
    let answer = support::client(&refusal.base_url)
        .videoid()
        .refuse(1, &RaoCredentials::token("t"), "document blurred")
        .await
        .unwrap();
    assert_eq!(answer, "Videoid refuse completed");

    let (server, client) = at(400, "refuse_no_reason.json").await;
    let error = client
        .videoid()
        .refuse(1, &RaoCredentials::token("t"), " ")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn update_cancel_and_download() {
    let (_s, client) = at(200, "update_request.json").await;
    let update = RequestUpdate {
        scratchcard: "7712345".into(),
        email: "new@example.org".into(),
        registration_authority: "139".into(),
        profile: "PFnubeQAFCiudadano".into(),
        country_name: "ES".into(),
        ..RequestUpdate::default()
    };
    assert_eq!(
        client.videoid().update_request(1, &update).await.unwrap(),
        "Request updated"
    );
    let missing = RequestUpdate {
        scratchcard: String::new(),
        ..update
    };
    assert!(matches!(
        client.videoid().update_request(1, &missing).await,
        Err(Error::InvalidInput(_))
    ));
    let (_s, client) = at(200, "cancel_request.json").await;
    assert_eq!(
        client.videoid().cancel(1).await.unwrap(),
        "Request directory removed successfully"
    );
    let video = serve(200, "video/mp4", vec![7u8; 5000]).await;
    let client = support::client(&video.base_url);
    assert_eq!(
        client.videoid().download_video(1).await.unwrap().len(),
        5000
    );
    let dir = tempfile::tempdir().unwrap();
    let saved = client
        .videoid()
        .download_video_to_file(1, dir.path().join("v.mp4"), None)
        .await
        .unwrap();
    assert_eq!(saved.size, 5000);
}
