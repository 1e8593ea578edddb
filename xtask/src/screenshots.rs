//! `cargo xtask screenshots`: a picture of every screen of the real app, in the light and dark
//! themes and in Spanish and English, saved as `<screen>-<language>-<theme>.png` (for example
//! `sign-es-light.png`) into docs/screenshots for the README. The app runs under Xvfb and
//! tauri-driver exactly as in the WebDriver tests; the `screenshots` test target of
//! `oneshot-e2e` walks the screens.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::node;
use crate::paths::Paths;
use crate::prerequisites::{Need, Prepared};
use crate::steps::StepName;
use crate::test;
use crate::webdriver;

#[derive(Debug, Args)]
pub struct ScreenshotsArgs {
    /// Where the pictures go, relative to the repository.
    #[arg(long, default_value = "docs/screenshots")]
    pub out: PathBuf,
}

pub fn screenshots(paths: &Paths, args: &ScreenshotsArgs) -> Result<()> {
    let mut prepared = Prepared::new();
    prepared.ensure(paths, &test::needs(StepName::Webdriver))?;
    prepared.ensure(paths, &[Need::NodePackages])?;
    // The pictures must show the UI as it is now, not an older ui/dist.
    node::run_script(paths, &prepared.env, "build")?;

    // Pictures of the same names are replaced; others in the folder (the packaging test's
    // `installed.png`) are left alone.
    let out = paths.root.join(&args.out);
    webdriver::run_target(paths, &prepared, "screenshots", Some(&out))?;
    println!("screenshots saved in {}", out.display());
    Ok(())
}
