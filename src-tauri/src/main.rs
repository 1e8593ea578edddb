//! One-Shot Station's executable.

// No console window behind the station on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    // The station runs pdfium in a child process of this same executable, so a
    // hostile PDF can crash or hang only that child (see station_core's pdf module).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == station_core::PDF_WORKER_FLAG)
    {
        return station_core::serve_worker_process();
    }
    oneshot_station::run()
}
