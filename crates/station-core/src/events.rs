//! Events the UI subscribes to: the backend is the source of truth and tells the UI
//! what changed, so screens never poll.

use serde::Serialize;
use tokio::sync::broadcast;
use ts_rs::TS;

use crate::workflows::{RequestId, RequestPhase, StepName};

/// How many events a slow subscriber may fall behind before it misses some; a
/// subscriber that lags re-reads the state it shows (every event is also reflected
/// in the store).
const CAPACITY: usize = 1024;

/// Something the UI may want to show at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum StationEvent {
    /// A signature request moved: another step, another phase, or the Optimizer
    /// reported another status.
    #[serde(rename_all = "camelCase")]
    RequestStatusChanged {
        /// The request.
        request: RequestId,
        /// Where the workflow stands now.
        phase: RequestPhase,
        /// The step it is at, when not finished.
        step: Option<StepName>,
        /// The Optimizer's status word, when known.
        server_status: Option<String>,
    },
    /// Bytes of the request's documents sent to the Optimizer so far.
    #[serde(rename_all = "camelCase")]
    UploadProgress {
        /// The request.
        request: RequestId,
        /// Bytes sent.
        #[ts(type = "number")]
        done: u64,
        /// Bytes to send in all, when known.
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
    /// How far the signature of a request has come.
    #[serde(rename_all = "camelCase")]
    SignProgress {
        /// The request.
        request: RequestId,
        /// The stage reached.
        stage: SignStage,
    },
    /// The Video ID queue changed (a request was added, changed status or left it).
    QueueChanged,
    /// A Video ID request has just reached VIDEOREVIEW: an officer should review it.
    /// Sent once per arrival, so the desktop can tell the officer even away from the queue.
    #[serde(rename_all = "camelCase")]
    VideoIdReadyForReview {
        /// The request.
        request: RequestId,
        /// The Optimizer's pk, the number officers quote.
        #[ts(type = "number")]
        optimizer_pk: u64,
        /// Who is being identified.
        signer: String,
    },
}

/// Stages of a signature as the UI shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "camelCase")]
pub enum SignStage {
    /// The sign call was sent.
    Sent,
    /// The Optimizer signs in the background (asynchronous mode); its last word.
    #[serde(rename_all = "camelCase")]
    InProgress {
        /// The asynchronous status word, e.g. `pending`.
        status: String,
    },
    /// The Optimizer has issued the certificate and signed the documents.
    Signed,
    /// Signed documents saved in the backup folder so far.
    #[serde(rename_all = "camelCase")]
    Fetched {
        /// Documents saved.
        done: u32,
        /// Documents in all.
        total: u32,
    },
    /// Every signed document was checked locally.
    Verified,
}

/// The station's event channel. Cheap to clone; sending never blocks and never
/// fails when nobody listens.
#[derive(Debug, Clone)]
pub struct EventBus {
    sender: broadcast::Sender<StationEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    /// A channel with no subscriber yet.
    pub fn new() -> Self {
        Self {
            sender: broadcast::channel(CAPACITY).0,
        }
    }

    /// Every event from now on. A receiver that falls more than 1024 events behind
    /// gets `RecvError::Lagged` and should reload what it shows.
    pub fn subscribe(&self) -> broadcast::Receiver<StationEvent> {
        self.sender.subscribe()
    }

    /// Tells every subscriber; with none, the event is dropped.
    pub fn emit(&self, event: StationEvent) {
        let _nobody_listens = self.sender.send(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_serialize_tagged_for_the_ui() {
        let event = StationEvent::UploadProgress {
            request: RequestId::from_raw("ab12"),
            done: 10,
            total: Some(20),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "uploadProgress", "request": "ab12", "done": 10, "total": 20})
        );
        let stage = StationEvent::SignProgress {
            request: RequestId::from_raw("ab12"),
            stage: SignStage::Fetched { done: 1, total: 2 },
        };
        assert_eq!(
            serde_json::to_value(&stage).unwrap()["stage"],
            serde_json::json!({"stage": "fetched", "done": 1, "total": 2})
        );
    }

    #[test]
    fn the_ui_gets_typescript_declarations_matching_the_json() {
        use ts_rs::TS;
        let declaration = StationEvent::decl();
        for name in [
            "requestStatusChanged",
            "uploadProgress",
            "signProgress",
            "queueChanged",
        ] {
            assert!(declaration.contains(name), "{declaration}");
        }
        assert!(SignStage::decl().contains("\"fetched\""));
        assert!(crate::workflows::SignatureRequestView::decl().contains("officerTask"));
        assert!(crate::workflows::OfficerTask::decl().contains("enterCode"));
    }

    #[tokio::test]
    async fn subscribers_receive_and_nobody_listening_is_fine() {
        let bus = EventBus::new();
        bus.emit(StationEvent::QueueChanged);
        let mut receiver = bus.subscribe();
        bus.emit(StationEvent::QueueChanged);
        assert_eq!(receiver.recv().await.unwrap(), StationEvent::QueueChanged);
    }
}
