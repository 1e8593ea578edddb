mod support;

use serde_json::json;
use support::TestSandbox;

#[tokio::test]
async fn otp_goes_to_the_outbox_and_never_to_disk() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let done = sbx
        .post_empty(&format!("/api/v1/otp/{pk}"))
        .await
        .expect(200);
    assert_eq!(done, "OTP generated");
    sbx.post_json(
        &format!("/api/v1/otp/{pk}"),
        &json!({"delivery_method": "whatsapp"}),
    )
    .await
    .expect(200);
    let messages = sbx
        .get(&format!("/sandbox/v1/messages?request={pk}"))
        .await
        .expect(200);
    let messages = messages.as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["channel"], "sms");
    assert_eq!(messages[1]["channel"], "whatsapp");
    assert_eq!(messages[1]["to"], "+34600123123");
    let code = messages[1]["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
    assert!(messages[1]["text"].as_str().unwrap().contains(code));
    assert!(messages[1]["sent_at"].is_string());
    let stored =
        std::fs::read_to_string(sbx.dir.path().join(format!("requests/{pk}/request.json")))
            .unwrap();
    assert!(!stored.contains(&format!("\"{code}\"")));
    // Other requests' messages are not mixed in.
    let other = sbx.create_request().await;
    assert!(
        sbx.get(&format!("/sandbox/v1/messages?request={other}"))
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        sbx.get("/sandbox/v1/messages")
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn otp_errors() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    sbx.post_json(
        &format!("/api/v1/otp/{pk}"),
        &json!({"delivery_method": "pigeon"}),
    )
    .await
    .expect(400);
    let missing = sbx.post_empty("/api/v1/otp/777777").await.expect(404);
    assert_eq!(missing, "Request 777777 not found. Cannot send OTP secret");
    // A Video ID request that is not approved yet cannot get a code.
    let video = sbx
        .post_json(
            "/api/v1/videoid",
            &json!({"mobile_phone_number": "+34699999999", "email": "a@b.es"}),
        )
        .await
        .expect(200);
    let vpk = video["request_pk"].as_u64().unwrap();
    let not_ready = sbx
        .post_empty(&format!("/api/v1/otp/{vpk}"))
        .await
        .expect(412);
    assert!(
        not_ready
            .as_str()
            .unwrap()
            .starts_with("Error occured during OTP generation")
    );
    sbx.get("/sandbox/v1/messages?request=abc")
        .await
        .expect(400);
}
