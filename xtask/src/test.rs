//! `cargo xtask test`: every step in order, each printing its runner's own summary; a failure
//! is recorded and the run goes on; a table at the end; non-zero if anything failed.

use std::process::Command;
use std::time::Instant;

use crate::cli::TestArgs;
use crate::error::{IoContext, Result, XtaskError};
use crate::fuzz;
use crate::keyring_session;
use crate::node;
use crate::paths::{self, Paths};
use crate::prerequisites::{Need, Prepared};
use crate::shell;
use crate::steps::{self, Outcome, StepName, StepResult};
use crate::system_packages::Purpose;
use crate::webdriver;

/// What a step cannot run without.
pub fn needs(step: StepName) -> Vec<Need> {
    use Need::*;
    let build = System(Purpose::Build);
    match step {
        StepName::Prerequisites => Purpose::ALL
            .into_iter()
            .map(System)
            .chain([NodePackages, Pdfium, SignatureTools, TauriDriver])
            .collect(),
        StepName::UiBuild | StepName::UiCheck | StepName::UiUnit => vec![NodePackages],
        StepName::Fmt => vec![],
        StepName::Clippy => vec![build, UiDist],
        StepName::RustTests => vec![
            build,
            System(Purpose::SignatureTools),
            UiDist,
            Pdfium,
            SignatureTools,
        ],
        // libFuzzer is C++, built by libfuzzer-sys with the system's compiler.
        StepName::Fuzz => vec![build],
        StepName::UiPlaywright => vec![System(Purpose::Browser), UiDist],
        StepName::Keyring => vec![
            System(Purpose::Keyring),
            build,
            System(Purpose::SignatureTools),
            UiDist,
            Pdfium,
            SignatureTools,
        ],
        StepName::Webdriver => vec![
            System(Purpose::WebDriver),
            build,
            UiDist,
            Pdfium,
            TauriDriver,
        ],
    }
}

/// The command line shown in the step's header.
fn describe(step: StepName) -> &'static str {
    match step {
        StepName::Prerequisites => "system packages, npm ci, pdfium, pyHanko, tauri-driver",
        StepName::UiBuild => "npm run build (ui/dist)",
        StepName::Fmt => "cargo fmt --all --check",
        StepName::Clippy => "cargo clippy --workspace --all-targets -- -D warnings",
        StepName::RustTests => "cargo test --workspace",
        StepName::Fuzz => "cargo fuzz: every target in fuzz/ for 30 s",
        StepName::UiCheck => "npm run check",
        StepName::UiUnit => "npm run test:unit",
        StepName::UiPlaywright => "npm run test:ui (Playwright, Chromium)",
        StepName::Keyring => {
            "cargo test --workspace -- --ignored keyring (private D-Bus + gnome-keyring)"
        }
        StepName::Webdriver => "WebDriver tests of the real app (Xvfb + tauri-driver)",
    }
}

fn cargo(paths: &Paths, prepared: &Prepared, args: &[&str]) -> Command {
    let mut cmd = Command::new(paths::cargo());
    cmd.args(args).current_dir(&paths.root);
    prepared.env.apply(&mut cmd);
    cmd
}

fn run_step(step: StepName, paths: &Paths, prepared: &mut Prepared, args: &TestArgs) -> Result<()> {
    prepared.ensure(paths, &needs(step))?;
    match step {
        StepName::Prerequisites => Ok(()),
        StepName::UiBuild => node::run_script(paths, &prepared.env, "build"),
        StepName::Fmt => shell::run(&mut cargo(paths, prepared, &["fmt", "--all", "--check"])),
        StepName::Clippy => shell::run(&mut cargo(
            paths,
            prepared,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )),
        StepName::RustTests => shell::run(&mut cargo(paths, prepared, &["test", "--workspace"])),
        StepName::Fuzz => fuzz::smoke(paths, &prepared.env),
        StepName::UiCheck => node::run_script(paths, &prepared.env, "check"),
        StepName::UiUnit => node::run_script(paths, &prepared.env, "test:unit"),
        StepName::UiPlaywright => node::run_script(paths, &prepared.env, "test:ui"),
        StepName::Keyring => {
            let scratch = tempfile::Builder::new()
                .prefix("oneshot-keyring-")
                .tempdir()
                .at(std::env::temp_dir())?;
            let mut cmd = keyring_session::wrap(
                &paths::cargo(),
                &["test", "--workspace", "--", "--ignored", "keyring"],
                scratch.path(),
            );
            cmd.current_dir(&paths.root);
            prepared.env.apply(&mut cmd);
            shell::run(&mut cmd)
        }
        StepName::Webdriver => webdriver::run(paths, prepared, args.screenshot_dir.as_deref()),
    }
}

pub fn test(paths: &Paths, args: &TestArgs) -> Result<()> {
    let selected = steps::select(&args.only, &args.skip);
    let mut prepared = Prepared::new();
    let mut results = Vec::new();
    for (index, step) in StepName::ALL.into_iter().enumerate() {
        if !selected.contains(&step) {
            results.push(StepResult {
                step,
                outcome: Outcome::Skipped,
                duration: Default::default(),
            });
            continue;
        }
        println!(
            "\n==> [{}/{}] {}: {}",
            index + 1,
            StepName::ALL.len(),
            step.as_str(),
            describe(step)
        );
        let started = Instant::now();
        let outcome = match run_step(step, paths, &mut prepared, args) {
            Ok(()) => Outcome::Passed,
            Err(err) => {
                println!("==> {} FAILED: {err}", step.as_str());
                Outcome::Failed(err.to_string())
            }
        };
        results.push(StepResult {
            step,
            outcome,
            duration: started.elapsed(),
        });
    }
    println!("\n{}", steps::render_table(&results));
    println!("{}", steps::summary_line(&results));
    let failed = steps::failed(&results);
    if failed > 0 {
        return Err(XtaskError::StepsFailed {
            failed,
            total: selected.len(),
        });
    }
    Ok(())
}
