//! pdfium in its own process: a worker killed from outside is replaced, a worker
//! that dies on a file fails that file by name, one that never answers is killed
//! at the deadline, and programs that are no PDF worker at all give a clear error
//! instead of a hang. Refusals keep their own reasons across the process.
//!
//! Needs pdfium: `PDFIUM_LIB` must name the library (`cargo xtask test` sets it).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pdf_support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use pdf_support::{A4, page, pdf, pdfium, rc4_encrypted, service, worker};
use station_core::{
    Error, PDF_WORKER_LIBRARY_ENV, PdfService, PdfServiceConfig, PdfWorkerCommand, PixelFormat,
    RenderSize,
};

/// Far longer than any test takes: what ends these requests is never the deadline.
const NEVER: Duration = Duration::from_secs(600);

fn service_with(worker: PdfWorkerCommand, deadline: Duration) -> PdfService {
    let mut config = PdfServiceConfig::new(pdfium(), worker);
    config.deadline = deadline;
    PdfService::start_configured(config).unwrap()
}

fn sh(script: &str) -> PdfWorkerCommand {
    PdfWorkerCommand::new("/bin/sh").arg("-c").arg(script)
}

fn kill_9(pid: u32) {
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -KILL {pid}");
}

/// Whether process `pid` exists (a zombie would count: reaped workers do not).
fn exists(pid: u32) -> bool {
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

/// Waits until the service runs a worker other than `old`, and answers its pid.
async fn next_worker(service: &PdfService, old: u32) -> u32 {
    loop {
        match service.worker_pid() {
            Some(pid) if pid != old => return pid,
            _ => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    }
}

/// The file name and the inner error of a failure about a named PDF.
fn named(error: Error) -> (String, Error) {
    match error {
        Error::PdfFile { file, source } => (file, *source),
        other => panic!("the failure does not name the file: {other:?}"),
    }
}

#[tokio::test]
async fn a_worker_killed_while_idle_is_replaced_and_the_next_file_is_served() {
    let service = service();
    let first = service
        .open_named("first.pdf", pdf(&[page(A4)]))
        .await
        .unwrap();
    let killed = service.worker_pid().unwrap();
    kill_9(killed);

    // The worker died of nothing this file did: the request goes to a new worker.
    let second = service
        .open_named("second.pdf", pdf(&[page(A4), page(A4)]))
        .await
        .unwrap();
    assert_eq!(second.summary().page_count(), 2);
    let replacement = service.worker_pid().unwrap();
    assert_ne!(replacement, killed);
    assert!(!exists(killed), "the killed worker was reaped");

    // The new worker never saw the first file; it is sent again and renders.
    let rendered = service
        .render_page(&first, 0, RenderSize::Scale(1.0), PixelFormat::Rgba)
        .await
        .unwrap();
    assert_eq!((rendered.width, rendered.height), (595, 842));
    assert_eq!(service.worker_pid(), Some(replacement));
}

#[tokio::test]
async fn a_worker_killed_on_a_file_fails_that_file_by_name_and_the_next_file_works() {
    // Workers hang (as on a file that stops pdfium) until the marker exists, then
    // the real worker serves.
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("serve-for-real");
    let real = worker().program;
    let command = sh(r#"if [ -e "$0" ]; then exec "$1"; fi; exec sleep 1000"#)
        .arg(&marker)
        .arg(&real);
    let service = Arc::new(service_with(command, NEVER));
    let started = service.worker_pid().unwrap();

    let opening = tokio::spawn({
        let service = Arc::clone(&service);
        async move { service.open_named("stuck.pdf", pdf(&[page(A4)])).await }
    });
    // The worker that was already running when the file came is not blamed: the
    // file goes to a fresh worker. Only that one dying on it fails the file.
    kill_9(started);
    let fresh = next_worker(&service, started).await;
    kill_9(fresh);
    let (file, error) = named(opening.await.unwrap().unwrap_err());
    assert_eq!(file, "stuck.pdf");
    match &error {
        Error::PdfWorkerStopped(reason) => assert!(reason.contains("signal 9"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(error.code(), "pdf.worker_stopped");
    assert!(!exists(started) && !exists(fresh), "both were reaped");

    std::fs::write(&marker, b"").unwrap();
    let opened = service
        .open_named("fine.pdf", pdf(&[page(A4)]))
        .await
        .unwrap();
    assert_eq!(opened.summary().page_count(), 1);
    let serving = service.worker_pid().unwrap();
    assert!(serving != started && serving != fresh);
}

#[tokio::test]
async fn programs_that_are_no_pdf_worker_give_a_clear_error_and_no_hang() {
    for (command, ended) in [
        (PdfWorkerCommand::new("/bin/false"), "exited with status 1"),
        (sh("exit 3"), "exited with status 3"),
        (sh("kill -ABRT $$"), "signal 6 (SIGABRT)"),
        // Echoes the request back: not an answer.
        (PdfWorkerCommand::new("cat"), "unreadable answer"),
        (sh("exec 1>&-; exec sleep 1000"), "closed its output"),
    ] {
        let shown = format!("{command:?}");
        let service = service_with(command, NEVER);
        let error = service
            .open_named("contract.pdf", pdf(&[page(A4)]))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "pdf.worker_stopped", "{shown}: {error}");
        let details = error.details().unwrap();
        assert!(details.starts_with("contract.pdf: "), "{shown}: {details}");
        assert!(details.contains(ended), "{shown}: {details}");
        assert_eq!(service.worker_pid(), None, "{shown}: nothing left running");
    }

    let missing = PdfServiceConfig::new(pdfium(), PdfWorkerCommand::new("/nonexistent/worker"));
    let error = PdfService::start_configured(missing).unwrap_err();
    assert_eq!(error.code(), "pdf.engine_unavailable");
    assert!(error.details().unwrap().contains("/nonexistent/worker"));
}

#[tokio::test]
async fn a_worker_that_never_answers_is_killed_at_the_deadline_and_the_file_named() {
    let deadline = Duration::from_millis(300);
    let service = service_with(sh("exec sleep 1000"), deadline);
    let hanging = service.worker_pid().unwrap();
    let error = service
        .open_named("/incoming/loops.pdf", pdf(&[page(A4)]))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "pdf.took_too_long");
    assert_eq!(
        error.details().as_deref(),
        Some("/incoming/loops.pdf: 0.3 s")
    );
    let (file, error) = named(error);
    assert_eq!(file, "/incoming/loops.pdf");
    assert!(matches!(error, Error::PdfTookTooLong { limit } if limit == deadline));
    assert_eq!(service.worker_pid(), None);
    assert!(!exists(hanging), "the hanging worker was killed and reaped");
}

#[tokio::test]
async fn refusals_keep_their_reasons_across_the_process_and_name_the_file() {
    let service = service();
    let good = pdf(&[page(A4), page(A4)]);
    let mut scrambled = b"%PDF-1.7\n".to_vec();
    scrambled.extend((0..5000u32).map(|n| (n * 7919 % 251) as u8));
    scrambled.extend_from_slice(b"\n%%EOF\n");
    let opened = service.open_named("good.pdf", good.clone()).await.unwrap();
    let serving = service.worker_pid().unwrap();

    for (file, bytes, code) in [
        (
            "locked.pdf",
            rc4_encrypted("user"),
            "pdf.password_protected",
        ),
        ("restricted.pdf", rc4_encrypted(""), "pdf.encrypted"),
        (
            "cut.pdf",
            good[..good.len() * 2 / 3].to_vec(),
            "pdf.truncated",
        ),
        ("scrambled.pdf", scrambled, "pdf.unreadable"),
        ("empty.pdf", pdf(&[]), "pdf.no_pages"),
        (
            "photo.pdf",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00%%EOF".to_vec(),
            "pdf.not_a_pdf",
        ),
    ] {
        let error = service.open_named(file, bytes).await.unwrap_err();
        assert_eq!(error.code(), code, "{file}: {error}");
        assert!(
            error.details().unwrap().starts_with(file),
            "{file}: {error:?}"
        );
        let (named_file, reason) = named(error);
        assert_eq!(named_file, file);
        assert_eq!(reason.code(), code);
    }
    let error = service
        .render_page(&opened, 2, RenderSize::Dpi(72.0), PixelFormat::Rgba)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "pdf.page_out_of_range");
    assert_eq!(error.details().as_deref(), Some("good.pdf: page 2 of 2"));

    // Refusals are answers, not crashes: the same worker serves on.
    let rendered = service
        .render_page(&opened, 1, RenderSize::Dpi(72.0), PixelFormat::Rgba)
        .await
        .unwrap();
    assert_eq!(rendered.bytes.len(), 595 * 842 * 4);
    assert_eq!(service.worker_pid(), Some(serving));
}

#[tokio::test]
async fn a_library_that_is_not_pdfium_is_reported_by_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("libpdfium.so");
    std::fs::write(&fake, b"not a shared library").unwrap();
    let mut config = PdfServiceConfig::new(fake.clone(), worker());
    config.deadline = NEVER;
    let service = PdfService::start_configured(config).unwrap();
    let error = service
        .open_named("contract.pdf", pdf(&[page(A4)]))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "pdf.engine_unavailable");
    let details = error.details().unwrap();
    assert!(details.starts_with("contract.pdf: "), "{details}");
    assert!(details.contains(&fake.display().to_string()), "{details}");
}

#[test]
fn dropping_the_service_kills_and_reaps_its_worker() {
    let service = service_with(sh("exec sleep 1000"), NEVER);
    let pid = service.worker_pid().unwrap();
    assert!(exists(pid));
    drop(service);
    assert!(!exists(pid));
}

#[test]
fn the_worker_exits_when_its_input_closes() {
    let mut child = Command::new(worker().program)
        .env(PDF_WORKER_LIBRARY_ENV, pdfium())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}
