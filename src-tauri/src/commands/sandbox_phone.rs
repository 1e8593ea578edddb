//! Sandbox phone commands: the signer's OTP messages and the end user's Video ID
//! session, on the embedded sandbox only.

use station_core::{PhoneMessage, SandboxPhone, VideoIdOutcome};
use tauri::State;

use crate::error::Result;

/// The OTP messages sent so far, newest first; only `request`'s when given.
#[tauri::command]
pub async fn sandbox_phone_messages(
    phone: State<'_, SandboxPhone>,
    request: Option<u64>,
) -> Result<Vec<PhoneMessage>> {
    Ok(phone.messages(request).await?)
}

/// Ends the end user's Video ID session of request `pk` with `outcome`.
#[tauri::command]
pub async fn sandbox_phone_play_video_id(
    phone: State<'_, SandboxPhone>,
    pk: u64,
    outcome: VideoIdOutcome,
) -> Result<()> {
    Ok(phone.play_video_id(pk, outcome).await?)
}
