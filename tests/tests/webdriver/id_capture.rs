//! The ID capture step's camera in the real app: WebKitGTK's media stream turned on by the
//! station, its permission request answered, and a picture taken with WebKit's mock camera
//! (`ONESHOT_STATION_MOCK_CAMERA=1`, Xvfb has no camera), then turned and kept.

use fantoccini::Locator;
use oneshot_e2e::webdriver::{DEFAULT_TIMEOUT, E2eError, Result, Station, check, with_station_env};

use crate::sign::{sign_in_with_demo_token, text_of, type_into};

/// The camera is live (the take button enabled) or it said why not.
const LIVE_OR_PROBLEM: &str = "[data-testid=\"sign-image-front-take\"]:not([disabled]), \
                               [data-testid=\"sign-image-front-camera-error\"]";

async fn kept_pictures(station: &Station) -> Result<Vec<String>> {
    let folder = station.data_dir().join("id-images");
    let entries = std::fs::read_dir(&folder).map_err(|source| E2eError::Io {
        path: folder.clone(),
        source,
    })?;
    Ok(entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect())
}

/// `width × height` from the facts line "Camera picture · 640 × 480 px · 12 KiB".
fn size_in(facts: &str) -> Option<(u32, u32)> {
    let (_, rest) = facts.split_once(" · ")?;
    let (size, _) = rest.split_once(" px")?;
    let (width, height) = size.split_once(" × ")?;
    Some((width.trim().parse().ok()?, height.trim().parse().ok()?))
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn front_picture_from_the_mock_camera_then_turned() -> Result<()> {
    let env = [("ONESHOT_STATION_MOCK_CAMERA", "1")];
    with_station_env("id-capture-camera", &env, async |station| {
        sign_in_with_demo_token(station).await?;
        station.click("nav-sign").await?;
        station.wait_for("sign-signer").await?;
        type_into(station, "sign-given-name", "Lucía").await?;
        type_into(station, "sign-surname1", "Pérez").await?;
        type_into(station, "sign-serial-number", "00000023T").await?;
        type_into(station, "sign-email", "lucia.perez@example.org").await?;
        type_into(station, "sign-mobile", "+34 600 111 222").await?;
        station.click("sign-signer-next").await?;
        station.wait_for("sign-images").await?;

        station.click("sign-image-front-camera-open").await?;
        let ready = station
            .client()
            .wait()
            .at_most(DEFAULT_TIMEOUT)
            .for_element(Locator::Css(LIVE_OR_PROBLEM))
            .await?;
        let shown = ready.attr("data-testid").await?.unwrap_or_default();
        if shown == "sign-image-front-camera-error" {
            let said = ready.text().await?;
            return Err(E2eError::Check(format!(
                "the mock camera did not start: {said}"
            )));
        }
        ready.click().await?;
        station.wait_for("sign-image-front-preview").await?;
        let facts = text_of(station, "sign-image-front-facts").await?;
        check(
            facts.starts_with("Camera picture"),
            format!("facts {facts:?}"),
        )?;
        let (width, height) =
            size_in(&facts).ok_or_else(|| E2eError::Check(format!("no size in {facts:?}")))?;
        let kept = kept_pictures(station).await?;
        check(
            kept.iter().any(|name| name.starts_with("camera-")) && kept.len() == 2,
            format!("the camera's picture and the upload copy, not {kept:?}"),
        )?;

        // Turned right, then used: a third picture, with the sides swapped.
        station.click("sign-image-front-edit").await?;
        station.click("sign-image-front-rotate-right").await?;
        station.click("sign-image-front-edit-apply").await?;
        let deadline = std::time::Instant::now() + DEFAULT_TIMEOUT;
        let turned = loop {
            let facts = text_of(station, "sign-image-front-facts").await?;
            if size_in(&facts) == Some((height, width)) {
                break facts;
            }
            if std::time::Instant::now() >= deadline {
                return Err(E2eError::Timeout {
                    what: "the turned picture".into(),
                    seconds: DEFAULT_TIMEOUT.as_secs(),
                    last: facts,
                });
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        };
        check(turned.starts_with("Camera picture"), format!("{turned:?}"))?;
        check(
            kept_pictures(station).await?.len() == 3,
            "the turned copy is kept beside the first",
        )?;
        // The camera is off once the picture is taken.
        check(
            !station.is_visible("sign-image-front-video").await?,
            "the live view is gone",
        )?;
        Ok(())
    })
    .await
}
