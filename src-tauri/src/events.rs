//! Events the backend emits; the UI applies their payloads to its state.

use station_core::ConnectionOverview;
use tauri::{AppHandle, Emitter};

/// Emitted with a [`ConnectionOverview`] whenever the connection state changes: the
/// embedded sandbox started or failed, another Optimizer was chosen, an RAO signed in or out.
pub const CONNECTION_CHANGED: &str = "connection-changed";

/// Tells every window the new connection state. A window that misses it still gets
/// the same state from the command's answer or the next overview, so a failure is logged only.
pub fn connection_changed(app: &AppHandle, overview: &ConnectionOverview) {
    if let Err(error) = app.emit(CONNECTION_CHANGED, overview) {
        tracing::warn!(%error, "could not emit {CONNECTION_CHANGED}");
    }
}
