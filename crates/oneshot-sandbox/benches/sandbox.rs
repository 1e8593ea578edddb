//! Sandbox Optimizer benchmark (not a test): signed documents per second and
//! the latency of workflow W1 on loopback.
//!
//! Run with `cargo bench -p oneshot-sandbox` (release profile). Prints a
//! Markdown table on stdout; `ONESHOT_BENCH_ROUNDS` sets the W1 repetitions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, Stream};
use oneshot_sandbox::{DEMO_TOKEN, Sandbox, SandboxConfig};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let bench = Bench {
        base: sandbox.base_url(),
        http: reqwest::Client::new(),
        pdf: one_page_pdf(),
    };
    let rounds: usize = std::env::var("ONESHOT_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "## oneshot-sandbox (loopback, {} cores)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )
    .unwrap();
    writeln!(out, "| measure | value |\n|---|---|").unwrap();
    for documents in [1usize, 10, 50] {
        let mut rates = Vec::new();
        for _ in 0..3 {
            rates.push(bench.signing_rate(documents).await);
        }
        rates.sort_by(f64::total_cmp);
        writeln!(
            out,
            "| sign call, {documents} one-page PDF(s) + contract: signed documents/s (median of 3) | {:.1} |",
            rates[1]
        )
        .unwrap();
    }
    // Warm-up, then the measured rounds.
    for _ in 0..3 {
        bench.w1().await;
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for _ in 0..rounds {
        latencies.push(bench.w1().await);
    }
    latencies.sort();
    let pick = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    writeln!(
        out,
        "| W1 end to end ({rounds} runs): p50 | {:.1} ms |",
        ms(pick(0.50))
    )
    .unwrap();
    writeln!(
        out,
        "| W1 end to end ({rounds} runs): p95 | {:.1} ms |",
        ms(pick(0.95))
    )
    .unwrap();
    writeln!(
        out,
        "| W1 end to end ({rounds} runs): max | {:.1} ms |",
        ms(pick(1.0))
    )
    .unwrap();
    drop(out);
    sandbox.shutdown().await.unwrap();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Bench {
    base: String,
    http: reqwest::Client,
    pdf: Vec<u8>,
}

impl Bench {
    async fn call(&self, request: reqwest::RequestBuilder) -> Value {
        let response = request.send().await.unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert!(status.is_success(), "{status}: {body}");
        body["details"].clone()
    }

    async fn create_request(&self) -> u64 {
        let picture = png();
        let form = Form::new()
            .text("token", DEMO_TOKEN)
            .text("given_name", "Bench")
            .text("surname_1", "Mark")
            .text("serial_number", "12345678Z")
            .text("email", "bench@example.com")
            .text("mobile_phone_number", "+34600000000")
            .part(
                "document_front",
                Part::bytes(picture.clone()).file_name("f.png"),
            )
            .part(
                "document_rear",
                Part::bytes(picture.clone()).file_name("r.png"),
            )
            .part("document_owner", Part::bytes(picture).file_name("o.png"));
        self.call(
            self.http
                .post(format!("{}/api/v1/request", self.base))
                .multipart(form),
        )
        .await
        .as_u64()
        .unwrap()
    }

    async fn upload(&self, pk: u64, count: usize) -> Vec<String> {
        let mut uids = Vec::new();
        let mut left = count;
        while left > 0 {
            let batch = left.min(10);
            let mut form = Form::new();
            for i in 0..batch {
                form = form.part(
                    format!("file{i}"),
                    Part::bytes(self.pdf.clone()).file_name("doc.pdf"),
                );
            }
            let details = self
                .call(
                    self.http
                        .post(format!("{}/api/v1/document/{pk}", self.base))
                        .multipart(form),
                )
                .await;
            match details {
                Value::String(uid) => uids.push(uid),
                Value::Array(list) => {
                    uids.extend(list.iter().map(|d| d["uid"].as_str().unwrap().to_owned()))
                }
                other => panic!("unexpected upload answer {other}"),
            }
            left -= batch;
        }
        uids
    }

    async fn otp(&self, pk: u64) -> String {
        self.call(self.http.post(format!("{}/api/v1/otp/{pk}", self.base)))
            .await;
        let messages = self
            .call(
                self.http
                    .get(format!("{}/sandbox/v1/messages?request={pk}", self.base)),
            )
            .await;
        messages.as_array().unwrap().last().unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    async fn sign(&self, pk: u64, code: &str) {
        self.call(
            self.http
                .post(format!("{}/api/v1/sign/{pk}", self.base))
                .json(&json!({"secret": code})),
        )
        .await;
    }

    /// Documents signed per second by one sign call (the contract counts too).
    async fn signing_rate(&self, documents: usize) -> f64 {
        let pk = self.create_request().await;
        self.upload(pk, documents).await;
        let code = self.otp(pk).await;
        let started = Instant::now();
        self.sign(pk, &code).await;
        (documents + 1) as f64 / started.elapsed().as_secs_f64()
    }

    /// W1: request, upload, contract, OTP, sign, retrieve, delete.
    async fn w1(&self) -> Duration {
        let started = Instant::now();
        let pk = self.create_request().await;
        let uid = self.upload(pk, 1).await.remove(0);
        let contract = self
            .http
            .get(format!("{}/api/v1/document/{pk}/contract", self.base))
            .send()
            .await
            .unwrap();
        assert!(contract.status().is_success());
        contract.bytes().await.unwrap();
        let code = self.otp(pk).await;
        self.sign(pk, &code).await;
        let signed = self
            .http
            .get(format!("{}/api/v1/document/{pk}/signed/{uid}", self.base))
            .send()
            .await
            .unwrap();
        assert!(signed.status().is_success());
        signed.bytes().await.unwrap();
        self.call(
            self.http
                .delete(format!("{}/api/v1/documents/{pk}", self.base)),
        )
        .await;
        started.elapsed()
    }
}

fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::new(16, 16)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

fn one_page_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font = doc.add_object(font);
    let contents = doc.add_object(Stream::new(
        Dictionary::new(),
        b"BT /F1 14 Tf 72 720 Td (Benchmark document) Tj ET".to_vec(),
    ));
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let mut page = Dictionary::new();
    page.set("Type", Object::Name(b"Page".to_vec()));
    page.set("Parent", Object::Reference(pages_id));
    page.set("MediaBox", vec![0.into(), 0.into(), 595.into(), 842.into()]);
    page.set("Resources", Object::Dictionary(resources));
    page.set("Contents", Object::Reference(contents));
    let page = doc.add_object(page);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", 1);
    pages.set("Kids", vec![Object::Reference(page)]);
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}
