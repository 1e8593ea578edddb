//! W5 on the embedded sandbox through the real app: the officer creates an eIDAS
//! Video ID request, the end user's session is played on the sandbox phone, the
//! request reaches the queue as ready for review (webhook or polling), and the
//! officer approves it from the review; the audit trail records it and verifies.

use fantoccini::Locator;
use oneshot_e2e::webdriver::{Result, Station, check, testid, with_station};

/// Signs in on the Connection screen with the sandbox's demo token, in English.
async fn sign_in_with_demo_token(station: &Station) -> Result<()> {
    station.wait_for("screen-connection").await?;
    station
        .wait_for("language-select")
        .await?
        .select_by_value("en")
        .await?;
    station.click("signin-method-token").await?;
    station
        .wait_for("signin-token")
        .await?
        .send_keys(oneshot_sandbox::DEMO_TOKEN)
        .await?;
    station.click("signin-submit").await?;
    station.wait_for("signout").await?;
    Ok(())
}

async fn type_into(station: &Station, id: &str, text: &str) -> Result<()> {
    let field = station.wait_for(id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Waits for an element matching a CSS selector (beyond a bare data-testid).
async fn wait_for_css(station: &Station, css: &str) -> Result<fantoccini::elements::Element> {
    Ok(station
        .client()
        .wait()
        .at_most(oneshot_e2e::webdriver::DEFAULT_TIMEOUT)
        .for_element(Locator::Css(css))
        .await?)
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn videoid_eidas_reviewed_and_approved() -> Result<()> {
    with_station("videoid-eidas", async |station| {
        sign_in_with_demo_token(station).await?;
        station.click("nav-videoid").await?;
        station.wait_for("screen-videoid").await?;
        station.wait_for("videoid-queue-empty").await?;

        station.click("videoid-new").await?;
        type_into(
            station,
            "videoid-create-email",
            "videoid.signer@example.com",
        )
        .await?;
        type_into(station, "videoid-create-mobile", "+34600123123").await?;
        station.click("videoid-create-submit").await?;
        station.wait_for("videoid-created").await?;
        let pk = station.wait_for("videoid-created-pk").await?.text().await?;
        check(
            pk.trim().parse::<u64>().is_ok(),
            format!("the new request should show its number, not {pk:?}"),
        )?;
        let link = station
            .wait_for("videoid-created-link")
            .await?
            .text()
            .await?;
        check(
            link.contains(&format!("/videoid/{}", pk.trim())),
            format!("the signer's link should name request {pk}: {link:?}"),
        )?;
        let row = format!(
            "{}[data-status=\"VIDEOPENDING\"]",
            testid("videoid-queue-row")
        );
        wait_for_css(station, &row).await?;
        station.capture("videoid-queue").await?;

        // The end user records the session: played on the sandbox phone.
        station.click("sandbox-phone-toggle").await?;
        type_into(station, "sandbox-phone-request", pk.trim()).await?;
        station.click("sandbox-phone-outcome-review").await?;
        station.wait_for("sandbox-phone-played").await?;
        station.click("sandbox-phone-close").await?;

        // The queue learns it by itself and says so.
        let ready = format!(
            "{}[data-status=\"VIDEOREVIEW\"]",
            testid("videoid-queue-row")
        );
        let row = wait_for_css(station, &ready).await?;
        station
            .wait_for_text(
                "videoid-ready",
                &format!(
                    "Request {} (videoid.signer@example.com) is ready for review.",
                    pk.trim()
                ),
            )
            .await?;
        row.find(Locator::Css(&testid("videoid-queue-open")))
            .await?
            .click()
            .await?;
        station.wait_for("videoid-review-comparison").await?;
        // The session told the Optimizer who the signer is: the review shows it read.
        let read = wait_for_css(
            station,
            &format!(
                "{}[data-field=\"givenName\"] {}",
                testid("videoid-review-field"),
                testid("videoid-review-read")
            ),
        )
        .await?
        .text()
        .await?;
        check(
            read.trim() == "Sandbox",
            format!("the review should show the name the session read, not {read:?}"),
        )?;
        station.capture("videoid-review").await?;

        wait_for_css(
            station,
            &format!("{}:not([disabled])", testid("videoid-approve")),
        )
        .await?;
        station.click("videoid-approve").await?;
        station.click("confirm-accept").await?;
        station.wait_for("videoid-queue-empty").await?;
        let status = station
            .wait_for("videoid-review-status")
            .await?
            .text()
            .await?;
        check(
            status.contains("Approved"),
            format!("the approved request should read Approved, not {status:?}"),
        )?;

        station.click("nav-audit").await?;
        station.wait_for("screen-audit").await?;
        wait_for_css(
            station,
            &format!(
                "{}[data-action=\"approve\"][data-outcome=\"succeeded\"]",
                testid("audit-entry")
            ),
        )
        .await?;
        station.click("audit-verify-run").await?;
        station.wait_for("audit-verify-valid").await?;
        Ok(())
    })
    .await
}
