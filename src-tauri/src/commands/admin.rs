//! Administration commands: the Optimizer's health, settings, tokens, metadata and
//! signature pictures.

use std::path::PathBuf;

use station_core::{
    AdminService, AdminSettings, AdminToken, CreatedToken, MetadataEntry, NewMetadata, NewRaoToken,
    OptimizerHealth, Secret, SettingsUpdate, SignatureImage, SignatureImagePreview,
};
use tauri::State;

use crate::error::Result;

/// hello and version of the Optimizer in use, with their round trips.
#[tauri::command]
pub async fn admin_health(admin: State<'_, AdminService>) -> Result<OptimizerHealth> {
    Ok(admin.health().await?)
}

/// The Optimizer's settings.
#[tauri::command]
pub async fn admin_settings(admin: State<'_, AdminService>) -> Result<AdminSettings> {
    Ok(admin.settings().await?)
}

/// Changes the settings given; answers them all.
#[tauri::command]
pub async fn admin_update_settings(
    admin: State<'_, AdminService>,
    update: SettingsUpdate,
) -> Result<AdminSettings> {
    Ok(admin.update_settings(update).await?)
}

/// The tokens the Optimizer holds.
#[tauri::command]
pub async fn admin_tokens(admin: State<'_, AdminService>) -> Result<Vec<AdminToken>> {
    Ok(admin.tokens().await?)
}

/// What the Optimizer holds for a pasted token.
#[tauri::command]
pub async fn admin_look_up_token(
    admin: State<'_, AdminService>,
    token: Secret,
) -> Result<AdminToken> {
    Ok(admin.look_up_token(token).await?)
}

/// Creates a token for an RAO; its value comes back this once.
#[tauri::command]
pub async fn admin_create_token(
    admin: State<'_, AdminService>,
    request: NewRaoToken,
) -> Result<CreatedToken> {
    Ok(admin.create_token(request).await?)
}

/// Deletes a token by its id; answers the tokens left.
#[tauri::command]
pub async fn admin_delete_token(
    admin: State<'_, AdminService>,
    id: String,
) -> Result<Vec<AdminToken>> {
    Ok(admin.delete_token(&id).await?)
}

/// The metadata entries.
#[tauri::command]
pub async fn admin_metadata(admin: State<'_, AdminService>) -> Result<Vec<MetadataEntry>> {
    Ok(admin.metadata().await?)
}

/// One metadata entry.
#[tauri::command]
pub async fn admin_metadata_entry(
    admin: State<'_, AdminService>,
    uid: String,
) -> Result<MetadataEntry> {
    Ok(admin.metadata_entry(&uid).await?)
}

/// Adds a metadata entry.
#[tauri::command]
pub async fn admin_add_metadata(
    admin: State<'_, AdminService>,
    request: NewMetadata,
) -> Result<MetadataEntry> {
    Ok(admin.add_metadata(request).await?)
}

/// Deletes one metadata entry; answers those left.
#[tauri::command]
pub async fn admin_delete_metadata(
    admin: State<'_, AdminService>,
    uid: String,
) -> Result<Vec<MetadataEntry>> {
    Ok(admin.delete_metadata(&uid).await?)
}

/// Deletes every metadata entry.
#[tauri::command]
pub async fn admin_delete_all_metadata(admin: State<'_, AdminService>) -> Result<()> {
    Ok(admin.delete_all_metadata().await?)
}

/// The signature pictures.
#[tauri::command]
pub async fn admin_signature_images(admin: State<'_, AdminService>) -> Result<Vec<SignatureImage>> {
    Ok(admin.signature_images().await?)
}

/// Uploads a PNG or JPEG signature picture; answers the pictures now held.
#[tauri::command]
pub async fn admin_add_signature_image(
    admin: State<'_, AdminService>,
    path: PathBuf,
) -> Result<Vec<SignatureImage>> {
    Ok(admin.add_signature_image(path).await?)
}

/// One signature picture, as a data URL.
#[tauri::command]
pub async fn admin_signature_image_preview(
    admin: State<'_, AdminService>,
    uid: String,
) -> Result<SignatureImagePreview> {
    Ok(admin.signature_image_preview(&uid).await?)
}

/// Deletes one signature picture; answers those left.
#[tauri::command]
pub async fn admin_delete_signature_image(
    admin: State<'_, AdminService>,
    uid: String,
) -> Result<Vec<SignatureImage>> {
    Ok(admin.delete_signature_image(&uid).await?)
}

/// Deletes every signature picture.
#[tauri::command]
pub async fn admin_delete_all_signature_images(admin: State<'_, AdminService>) -> Result<()> {
    Ok(admin.delete_all_signature_images().await?)
}
