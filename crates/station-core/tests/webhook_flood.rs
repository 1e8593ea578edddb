//! The webhook receiver under a flood: 5,000 posts from 200 senders at once,
//! mixing oversize bodies, broken JSON, unknown requests, wrong content types and
//! wrong secrets; then posts whose bodies never finish, holding the receiver's
//! slots. The receiver stays bounded (posts beyond its limit are answered 503 with
//! `Retry-After` at once, never queued), answers every post, logs the refusals as a
//! few counted warnings (not one line per post, never the URL's secret) and, after
//! the flood, still applies a real notification from the Optimizer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "workflow_support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use station_core::{
    PollingSettings, SignatureRequestDraft, SignerIdentity, StationEvent, WebhookSettings,
    WorkflowKind, WorkflowOptions, WorkflowServices,
};
use support::{SandboxServer, Station};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const POSTS: usize = 5_000;
const SENDERS: usize = 200;
/// Posts whose body never finishes: more than the receiver handles at once (64).
const STALLED: usize = 150;

/// The log, kept in memory to be searched.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Log {
    type Writer = Log;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Log {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// What a flooding post sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Post {
    Oversize,
    BrokenJson,
    UnknownRequest,
    WrongType,
    WrongSecret,
}

impl Post {
    fn of(index: usize) -> Self {
        [
            Post::Oversize,
            Post::BrokenJson,
            Post::UnknownRequest,
            Post::WrongType,
            Post::WrongSecret,
        ][index % 5]
    }
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

/// Sends one post; its status, or the transport error.
async fn send(
    client: &reqwest::Client,
    url: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Result<reqwest::Response, String> {
    client
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .map_err(|error| format!("{error:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_flood_is_bounded_logged_in_counts_and_survived() {
    let log = Log::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(log.clone())
        .init();

    let sandbox = SandboxServer::start().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(temp.path(), &sandbox.url, &sandbox.ca_pem().await).await;
    station
        .workflows
        .start_services(WorkflowServices {
            webhook: Some(WebhookSettings::default()),
            // Only the webhook may tell the station about the signer's session.
            polling: PollingSettings {
                first: Duration::from_secs(3600),
                max: Duration::from_secs(3600),
            },
        })
        .await
        .unwrap();
    let url = station.workflows.webhook_url().await.unwrap().unwrap();
    let secret = url
        .split("/webhook/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let wrong_secret_url = url.replace(&secret, &"0".repeat(secret.len()));
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

    // The flood.
    let started = Instant::now();
    let client = reqwest::Client::new();
    let mut senders = tokio::task::JoinSet::new();
    for sender in 0..SENDERS {
        let client = client.clone();
        let url = url.clone();
        let wrong_secret_url = wrong_secret_url.clone();
        senders.spawn(async move {
            let mut seen = Vec::new();
            for index in (sender..POSTS).step_by(SENDERS) {
                let post = Post::of(index);
                let unknown = pk + 1_000 + index as u64;
                let (target, content_type, body) = match post {
                    Post::Oversize => (url.as_str(), "application/json", vec![b' '; 70 * 1024]),
                    Post::BrokenJson => {
                        (url.as_str(), "application/json", b"{\"status\":".to_vec())
                    }
                    Post::UnknownRequest => (
                        url.as_str(),
                        "application/json",
                        notification(unknown, "VIDEOREVIEW"),
                    ),
                    Post::WrongType => (url.as_str(), "text/plain", notification(pk, "VIDEOERROR")),
                    Post::WrongSecret => (
                        wrong_secret_url.as_str(),
                        "application/json",
                        notification(pk, "VIDEOERROR"),
                    ),
                };
                let answer = send(&client, target, content_type, body).await;
                seen.push((post, answer.map(|response| response.status().as_u16())));
            }
            seen
        });
    }
    let mut outcomes: BTreeMap<(Post, String), usize> = BTreeMap::new();
    let mut refused = 0usize;
    let mut transport_errors = Vec::new();
    while let Some(seen) = senders.join_next().await {
        for (post, answer) in seen.unwrap() {
            let key = match &answer {
                Ok(status) => status.to_string(),
                Err(_) => "transport error".to_owned(),
            };
            match answer {
                Ok(status) if status >= 400 => refused += 1,
                Ok(_) => {}
                Err(error) => transport_errors.push((post, error)),
            }
            *outcomes.entry((post, key)).or_default() += 1;
        }
    }
    let flood_time = started.elapsed();
    println!("flood of {POSTS} posts from {SENDERS} senders in {flood_time:?}:");
    for ((post, answer), count) in &outcomes {
        println!("  {post:?} → {answer}: {count}");
    }
    for (post, answer) in outcomes.keys() {
        let allowed: &[&str] = match post {
            // Refused as too large; 503 if it met a full receiver first.
            Post::Oversize => &["413", "503", "transport error"],
            Post::BrokenJson => &["400", "503"],
            Post::UnknownRequest => &["204", "503"],
            Post::WrongType => &["415", "503"],
            Post::WrongSecret => &["404", "503"],
        };
        assert!(
            allowed.contains(&answer.as_str()),
            "{post:?} answered {answer}"
        );
    }
    // A body refused before it is read may break the sender's write; nothing else may.
    assert!(
        transport_errors
            .iter()
            .all(|(post, _)| *post == Post::Oversize),
        "{transport_errors:?}"
    );

    // Posts that never finish their body hold the receiver's slots: once they are
    // all taken, a post is turned away at once rather than waiting in a queue.
    let address = url
        .strip_prefix("http://")
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let path = url.splitn(4, '/').nth(3).unwrap().to_owned();
    let mut stalled = Vec::new();
    for _ in 0..STALLED {
        let mut stream = TcpStream::connect(&address).await.unwrap();
        let head = format!(
            "POST /{path} HTTP/1.1\r\nhost: {address}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{{\"status\":"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stalled.push(stream);
    }
    let mut turned_away = None;
    let hang_guard = Instant::now();
    while turned_away.is_none() {
        assert!(
            hang_guard.elapsed() < Duration::from_secs(60),
            "the stalled posts never filled the receiver"
        );
        let answer = send(&client, &url, "application/json", notification(pk + 7, "X"))
            .await
            .unwrap();
        if answer.status() == 503 {
            turned_away = Some(answer);
        } else {
            refused += usize::from(answer.status().as_u16() >= 400);
        }
    }
    let busy = turned_away.unwrap();
    refused += 1;
    assert!(busy.headers().contains_key("retry-after"), "{busy:?}");
    // Every further post is refused too while the stalled ones hold the slots.
    for _ in 0..50 {
        let answer = send(&client, &url, "application/json", notification(pk + 7, "X"))
            .await
            .unwrap();
        assert_eq!(answer.status(), 503);
        refused += 1;
    }
    drop(stalled);

    // The Optimizer tries again later, as told: the receiver is free once the
    // stalled posts are gone and the workflows have taken the queued notifications.
    let hang_guard = Instant::now();
    loop {
        assert!(
            hang_guard.elapsed() < Duration::from_secs(60),
            "the receiver never recovered"
        );
        let status = send(&client, &url, "application/json", notification(pk + 9, "X"))
            .await
            .unwrap()
            .status();
        if status == 204 {
            break;
        }
        refused += usize::from(status.as_u16() >= 400);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A real notification: the signer leaves the session, the sandbox posts it.
    let mut events = station.workflows.events().subscribe();
    sandbox.complete_session(pk, "incomplete").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let event = tokio::time::timeout_at(deadline, events.recv())
            .await
            .expect("the real notification is applied after the flood")
            .unwrap();
        if let StationEvent::RequestStatusChanged {
            request,
            server_status,
            ..
        } = event
            && request == view.id
            && server_status.as_deref() == Some("VIDEOINCOMPLETE")
        {
            break;
        }
    }
    let queue = station.workflows.videoid_queue().await.unwrap();
    assert_eq!(queue[0].status, "VIDEOINCOMPLETE");
    station.workflows.stop_services().await;

    // The log: a few counted warnings, summing to what was refused.
    std::io::stdout().flush().unwrap();
    let text = log.text();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("webhook receiver refused posts"))
        .collect();
    let logged: usize = warnings
        .iter()
        .map(|line| {
            line.split("refused=")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|count| count.parse::<usize>().ok())
                .unwrap()
        })
        .sum();
    let oversize_broken = transport_errors.len();
    println!(
        "refused {refused} (+{STALLED} stalled, +{oversize_broken} oversize posts cut off), \
         logged as {} warnings counting {logged}; {} log lines in all",
        warnings.len(),
        text.lines().count()
    );
    for warning in &warnings {
        println!("  {warning}");
    }
    // The stalled posts are refused too: busy at once, or unreadable once dropped.
    let refused = refused + STALLED;
    assert!(
        logged >= refused && logged <= refused + oversize_broken,
        "the warnings count every refusal: {logged} logged, {refused} refused"
    );
    // One warning at once, then at most one per 10 s, plus the count at shutdown.
    let run_time = started.elapsed().as_secs() as usize;
    assert!(
        !warnings.is_empty() && warnings.len() <= 2 + run_time / 10,
        "{} warnings in {run_time} s",
        warnings.len()
    );
    assert!(
        text.lines().count() < 100,
        "no line per post: {} lines",
        text.lines().count()
    );
    assert!(!text.contains(&secret), "the URL's secret is never logged");
}
