//! One-Shot Station's executable.

// No console window behind the station on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    oneshot_station::run()
}
