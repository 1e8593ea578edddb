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
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        panic!("tauri build step failed: {error:#}");
    }
}
