//! Connection commands: which Optimizer, its test, the RAO's sign-in.

use station_core::{
    ConnectionOverview, ConnectionReport, OptimizerProfile, SignIn, Station, TokenSummary,
};
use tauri::{AppHandle, State};

use crate::error::Result;
use crate::events;

/// The Optimizer in use, the sandbox's state, the vault's and the signed-in RAO.
#[tauri::command]
pub async fn connection_overview(station: State<'_, Station>) -> Result<ConnectionOverview> {
    Ok(station.connection().overview().await)
}

/// Checks `profile` and makes it the Optimizer in use.
#[tauri::command]
pub async fn choose_optimizer(
    app: AppHandle,
    station: State<'_, Station>,
    profile: OptimizerProfile,
) -> Result<ConnectionOverview> {
    let overview = station.connection().choose_optimizer(profile).await?;
    events::connection_changed(&app, &overview);
    Ok(overview)
}

/// hello and version of the Optimizer in use.
#[tauri::command]
pub async fn test_connection(station: State<'_, Station>) -> Result<ConnectionReport> {
    Ok(station.connection().test().await?)
}

/// Signs the RAO in with a token or with username, password and PIN.
#[tauri::command]
pub async fn sign_in(
    app: AppHandle,
    station: State<'_, Station>,
    request: SignIn,
) -> Result<ConnectionOverview> {
    let overview = station.connection().sign_in(request).await?;
    events::connection_changed(&app, &overview);
    Ok(overview)
}

/// Signs the RAO out and forgets their secrets.
#[tauri::command]
pub async fn sign_out(app: AppHandle, station: State<'_, Station>) -> Result<ConnectionOverview> {
    let overview = station.connection().sign_out().await?;
    events::connection_changed(&app, &overview);
    Ok(overview)
}

/// The tokens the Optimizer in use holds.
#[tauri::command]
pub async fn list_tokens(station: State<'_, Station>) -> Result<Vec<TokenSummary>> {
    Ok(station.connection().tokens().await?)
}
