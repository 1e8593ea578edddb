//! A picture of every screen of the real app, in both themes and in Spanish and English, for
//! the README: `cargo xtask screenshots` runs this under Xvfb + tauri-driver and saves
//! `<screen>-<language>-<theme>.png` into `ONESHOT_SCREENSHOT_DIR` (docs/screenshots).
//!
//! The app follows the system's colour scheme; WebKitGTK reads a `:dark` GTK theme as
//! `prefers-color-scheme: dark`, so each theme is its own launch of the app with `GTK_THEME`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use oneshot_e2e::webdriver::{
    DEFAULT_TIMEOUT, E2eError, Result, Station, check, required_env, testid, with_station_env,
};
use serde_json::json;

const LANGUAGES: [&str; 2] = ["es", "en"];

/// Two seconds of frames: the outline of the root element flips between two transparent
/// shades, so WebKit repaints without a visible change.
const KEEP_PAINTING: &str = "const root = document.documentElement; const end = performance.now() + 2000; \
    const frame = (now) => { root.style.outline = (Math.round(now) % 2 ? '1px solid rgba(0,0,0,0.01)' : '1px solid rgba(0,0,0,0.02)'); \
    if (now < end) requestAnimationFrame(frame); else root.style.outline = ''; }; requestAnimationFrame(frame);";

/// The window's size in every picture, so they line up in the README.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 820;

#[derive(Clone, Copy)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn gtk_theme(self) -> &'static str {
        match self {
            Theme::Light => "Adwaita",
            Theme::Dark => "Adwaita:dark",
        }
    }
}

struct Shots<'a> {
    station: &'a Station,
    folder: PathBuf,
    theme: Theme,
}

impl Shots<'_> {
    /// Saves `<screen>-<language>-<theme>.png`, scrolled to the top unless told otherwise.
    async fn save(&self, screen: &str, language: &str, to_top: bool) -> Result<()> {
        if to_top {
            bounded(
                "scrolling to the top",
                self.station
                    .client()
                    .execute("window.scrollTo(0, 0);", vec![]),
            )
            .await??;
        }
        let path = self
            .folder
            .join(format!("{screen}-{language}-{}.png", self.theme.name()));
        // WebKitGTK takes the picture at the next rendering update, and a page with nothing
        // left to draw (the audit screen once verified) never has one: keep frames coming
        // for a moment with a change no eye sees.
        bounded(
            "asking for frames",
            self.station.client().execute(KEEP_PAINTING, vec![]),
        )
        .await??;
        bounded("taking the picture", self.station.screenshot(&path)).await??;
        eprintln!("screenshot saved: {}", path.display());
        Ok(())
    }
}

/// One WebDriver command, within the suite's timeout: a webview that stops answering
/// fails the run and says at what, instead of hanging it.
async fn bounded<T>(what: &str, command: impl Future<Output = T>) -> Result<T> {
    tokio::time::timeout(DEFAULT_TIMEOUT, command)
        .await
        .map_err(|_| E2eError::Timeout {
            what: what.to_owned(),
            seconds: DEFAULT_TIMEOUT.as_secs(),
            last: String::from("(no answer)"),
        })
}

/// Waits until the page's script answers `expected`.
async fn wait_for_script(
    station: &Station,
    script: &str,
    expected: serde_json::Value,
) -> Result<()> {
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    loop {
        let answer = station.client().execute(script, vec![]).await?;
        if answer == expected {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(E2eError::Timeout {
                what: format!("`{script}` to answer {expected}"),
                seconds: DEFAULT_TIMEOUT.as_secs(),
                last: answer.to_string(),
            });
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Switches the app's language and waits until the page says it is in it.
async fn speak(station: &Station, language: &str) -> Result<()> {
    station
        .wait_for("language-select")
        .await?
        .select_by_value(language)
        .await?;
    wait_for_script(
        station,
        "return document.documentElement.lang;",
        json!(language),
    )
    .await
}

async fn type_into(station: &Station, id: &str, text: &str) -> Result<()> {
    let field = station.wait_for(id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

async fn wait_for_css(station: &Station, css: &str) -> Result<fantoccini::elements::Element> {
    Ok(station
        .client()
        .wait()
        .at_most(DEFAULT_TIMEOUT)
        .for_element(Locator::Css(css))
        .await?)
}

/// A Video ID request ready for review, so the queue and the review have something to show.
async fn request_ready_for_review(station: &Station) -> Result<()> {
    station.click("nav-videoid").await?;
    station.wait_for("videoid-queue-empty").await?;
    station.click("videoid-new").await?;
    type_into(station, "videoid-create-email", "lucia.perez@example.org").await?;
    type_into(station, "videoid-create-mobile", "+34600111222").await?;
    type_into(station, "videoid-create-given-name", "Lucía").await?;
    type_into(station, "videoid-create-surname1", "Pérez").await?;
    station.click("videoid-create-submit").await?;
    let pk = station.wait_for("videoid-created-pk").await?.text().await?;
    station.click("videoid-created-dismiss").await?;
    station.click("sandbox-phone-toggle").await?;
    type_into(station, "sandbox-phone-request", pk.trim()).await?;
    station.click("sandbox-phone-outcome-review").await?;
    station.wait_for("sandbox-phone-played").await?;
    station.click("sandbox-phone-close").await?;
    wait_for_css(
        station,
        &format!(
            "{}[data-status=\"VIDEOREVIEW\"]",
            testid("videoid-queue-row")
        ),
    )
    .await?;
    Ok(())
}

async fn every_screen(station: &Station, folder: &Path, theme: Theme) -> Result<()> {
    let shots = Shots {
        station,
        folder: folder.to_path_buf(),
        theme,
    };
    station.client().set_window_size(WIDTH, HEIGHT).await?;
    let dark = matches!(theme, Theme::Dark);
    wait_for_script(
        station,
        "return window.matchMedia('(prefers-color-scheme: dark)').matches;",
        json!(dark),
    )
    .await?;

    station.wait_for("screen-connection").await?;
    for language in LANGUAGES {
        speak(station, language).await?;
        station.wait_for("signin-method-token").await?;
        shots.save("connection", language, true).await?;
    }
    station.click("signin-method-token").await?;
    type_into(station, "signin-token", oneshot_sandbox::DEMO_TOKEN).await?;
    station.click("signin-submit").await?;
    station.wait_for("signout").await?;
    request_ready_for_review(station).await?;

    for language in LANGUAGES {
        speak(station, language).await?;

        station.click("nav-sign").await?;
        station.wait_for("screen-sign").await?;
        station.wait_for("sign-signer").await?;
        shots.save("sign", language, true).await?;

        // Hash sign starts, like Sign, with the signer's data.
        station.click("nav-hash-sign").await?;
        station.wait_for("screen-hash-sign").await?;
        station.wait_for("sign-signer").await?;
        shots.save("hash-sign", language, true).await?;

        station.click("nav-videoid").await?;
        let row = wait_for_css(station, &testid("videoid-queue-row")).await?;
        shots.save("videoid-queue", language, true).await?;
        row.find(Locator::Css(&testid("videoid-queue-open")))
            .await?
            .click()
            .await?;
        station.wait_for("videoid-review-comparison").await?;
        // The review sits below the queue: the picture starts at its heading.
        bounded(
            "scrolling to the review",
            station.client().execute(
                "document.querySelector('[data-testid=\"videoid-review\"]').scrollIntoView({ block: 'start' });",
                vec![],
            ),
        )
        .await??;
        shots.save("videoid-review", language, false).await?;

        eprintln!("screenshots: audit ({language})");
        station.click("nav-audit").await?;
        station.wait_for("audit-entry").await?;
        station.click("audit-verify-run").await?;
        station.wait_for("audit-verify-valid").await?;
        shots.save("audit", language, true).await?;

        eprintln!("screenshots: administration ({language})");
        station.click("nav-admin").await?;
        station
            .wait_for_text("admin-health-version", oneshot_sandbox::OPTIMIZER_VERSION)
            .await?;
        shots.save("admin", language, true).await?;

        station.click("nav-sign").await?;
        station.wait_for("sign-signer").await?;
        station.click("sandbox-phone-toggle").await?;
        station.wait_for("sandbox-phone").await?;
        shots.save("sandbox-phone", language, true).await?;
        station.click("sandbox-phone-close").await?;
    }
    let saved = std::fs::read_dir(folder)
        .map_err(|source| E2eError::Io {
            path: folder.to_path_buf(),
            source,
        })?
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .ends_with(&format!("-{}.png", theme.name()))
        })
        .count();
    check(
        saved >= 16,
        format!("expected 16 {} pictures, found {saved}", theme.name()),
    )
}

async fn shoot(theme: Theme) -> Result<()> {
    let folder = PathBuf::from(required_env("ONESHOT_SCREENSHOT_DIR")?);
    with_station_env(
        &format!("screenshots-{}", theme.name()),
        &[("GTK_THEME", theme.gtk_theme())],
        async |station| every_screen(station, &folder, theme).await,
    )
    .await
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask screenshots"]
async fn every_screen_in_the_light_theme() -> Result<()> {
    shoot(Theme::Light).await
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask screenshots"]
async fn every_screen_in_the_dark_theme() -> Result<()> {
    shoot(Theme::Dark).await
}
