#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use reqwest::multipart::Form;
use serde_json::json;
use support::fixtures::{hashfile, pdf, png};
use support::{TestSandbox, image_part};

async fn ready_request(sbx: &TestSandbox) -> (u64, String) {
    let pk = sbx.create_request().await;
    let uid = sbx
        .upload(pk, "file", "doc.pdf", pdf(&["one", "two"]))
        .await;
    (pk, uid)
}

#[tokio::test]
async fn missing_secret_and_broken_json_are_400() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = ready_request(&sbx).await;
    let missing = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({}))
        .await
        .expect(400);
    assert_eq!(missing, "Missing required parameter: 'secret'");
    let broken = sbx
        .post_raw(&format!("/api/v1/sign/{pk}"), "{\"secret\": ")
        .await
        .expect(400);
    assert!(
        broken
            .as_str()
            .unwrap()
            .starts_with("Could not parse JSON body")
    );
    sbx.post_json(
        &format!("/api/v1/sign/{pk}"),
        &json!({"secret": "1", "ext_unlock_type": "bio"}),
    )
    .await
    .expect(400);
    let unknown = sbx
        .post_json("/api/v1/sign/424242", &json!({"secret": "1"}))
        .await
        .expect(404);
    assert_eq!(unknown, "Request 424242 not found. Cannot sign documents");
}

#[tokio::test]
async fn wrong_codes_are_403_and_three_void_the_code() {
    let sbx = TestSandbox::start().await;
    let (pk, _) = ready_request(&sbx).await;
    // No code was ever sent.
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": "123456"}))
        .await
        .expect(403);
    let code = sbx.send_otp(pk).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..3 {
        let reply = sbx
            .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": wrong}))
            .await
            .expect(403);
        assert_eq!(reply, "Confirmation Code invalid");
    }
    // Void now, even with the right code.
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(403);
    // A new code works.
    let fresh = sbx.send_otp(pk).await;
    let done = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": fresh}))
        .await
        .expect(200);
    assert_eq!(done, "Documents correctly signed");
}

#[tokio::test]
async fn a_second_sign_is_412_and_nothing_is_reissued() {
    let sbx = TestSandbox::start().await;
    let (pk, uid) = ready_request(&sbx).await;
    let code = sbx.send_otp(pk).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);
    let first = sbx.document(pk, "signed", &uid).await;
    let again = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(412);
    assert_eq!(again, "Request already in ISSUED status");
    assert_eq!(sbx.document(pk, "signed", &uid).await, first);
    let request = sbx.get(&format!("/api/v1/request/{pk}")).await.expect(200);
    assert_eq!(request["status"], "ISSUED");
    assert_eq!(request["certificate_set"].as_array().unwrap().len(), 1);
    // No more OTPs or uploads for an issued request.
    sbx.post_empty(&format!("/api/v1/otp/{pk}"))
        .await
        .expect(412);
    let upload = Form::new().part("file", image_part("late.pdf", pdf(&["late"])));
    sbx.post_form(&format!("/api/v1/document/{pk}"), upload)
        .await
        .expect(412);
}

#[tokio::test]
async fn not_ready_requests_are_412() {
    let sbx = TestSandbox::start().await;
    let pk = sbx.create_request().await;
    let code = sbx.send_otp(pk).await;
    let none = sbx
        .post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(412);
    assert!(none.as_str().unwrap().contains("no documents"));
    // The code was not spent on a request that could not be signed.
    sbx.upload(pk, "file", "d.pdf", pdf(&["d"])).await;
    sbx.post_json(&format!("/api/v1/sign/{pk}"), &json!({"secret": code}))
        .await
        .expect(200);

    let video = sbx
        .post_json(
            "/api/v1/videoid",
            &json!({"mobile_phone_number": "+34699999999", "email": "a@b.es"}),
        )
        .await
        .expect(200);
    let vpk = video["request_pk"].as_u64().unwrap();
    sbx.upload(vpk, "file", "d.pdf", pdf(&["d"])).await;
    let reply = sbx
        .post_json(
            &format!("/api/v1/sign/{vpk}"),
            &json!({"secret": "x", "ext_unlock_type": "bio", "ext_unlock_value": "1"}),
        )
        .await
        .expect(412);
    assert!(reply.as_str().unwrap().contains("VIDEOPENDING"));
}

#[tokio::test]
async fn option_errors_are_keyed_by_document() {
    let sbx = TestSandbox::start().await;
    let (pk, uid) = ready_request(&sbx).await;
    let hash_uid = sbx.upload(pk, "hashfile", "h.json", hashfile(b"x")).await;
    let code = sbx.send_otp(pk).await;
    let sign = |body: serde_json::Value| {
        let sbx = &sbx;
        async move { sbx.post_json(&format!("/api/v1/sign/{pk}"), &body).await }
    };
    let no_page =
        sign(json!({"secret": code, "options": {uid.clone(): {"position": "10,10,100,60"}}}))
            .await
            .expect(400);
    assert_eq!(
        no_page[&uid],
        format!("Missing required parameter 'page' for file {uid}")
    );
    let no_position = sign(json!({"secret": code, "options": {uid.clone(): {"page": 0}}}))
        .await
        .expect(400);
    assert_eq!(
        no_position[&uid],
        format!("Missing required parameter 'position' for file {uid}")
    );
    let bad_page = sign(
        json!({"secret": code, "options": {uid.clone(): {"page": 2, "position": "10,10,100,60"}}}),
    )
    .await
    .expect(400);
    assert!(bad_page[&uid].as_str().unwrap().contains("page 2"));
    sign(json!({"secret": code, "options": {uid.clone(): {"page": 0, "position": "10,10"}}}))
        .await
        .expect(400);
    sign(
        json!({"secret": code, "options": {uid.clone(): {"page": 0, "position": "100,10,10,60"}}}),
    )
    .await
    .expect(400);
    sign(
        json!({"secret": code, "options": {hash_uid.clone(): {"page": 0, "position": "1,1,2,2"}}}),
    )
    .await
    .expect(400);
    let missing_image = sign(json!({"secret": code, "options": {uid.clone(): {"page": 0, "position": "10,10,100,60", "image": "13705f52-3211-49a8-9807-b65b8da25f3a"}}})).await.expect(404);
    assert_eq!(
        missing_image[&uid],
        "The image 13705f52-3211-49a8-9807-b65b8da25f3a cannot be found on disk"
    );
    let unknown_doc = sign(json!({"secret": code, "options": {"a6554-adsf54": {"page": 0}}}))
        .await
        .expect(404);
    assert_eq!(
        unknown_doc,
        "The following documents are not found in Request's folders: a6554-adsf54"
    );
    sign(json!({"secret": code, "metadata": "0123456789abcdef0123456789abcdef"}))
        .await
        .expect(404);
    sign(json!({"secret": code, "signature_format": {"timezone": "Mars/Olympus"}}))
        .await
        .expect(400);
    sign(json!({"secret": code, "countersignature": {"username": "x"}}))
        .await
        .expect(400);
    // None of these spent a try: the right code still signs.
    sign(json!({"secret": code})).await.expect(200);
}

#[tokio::test]
async fn visible_signature_with_image_text_and_metadata_is_valid() {
    let sbx = TestSandbox::start().await;
    let validators = support::validate::Validators::new(&sbx.ca_pem().await);
    let (pk, uid) = ready_request(&sbx).await;
    let image = sbx
        .post_form(
            "/api/v1/image",
            Form::new().part("image", image_part("rubric.png", png(200, 80))),
        )
        .await
        .expect(200);
    let metadata = sbx
        .post_json(
            "/api/v1/metadata",
            &json!({"metadata": "c2FuZGJveCBtZXRhZGF0YQ==", "metadata_oid": "1.3.6.1.4.1.99999.7"}),
        )
        .await
        .expect(200);
    let code = sbx.send_otp(pk).await;
    sbx.post_json(
        &format!("/api/v1/sign/{pk}"),
        &json!({
            "secret": code,
            "metadata": metadata["metadata"],
            "signature_format": {"text_format": ["Firmado por %(CN)s", "%(E)s", "Fecha: %(DATE)s"], "date_format": "%d/%m/%Y %H:%M", "timezone": "Europe/Madrid"},
            "options": {uid.clone(): {"position": "50, 50, 250, 130", "page": 1, "image": image}},
        }),
    )
    .await
    .expect(200);
    let signed = sbx.document(pk, "signed", &uid).await;
    let original = sbx.document(pk, "original", &uid).await;
    assert!(
        signed.starts_with(&original),
        "PAdES appends an incremental update to the untouched original"
    );
    let cms = signature_contents(&signed);
    let oid_der = [
        0x06, 0x09, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x86, 0x8D, 0x1F, 0x07,
    ];
    assert!(
        cms.windows(oid_der.len()).any(|w| w == oid_der),
        "metadata OID not in the CMS"
    );
    assert!(
        cms.windows(16).any(|w| w == b"sandbox metadata"),
        "metadata value not in the CMS"
    );
    validators.assert_pdf_valid("visible.pdf", &signed);
    validators.assert_tampered_pdf_rejected("visible-tampered.pdf", &signed);
    let text = support::validate::pdf_text(&signed);
    assert!(
        text.contains("Firmado por Łucja Núñez Żak"),
        "visible text missing:\n{text}"
    );
    // use_signature_text=false leaves only the picture.
    let (pk2, uid2) = ready_request(&sbx).await;
    let code = sbx.send_otp(pk2).await;
    sbx.post_json(
        &format!("/api/v1/sign/{pk2}"),
        &json!({"secret": code, "use_signature_text": false, "options": {uid2.clone(): {"position": "50,50,250,130", "page": 0, "image": image}}}),
    )
    .await
    .expect(200);
    let signed = sbx.document(pk2, "signed", &uid2).await;
    validators.assert_pdf_valid("image-only.pdf", &signed);
    assert!(!support::validate::pdf_text(&signed).contains("Digitally signed by"));
}

/// The DER CMS inside the (last) signature's `/Contents <hex>` (zero padding included).
fn signature_contents(pdf: &[u8]) -> Vec<u8> {
    let at = pdf
        .windows(9)
        .rposition(|w| w == b"/Contents")
        .expect("a signature dictionary");
    let start = at + 9 + pdf[at + 9..].iter().position(|b| *b == b'<').unwrap() + 1;
    let end = start + pdf[start..].iter().position(|b| *b == b'>').unwrap();
    hex::decode(&pdf[start..end]).unwrap()
}
