//! One-Shot Station's desktop shell: wires station-core to the UI through Tauri
//! commands and events. Everything the station does lives in station-core.

#[cfg(test)]
mod bindings;
mod commands;
mod error;
mod events;

use std::process::ExitCode;

use station_core::{DataDir, Station};
use tauri::{Manager, RunEvent};
use tracing_subscriber::EnvFilter;

pub use error::{Error, ErrorPayload};
pub use events::CONNECTION_CHANGED;

/// Runs the station until its window closes.
pub fn run() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let station = Station::open(DataDir::resolve()?)?;
            let connection = station.connection().clone();
            app.manage(station);
            // The window shows at once; the embedded sandbox starts behind it and the UI
            // learns the outcome from the event.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = connection.warm_up().await {
                    tracing::error!(code = error.code(), %error, "embedded sandbox did not start");
                }
                events::connection_changed(&handle, &connection.overview().await);
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::connection_overview,
            commands::choose_optimizer,
            commands::test_connection,
            commands::sign_in,
            commands::sign_out,
            commands::list_tokens,
        ])
        .build(tauri::generate_context!());

    let app = match app {
        Ok(app) => app,
        Err(error) => {
            tracing::error!(%error, "the station could not start");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| {
        if let (RunEvent::Exit, Some(station)) = (event, app.try_state::<Station>())
            && let Err(error) = tauri::async_runtime::block_on(station.connection().shutdown())
        {
            tracing::warn!(%error, "embedded sandbox did not stop cleanly");
        }
    });
    ExitCode::SUCCESS
}
