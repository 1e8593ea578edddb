//! Decoding of signature request answers (create, get, status, OTP, sign).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use oneshot_api::{
    Client, DeliveryMethod, Details, Error, FileSource, IdDocumentType, NewSignatureRequest,
    RaoCredentials, RequestStatus, SignOptions, Signer, VisibleSignature,
};
use support::{client, count, fixture, json_answer, serve, serve_raw};

async fn at(status: u16, name: &str) -> (support::Canned, Client) {
    let server = serve(status, "application/json", fixture(name)).await;
    let client = client(&server.base_url);
    (server, client)
}

fn signer() -> Signer {
    Signer {
        given_name: "Lucía".into(),
        surname_1: "Pérez".into(),
        surname_2: None,
        id_document_type: Some(IdDocumentType::IdentityCard),
        id_document_country: Some("ES".into()),
        serial_number: "00000023T".into(),
        email: "lucia.perez@example.org".into(),
        mobile_phone_number: "+34600111222".into(),
    }
}

fn new_request() -> NewSignatureRequest {
    let mut request = NewSignatureRequest::new(RaoCredentials::token("token-abc"), signer());
    request.images.document_front =
        Some(FileSource::memory("front.png", b"\x89PNG front".to_vec()));
    request
}

#[tokio::test]
async fn create_request_answers_the_pk_and_sends_the_form() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, "name=\"token\""), 1);
        assert_eq!(count(request, "name=\"given_name\""), 1);
        assert_eq!(count(request, "name=\"id_document_type\"\r\n\r\nIDC"), 1);
        assert_eq!(
            count(request, "name=\"document_front\"; filename=\"front.png\""),
            1
        );
        assert_eq!(count(request, "Content-Type: image/png"), 1);
        json_answer(
            201,
            &String::from_utf8(fixture("request_create.json")).unwrap(),
        )
    })
    .await;
    let pk = client(&server.base_url)
        .requests()
        .create(new_request())
        .await
        .unwrap();
    assert_eq!(pk, 40213);
}

#[tokio::test]
async fn create_request_field_errors_keep_the_per_field_lists() {
    let (server, client) = at(500, "request_create_field_errors.json").await;
    let error = client.requests().create(new_request()).await.unwrap_err();
    let by_key = error.details().unwrap().by_key().unwrap();
    assert_eq!(
        by_key["email"],
        Details::List(vec![Details::Text("Enter a valid email address".into())])
    );
    assert!(by_key.contains_key("id_document_country"));
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn create_request_refuses_bad_input_before_sending() {
    let (server, client) = at(201, "request_create.json").await;
    let mut no_prefix = new_request();
    no_prefix.signer.mobile_phone_number = "600111222".into();
    let error = client.requests().create(no_prefix).await.unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    let mut missing_file = new_request();
    missing_file.images.document_rear = Some(FileSource::path("/nonexistent/rear.png"));
    let error = client.requests().create(missing_file).await.unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error:?}");
    let empty_token = NewSignatureRequest::new(RaoCredentials::token(""), signer());
    let error = client.requests().create(empty_token).await.unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn create_request_forbidden_is_an_api_error() {
    let (_server, client) = at(403, "request_create_forbidden.json").await;
    let error = client.requests().create(new_request()).await.unwrap_err();
    assert_eq!(error.http_status(), Some(403));
    assert!(!error.is_wrong_otp());
}

#[tokio::test]
async fn get_request_types_known_fields_and_keeps_the_rest() {
    let (_server, client) = at(200, "request_get.json").await;
    let info = client.requests().get(40213).await.unwrap();
    assert_eq!(info.pk, 40213);
    assert_eq!(info.status, RequestStatus::EnrollReady);
    assert_eq!(info.scratchcard.as_deref(), Some("7712345"));
    assert_eq!(info.mobile_phone_number.as_deref(), Some("34600111222"));
    assert_eq!(info.registration_authority.as_deref(), Some("139"));
    assert!(!info.videoid_mode);
    assert!(info.other.contains_key("approving_rao"));
    assert!(info.other.contains_key("paperless_mode"));
}

#[tokio::test]
async fn get_request_accepts_string_pk_and_numeric_flag() {
    let (_server, client) = at(200, "request_get_videoid.json").await;
    let info = client.requests().get(40214).await.unwrap();
    assert_eq!(info.pk, 40214);
    assert!(info.status.awaits_review());
    assert!(info.videoid_mode);
    assert_eq!(
        client.requests().status(40214).await.unwrap(),
        RequestStatus::VideoReview
    );
}

#[tokio::test]
async fn missing_request_is_not_found_after_retries() {
    let (server, client) = at(404, "request_not_found.json").await;
    let error = client.requests().get(40299).await.unwrap_err();
    assert!(error.is_not_found());
    assert_eq!(server.hits(), 1, "a 404 is final");
}

#[tokio::test]
async fn async_status_known_and_unknown_words() {
    let (_server, client) = at(200, "async_status.json").await;
    assert_eq!(
        client.requests().async_status(1).await.unwrap(),
        RequestStatus::Approved
    );
    let (_server, client) = at(200, "async_status_unknown.json").await;
    assert_eq!(
        client.requests().async_status(1).await.unwrap(),
        RequestStatus::Other("SIGNING_IN_PROGRESS".into())
    );
}

#[tokio::test]
async fn otp_sends_the_delivery_method() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, r#"{"delivery_method":"whatsapp"}"#), 1);
        json_answer(200, &String::from_utf8(fixture("otp.json")).unwrap())
    })
    .await;
    let answer = client(&server.base_url)
        .requests()
        .generate_otp(40213, Some(DeliveryMethod::Whatsapp))
        .await
        .unwrap();
    assert_eq!(answer, "OTP generated");
}

#[tokio::test]
async fn otp_too_soon_is_not_already_issued() {
    let (server, client) = at(412, "otp_too_soon.json").await;
    let error = client.requests().generate_otp(1, None).await.unwrap_err();
    assert_eq!(error.http_status(), Some(412));
    assert!(!error.is_already_issued());
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn sign_sends_secret_and_visible_signature_options() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, r#""secret":"052174""#), 1);
        assert_eq!(
            count(
                request,
                r#""options":{"doc-1":{"position":"300, 100, 500, 150","page":0,"image":"img-1"}}"#
            ),
            1
        );
        json_answer(200, &String::from_utf8(fixture("sign.json")).unwrap())
    })
    .await;
    let mut options = SignOptions::with_otp("052174");
    options.options.insert(
        "doc-1".into(),
        VisibleSignature {
            position: Some("300, 100, 500, 150".into()),
            page: Some(0),
            image: Some("img-1".into()),
            usecountersignature: None,
        },
    );
    let answer = client(&server.base_url)
        .requests()
        .sign(40213, &options)
        .await
        .unwrap();
    assert_eq!(answer, "Documents correctly signed");
}

#[tokio::test]
async fn sign_errors_answer_the_callers_questions() {
    let (_server, client) = at(403, "sign_wrong_otp.json").await;
    let error = client
        .requests()
        .sign(1, &SignOptions::with_otp("000000"))
        .await
        .unwrap_err();
    assert!(error.is_wrong_otp());
    assert!(!error.is_retryable());

    let (_server, client) = at(412, "sign_already_issued.json").await;
    let error = client
        .requests()
        .sign(1, &SignOptions::with_otp("1"))
        .await
        .unwrap_err();
    assert!(error.is_already_issued());

    let (_server, client) = at(400, "sign_per_document_errors.json").await;
    let error = client
        .requests()
        .sign(1, &SignOptions::with_otp("1"))
        .await
        .unwrap_err();
    let per_document = error.details().unwrap().by_key().unwrap();
    assert_eq!(per_document.len(), 2);
    assert!(per_document["3f1c9a52-0d7e-4b8a-9c41-2e6f0a7b5d13"].mentions("position"));
}

#[tokio::test]
async fn sign_is_never_retried_and_empty_codes_are_refused() {
    let (server, client) = at(502, "sign.json").await;
    let error = client
        .requests()
        .sign(1, &SignOptions::with_otp("123456"))
        .await
        .unwrap_err();
    assert!(error.outcome_unknown());
    assert_eq!(server.hits(), 1);
    let error = client
        .requests()
        .sign(1, &SignOptions::with_otp(" "))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)));
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn external_authentication_fields_are_sent() {
    let server = serve_raw(|_, request| {
        assert_eq!(count(request, r#""ext_unlock_type":"biometric""#), 1);
        assert_eq!(count(request, r#""ext_unlock_value":"ext-42""#), 1);
        json_answer(200, &String::from_utf8(fixture("sign.json")).unwrap())
    })
    .await;
    let options = SignOptions::with_external_authentication("code-9", "biometric", "ext-42");
    client(&server.base_url)
        .requests()
        .sign(7, &options)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_lost_sign_answer_is_resolved_by_asking_the_status() {
    let server = serve_raw(|hit, _| match hit {
        1 => {
            let page = "<html><body><h1>504 Gateway Time-out</h1></body></html>";
            format!(
                "HTTP/1.1 504 Gateway Time-out\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            )
            .into_bytes()
        }
        _ => json_answer(200, r#"{"status":"200 OK","details":{"pk":5,"status":"ISSUED"}}"#),
    })
    .await;
    let client = client(&server.base_url);
    let error = client
        .requests()
        .sign(5, &SignOptions::with_otp("123456"))
        .await
        .unwrap_err();
    assert!(error.outcome_unknown());
    assert_eq!(server.hits(), 1, "sign is never repeated");
    let status = client.requests().status(5).await.unwrap();
    assert!(status.is_signed());
}
