mod support;

use oneshot_sandbox::OPTIMIZER_VERSION;
use support::TestSandbox;

#[tokio::test]
async fn hello_says_hello() {
    let sbx = TestSandbox::start().await;
    let reply = sbx.get("/api/v1/hello").await;
    assert_eq!(reply.status, "200 OK");
    assert_eq!(reply.details, "Hello");
}

#[tokio::test]
async fn version_reports_the_constant() {
    let sbx = TestSandbox::start().await;
    let details = sbx.get("/api/v1/version").await.expect(200);
    assert_eq!(details["version"], OPTIMIZER_VERSION);
    assert_eq!(details["name"], "OneShot Optimizer");
    for field in [
        "machine",
        "version",
        "release",
        "hostname",
        "system",
        "processor",
    ] {
        assert!(details["info"][field].is_string(), "info.{field} missing");
    }
}

#[tokio::test]
async fn unknown_route_and_wrong_method_use_the_envelope() {
    let sbx = TestSandbox::start().await;
    sbx.get("/api/v1/nope").await.expect(404);
    sbx.delete("/api/v1/hello").await.expect(405);
}

#[tokio::test]
async fn base_url_is_loopback_without_trailing_slash() {
    let sbx = TestSandbox::start().await;
    let url = sbx.sandbox.base_url();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!url.ends_with('/'));
    assert_eq!(url, format!("http://{}", sbx.sandbox.local_addr()));
}
