//! The PDF worker process's side: pdfium behind the station's frames on stdin and
//! stdout. The station starts its own executable with [`PDF_WORKER_FLAG`]; the
//! executable's `main` hands over to [`serve_worker_process`] before anything else
//! starts (no window, no database, no logging set up).

use std::env;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::engine::{self, OpenDocuments};
use super::protocol::{Answer, Ask, Failure, ReplyHeader, RequestHeader, read_frame, write_frame};

/// The first argument that makes the station's executable serve as its PDF worker.
pub const PDF_WORKER_FLAG: &str = "--pdf-worker";

/// Names the pdfium library the worker loads. The station sets it from the library
/// it located, so the worker never searches on its own.
pub const PDF_WORKER_LIBRARY_ENV: &str = "ONESHOT_PDF_WORKER_LIBRARY";

/// Largest PDF a worker reads: the station never sends more, so a bigger length
/// means the stream is garbled.
const MAX_PDF_BYTES: u64 = 4 << 30;

/// Serves pdfium requests from stdin on stdout until stdin closes (the station
/// stopped or no longer needs this worker), then returns success.
///
/// Only frames go to stdout; the worker's few messages go to stderr, and they name
/// files by nothing but what the station sent (a digest), never a secret.
pub fn serve_worker_process() -> ExitCode {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut input = BufReader::new(stdin.lock());
    let mut output = BufWriter::new(stdout.lock());
    let library = env::var_os(PDF_WORKER_LIBRARY_ENV).filter(|value| !value.is_empty());
    let Some(library) = library else {
        let reason = format!("the PDF worker was started without {PDF_WORKER_LIBRARY_ENV}");
        return refuse_all(&mut input, &mut output, &reason);
    };
    match engine::bind(Path::new(&library)) {
        Ok(pdfium) => {
            let mut documents = OpenDocuments::new(&pdfium);
            serve(&mut input, &mut output, |ask, bytes| {
                documents.answer(ask, bytes)
            })
        }
        Err(error) => refuse_all(&mut input, &mut output, &error.to_string()),
    }
}

/// Without pdfium every request gets the reason, so the officer sees it on the
/// file they opened rather than a worker that vanished.
fn refuse_all(input: &mut impl Read, output: &mut impl Write, reason: &str) -> ExitCode {
    eprintln!("oneshot PDF worker: {reason}");
    let failure = Failure::EngineUnavailable(reason.to_owned());
    serve(input, output, |_, _| {
        (Answer::Failed(failure.clone()), Vec::new())
    })
}

fn serve(
    input: &mut impl Read,
    output: &mut impl Write,
    mut answer: impl FnMut(Ask, Vec<u8>) -> (Answer, Vec<u8>),
) -> ExitCode {
    loop {
        match read_frame::<RequestHeader>(input, MAX_PDF_BYTES) {
            Ok(None) => return ExitCode::SUCCESS,
            Ok(Some((RequestHeader { id, ask }, bytes))) => {
                let (answer, payload) = answer(ask, bytes);
                if let Err(error) = write_frame(output, &ReplyHeader { id, answer }, &payload) {
                    eprintln!("oneshot PDF worker: cannot answer the station: {error}");
                    return ExitCode::FAILURE;
                }
            }
            Err(error) => {
                eprintln!("oneshot PDF worker: unreadable request: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
}
