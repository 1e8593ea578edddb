//! Events the backend emits; the UI applies their payloads to its state.

use station_core::{ConnectionOverview, EventBus, StationEvent};
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::error::RecvError;

/// Emitted with a [`ConnectionOverview`] whenever the connection state changes: the
/// embedded sandbox started or failed, another Optimizer was chosen, an RAO signed in or out.
pub const CONNECTION_CHANGED: &str = "connection-changed";

/// Emitted with each [`StationEvent`] of the workflows: a request moved, upload and
/// signature progress, the Video ID queue changed.
pub const STATION_EVENT: &str = "station-event";

/// Tells every window the new connection state. A window that misses it still gets
/// the same state from the command's answer or the next overview, so a failure is logged only.
pub fn connection_changed(app: &AppHandle, overview: &ConnectionOverview) {
    if let Err(error) = app.emit(CONNECTION_CHANGED, overview) {
        tracing::warn!(%error, "could not emit {CONNECTION_CHANGED}");
    }
}

/// Forwards the workflows' events to the windows until the bus closes. A window
/// that falls behind re-reads what it shows, so lagging only logs.
pub async fn forward_station_events(app: AppHandle, bus: EventBus) {
    let mut events = bus.subscribe();
    loop {
        match events.recv().await {
            Ok(event) => emit_station_event(&app, &event),
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!(missed, "the UI missed workflow events");
            }
            Err(RecvError::Closed) => return,
        }
    }
}

fn emit_station_event(app: &AppHandle, event: &StationEvent) {
    if let Err(error) = app.emit(STATION_EVENT, event) {
        tracing::warn!(%error, "could not emit {STATION_EVENT}");
    }
}
