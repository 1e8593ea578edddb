//! The camera for the ID capture step. WebKitGTK ships with `getUserMedia` switched off,
//! so on Linux the station turns the media stream on in its own webview; on every
//! platform the webview may ask for the camera and nothing else.

use tauri::webview::{PermissionKind, PermissionResponse};

/// Set to `1` to give the webview WebKit's mock cameras instead of the real ones, for the
/// WebDriver tests under Xvfb (which have no camera). Never set by the station itself.
pub const MOCK_CAMERA_ENV: &str = "ONESHOT_STATION_MOCK_CAMERA";

/// The answer to the webview's permission requests: the camera (the officer presses
/// "Use camera" for it); no microphone, screen, location, notifications or anything else.
pub fn answer_permission(kind: PermissionKind) -> PermissionResponse {
    match kind {
        PermissionKind::Camera => PermissionResponse::Allow,
        _ => PermissionResponse::Deny,
    }
}

/// Whether the environment asks for WebKit's mock cameras.
pub fn mock_camera_requested() -> bool {
    std::env::var(MOCK_CAMERA_ENV).is_ok_and(|value| value == "1")
}

/// Turns on the media stream of the window's webview (and the mock cameras when asked).
#[cfg(target_os = "linux")]
pub fn enable_camera<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    let mock = mock_camera_requested();
    window.with_webview(move |webview| {
        use webkit2gtk::{SettingsExt as _, WebViewExt as _};
        let Some(settings) = webview.inner().settings() else {
            tracing::warn!("the webview has no settings: the camera stays off");
            return;
        };
        settings.set_enable_media_stream(true);
        if mock {
            tracing::warn!("{MOCK_CAMERA_ENV}=1: the webview sees WebKit's mock cameras");
            settings.set_enable_mock_capture_devices(true);
        }
    })
}

/// Other platforms' webviews have the media stream on already.
#[cfg(not(target_os = "linux"))]
pub fn enable_camera<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) -> tauri::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_camera_is_allowed() {
        assert_eq!(
            answer_permission(PermissionKind::Camera),
            PermissionResponse::Allow
        );
        for kind in [
            PermissionKind::Microphone,
            PermissionKind::Geolocation,
            PermissionKind::Notifications,
            PermissionKind::DisplayCapture,
            PermissionKind::ClipboardRead,
            PermissionKind::Other,
        ] {
            assert_eq!(
                answer_permission(kind),
                PermissionResponse::Deny,
                "{kind:?}"
            );
        }
    }
}
