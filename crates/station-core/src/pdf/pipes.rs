//! The pipes of one PDF worker process: a thread writes the requests to its stdin,
//! another reads the answers from its stdout, both report to the keeper on one
//! channel. Neither can block the keeper, whatever the worker does.

use std::io::{self, BufReader, BufWriter};
use std::process::{Child, ChildStdin, ChildStdout, ExitStatus};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use super::protocol::{ReplyHeader, RequestHeader, read_frame, write_frame};

pub(super) struct RequestFrame {
    pub header: RequestHeader,
    pub payload: Option<Arc<[u8]>>,
}

/// What the pipe threads report.
pub(super) enum Event {
    Reply(ReplyHeader, Vec<u8>),
    /// The worker sent something that is not a frame of ours.
    Unreadable(String),
    /// The worker's stdout ended.
    OutputClosed,
    /// The worker's stdin could not be written (it stopped reading).
    InputClosed,
}

/// Largest answer accepted: the pixels of the largest render the service asks for.
const MAX_REPLY_PAYLOAD: u64 = super::service::PDF_MAX_RENDER_PIXELS * 4;

/// How long a worker that closed its pipes gets to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(2);

/// Starts the two threads on a new worker's pipes.
pub(super) fn start_pipe_threads(
    stdin: ChildStdin,
    stdout: ChildStdout,
    requests: mpsc::Receiver<RequestFrame>,
    events: mpsc::Sender<Event>,
) -> io::Result<()> {
    let writer_events = events.clone();
    thread::Builder::new()
        .name("pdf-worker-in".into())
        .spawn(move || write_requests(stdin, &requests, &writer_events))?;
    thread::Builder::new()
        .name("pdf-worker-out".into())
        .spawn(move || read_replies(stdout, &events))?;
    Ok(())
}

/// Writes requests until the keeper drops the worker (closing the worker's stdin,
/// which makes a healthy worker exit) or the worker stops reading.
fn write_requests(
    stdin: ChildStdin,
    requests: &mpsc::Receiver<RequestFrame>,
    events: &mpsc::Sender<Event>,
) {
    let mut output = BufWriter::new(stdin);
    for RequestFrame { header, payload } in requests {
        let payload = payload.as_deref().unwrap_or_default();
        if write_frame(&mut output, &header, payload).is_err() {
            // Why it stopped reading is told by how it ended, which the keeper reaps.
            let _ = events.send(Event::InputClosed);
            return;
        }
    }
}

/// Reads answers until the worker's stdout ends or carries something else.
fn read_replies(stdout: ChildStdout, events: &mpsc::Sender<Event>) {
    let mut input = BufReader::new(stdout);
    loop {
        let event = match read_frame::<ReplyHeader>(&mut input, MAX_REPLY_PAYLOAD) {
            Ok(Some((header, payload))) => Event::Reply(header, payload),
            Ok(None) => Event::OutputClosed,
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Event::OutputClosed,
            Err(error) => Event::Unreadable(error.to_string()),
        };
        let last = !matches!(event, Event::Reply(..));
        if events.send(event).is_err() || last {
            return;
        }
    }
}

/// The exit status of a worker that is ending, or `None` if it is still running
/// after [`EXIT_GRACE`] (it is killed then).
pub(super) fn wait_briefly(child: &mut Child) -> io::Result<Option<ExitStatus>> {
    let until = Instant::now() + EXIT_GRACE;
    while Instant::now() < until {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    child.wait()?;
    Ok(None)
}

/// How a worker ended, for support: exit status or signal.
pub(super) fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (SIGABRT)",
                9 => " (SIGKILL)",
                11 => " (SIGSEGV)",
                _ => "",
            };
            return format!("it was killed by signal {signal}{name}");
        }
    }
    match status.code() {
        Some(code) => format!("it exited with status {code}"),
        None => format!("it ended: {status}"),
    }
}
