//! W5 on the embedded sandbox through the real app: the officer creates an eIDAS
//! Video ID request with the PDF to sign, the end user's session is played on the sandbox
//! phone, the request reaches the queue as ready for review (webhook or polling), the
//! officer approves it from the review and then signs it from the Sign screen (contract,
//! code from the sandbox phone, verified result); the audit trail records it and verifies.

use fantoccini::Locator;
use oneshot_e2e::webdriver::{E2eError, Result, Station, check, testid, with_station};

use crate::sign::{sample_pdf, sign_in_with_demo_token, text_of, type_into, write};

/// Waits for an element matching a CSS selector (beyond a bare data-testid).
pub(crate) async fn wait_for_css(
    station: &Station,
    css: &str,
) -> Result<fantoccini::elements::Element> {
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
        let folder = station.data_dir().with_file_name("inputs");
        std::fs::create_dir_all(&folder).map_err(|source| E2eError::Io {
            path: folder.clone(),
            source,
        })?;
        let pdf = folder.join("service agreement.pdf");
        write(&pdf, &sample_pdf("Service agreement"))?;
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
        let pdf_path = pdf.to_string_lossy();
        type_into(station, "videoid-create-document-typed", &pdf_path).await?;
        station.click("videoid-create-document-use").await?;
        station
            .wait_for_text("videoid-create-document-path", &pdf_path)
            .await?;
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

        // Approved: the request goes on to be signed from the Sign screen.
        station.click("nav-sign").await?;
        station.click("sign-resume").await?;
        station.wait_for("sign-review").await?;
        station.wait_for("sign-viewer-image").await?;
        let items = station
            .client()
            .find_all(Locator::Css(&testid("sign-review-item")))
            .await?;
        check(
            items.len() == 2,
            format!("contract and one document, not {} items", items.len()),
        )?;
        items[1].click().await?;
        station
            .wait_for_text("sign-review-title", "service agreement.pdf")
            .await?;
        station.wait_for("sign-viewer-image").await?;
        // From the keyboard, as in the W1 test: a click leaves this checkbox unticked.
        station
            .wait_for("sign-review-read")
            .await?
            .send_keys(" ")
            .await?;
        station.click("sign-review-confirm").await?;

        station.wait_for("sign-code").await?;
        station.click("sandbox-phone-toggle").await?;
        let code = text_of(station, "sandbox-phone-code").await?;
        station.click("sandbox-phone-close").await?;
        type_into(station, "sign-code-input", &code).await?;
        station.click("sign-code-submit").await?;
        station.wait_for("sign-result").await?;
        station
            .wait_for_text("sign-result-verdict", "Valid: intact, trusted, timestamped")
            .await?;
        station.capture("videoid-signed").await?;

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
        wait_for_css(
            station,
            &format!(
                "{}[data-action=\"sign\"][data-outcome=\"succeeded\"]",
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
