//! The webhook receiver: only the secret path, only JSON, only the notification's
//! fields, at most 64 KiB; an accepted notification updates the Video ID queue and
//! the request, and is announced as events. Refused posts change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use std::time::Duration;

use station_core::{
    PollingSettings, RequestPhase, SignatureRequestDraft, SignerIdentity, StationEvent,
    WebhookSettings, WorkflowKind, WorkflowOptions, WorkflowServices,
};
use support::{SandboxServer, Station};

async fn post(url: &str, content_type: &str, body: Vec<u8>) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
}

fn notification(pk: u64, status: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "status": status,
        "date": "2026-02-03T08:08:21.132394",
        "previous_status": "VIDEOPENDING",
        "request": pk,
        "registration_authority": 139,
    }))
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn only_well_formed_notifications_on_the_secret_path_change_anything() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(temp.path(), &sandbox.url, &sandbox.ca_pem().await).await;
    station
        .workflows
        .start_services(WorkflowServices {
            webhook: Some(WebhookSettings::default()),
            // Polling would also find the change; keep it out of the way.
            polling: PollingSettings {
                first: Duration::from_secs(3600),
                max: Duration::from_secs(3600),
            },
        })
        .await
        .unwrap();
    let url = station.workflows.webhook_url().await.unwrap().unwrap();
    let view = station
        .workflows
        .start(SignatureRequestDraft {
            kind: WorkflowKind::VideoIdEidas,
            signer: SignerIdentity {
                email: "lucia.perez@example.org".into(),
                mobile_phone_number: "+34600111222".into(),
                ..SignerIdentity::default()
            },
            id_images: Default::default(),
            documents: Vec::new(),
            options: WorkflowOptions::default(),
        })
        .await
        .unwrap();
    let pk = view.optimizer_pk.unwrap();
    let queue_status = || async {
        station.workflows.videoid_queue().await.unwrap()[0]
            .status
            .clone()
    };
    assert_eq!(queue_status().await, "VIDEOPENDING");

    let base = url.rsplit_once("/webhook/").unwrap().0.to_owned();
    let refused = [
        (
            format!("{base}/webhook/{}/1", "0".repeat(64)),
            "application/json",
            notification(pk, "VIDEOERROR"),
            404,
        ),
        (
            format!("{base}/webhook"),
            "application/json",
            notification(pk, "VIDEOERROR"),
            404,
        ),
        (
            format!("{base}/other"),
            "application/json",
            notification(pk, "VIDEOERROR"),
            404,
        ),
        (
            url.clone(),
            "text/plain",
            notification(pk, "VIDEOERROR"),
            415,
        ),
        (
            url.clone(),
            "application/json",
            b"{\"status\":".to_vec(),
            400,
        ),
        (
            url.clone(),
            "application/json",
            br#"{"status":"VIDEOERROR","request":1,"admin":true}"#.to_vec(),
            400,
        ),
        (
            url.clone(),
            "application/json",
            br#"{"status":"VIDEOERROR"}"#.to_vec(),
            400,
        ),
        (url.clone(), "application/json", vec![b' '; 70 * 1024], 413),
    ];
    for (target, content_type, body, expected) in refused {
        assert_eq!(
            post(&target, content_type, body).await.as_u16(),
            expected,
            "{target} {content_type}"
        );
    }
    assert_eq!(
        queue_status().await,
        "VIDEOPENDING",
        "refused posts change nothing"
    );

    // A notification for a request the station does not follow is accepted and ignored.
    assert_eq!(
        post(
            &url,
            "application/json",
            notification(pk + 1000, "VIDEOREVIEW")
        )
        .await
        .as_u16(),
        204
    );

    // The signer leaves the session unfinished; the sandbox posts that to the
    // receiver, the only way the station can learn it here.
    let mut events = station.workflows.events().subscribe();
    sandbox.complete_session(pk, "incomplete").await;
    let mut saw_queue = false;
    let mut saw_status = false;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !(saw_queue && saw_status) {
        let event = tokio::time::timeout_at(deadline, events.recv())
            .await
            .unwrap()
            .unwrap();
        match event {
            StationEvent::QueueChanged => saw_queue = true,
            StationEvent::RequestStatusChanged {
                request,
                server_status,
                ..
            } if request == view.id && server_status.as_deref() == Some("VIDEOINCOMPLETE") => {
                saw_status = true;
            }
            _ => {}
        }
    }
    let queue = station.workflows.videoid_queue().await.unwrap();
    assert_eq!(queue[0].status, "VIDEOINCOMPLETE");
    assert!(queue[0].registration_authority.is_some());
    // A repeated notification is accepted and changes nothing more.
    assert_eq!(
        post(
            &url,
            "application/json; charset=utf-8",
            notification(pk, "VIDEOINCOMPLETE")
        )
        .await
        .as_u16(),
        204
    );
    // The session may still be retried by the signer: the request keeps waiting.
    let view = station.workflows.request(&view.id).await.unwrap();
    assert_eq!(view.phase, RequestPhase::WaitingForOptimizer);
    station.workflows.stop_services().await;
    assert_eq!(station.workflows.webhook_url().await.unwrap(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_webhook_url_survives_a_restart() {
    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let ca = sandbox.ca_pem().await;
    let first = {
        let station = Station::open(temp.path(), &sandbox.url, &ca).await;
        station
            .workflows
            .start_services(WorkflowServices::default())
            .await
            .unwrap();
        let url = station.workflows.webhook_url().await.unwrap().unwrap();
        station.workflows.stop_services().await;
        url
    };
    let station = Station::open(temp.path(), &sandbox.url, &ca).await;
    station
        .workflows
        .start_services(WorkflowServices::default())
        .await
        .unwrap();
    let second = station.workflows.webhook_url().await.unwrap().unwrap();
    assert_eq!(first, second, "same secret and, when free, the same port");
    assert!(second.contains("/webhook/") && second.len() > 64);
    station.workflows.stop_services().await;
}
