//! Arbitrary bodies and content types sent to the sandbox's multipart upload
//! endpoints, through the real router in process: never a panic, never a 5xx,
//! and every refusal is the API's JSON envelope with a 4xx status.
//!
//! Input: one byte picks the endpoint, then the `Content-Type` up to the first
//! newline, then the body.
#![no_main]

use std::sync::{Mutex, OnceLock};

use axum::body::Body;
use axum::http::{Request, header};
use libfuzzer_sys::fuzz_target;
use oneshot_fuzz::{block_on, multipart_content_type, request_form};
use oneshot_sandbox::fuzzing::InProcess;
use serde_json::Value;

/// The app over a scratch data directory, with a request to upload documents
/// to and a Video ID session to upload a video to.
struct World {
    app: InProcess,
    request: u64,
    /// Replaced when an upload ends the session (the video taken or refused).
    videoid: Mutex<u64>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        // Kept for the whole run, in the TMPDIR that run.sh and `cargo xtask test` remove.
        let dir = tempfile::tempdir().expect("a temp dir").keep();
        block_on(async {
            let app = InProcess::open(&dir, "http://sandbox.invalid")
                .await
                .expect("the sandbox app");
            let (status, answer) = send(
                &app,
                "/api/v1/request",
                Some(multipart_content_type()),
                request_form(),
            )
            .await;
            assert_eq!(status, 201, "{answer}");
            let request = answer["details"].as_u64().expect("a request pk");
            let videoid = new_videoid(&app).await;
            World {
                app,
                request,
                videoid: Mutex::new(videoid),
            }
        })
    })
}

async fn new_videoid(app: &InProcess) -> u64 {
    let body = br#"{"email": "lucja@example.com", "mobile_phone_number": "+34600123123"}"#;
    let (status, answer) = send(
        app,
        "/api/v1/videoid",
        Some("application/json".into()),
        body.to_vec(),
    )
    .await;
    // The Optimizer answers this creation 200, not 201.
    assert_eq!(status, 200, "{answer}");
    // The Video ID endpoints take the request's pk.
    answer["details"]["request_pk"]
        .as_u64()
        .expect("a request pk")
}

async fn send(
    app: &InProcess,
    path: &str,
    content_type: Option<String>,
    body: Vec<u8>,
) -> (u16, Value) {
    let mut request = Request::post(path);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let request = match request.body(Body::from(body)) {
        Ok(request) => request,
        // Not a header value HTTP could carry: no client can send it.
        Err(_) => return (400, Value::Null),
    };
    let response = app.call(request).await;
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("the answer body");
    let answer = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!(
            "HTTP {status} answer is not JSON ({error}): {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, answer)
}

fuzz_target!(|input: &[u8]| {
    let Some((&selector, rest)) = input.split_first() else {
        return;
    };
    let (content_type, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(end) => (
            Some(String::from_utf8_lossy(&rest[..end]).into_owned()),
            &rest[end + 1..],
        ),
        None => (None, rest),
    };
    let world = world();
    block_on(async {
        let mut replaced = false;
        loop {
            let videoid = *world.videoid.lock().expect("not poisoned");
            let path = match selector % 4 {
                0 => "/api/v1/request".to_owned(),
                1 => format!("/api/v1/document/{}", world.request),
                2 => "/api/v1/image".to_owned(),
                _ => format!("/api/v1/videoid/{videoid}/evidences/video"),
            };
            let (status, answer) =
                send(&world.app, &path, content_type.clone(), body.to_vec()).await;
            if answer.is_null() {
                return;
            }
            assert!(status < 500, "{path}: HTTP {status} {answer}");
            let envelope_status = answer["status"].as_str().unwrap_or_default();
            assert!(
                envelope_status.starts_with(&status.to_string()),
                "{path}: HTTP {status} with envelope {answer}"
            );
            if selector % 4 == 3 && status == 412 && !replaced {
                // An earlier input ended the session (a video was taken or
                // refused): start another and send this input again.
                *world.videoid.lock().expect("not poisoned") = new_videoid(&world.app).await;
                replaced = true;
                continue;
            }
            return;
        }
    });
});
