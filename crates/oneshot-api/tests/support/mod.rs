//! A canned-answer HTTP server for decoding tests: every connection gets the
//! same raw answer, so tests can feed the client any body, hostile ones included.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A running canned server.
pub struct Canned {
    pub base_url: String,
    hits: Arc<AtomicUsize>,
}

impl Canned {
    /// How many requests it received.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// Serves `status` (e.g. 200) with `content_type` and `body` to every request.
pub async fn serve(status: u16, content_type: &str, body: Vec<u8>) -> Canned {
    let content_type = content_type.to_owned();
    serve_raw(move |_, _| {
        let mut answer = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        answer.extend_from_slice(&body);
        answer
    })
    .await
}

/// Serves the bytes `answer(hit_number, request)` returns, verbatim, then closes.
pub async fn serve_raw(answer: impl Fn(usize, &[u8]) -> Vec<u8> + Send + Sync + 'static) -> Canned {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let hit = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let answer = Arc::clone(&answer);
            tokio::spawn(async move {
                let request = read_request(&mut socket).await;
                let bytes = answer(hit, &request);
                let _ = socket.write_all(&bytes).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    Canned { base_url, hits }
}

/// Reads the request head and a Content-Length body, enough for HTTP/1.1 clients.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let Ok(read) = socket.read(&mut chunk).await else {
            return buffer;
        };
        if read == 0 {
            return buffer;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while buffer.len() - end - 4 < length {
                let Ok(read) = socket.read(&mut chunk).await else {
                    return buffer;
                };
                if read == 0 {
                    return buffer;
                }
                buffer.extend_from_slice(&chunk[..read]);
            }
            return buffer;
        }
    }
}

/// An HTTP answer with a JSON body.
pub fn json_answer(status: u16, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// How often `needle` occurs in `haystack`.
pub fn count(haystack: &[u8], needle: &str) -> usize {
    haystack
        .windows(needle.len())
        .filter(|window| *window == needle.as_bytes())
        .count()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A client of `base_url` with fast retries.
pub fn client(base_url: &str) -> oneshot_api::Client {
    oneshot_api::Client::new(oneshot_api::ClientOptions::new(base_url).retry(
        oneshot_api::RetryPolicy::new(
            3,
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(20),
        ),
    ))
    .unwrap()
}

/// The text of a fixture file.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
