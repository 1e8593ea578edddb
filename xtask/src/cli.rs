//! The command surface of `cargo xtask`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::steps::StepName;

/// Developer tasks for One-Shot Station.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Install what is missing, build the UI and launch the station.
    Run,
    /// Run the whole test suite (installs what it needs); non-zero on any failure.
    Test(TestArgs),
    /// Print what is missing on this machine and the exact commands to install it.
    Doctor,
    /// Benchmarks against reference tools, side by side; writes docs/BENCHMARKS.md.
    Bench(crate::bench::BenchArgs),
    /// Build installable packages (.deb and .rpm, .msi, .app and .dmg) with pdfium inside.
    Bundle(crate::bundle::BundleArgs),
    /// Save a picture of every screen (light and dark, Spanish and English) into
    /// docs/screenshots, from the real app under Xvfb.
    Screenshots(crate::screenshots::ScreenshotsArgs),
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Run only these steps (repeatable, or comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<StepName>,
    /// Leave out these steps (repeatable, or comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub skip: Vec<StepName>,
    /// Save the WebDriver tests' screenshots of the real app into this folder
    /// (e.g. `docs/screenshots`).
    #[arg(long)]
    pub screenshot_dir: Option<PathBuf>,
}
