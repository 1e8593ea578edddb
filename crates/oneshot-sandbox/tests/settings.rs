mod support;

use serde_json::json;
use support::TestSandbox;

#[tokio::test]
async fn defaults_make_the_demo_work_and_mask_the_billing_password() {
    let sbx = TestSandbox::start().await;
    let settings = sbx.get("/api/v1/settings").await.expect(200);
    for section in ["general", "tsa", "billing", "request", "proxy"] {
        assert!(settings[section].is_object(), "section {section} missing");
    }
    assert_eq!(settings["request"]["default_profile"], "PFnubeQAFCiudadano");
    assert!(
        !settings["request"]["default_ra"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert!(
        !settings["billing"]["billing_username"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert_eq!(settings["billing"]["billing_password"], "********");
    assert_eq!(settings["general"]["environment"], "sandbox");
    assert_eq!(settings["general"]["usepdfclean"], false);
    let ini = std::fs::read_to_string(sbx.dir.path().join("settings.ini")).unwrap();
    assert!(ini.contains("[proxy]"));
}

#[tokio::test]
async fn update_changes_only_given_keys_and_survives_restart() {
    let sbx = TestSandbox::start().await;
    let done = sbx
        .post_json(
            "/api/v1/settings",
            &json!({"request": {"default_ra": "4242"}, "tsa": {"tsa_url": "https://tsa.example/tss"}}),
        )
        .await
        .expect(200);
    assert_eq!(done, "Settings saved successfully");
    let dir = sbx.stop().await;
    let sbx = TestSandbox::start_in(dir).await;
    let settings = sbx.get("/api/v1/settings").await.expect(200);
    assert_eq!(settings["request"]["default_ra"], "4242");
    assert_eq!(settings["request"]["default_profile"], "PFnubeQAFCiudadano");
    assert_eq!(settings["tsa"]["tsa_url"], "https://tsa.example/tss");
}

#[tokio::test]
async fn bad_updates_are_400_and_change_nothing() {
    let sbx = TestSandbox::start().await;
    let broken = sbx
        .post_raw("/api/v1/settings", "{\"request\": ")
        .await
        .expect(400);
    assert!(
        broken
            .as_str()
            .unwrap()
            .starts_with("Could not parse JSON body")
    );
    sbx.post_json("/api/v1/settings", &json!({"nosuch": {"a": "b"}}))
        .await
        .expect(400);
    sbx.post_json(
        "/api/v1/settings",
        &json!({"request": {"default_ra": "1"}, "billing": {"billing_password": "not base64!"}}),
    )
    .await
    .expect(400);
    sbx.post_json(
        "/api/v1/settings",
        &json!({"general": {"environment": "moon"}}),
    )
    .await
    .expect(400);
    let settings = sbx.get("/api/v1/settings").await.expect(200);
    assert_ne!(settings["request"]["default_ra"], "1");
}

#[tokio::test]
async fn posting_the_mask_back_keeps_the_billing_password() {
    let sbx = TestSandbox::start().await;
    let settings = sbx.get("/api/v1/settings").await.expect(200);
    sbx.post_json("/api/v1/settings", &settings)
        .await
        .expect(200);
    let ini = std::fs::read_to_string(sbx.dir.path().join("settings.ini")).unwrap();
    assert!(!ini.contains("********"));
    // Requests still find working billing credentials.
    sbx.create_request().await;
}
