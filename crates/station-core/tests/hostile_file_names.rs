//! Hostile file names never escape the backup folder. The officer's files carry
//! names with `..\`, control characters, an escape sequence, a right-to-left
//! override, a Windows device name and 250 bytes; they are signed as PDFs (W1)
//! and by hash (W3), and the Optimizer answers with those names. Every file the
//! station writes lands directly in the request's backup folder under a readable
//! name of at most 255 bytes, each W3 `.p7m` sits next to the copy of the file it
//! signs (`<copy>.p7m`), and nothing is written next to the officer's files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "workflow_support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};

use oneshot_api::{Client, ClientOptions, Secret};
use station_core::{
    DocumentToSign, OfficerTask, RequestPhase, SignatureRequestView, WorkflowKind, WorkflowOptions,
};
use support::{Inputs, SandboxServer, Station, assert_cms_verifies, sample_pdf};

/// Names a Linux file system accepts (no `/`, no NUL) that mean trouble elsewhere.
fn hostile_stems() -> Vec<String> {
    vec![
        "..\\..\\..\\Windows\\evil".to_owned(),
        "line\nbreak\rname".to_owned(),
        "esc\u{1b}[31mred\u{1b}[0m".to_owned(),
        "tab\tand\u{7f}del".to_owned(),
        "contract\u{202E}fdp".to_owned(),
        "CON".to_owned(),
        " .. ".to_owned(),
        "ñ".repeat(120),
    ]
}

fn files(dir: &Path, extension: &str, content: impl Fn(usize) -> Vec<u8>) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    hostile_stems()
        .into_iter()
        .enumerate()
        .map(|(index, stem)| {
            let path = dir.join(format!("{stem}.{extension}"));
            assert!(path.file_name().unwrap().len() <= 255);
            std::fs::write(&path, content(index)).unwrap();
            path
        })
        .collect()
}

/// Plays the officer until the request completes; checks along the way that the
/// Optimizer holds the documents under the hostile names.
async fn finish(
    sandbox: &SandboxServer,
    station: &Station,
    mut view: SignatureRequestView,
    names_sent: usize,
) -> SignatureRequestView {
    let workflows = &station.workflows;
    for _ in 0..10 {
        view = match (&view.phase, &view.officer_task) {
            (RequestPhase::Completed, _) => return view,
            (_, Some(OfficerTask::ShowContract { .. })) => {
                workflows.confirm_contract_shown(&view.id).await.unwrap()
            }
            (_, Some(OfficerTask::EnterCode { .. })) => {
                let pk = view.optimizer_pk.unwrap();
                let client = Client::new(ClientOptions::new(sandbox.url.clone())).unwrap();
                let held = client.documents().list(pk).await.unwrap();
                assert_eq!(held.len(), names_sent, "{held:?}");
                let code = sandbox.latest_otp(pk).await;
                workflows.sign(&view.id, Secret::new(code)).await.unwrap()
            }
            (_, Some(OfficerTask::Retry { .. })) => workflows.retry(&view.id).await.unwrap(),
            other => panic!("unexpected {other:?}: {view:#?}"),
        };
    }
    panic!("not completed: {view:#?}");
}

/// A name a person can read: no control, direction or invisible characters, not
/// hidden, and short enough for every file system.
fn assert_readable(path: &Path, folder: &Path) {
    assert_eq!(path.parent(), Some(folder), "{path:?} is not in {folder:?}");
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.len() <= 255, "{name:?}: {} bytes", name.len());
    assert!(!name.starts_with('.'), "{name:?} is hidden");
    assert!(
        !name.chars().any(|c| c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            || matches!(c, '\\' | ':' | '<' | '>' | '|' | '?' | '*' | '"')),
        "{name:?}"
    );
    let stem = name.split('.').next().unwrap();
    let stem = stem.split_once('-').map_or(stem, |(_, rest)| rest);
    assert!(!stem.eq_ignore_ascii_case("CON"), "{name:?}");
}

/// Every file under `root`, recursively.
fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_are_signed_and_kept_inside_the_backup_folder() {
    let sandbox = SandboxServer::start().await;
    let ca = sandbox.ca_pem().await;
    let temp = tempfile::tempdir().unwrap();
    let station = Station::open(&temp.path().join("station"), &sandbox.url, &ca).await;
    let ca_file = temp.path().join("ca.pem");
    std::fs::write(&ca_file, &ca).unwrap();

    // W1: PDFs.
    let pdf_dir = temp.path().join("pdfs");
    let pdfs = files(&pdf_dir, "pdf", |index| {
        sample_pdf(&format!("Contract {index}"))
    });
    let mut inputs = Inputs::pdfs(&temp.path().join("pictures"), 0);
    inputs.documents = pdfs.clone();
    let view = station
        .workflows
        .start(inputs.draft(WorkflowKind::ClassicOtp, WorkflowOptions::default()))
        .await
        .unwrap();
    let w1 = finish(&sandbox, &station, view, pdfs.len()).await;

    // W3: any files, signed by hash.
    let hash_dir = temp.path().join("hashed");
    let hashed = files(&hash_dir, "xml", |index| {
        format!("<invoice n=\"{index}\"/>\n")
            .repeat(50)
            .into_bytes()
    });
    let mut draft = inputs.draft(WorkflowKind::HashSignature, WorkflowOptions::default());
    draft.documents = hashed
        .iter()
        .map(|path| DocumentToSign {
            path: path.clone(),
            visible_signature: None,
        })
        .collect();
    let view = station.workflows.start(draft).await.unwrap();
    let w3 = finish(&sandbox, &station, view, hashed.len()).await;

    for (view, originals) in [(&w1, &pdfs), (&w3, &hashed)] {
        let folder = &view.backup_folder;
        assert!(folder.starts_with(station.dir.join("backups")));
        for (document, original) in view.documents.iter().zip(originals.iter()) {
            let signed = document.signed_path.as_ref().unwrap();
            assert_readable(signed, folder);
            assert_eq!(document.verification.as_deref(), Some("valid"));
            if view.kind == WorkflowKind::HashSignature {
                let name = signed.file_name().unwrap().to_str().unwrap();
                let copy = folder.join(name.strip_suffix(".p7m").unwrap());
                assert_readable(&copy, folder);
                assert_eq!(
                    std::fs::read(&copy).unwrap(),
                    std::fs::read(original).unwrap()
                );
                assert_cms_verifies(signed, &copy, &ca_file);
            } else {
                support::assert_signed_copy(original, signed);
            }
        }
        // Nothing else in the folder but the signed copies, their originals (W3)
        // and the contract: no stray or partial files.
        for file in all_files(folder) {
            assert_readable(&file, folder);
        }
    }
    // Everything the station wrote is inside its own folder; the officer's
    // folders hold only the officer's files.
    for (dir, originals) in [(&pdf_dir, &pdfs), (&hash_dir, &hashed)] {
        let mut there = all_files(dir);
        there.sort();
        let mut expected = originals.clone();
        expected.sort();
        assert_eq!(there, expected);
    }
    for file in all_files(temp.path()) {
        assert!(
            file.starts_with(station.dir.as_path())
                || file.starts_with(&pdf_dir)
                || file.starts_with(&hash_dir)
                || file.starts_with(temp.path().join("pictures"))
                || file == ca_file,
            "{file:?} written outside the station's folders"
        );
    }
}
