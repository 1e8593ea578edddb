//! Generates the Tauri context and the permissions of the station's own commands, so the
//! capability file can allow exactly the commands the UI calls.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "connection_overview",
        "choose_optimizer",
        "test_connection",
        "sign_in",
        "sign_out",
        "list_tokens",
        "admin_health",
        "admin_settings",
        "admin_update_settings",
        "admin_tokens",
        "admin_look_up_token",
        "admin_create_token",
        "admin_delete_token",
        "admin_metadata",
        "admin_metadata_entry",
        "admin_add_metadata",
        "admin_delete_metadata",
        "admin_delete_all_metadata",
        "admin_signature_images",
        "admin_add_signature_image",
        "admin_signature_image_preview",
        "admin_delete_signature_image",
        "admin_delete_all_signature_images",
        "sign_check_signer",
        "sign_profile_defaults",
        "sign_prepare_id_image",
        "sign_start",
        "sign_requests",
        "sign_request",
        "sign_confirm_contract",
        "sign_resend_otp",
        "sign_submit_code",
        "sign_retry",
        "sign_cancel",
        "pdf_summary",
        "pdf_page_image",
        "hash_sign_digest",
        "hash_sign_save_beside",
        "videoid_queue",
        "videoid_create",
        "videoid_request",
        "videoid_review",
        "videoid_video",
        "videoid_approve",
        "videoid_refuse",
        "videoid_cancel",
        "videoid_correct",
        "audit_entries",
        "audit_verify",
        "audit_export",
        "sandbox_phone_messages",
        "sandbox_phone_play_video_id",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {error:#}");
    }
}
