//! A bare Tauri window: the baseline the station's idle memory and cold start are
//! measured against. It shows one static page and does nothing else.

fn main() -> std::process::ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bare-window: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
