//! W6 on the embedded sandbox through the real app: the officer creates an external-mode
//! Video ID request with the platform's evidences (four pictures, the OCR data, the security
//! checks, the similarity level) and the session's video; the request is ready for review at
//! once; the review shows what the platform read and checked and plays the video; the
//! officer refuses it with a reason, which the audit trail records and still verifies.

use std::path::{Path, PathBuf};

use oneshot_e2e::webdriver::{E2eError, Result, Station, check, testid, with_station};

use crate::sign::{PNG, sign_in_with_demo_token, text_of, type_into, write};
use crate::videoid::wait_for_css;

const PICTURES: [&str; 4] = [
    "documentFront",
    "documentRear",
    "documentPhoto",
    "documentOwner",
];

/// The platform's evidences, next to (not inside) the station's data dir: a picture for each
/// slot and an MP4 (its `ftyp` box is what the station and the sandbox look at).
fn evidences(station: &Station) -> Result<(PathBuf, PathBuf)> {
    let folder = station.data_dir().with_file_name("evidences");
    std::fs::create_dir_all(&folder).map_err(|source| E2eError::Io {
        path: folder.clone(),
        source,
    })?;
    let picture = folder.join("id picture.png");
    write(&picture, PNG)?;
    let video = folder.join("session.mp4");
    let mut mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    mp4.extend(std::iter::repeat_n(0x5A_u8, 50_000));
    write(&video, &mp4)?;
    Ok((picture, video))
}

/// Gives an evidence file by typing its path (the native file dialog is outside the webview).
async fn give_file(station: &Station, slot: &str, path: &Path) -> Result<()> {
    let path = path.to_string_lossy();
    type_into(station, &format!("videoid-create-{slot}-typed"), &path).await?;
    station.click(&format!("videoid-create-{slot}-use")).await?;
    station
        .wait_for_text(&format!("videoid-create-{slot}-path"), &path)
        .await
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn videoid_external_evidences_reviewed_and_refused() -> Result<()> {
    with_station("videoid-external", async |station| {
        let (picture, video) = evidences(station)?;
        sign_in_with_demo_token(station).await?;
        station.click("nav-videoid").await?;
        station.wait_for("screen-videoid").await?;
        station.wait_for("videoid-queue-empty").await?;

        station.click("videoid-new").await?;
        station.click("videoid-create-mode-external").await?;
        station.wait_for("videoid-create-evidence").await?;
        type_into(station, "videoid-create-email", "lucia.perez@example.org").await?;
        type_into(station, "videoid-create-mobile", "+34600111222").await?;
        type_into(station, "videoid-create-given-name", "Lucía").await?;
        type_into(station, "videoid-create-surname1", "Pérez").await?;
        type_into(station, "videoid-create-serial", "00000023T").await?;
        for slot in PICTURES {
            give_file(station, slot, &picture).await?;
        }
        give_file(station, "video", &video).await?;
        // What the platform read: the surname differs from what the officer typed.
        type_into(station, "videoid-ocr-given-name", "Lucía").await?;
        type_into(station, "videoid-ocr-surname1", "Peres").await?;
        type_into(station, "videoid-ocr-serial", "00000023T").await?;
        type_into(station, "videoid-ocr-country", "es").await?;
        type_into(station, "videoid-create-similarity", "42").await?;
        for passed in ["otpValidation", "documentsMatch", "liveliness"] {
            station
                .wait_for(&format!("videoid-create-check-{passed}"))
                .await?
                .select_by_value("passed")
                .await?;
        }
        station
            .wait_for("videoid-create-check-documentNotcopy")
            .await?
            .select_by_value("failed")
            .await?;
        type_into(
            station,
            "videoid-create-acceptance-description",
            "Accepted the terms and the privacy policy",
        )
        .await?;
        type_into(station, "videoid-create-acceptance-ip", "192.0.2.10").await?;
        type_into(
            station,
            "videoid-create-acceptance-date",
            "2026-02-03T08:00:00Z",
        )
        .await?;
        station.capture("videoid-external-create").await?;
        station.click("videoid-create-submit").await?;

        station.wait_for("videoid-created").await?;
        let pk = text_of(station, "videoid-created-pk").await?;
        check(
            pk.trim().parse::<u64>().is_ok(),
            format!("the new request should show its number, not {pk:?}"),
        )?;
        // Evidences and video uploaded: ready for review without any end-user session.
        let ready = format!(
            "{}[data-status=\"VIDEOREVIEW\"]",
            testid("videoid-queue-row")
        );
        let row = wait_for_css(station, &ready).await?;
        row.find(fantoccini::Locator::Css(&testid("videoid-queue-open")))
            .await?
            .click()
            .await?;

        station.wait_for("videoid-review-comparison").await?;
        let field = |name: &str, column: &str| {
            format!(
                "{}[data-field=\"{name}\"] {}",
                testid("videoid-review-field"),
                testid(column)
            )
        };
        let read = wait_for_css(station, &field("surname1", "videoid-review-read"))
            .await?
            .text()
            .await?;
        check(
            read.trim() == "Peres",
            format!("the review should show the surname the platform read, not {read:?}"),
        )?;
        let entered = wait_for_css(station, &field("surname1", "videoid-review-entered"))
            .await?
            .text()
            .await?;
        check(
            entered.trim() == "Pérez",
            format!("the review should show the surname the officer typed, not {entered:?}"),
        )?;
        station.wait_for("videoid-review-mismatches").await?;
        wait_for_css(
            station,
            &format!(
                "{}[data-check=\"documentNotcopy\"][data-outcome=\"failed\"]",
                testid("videoid-review-check")
            ),
        )
        .await?;
        wait_for_css(
            station,
            &format!(
                "{}[data-check=\"liveliness\"][data-outcome=\"passed\"]",
                testid("videoid-review-check")
            ),
        )
        .await?;
        station
            .wait_for_text("videoid-review-similarity-value", "42 / 100")
            .await?;
        station.click("videoid-review-load-video").await?;
        station.wait_for("videoid-review-video").await?;
        station.capture("videoid-external-review").await?;

        // A refusal needs a reason: an empty one is not sent.
        wait_for_css(
            station,
            &format!("{}:not([disabled])", testid("videoid-refuse")),
        )
        .await?;
        station.click("videoid-refuse").await?;
        station.wait_for("videoid-refuse-dialog").await?;
        station.click("videoid-refuse-confirm").await?;
        station
            .wait_for_text("videoid-refuse-hint", "A reason is required to refuse.")
            .await?;
        station.click("videoid-refuse-common-data").await?;
        let reason = "The data given do not match the document.";
        let typed = station
            .wait_for("videoid-refuse-reason")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        check(
            typed == reason,
            format!("the common reason should fill the field, not {typed:?}"),
        )?;
        station.click("videoid-refuse-confirm").await?;

        station
            .wait_for_text("videoid-review-outcome", "This request is closed: Refused.")
            .await?;
        station.wait_for("videoid-queue-empty").await?;

        station.click("nav-audit").await?;
        station.wait_for("screen-audit").await?;
        let refusal = wait_for_css(
            station,
            &format!(
                "{}[data-action=\"refuse\"][data-outcome=\"succeeded\"]",
                testid("audit-entry")
            ),
        )
        .await?
        .text()
        .await?;
        check(
            refusal.contains(pk.trim()) && refusal.contains(reason),
            format!(
                "the refusal's audit entry should name request {pk} and the reason: {refusal:?}"
            ),
        )?;
        station.click("audit-verify-run").await?;
        station.wait_for("audit-verify-valid").await?;
        Ok(())
    })
    .await
}
