//! Administration on the embedded sandbox: health, settings, tokens and metadata of
//! the real Optimizer behind the real app.

use oneshot_e2e::webdriver::{Result, check, with_station};

use crate::sign::{sign_in_with_demo_token, type_into};

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn administration_of_the_sandbox_optimizer() -> Result<()> {
    with_station("admin-basics", async |station| {
        sign_in_with_demo_token(station).await?;
        station.click("nav-admin").await?;
        station.wait_for("screen-admin").await?;
        station
            .wait_for_text("admin-health-version", oneshot_sandbox::OPTIMIZER_VERSION)
            .await?;
        station.capture("admin-health").await?;

        station.click("admin-tab-settings").await?;
        station.wait_for("admin-settings-ra").await?;
        type_into(station, "admin-settings-ra", "2000").await?;
        station.click("admin-settings-save").await?;
        station
            .wait_for_text("admin-settings-outcome", "Settings saved.")
            .await?;

        station.click("admin-tab-tokens").await?;
        station.wait_for("admin-tokens-list").await?;
        let protection = station
            .wait_for("admin-token-protection")
            .await?
            .text()
            .await?;
        check(
            protection.contains("Demo token"),
            format!("the demo token should say why it stays, not {protection:?}"),
        )?;

        station.click("admin-tab-metadata").await?;
        station.wait_for("admin-metadata-empty").await?;
        type_into(station, "admin-metadata-oid", "1.3.6.1.4.1.47289.100.2.9").await?;
        type_into(station, "admin-metadata-text", "Branch 12").await?;
        station.click("admin-metadata-add").await?;
        station
            .wait_for_text("admin-metadata-value", "Branch 12")
            .await?;
        station.click("admin-metadata-delete").await?;
        station.click("confirm-accept").await?;
        station.wait_for("admin-metadata-empty").await?;
        Ok(())
    })
    .await
}
