//! `cargo xtask run | test | doctor | bench | bundle | screenshots`: installs what is missing, builds, runs and tests
//! One-Shot Station. This is the one place in the project that shells out to apt, npm, pip and
//! cargo; everything else is plain Rust.
// A command-line tool talks to its user on stdout.
#![allow(clippy::print_stdout)]

mod bench;
mod bundle;
mod bundle_outputs;
mod bundle_pdfium;
mod bundle_target;
mod cli;
mod doctor;
mod error;
mod fuzz;
mod keyring_session;
mod node;
mod paths;
mod pdfium;
mod platform;
mod prerequisites;
mod processes;
mod python_tools;
mod run;
mod screenshots;
mod shell;
mod steps;
mod system_packages;
mod tauri_driver;
mod test;
mod webdriver;
mod wheel;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::paths::Paths;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = processes::install_interrupt_handler() {
        eprintln!("xtask: {err}");
        return ExitCode::FAILURE;
    }
    let paths = Paths::discover();
    let result = match cli.command {
        Command::Run => run::run(&paths),
        Command::Test(args) => test::test(&paths, &args),
        Command::Doctor => doctor::doctor(&paths),
        Command::Bench(args) => bench::bench(&paths, &args),
        Command::Bundle(args) => bundle::bundle(&paths, &args),
        Command::Screenshots(args) => screenshots::screenshots(&paths, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: {err}");
            ExitCode::FAILURE
        }
    }
}
