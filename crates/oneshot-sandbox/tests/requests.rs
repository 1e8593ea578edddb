#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use oneshot_sandbox::{DEMO_RAO_PASSWORD, DEMO_RAO_PIN, DEMO_RAO_USERNAME, DEMO_TOKEN};
use reqwest::multipart::Form;
use serde_json::json;
use support::fixtures::{jpeg, png};
use support::{TestSandbox, image_part, request_form};

/// The guide's minimal form: token, profile, names, email, phone, three pictures.
fn guide_minimal_form() -> Form {
    Form::new()
        .text("token", DEMO_TOKEN)
        .text("profile", "PFnubeQAFCiudadano")
        .text("given_name", "name_of_the_user")
        .text("surname_1", "surname_of_the_user")
        .text("email", "user-example@domain.com")
        .text("mobile_phone_number", "+343391234567")
        .part(
            "document_front",
            image_part("document_front.png", png(20, 20)),
        )
        .part(
            "document_rear",
            image_part("document_rear.png", png(20, 20)),
        )
        .part(
            "document_owner",
            image_part("document_owner.png", png(20, 20)),
        )
}

#[tokio::test]
async fn guide_minimal_form_is_created_with_defaults() {
    let sbx = TestSandbox::start().await;
    let reply = sbx.post_form("/api/v1/request", guide_minimal_form()).await;
    assert_eq!(reply.status, "201 Created");
    let pk = reply.details.as_u64().unwrap();
    let request = sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200);
    assert_eq!(request["pk"], pk);
    assert_eq!(request["status"], "ENROLLREADY");
    assert_eq!(request["id_document_type"], "IDC");
    assert_eq!(request["id_document_country"], "ES");
    assert_eq!(request["profile"], "PFnubeQAFCiudadano");
    assert!(request["registration_authority"].is_number());
    assert_eq!(request["scratchcard"].as_str().unwrap().len(), 7);
    assert_eq!(request["videoid_mode"], false);
}

#[tokio::test]
async fn every_spec_field_is_accepted_and_shown() {
    let sbx = TestSandbox::start().await;
    let form = request_form()
        .text("registration_authority", "139")
        .text("env", "sandbox")
        .text("billing_username", "someone@billing.test")
        .text("billing_password", "c2VjcmV0")
        .text("communication_language", "pl")
        .text("residence", "Calle Mayor 1")
        .text("residence_city", "Madrid")
        .text("residence_postal_code", "28001")
        .text("residence_address", "Calle Mayor 1, 2º")
        .text("special_conditions", "none")
        .text("useasync", "true")
        .text("callback", "http://127.0.0.1:9/cb")
        .part("extra_document", image_part("extra.jpg", jpeg(8, 8)));
    let pk = sbx
        .post_form("/api/v1/request", form)
        .await
        .expect(201)
        .as_u64()
        .unwrap();
    let request = sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200);
    assert_eq!(request["given_name"], "Łucja");
    assert_eq!(request["surname_2"], "Żak");
    assert_eq!(request["serial_number"], "12345678Z");
    assert_eq!(request["registration_authority"], 139);
    assert_eq!(request["communication_language"], "PL");
    assert_eq!(request["residence_city"], "Madrid");
    assert_eq!(request["useasync"], true);
    assert_eq!(request["async_status"], "approved");
    assert_eq!(request["registering_user"]["username"], DEMO_RAO_USERNAME);
    let images = request["documents_images"].as_array().unwrap();
    assert_eq!(images.len(), 4);
    assert!(
        sbx.dir
            .path()
            .join(format!("requests/{pk}/identity/document_rear.jpg"))
            .exists()
    );
}

#[tokio::test]
async fn credentials_instead_of_token() {
    let sbx = TestSandbox::start().await;
    let form = |password: &str| {
        guide_minimal_form()
            .text("token", "")
            .text("username", DEMO_RAO_USERNAME)
            .text("password", password.to_owned())
            .text("pin", DEMO_RAO_PIN)
    };
    sbx.post_form("/api/v1/request", form(DEMO_RAO_PASSWORD))
        .await
        .expect(201);
    let wrong = sbx
        .post_form("/api/v1/request", form("nope"))
        .await
        .expect(403);
    assert_eq!(wrong, "Invalid RAO credentials");
    let incomplete = Form::new()
        .text("username", DEMO_RAO_USERNAME)
        .text("given_name", "A")
        .text("surname_1", "B")
        .text("email", "a@b.es")
        .text("mobile_phone_number", "+34600000000")
        .part("document_front", image_part("f.png", png(4, 4)))
        .part("document_rear", image_part("r.png", png(4, 4)))
        .part("document_owner", image_part("o.png", png(4, 4)));
    sbx.post_form("/api/v1/request", incomplete)
        .await
        .expect(400);
    let unknown_token = guide_minimal_form().text("token", "00000000000000000000000000000000");
    sbx.post_form("/api/v1/request", unknown_token)
        .await
        .expect(403);
}

#[tokio::test]
async fn a_token_without_pin_needs_the_pin_in_the_call() {
    let sbx = TestSandbox::start().await;
    let token = sbx
        .post_json(
            "/api/v1/token",
            &json!({"username": DEMO_RAO_USERNAME, "password": DEMO_RAO_PASSWORD}),
        )
        .await
        .expect(200);
    let token = token.as_str().unwrap().to_owned();
    let without_pin = guide_minimal_form().text("token", token.clone());
    sbx.post_form("/api/v1/request", without_pin)
        .await
        .expect(400);
    let with_pin = guide_minimal_form()
        .text("token", token)
        .text("pin", DEMO_RAO_PIN);
    sbx.post_form("/api/v1/request", with_pin).await.expect(201);
}

#[tokio::test]
async fn id_pictures_must_really_be_jpeg_or_png() {
    let sbx = TestSandbox::start().await;
    let fake = guide_minimal_form().part(
        "document_rear",
        image_part("rear.png", b"GIF89a....".to_vec()),
    );
    let reply = sbx.post_form("/api/v1/request", fake).await.expect(415);
    assert!(reply.as_str().unwrap().contains("document_rear"));
    let truncated = {
        let full = png(50, 50);
        full[..full.len() / 2].to_vec()
    };
    let broken = guide_minimal_form().part("document_owner", image_part("o.png", truncated));
    sbx.post_form("/api/v1/request", broken).await.expect(415);
    let missing = Form::new()
        .text("token", DEMO_TOKEN)
        .text("given_name", "A")
        .text("surname_1", "B")
        .text("email", "a@b.es")
        .text("mobile_phone_number", "+34600000000")
        .part("document_front", image_part("f.png", png(4, 4)));
    let reply = sbx.post_form("/api/v1/request", missing).await.expect(400);
    assert!(reply.as_str().unwrap().contains("Missing required docs"));
    // Nothing half-created was left behind.
    let requests = sbx.dir.path().join("requests");
    let dirs = std::fs::read_dir(&requests)
        .map(|entries| {
            entries
                .filter(|e| e.as_ref().unwrap().path().is_dir())
                .count()
        })
        .unwrap_or(0);
    assert_eq!(dirs, 0);
}

#[tokio::test]
async fn field_errors_use_the_spec_wording() {
    let sbx = TestSandbox::start().await;
    let cases: Vec<(Form, u16, &str)> = vec![
        (
            guide_minimal_form().text("email", "not-an-email"),
            400,
            "Enter a valid email address",
        ),
        (
            guide_minimal_form().text("mobile_phone_number", "600123123"),
            400,
            "Please use the mobile phone number with an international prefix",
        ),
        (
            guide_minimal_form().text("id_document_type", "IDwC"),
            400,
            "The id_document_type specified is not valid. Valid options are IDC, PAS, PNO, TIN, CI, CE",
        ),
        (
            guide_minimal_form().text("id_document_country", "ESX"),
            400,
            "'ESX' is not a valid ISO 3166-1 alpha-2 country code",
        ),
        (
            guide_minimal_form().text("env", "prod"),
            400,
            "The specified environment is not available",
        ),
        (
            guide_minimal_form().text("env", "moon"),
            400,
            "Environment moon does not exist",
        ),
        (
            guide_minimal_form().text("billing_password", "not base64!"),
            500,
            "Billing credentials not valid. Please check if they are base64 encoded",
        ),
    ];
    for (form, code, message) in cases {
        let details = sbx.post_form("/api/v1/request", form).await.expect(code);
        assert_eq!(details, message);
    }
    let no_phone = Form::new()
        .text("token", DEMO_TOKEN)
        .text("given_name", "A")
        .text("surname_1", "B")
        .text("email", "a@b.es");
    let details = sbx.post_form("/api/v1/request", no_phone).await.expect(400);
    assert_eq!(details, "Missing required parameter: 'mobile_phone_number'");
    sbx.post_form(
        "/api/v1/request",
        guide_minimal_form().text("profile", "Nope"),
    )
    .await
    .expect(400);
    sbx.post_form(
        "/api/v1/request",
        guide_minimal_form().text("callback", "not a url"),
    )
    .await
    .expect(400);
    sbx.post_raw("/api/v1/request", "{}").await.expect(415);
}

#[tokio::test]
async fn get_unknown_request_is_404() {
    let sbx = TestSandbox::start().await;
    assert_eq!(
        sbx.get("/api/v1/request/999999").await.expect(404),
        "Request 999999 not found"
    );
    sbx.get("/api/v1/request/abc").await.expect(404);
}

#[tokio::test]
async fn update_needs_the_scratchcard() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let path = format!("/api/v1/request/{pk}");
    let scratchcard = sbx.get(&path).await.expect(200)["scratchcard"].clone();
    sbx.put_json(&path, &json!({"given_name": "X"}))
        .await
        .expect(400);
    sbx.put_json(&path, &json!({"scratchcard": "0000000", "given_name": "X"}))
        .await
        .expect(403);
    let done = sbx
        .put_json(
            &path,
            &json!({"scratchcard": scratchcard, "given_name": "Nowa", "serial_number": "87654321X",
                    "country_name": "pl", "email": "nowa@example.pl", "profile": "PFnubeNC",
                    "registration_authority": 1000}),
        )
        .await
        .expect(200);
    assert_eq!(done, "Request updated");
    let request = sbx.get(&path).await.expect(200);
    assert_eq!(request["given_name"], "Nowa");
    assert_eq!(request["serial_number"], "87654321X");
    assert_eq!(request["country_name"], "PL");
    assert_eq!(request["profile"], "PFnubeNC");
    sbx.put_json(&path, &json!({"scratchcard": scratchcard, "email": "bad"}))
        .await
        .expect(400);
    sbx.put_json("/api/v1/request/999999", &json!({"scratchcard": "1"}))
        .await
        .expect(404);
}

#[tokio::test]
async fn cancel_removes_the_request() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let path = format!("/api/v1/request/{pk}");
    assert_eq!(
        sbx.delete(&path).await.expect(200),
        "Request directory removed successfully"
    );
    sbx.get(&path).await.expect(404);
    sbx.delete(&path).await.expect(404);
    assert!(!sbx.dir.path().join(format!("requests/{pk}")).exists());
}

#[tokio::test]
async fn requests_survive_a_restart_and_numbers_are_never_reused() {
    let sbx = TestSandbox::start().await;
    let first = sbx.create_request().await;
    sbx.delete(&format!("/api/v1/request/{first}"))
        .await
        .expect(200);
    let second = sbx.create_request().await;
    assert!(second > first);
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    assert_eq!(
        sbx.get(&format!("/api/v1/request/{second}"))
            .await
            .expect(200)["status"],
        "ENROLLREADY"
    );
    let third = sbx.create_request().await;
    assert!(third > second);
}

#[tokio::test]
async fn concurrent_creates_get_distinct_numbers() {
    let sbx = TestSandbox::start().await;
    let creates = (0..8).map(|_| sbx.create_request());
    let mut pks = futures_util::future::join_all(creates).await;
    pks.sort_unstable();
    pks.dedup();
    assert_eq!(pks.len(), 8);
}

#[tokio::test]
async fn async_status_words() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    assert_eq!(
        sbx.get(&format!("/api/v1/async/status/{pk}"))
            .await
            .expect(200),
        "approved"
    );
    let missing = sbx.get("/api/v1/async/status/424242").await.expect(404);
    assert!(
        missing
            .as_str()
            .unwrap()
            .starts_with("Request 424242 not found")
    );
}

#[tokio::test]
async fn a_path_without_the_request_number_is_400() {
    let sbx = TestSandbox::start().await;
    for reply in [
        sbx.get("/api/v1/request/").await,
        sbx.post_empty("/api/v1/otp/").await,
        sbx.post_empty("/api/v1/sign/").await,
        sbx.get("/api/v1/documents/").await,
        sbx.get("/api/v1/async/status/").await,
    ] {
        assert_eq!(
            reply.expect(400),
            "Missing required parameters: Request's pk not specified"
        );
    }
}
