//! One-Shot Station's desktop shell: wires station-core to the UI through Tauri
//! commands and events. Everything the station does lives in station-core.

#[cfg(test)]
mod bindings;
mod commands;
mod error;
mod events;
mod webview_media;

use std::process::ExitCode;

use station_core::{
    AdminService, DataDir, Error as CoreError, SandboxPhone, Station, WorkflowServices,
};
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
        .plugin(tauri_plugin_notification::init())
        .on_permission_request(|_, kind| webview_media::answer_permission(kind))
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main")
                && let Err(error) = webview_media::enable_camera(&window)
            {
                tracing::warn!(%error, "the camera could not be turned on");
            }
            let station = Station::open(DataDir::resolve()?)?;
            let connection = station.connection().clone();
            app.manage(AdminService::new(connection.clone()));
            app.manage(SandboxPhone::new(connection.clone()));
            app.manage(commands::pdf::PdfDesk::start());
            let workflows = station.workflows().clone();
            app.manage(station);
            tauri::async_runtime::spawn(events::forward_station_events(
                app.handle().clone(),
                workflows.events().clone(),
            ));
            // The window shows at once; the embedded sandbox starts behind it and the UI
            // learns the outcome from the event.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = connection.warm_up().await {
                    tracing::error!(code = error.code(), %error, "embedded sandbox did not start");
                }
                events::connection_changed(&handle, &connection.overview().await);
                start_workflows(&workflows).await;
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::connection::connection_overview,
            commands::connection::choose_optimizer,
            commands::connection::test_connection,
            commands::connection::sign_in,
            commands::connection::sign_out,
            commands::connection::list_tokens,
            commands::admin::admin_health,
            commands::admin::admin_settings,
            commands::admin::admin_update_settings,
            commands::admin::admin_tokens,
            commands::admin::admin_look_up_token,
            commands::admin::admin_create_token,
            commands::admin::admin_delete_token,
            commands::admin::admin_metadata,
            commands::admin::admin_metadata_entry,
            commands::admin::admin_add_metadata,
            commands::admin::admin_delete_metadata,
            commands::admin::admin_delete_all_metadata,
            commands::admin::admin_signature_images,
            commands::admin::admin_add_signature_image,
            commands::admin::admin_signature_image_preview,
            commands::admin::admin_delete_signature_image,
            commands::admin::admin_delete_all_signature_images,
            commands::sign::sign_check_signer,
            commands::sign::sign_profile_defaults,
            commands::sign::sign_prepare_id_image,
            commands::sign::sign_prepare_captured_image,
            commands::sign::sign_start,
            commands::sign::sign_requests,
            commands::sign::sign_request,
            commands::sign::sign_confirm_contract,
            commands::sign::sign_resend_otp,
            commands::sign::sign_submit_code,
            commands::sign::sign_retry,
            commands::sign::sign_cancel,
            commands::pdf::pdf_summary,
            commands::pdf::pdf_page_image,
            commands::hash_sign::hash_sign_digest,
            commands::hash_sign::hash_sign_save_beside,
            commands::signed_document::signed_document_report,
            commands::signed_document::signed_document_save_copy,
            commands::signed_document::signed_document_open,
            commands::videoid::videoid_queue,
            commands::videoid::videoid_create,
            commands::videoid::videoid_request,
            commands::videoid::videoid_review,
            commands::videoid::videoid_video,
            commands::videoid::videoid_approve,
            commands::videoid::videoid_refuse,
            commands::videoid::videoid_cancel,
            commands::videoid::videoid_correct,
            commands::audit::audit_entries,
            commands::audit::audit_verify,
            commands::audit::audit_export,
            commands::sandbox_phone::sandbox_phone_messages,
            commands::sandbox_phone::sandbox_phone_play_video_id,
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
        if let (RunEvent::Exit, Some(station)) = (&event, app.try_state::<Station>()) {
            tauri::async_runtime::block_on(station.workflows().stop_services());
        }
        if let (RunEvent::Exit, Some(station)) = (event, app.try_state::<Station>())
            && let Err(error) = tauri::async_runtime::block_on(station.connection().shutdown())
        {
            tracing::warn!(%error, "embedded sandbox did not stop cleanly");
        }
    });
    ExitCode::SUCCESS
}

/// Starts the webhook receiver and the polling fallback, then brings requests left
/// unfinished by the last run to their next stop (when an RAO is signed in; else
/// they wait until the officer resumes them).
async fn start_workflows(workflows: &std::sync::Arc<station_core::Workflows>) {
    if let Err(error) = workflows.start_services(WorkflowServices::default()).await {
        tracing::error!(code = error.code(), %error, "workflow services did not start");
    }
    match workflows.resume_unfinished().await {
        Ok(resumed) => tracing::info!(requests = resumed.len(), "unfinished requests resumed"),
        Err(CoreError::NotSignedIn) => {}
        Err(error) => {
            tracing::warn!(code = error.code(), %error, "unfinished requests not resumed")
        }
    }
}
