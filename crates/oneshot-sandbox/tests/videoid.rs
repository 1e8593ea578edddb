#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use base64::Engine as _;
use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME, DEMO_TOKEN};
use reqwest::multipart::Form;
use serde_json::{Value, json};
use support::fixtures::{jpeg, mp4, png};
use support::webhook::WebhookReceiver;
use support::{TestSandbox, image_part};

async fn create_videoid(sbx: &TestSandbox, webhook: Option<&str>) -> (u64, Value) {
    let mut body = json!({
        "mobile_phone_number": "+34699999999",
        "email": "mail@domain.es",
        "registration_authority": "44",
        "profile": "PFnubeQAFCiudadano",
        "videoid_mode": 1,
    });
    if let Some(url) = webhook {
        body["webhook_url"] = json!(url);
    }
    let details = sbx.post_json("/api/v1/videoid", &body).await.expect(200);
    (details["request_pk"].as_u64().unwrap(), details)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn full_evidences() -> Value {
    json!({
        "acceptance": {
            "description": "User accepted the terms",
            "ip": "186.0.91.53",
            "date": 1622823879708u64,
        },
        "videoid_data": {
            "images": {
                "document_front": b64(&png(30, 20)),
                "document_rear": b64(&jpeg(30, 20)),
                "document_photo": b64(&png(10, 10)),
                "document_owner": b64(&jpeg(10, 10)),
            },
            "ocr_data": {
                "given_name": "Ana",
                "surname_1": "García",
                "surname_2": "López",
                "serial_number": "A9999999E",
                "id_document_type": "IDC",
                "id_document_country": "ES",
            },
            "security_checks": {"liveliness": true, "documents_match": true},
            "similarity_level": "high",
        }
    })
}

async fn status(sbx: &TestSandbox, pk: u64) -> String {
    sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200)["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn upload_video(sbx: &TestSandbox, pk: u64, bytes: Vec<u8>) -> support::Reply {
    sbx.post_form(
        &format!("/api/v1/videoid/{pk}/evidences/video"),
        Form::new().part("video", image_part("session.mp4", bytes)),
    )
    .await
}

#[tokio::test]
async fn create_answers_the_three_numbers_in_videopending() {
    let sbx = TestSandbox::start().await;
    let (pk, details) = create_videoid(&sbx, None).await;
    assert!(details["videoid_pk"].is_u64());
    assert!(
        details["videoid_link"]
            .as_str()
            .unwrap()
            .contains(&pk.to_string())
    );
    assert_eq!(status(&sbx, pk).await, "VIDEOPENDING");
    let page = sbx
        .http
        .get(details["videoid_link"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("VIDEOPENDING"));
    let missing = sbx
        .post_json("/api/v1/videoid", &json!({"email": "a@b.es"}))
        .await
        .expect(400);
    assert_eq!(missing, "Missing required parameter: 'mobile_phone_number'");
}

#[tokio::test]
async fn external_mode_all_data_plus_video_goes_to_review_then_approve() {
    let sbx = TestSandbox::start().await;
    let hook = WebhookReceiver::start().await;
    let (pk, _) = create_videoid(&sbx, Some(&hook.url)).await;
    let done = sbx
        .post_json(
            &format!("/api/v1/videoid/{pk}/evidences"),
            &full_evidences(),
        )
        .await
        .expect(200);
    assert_eq!(done, "Videoid evidences uploaded");
    assert_eq!(
        status(&sbx, pk).await,
        "VIDEOPENDING",
        "the video is still missing"
    );
    let video = mp4();
    assert_eq!(
        upload_video(&sbx, pk, video.clone()).await.expect(200),
        "Videoid video upload completed"
    );
    assert_eq!(status(&sbx, pk).await, "VIDEOREVIEW");
    let (code, content_type, bytes) = sbx
        .get_bytes(&format!("/api/v1/videoid/{pk}/download/video"))
        .await;
    assert_eq!(code, 200);
    assert_eq!(content_type.as_deref(), Some("video/mp4"));
    assert_eq!(bytes, video);
    let request = sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200);
    assert_eq!(request["given_name"], "Ana");
    assert_eq!(request["serial_number"], "A9999999E");

    let approved = sbx
        .post_json(
            &format!("/api/v1/requests/{pk}/approve"),
            &json!({"token": DEMO_TOKEN, "rao": "1400"}),
        )
        .await
        .expect(200);
    assert_eq!(approved, "Request approved successfully");
    assert_eq!(status(&sbx, pk).await, "ENROLLREADY");
    let received = hook.wait_for(3).await;
    assert_eq!(
        hook.statuses(),
        ["VIDEOPENDING", "VIDEOREVIEW", "ENROLLREADY"]
    );
    let last = &received[2];
    assert_eq!(last["previous_status"], "VIDEOREVIEW");
    assert_eq!(last["request"], pk);
    assert_eq!(last["registration_authority"], 44);
    assert!(last["date"].as_str().unwrap().contains('T'));
}

#[tokio::test]
async fn partial_evidences_are_incomplete_and_broken_ones_error() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = create_videoid(&sbx, None).await;
    let mut partial = full_evidences();
    partial["videoid_data"]["images"]
        .as_object_mut()
        .unwrap()
        .remove("document_rear");
    sbx.post_json(&format!("/api/v1/videoid/{pk}/evidences"), &partial)
        .await
        .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOINCOMPLETE");

    sbx.post_raw(
        &format!("/api/v1/videoid/{pk}/evidences"),
        "{\"acceptance\": ",
    )
    .await
    .expect(400);
    assert_eq!(status(&sbx, pk).await, "VIDEOERROR");

    let mut not_a_picture = full_evidences();
    not_a_picture["videoid_data"]["images"]["document_front"] = json!(b64(b"%PDF-1.4 nope"));
    sbx.post_json(&format!("/api/v1/videoid/{pk}/evidences"), &not_a_picture)
        .await
        .expect(415);
    assert_eq!(status(&sbx, pk).await, "VIDEOERROR");

    // The user tries again with everything: review once the video is there.
    upload_video(&sbx, pk, mp4()).await.expect(200);
    let mut numeric = full_evidences();
    numeric["videoid_data"]["similarity_level"] = json!(87);
    sbx.post_json(&format!("/api/v1/videoid/{pk}/evidences"), &numeric)
        .await
        .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOREVIEW");

    let mut out_of_range = full_evidences();
    out_of_range["videoid_data"]["similarity_level"] = json!(130);
    sbx.post_json(&format!("/api/v1/videoid/{pk}/evidences"), &out_of_range)
        .await
        .expect(400);
}

#[tokio::test]
async fn a_broken_video_upload_is_videoerror() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = create_videoid(&sbx, None).await;
    upload_video(&sbx, pk, b"this is not a video".to_vec())
        .await
        .expect(415);
    assert_eq!(status(&sbx, pk).await, "VIDEOERROR");
    sbx.post_form(
        &format!("/api/v1/videoid/{pk}/evidences/video"),
        Form::new().text("x", "y"),
    )
    .await
    .expect(400);
    sbx.get(&format!("/api/v1/videoid/{pk}/download/video"))
        .await
        .expect(404);
    upload_video(&sbx, 987654, mp4()).await.expect(404);
}

#[tokio::test]
async fn eidas_session_outcomes() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = create_videoid(&sbx, None).await;
    let complete = format!("/sandbox/v1/videoid/{pk}/complete");
    sbx.post_json(&complete, &json!({"outcome": "incomplete"}))
        .await
        .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOINCOMPLETE");
    sbx.post_json(&complete, &json!({"outcome": "error"}))
        .await
        .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOERROR");
    sbx.post_json(&complete, &json!({"outcome": "maybe"}))
        .await
        .expect(400);
    sbx.post_json(&complete, &json!({"outcome": "review"}))
        .await
        .expect(200);
    assert_eq!(status(&sbx, pk).await, "VIDEOREVIEW");
    sbx.post_json(&complete, &json!({"outcome": "review"}))
        .await
        .expect(412);
    let request = sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200);
    assert!(!request["serial_number"].as_str().unwrap().is_empty());
    // The session page's form post works too (on a fresh request).
    let (other, _) = create_videoid(&sbx, None).await;
    let response = sbx
        .http
        .post(sbx.url(&format!("/sandbox/v1/videoid/{other}/complete")))
        .form(&[("outcome", "review")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(status(&sbx, other).await, "VIDEOREVIEW");
}

#[tokio::test]
async fn approve_with_credentials_on_the_guide_path_and_its_errors() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = create_videoid(&sbx, None).await;
    let approve = format!("/api/v1/request/{pk}/approve");
    let creds = json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD, "pin": DEMO_RAO_PIN, "rao": 972});
    // Not reviewed yet.
    sbx.post_json(&approve, &creds).await.expect(412);
    sbx.post_json(
        &format!("/sandbox/v1/videoid/{pk}/complete"),
        &json!({"outcome": "review"}),
    )
    .await
    .expect(200);
    let missing = sbx
        .post_json(&approve, &json!({"rao": "1"}))
        .await
        .expect(400);
    assert_eq!(
        missing,
        "Missing required parameters: incomplete RAO's credentials"
    );
    let partial = sbx
        .post_json(
            &approve,
            &json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD}),
        )
        .await
        .expect(400);
    assert_eq!(
        partial,
        "Missing required parameters: incomplete RAO's credentials"
    );
    let wrong = json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD, "pin": "000"});
    assert_eq!(
        sbx.post_json(&approve, &wrong).await.expect(403),
        "Invalid RAO credentials"
    );
    sbx.post_json(&approve, &creds).await.expect(200);
    assert_eq!(status(&sbx, pk).await, "ENROLLREADY");
    sbx.post_json(&approve, &creds).await.expect(412);
    sbx.post_json("/api/v1/requests/555555/approve", &creds)
        .await
        .expect(404);
}

#[tokio::test]
async fn refuse_needs_a_reason_and_ends_the_request() {
    let sbx = TestSandbox::start().await;
    let hook = WebhookReceiver::start().await;
    let (pk, _) = create_videoid(&sbx, Some(&hook.url)).await;
    sbx.post_json(
        &format!("/sandbox/v1/videoid/{pk}/complete"),
        &json!({"outcome": "review"}),
    )
    .await
    .expect(200);
    let refuse = format!("/api/v1/videoid/{pk}/refuse");
    let no_reason = sbx
        .post_json(&refuse, &json!({"token": DEMO_TOKEN}))
        .await
        .expect(400);
    assert_eq!(no_reason, "No reason specified");
    sbx.post_json(&refuse, &json!({"token": DEMO_TOKEN, "reason": "  "}))
        .await
        .expect(400);
    sbx.post_json(&refuse, &json!({"reason": "blurry"}))
        .await
        .expect(400);
    let done = sbx
        .post_json(
            &refuse,
            &json!({"token": DEMO_TOKEN, "reason": "The face does not match"}),
        )
        .await
        .expect(200);
    assert_eq!(done, "Videoid refuse completed");
    assert_eq!(status(&sbx, pk).await, "REFUSED");
    sbx.post_json(
        &format!("/api/v1/requests/{pk}/approve"),
        &json!({"token": DEMO_TOKEN}),
    )
    .await
    .expect(412);
    sbx.post_json(&refuse, &json!({"token": DEMO_TOKEN, "reason": "again"}))
        .await
        .expect(412);
    hook.wait_for(3).await;
    assert_eq!(hook.statuses(), ["VIDEOPENDING", "VIDEOREVIEW", "REFUSED"]);
}

#[tokio::test]
async fn cancel_during_video_id_and_update_with_scratchcard() {
    let sbx = TestSandbox::start().await;
    let hook = WebhookReceiver::start().await;
    let (pk, _) = create_videoid(&sbx, Some(&hook.url)).await;
    let path = format!("/api/v1/request/{pk}");
    let scratchcard = sbx.get(&path).await.expect(200)["scratchcard"].clone();
    sbx.put_json(&path, &json!({"scratchcard": scratchcard, "given_name": "Corrected", "surname_1": "Name", "serial_number": "11111111H"}))
        .await
        .expect(200);
    assert_eq!(sbx.get(&path).await.expect(200)["given_name"], "Corrected");
    sbx.delete(&path).await.expect(200);
    sbx.get(&path).await.expect(404);
    sbx.post_json(
        &format!("/api/v1/videoid/{pk}/evidences"),
        &full_evidences(),
    )
    .await
    .expect(404);
    hook.wait_for(2).await;
    assert_eq!(hook.statuses(), ["VIDEOPENDING", "CANCELLED"]);
}
