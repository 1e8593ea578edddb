mod support;

use serde_json::json;
use support::TestSandbox;

const OID: &str = "1.3.6.1.4.1.99999.1";

#[tokio::test]
async fn upload_get_list_delete() {
    let sbx = TestSandbox::start().await;
    sbx.get("/api/v1/metadata").await.expect(404);
    let uploaded = sbx
        .post_json(
            "/api/v1/metadata",
            &json!({"metadata": "aGVsbG8gd29ybGQ=", "metadata_oid": OID}),
        )
        .await
        .expect(200);
    let uid = uploaded["metadata"].as_str().unwrap().to_owned();
    assert_eq!(uid.len(), 32);
    let got = sbx
        .get(&format!("/api/v1/metadata/{uid}"))
        .await
        .expect(200);
    assert_eq!(got, json!({"oid": OID, "metadata": "aGVsbG8gd29ybGQ="}));
    let listed = sbx.get("/api/v1/metadata").await.expect(200);
    assert_eq!(listed[&uid]["oid"], OID);
    let deleted = sbx
        .delete(&format!("/api/v1/metadata/{uid}"))
        .await
        .expect(200);
    assert_eq!(deleted, "Metadata successfully deleted");
    let gone = sbx
        .get(&format!("/api/v1/metadata/{uid}"))
        .await
        .expect(404);
    assert_eq!(gone, "Metadata not found on disk");
    sbx.delete(&format!("/api/v1/metadata/{uid}"))
        .await
        .expect(404);
}

#[tokio::test]
async fn delete_all_and_restart() {
    let sbx = TestSandbox::start().await;
    for value in ["YQ==", "Yg=="] {
        sbx.post_json(
            "/api/v1/metadata",
            &json!({"metadata": value, "metadata_oid": OID}),
        )
        .await
        .expect(200);
    }
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    assert_eq!(
        sbx.get("/api/v1/metadata")
            .await
            .expect(200)
            .as_object()
            .unwrap()
            .len(),
        2
    );
    let done = sbx.delete("/api/v1/metadata").await.expect(200);
    assert_eq!(done, "All metadata deleted");
    sbx.get("/api/v1/metadata").await.expect(404);
}

#[tokio::test]
async fn bad_uploads_are_400() {
    let sbx = TestSandbox::start().await;
    let missing = sbx
        .post_json("/api/v1/metadata", &json!({"metadata": "YQ=="}))
        .await
        .expect(400);
    assert_eq!(missing, "Missing required parameter: 'metadata_oid'");
    let both = sbx
        .post_json("/api/v1/metadata", &json!({}))
        .await
        .expect(400);
    assert_eq!(both, "Missing required parameters: metadata, metadata_oid");
    sbx.post_json(
        "/api/v1/metadata",
        &json!({"metadata": "%%%", "metadata_oid": OID}),
    )
    .await
    .expect(400);
    sbx.post_json(
        "/api/v1/metadata",
        &json!({"metadata": "YQ==", "metadata_oid": "not.an.oid"}),
    )
    .await
    .expect(400);
    sbx.post_raw("/api/v1/metadata", "[1,").await.expect(400);
}
