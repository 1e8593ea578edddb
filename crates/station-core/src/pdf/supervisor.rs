//! The station's side of the PDF worker process: starts it, queues requests to it
//! one at a time, and replaces it when it dies, hangs or talks nonsense.
//!
//! One thread (the keeper) owns the worker; two more per worker move frames over
//! its pipes ([`super::pipes`]), so the keeper only ever waits on a channel with a
//! deadline and a worker that stops reading or answering cannot block it.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use lru::LruCache;
use tokio::sync::oneshot;

use super::engine::OPEN_DOCUMENTS;
use super::models::PageSize;
use super::pipes::{Event, RequestFrame, describe, start_pipe_threads, wait_briefly};
use super::protocol::{Answer, Ask, RequestHeader};
use super::worker_process::{PDF_WORKER_FLAG, PDF_WORKER_LIBRARY_ENV};
use crate::error::{Error, Result};

/// The program (and its arguments) that serves as the PDF worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfWorkerCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
}

impl PdfWorkerCommand {
    /// `program` without arguments.
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// The running executable with [`PDF_WORKER_FLAG`]: the station serves as its
    /// own worker, so an installed station needs no second program.
    pub fn this_executable() -> Result<Self> {
        let program = std::env::current_exe().map_err(|error| {
            Error::PdfEngineUnavailable(format!(
                "cannot tell which program to start as the PDF worker: {error}"
            ))
        })?;
        Ok(Self::new(program).arg(PDF_WORKER_FLAG))
    }
}

/// Something for pdfium to do, with the file it is about.
#[derive(Debug, Clone)]
pub(super) enum PdfRequest {
    /// Check the file and list its page sizes.
    Inspect { digest: String, bytes: Arc<[u8]> },
    /// Render a page to RGBA at exactly `width` × `height` pixels.
    Render {
        digest: String,
        bytes: Arc<[u8]>,
        page: u32,
        width: u32,
        height: u32,
    },
}

/// What pdfium answered.
#[derive(Debug)]
pub(super) enum PdfReply {
    Inspected(Vec<PageSize>),
    Rendered(Vec<u8>),
}

pub(super) struct Envelope {
    pub request: PdfRequest,
    pub reply: oneshot::Sender<Result<PdfReply>>,
}

/// The handle the service keeps: dropping it kills and reaps the worker.
#[derive(Debug)]
pub(super) struct Supervisor {
    jobs: Option<mpsc::Sender<Envelope>>,
    shared: Arc<Shared>,
    keeper: Option<JoinHandle<()>>,
}

/// What the keeper and the service's handle both reach: the worker process itself,
/// so dropping the service can kill it while the keeper waits on it.
#[derive(Debug, Default)]
struct Shared {
    slot: Mutex<Slot>,
}

#[derive(Debug, Default)]
struct Slot {
    child: Option<Child>,
    closing: bool,
}

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Slot> {
        // The slot holds no invariant a panic could break halfway.
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Supervisor {
    /// Starts the first worker at once (so pdfium loads while the station starts)
    /// and the keeper thread that serves requests through it.
    pub(super) fn start(
        command: PdfWorkerCommand,
        library: PathBuf,
        deadline: Duration,
    ) -> Result<Self> {
        let shared = Arc::new(Shared::default());
        let mut keeper = Keeper {
            command,
            library,
            deadline,
            shared: Arc::clone(&shared),
            worker: None,
        };
        keeper.spawn()?;
        let (jobs, inbox) = mpsc::channel::<Envelope>();
        let thread = thread::Builder::new()
            .name("pdf-keeper".into())
            .spawn(move || keeper.run(&inbox))
            .map_err(|error| {
                Error::PdfEngineUnavailable(format!("cannot start the PDF keeper thread: {error}"))
            })?;
        Ok(Self {
            jobs: Some(jobs),
            shared,
            keeper: Some(thread),
        })
    }

    /// Queues `request` for the worker and waits for the answer.
    pub(super) async fn ask(&self, request: PdfRequest) -> Result<PdfReply> {
        let (reply, answer) = oneshot::channel();
        let stopped = || Error::PdfWorkerStopped("the PDF service has stopped".into());
        self.jobs
            .as_ref()
            .ok_or_else(stopped)?
            .send(Envelope { request, reply })
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    /// The running worker's process id, if one is running.
    pub(super) fn worker_pid(&self) -> Option<u32> {
        self.shared.slot().child.as_ref().map(Child::id)
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        {
            let mut slot = self.shared.slot();
            slot.closing = true;
            if let Some(mut child) = slot.child.take() {
                // Already gone is fine; waiting reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
            }
        }
        self.jobs = None;
        if let Some(keeper) = self.keeper.take() {
            // The keeper's wait ends with the worker killed above; a panicked keeper
            // has nothing left to clean up.
            let _ = keeper.join();
        }
    }
}

/// Why an exchange with the worker ended without a usable answer.
enum Trouble {
    /// The worker died or broke the protocol (and has been stopped).
    Stopped(String),
    /// The deadline passed (and the worker has been killed).
    TookTooLong,
    /// The worker answered with pdfium's reason to refuse the file.
    Refused(Error),
}

/// The running worker as the keeper sees it.
struct Worker {
    outgoing: mpsc::Sender<RequestFrame>,
    events: mpsc::Receiver<Event>,
    /// Documents the worker should still have open (mirroring its LRU): renders of
    /// those go without the file. A wrong guess costs one more round trip.
    has_open: LruCache<String, ()>,
}

static NEXT_REQUEST_ID: AtomicU64 = AtomicU64::new(1);

struct Keeper {
    command: PdfWorkerCommand,
    library: PathBuf,
    deadline: Duration,
    shared: Arc<Shared>,
    worker: Option<Worker>,
}

impl Keeper {
    fn run(mut self, inbox: &mpsc::Receiver<Envelope>) {
        for Envelope { request, reply } in inbox {
            if reply.is_closed() {
                // Nobody waits for this one any more (the page scrolled away).
                continue;
            }
            let outcome = if self.shared.slot().closing {
                Err(Error::PdfWorkerStopped("the PDF service is closing".into()))
            } else {
                self.serve(&request)
            };
            let _ = reply.send(outcome);
        }
        self.stop_worker(true);
    }

    /// Serves `request`. A worker that was already running may have died of an
    /// earlier file (or been killed from outside) before this one reached it, so a
    /// death there is retried once on a fresh worker; only a worker started for
    /// this very request dying on it shows the file is the one at fault.
    fn serve(&mut self, request: &PdfRequest) -> Result<PdfReply> {
        let mut fresh = false;
        loop {
            if self.worker.is_none() {
                self.spawn()?;
                fresh = true;
            }
            match self.exchange(request) {
                Ok(reply) => return Ok(reply),
                Err(Trouble::Refused(error)) => return Err(error),
                Err(Trouble::TookTooLong) => {
                    return Err(Error::PdfTookTooLong {
                        limit: self.deadline,
                    });
                }
                Err(Trouble::Stopped(reason)) if fresh => {
                    tracing::warn!(%reason, digest = request.digest(), "the PDF worker died on this file");
                    return Err(Error::PdfWorkerStopped(reason));
                }
                Err(Trouble::Stopped(reason)) => {
                    tracing::warn!(%reason, "the PDF worker had stopped; trying a new one");
                }
            }
        }
    }

    fn exchange(&mut self, request: &PdfRequest) -> Result<PdfReply, Trouble> {
        let deadline = Instant::now() + self.deadline;
        let with_file = match request {
            PdfRequest::Inspect { .. } => true,
            PdfRequest::Render { digest, .. } => !self.worker_has_open(digest),
        };
        let (mut answer, mut payload) = self.ask(request, with_file, deadline)?;
        if matches!(answer, Answer::NotOpen) && !with_file {
            (answer, payload) = self.ask(request, true, deadline)?;
        }
        match (request, answer) {
            (PdfRequest::Inspect { digest, .. }, Answer::Inspected { pages }) => {
                self.remember_open(digest);
                Ok(PdfReply::Inspected(pages))
            }
            (
                PdfRequest::Render {
                    digest,
                    width,
                    height,
                    ..
                },
                Answer::Rendered,
            ) if payload.len() as u64 == u64::from(*width) * u64::from(*height) * 4 => {
                self.remember_open(digest);
                Ok(PdfReply::Rendered(payload))
            }
            (_, Answer::Failed(failure)) => Err(Trouble::Refused(failure.into())),
            (_, answer) => Err(Trouble::Stopped(self.stop_worker_saying(format!(
                "it gave a wrong answer ({} to {})",
                answer.name(),
                request.name()
            )))),
        }
    }

    /// Sends one request and waits until `deadline` for its answer.
    fn ask(
        &mut self,
        request: &PdfRequest,
        with_file: bool,
        deadline: Instant,
    ) -> Result<(Answer, Vec<u8>), Trouble> {
        let id = NEXT_REQUEST_ID.fetch_add(1, Ordering::Relaxed);
        let frame = request.frame(id, with_file);
        let Some(worker) = self.worker.as_ref() else {
            return Err(Trouble::Stopped("no PDF worker is running".into()));
        };
        if worker.outgoing.send(frame).is_err() {
            return Err(Trouble::Stopped(self.stop_worker_after_exit()));
        }
        let waited = worker
            .events
            .recv_timeout(deadline.saturating_duration_since(Instant::now()));
        match waited {
            Ok(Event::Reply(header, payload)) if header.id == id => Ok((header.answer, payload)),
            Ok(Event::Reply(header, _)) => {
                Err(Trouble::Stopped(self.stop_worker_saying(format!(
                    "it answered request {} when asked {id}",
                    header.id
                ))))
            }
            Ok(Event::Unreadable(reason)) => Err(Trouble::Stopped(
                self.stop_worker_saying(format!("it sent an unreadable answer: {reason}")),
            )),
            Ok(Event::OutputClosed | Event::InputClosed)
            | Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(Trouble::Stopped(self.stop_worker_after_exit()))
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.stop_worker(true);
                Err(Trouble::TookTooLong)
            }
        }
    }

    fn worker_has_open(&mut self, digest: &str) -> bool {
        self.worker
            .as_mut()
            .is_some_and(|worker| worker.has_open.get(digest).is_some())
    }

    fn remember_open(&mut self, digest: &str) {
        if let Some(worker) = self.worker.as_mut() {
            worker.has_open.put(digest.to_owned(), ());
        }
    }

    /// Starts a worker process and the two threads on its pipes.
    fn spawn(&mut self) -> Result<()> {
        let mut slot = self.shared.slot();
        if slot.closing {
            return Err(Error::PdfWorkerStopped("the PDF service is closing".into()));
        }
        let mut child = Command::new(&self.command.program)
            .args(&self.command.args)
            .env(PDF_WORKER_LIBRARY_ENV, &self.library)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|error| {
                Error::PdfEngineUnavailable(format!(
                    "cannot start the PDF worker {}: {error}",
                    self.command.program.display()
                ))
            })?;
        let (outgoing, requests) = mpsc::channel();
        let (events_to_keeper, events) = mpsc::channel();
        let started = match (child.stdin.take(), child.stdout.take()) {
            (Some(stdin), Some(stdout)) => {
                start_pipe_threads(stdin, stdout, requests, events_to_keeper)
            }
            _ => Err(io::Error::other("its pipes are missing")),
        };
        if let Err(error) = started {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::PdfEngineUnavailable(format!(
                "cannot talk to the PDF worker: {error}"
            )));
        }
        tracing::debug!(pid = child.id(), "PDF worker started");
        slot.child = Some(child);
        self.worker = Some(Worker {
            outgoing,
            events,
            has_open: LruCache::new(OPEN_DOCUMENTS),
        });
        Ok(())
    }

    /// Stops a worker that broke the protocol; answers `reason`.
    fn stop_worker_saying(&mut self, reason: String) -> String {
        self.stop_worker(true);
        reason
    }

    /// Reaps a worker whose pipes closed (it exited, crashed or was killed) and
    /// says how it ended.
    fn stop_worker_after_exit(&mut self) -> String {
        self.stop_worker(false)
            .unwrap_or_else(|| "the PDF service is closing".into())
    }

    /// Forgets the worker and reaps its process, killing it first if `kill` (or
    /// if it does not exit within a short grace). Answers how it ended, if it was
    /// still ours to reap.
    fn stop_worker(&mut self, kill: bool) -> Option<String> {
        // Dropping the channels ends the pipe threads once the pipes close.
        self.worker = None;
        let mut child = self.shared.slot().child.take()?;
        let pid = child.id();
        let ended = if kill {
            let _ = child.kill();
            child.wait().map(|_| "it was stopped".to_owned())
        } else {
            wait_briefly(&mut child).map(|status| match status {
                Some(status) => describe(status),
                None => "it closed its output and was stopped".into(),
            })
        };
        let ended = ended.unwrap_or_else(|error| format!("cannot tell how it ended: {error}"));
        tracing::debug!(pid, %ended, "PDF worker gone");
        Some(ended)
    }
}

impl PdfRequest {
    fn digest(&self) -> &str {
        match self {
            Self::Inspect { digest, .. } | Self::Render { digest, .. } => digest,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Self::Inspect { .. } => "an inspection",
            Self::Render { .. } => "a render",
        }
    }

    fn frame(&self, id: u64, with_file: bool) -> RequestFrame {
        let (ask, bytes) = match self {
            Self::Inspect { digest, bytes } => (
                Ask::Inspect {
                    digest: digest.clone(),
                },
                bytes,
            ),
            Self::Render {
                digest,
                bytes,
                page,
                width,
                height,
            } => (
                Ask::Render {
                    digest: digest.clone(),
                    page: *page,
                    width: *width,
                    height: *height,
                },
                bytes,
            ),
        };
        RequestFrame {
            header: RequestHeader { id, ask },
            payload: with_file.then(|| Arc::clone(bytes)),
        }
    }
}

impl Answer {
    fn name(&self) -> &'static str {
        match self {
            Self::Inspected { .. } => "a page list",
            Self::Rendered => "pixels",
            Self::NotOpen => "\"not open\"",
            Self::Failed(_) => "a failure",
        }
    }
}
