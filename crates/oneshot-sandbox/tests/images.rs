mod support;

use reqwest::multipart::Form;
use support::fixtures::{jpeg, png};
use support::{TestSandbox, image_part};

#[tokio::test]
async fn upload_retrieve_list_delete() {
    let sbx = TestSandbox::start().await;
    let picture = png(120, 60);
    let uid = sbx
        .post_form(
            "/api/v1/image",
            Form::new().part("image", image_part("sig.png", picture.clone())),
        )
        .await
        .expect(200);
    let uid = uid.as_str().unwrap().to_owned();
    let (status, content_type, bytes) = sbx.get_bytes(&format!("/api/v1/image/{uid}")).await;
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("image/png"));
    assert_eq!(bytes, picture);

    let listed = sbx.get("/api/v1/images").await.expect(200);
    let entry = &listed[&uid];
    assert_eq!(entry["size"], serde_json::json!([120, 60]));
    assert_eq!(entry["mime"], "image/png");
    assert_eq!(entry["ext"], ".png");
    assert_eq!(entry["filename"], "sig.png");
    assert!(entry["upload_date"].is_string());

    assert_eq!(
        sbx.delete(&format!("/api/v1/image/{uid}"))
            .await
            .expect(200),
        "Image deleted"
    );
    sbx.get(&format!("/api/v1/image/{uid}")).await.expect(404);
    sbx.delete(&format!("/api/v1/image/{uid}"))
        .await
        .expect(404);
}

#[tokio::test]
async fn jpeg_is_accepted_and_delete_all_clears() {
    let sbx = TestSandbox::start().await;
    for _ in 0..2 {
        sbx.post_form(
            "/api/v1/image",
            Form::new().part("image", image_part("s.jpg", jpeg(10, 10))),
        )
        .await
        .expect(200);
    }
    assert_eq!(
        sbx.get("/api/v1/images")
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        sbx.delete("/api/v1/images").await.expect(200),
        "Images deleted successfully"
    );
    assert!(
        sbx.get("/api/v1/images")
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn errors() {
    let sbx = TestSandbox::start().await;
    let missing = sbx
        .post_form("/api/v1/image", Form::new().text("other", "x"))
        .await
        .expect(400);
    assert_eq!(missing, "Missing required parameter: 'image'");
    // A PDF named .png is still not a picture.
    let fake = sbx
        .post_form(
            "/api/v1/image",
            Form::new().part("image", image_part("fake.png", b"%PDF-1.7 nope".to_vec())),
        )
        .await
        .expect(415);
    assert!(fake.as_str().unwrap().contains("fake.png"));
    let not_multipart = sbx.post_raw("/api/v1/image", "{}").await.expect(415);
    assert!(not_multipart.as_str().unwrap().contains("multipart"));
    sbx.get("/api/v1/image/").await.expect(400);
    sbx.get("/api/v1/image/not-a-uuid").await.expect(404);
}
