//! The Connection screen on the embedded sandbox: what every new user sees first.

use oneshot_e2e::webdriver::{Result, check, with_station};

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn fresh_station_runs_on_the_sandbox_and_shows_its_version() -> Result<()> {
    with_station("sandbox-version", async |station| {
        station.wait_for("screen-connection").await?;
        station.click("connection-test").await?;
        station
            .wait_for_text("connection-version", oneshot_sandbox::OPTIMIZER_VERSION)
            .await?;
        check(
            station.is_visible("sandbox-banner").await?,
            "the sandbox banner is not visible on a fresh station",
        )?;
        station.capture("connection").await
    })
    .await
}
