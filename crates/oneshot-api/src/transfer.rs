//! Files going up and down: streamed from and to disk, with progress reports.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use futures_util::StreamExt;
use reqwest::multipart::Part;
use tokio::io::AsyncWriteExt;
use tokio_util::io::ReaderStream;

use crate::error::{Error, Result};

/// Read size of streamed uploads: large enough for throughput, small enough
/// that memory stays flat whatever the file size.
const CHUNK: usize = 64 * 1024;

/// A file to send: from disk (streamed, never loaded whole) or from memory.
#[derive(Clone)]
pub enum FileSource {
    /// A file on disk; its name is sent as the file name.
    Path(PathBuf),
    /// Bytes already in memory, with the file name to send.
    Memory {
        /// File name sent to the Optimizer.
        file_name: String,
        /// The content.
        bytes: Bytes,
    },
}

impl std::fmt::Debug for FileSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Self::Memory { file_name, bytes } => f
                .debug_struct("Memory")
                .field("file_name", file_name)
                .field("len", &bytes.len())
                .finish(),
        }
    }
}

impl FileSource {
    /// A file on disk.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self::Path(path.into())
    }

    /// Bytes in memory sent under `file_name`.
    pub fn memory(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self::Memory {
            file_name: file_name.into(),
            bytes: bytes.into(),
        }
    }

    /// The file name sent to the Optimizer.
    pub fn file_name(&self) -> String {
        match self {
            Self::Path(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".to_owned()),
            Self::Memory { file_name, .. } => file_name.clone(),
        }
    }

    /// Checks the file can be sent and answers its size, before anything is sent.
    pub(crate) async fn size(&self) -> Result<u64> {
        match self {
            Self::Path(path) => {
                let metadata = tokio::fs::metadata(path)
                    .await
                    .map_err(|error| Error::io(path, error))?;
                if !metadata.is_file() {
                    return Err(Error::InvalidInput(format!(
                        "{} is not a regular file",
                        path.display()
                    )));
                }
                Ok(metadata.len())
            }
            Self::Memory { bytes, .. } => Ok(bytes.len() as u64),
        }
    }

    /// A multipart part streaming the file, reporting each chunk to `meter`.
    pub(crate) async fn part(&self, mime: &str, meter: Meter) -> Result<Part> {
        let part = match self {
            Self::Path(path) => {
                let file = tokio::fs::File::open(path)
                    .await
                    .map_err(|error| Error::io(path, error))?;
                let length = file
                    .metadata()
                    .await
                    .map_err(|error| Error::io(path, error))?
                    .len();
                let stream = ReaderStream::with_capacity(file, CHUNK).map(move |chunk| {
                    if let Ok(bytes) = &chunk {
                        meter.advance(bytes.len() as u64);
                    }
                    chunk
                });
                Part::stream_with_length(reqwest::Body::wrap_stream(stream), length)
            }
            Self::Memory { bytes, .. } => {
                let bytes = bytes.clone();
                let length = bytes.len() as u64;
                let chunks: Vec<Result<Bytes, std::io::Error>> = (0..bytes.len())
                    .step_by(CHUNK)
                    .map(|start| Ok(bytes.slice(start..(start + CHUNK).min(bytes.len()))))
                    .collect();
                let stream = futures_util::stream::iter(chunks).map(move |chunk| {
                    if let Ok(bytes) = &chunk {
                        meter.advance(bytes.len() as u64);
                    }
                    chunk
                });
                Part::stream_with_length(reqwest::Body::wrap_stream(stream), length)
            }
        };
        part.file_name(multipart_file_name(&self.file_name()))
            .mime_str(mime)
            .map_err(|error| Error::InvalidInput(format!("MIME type {mime}: {error}")))
    }
}

/// `name` as it may go in a multipart part's `filename="…"`: control characters
/// (a line break would end the part's header there and let the rest of the name
/// pose as headers of its own) become `_`. Quotes and backslashes are escaped by
/// the multipart writer.
pub(crate) fn multipart_file_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect()
}

/// The MIME type for a file name, by extension.
pub(crate) fn mime_for(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "json" => "application/json",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

/// How far a transfer has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes sent or received so far.
    pub done: u64,
    /// Bytes in all, when known.
    pub total: Option<u64>,
}

/// Receives [`Progress`] reports; called from the transfer's task, keep it quick.
pub type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// Counts bytes of one transfer (possibly several files) and reports them.
#[derive(Clone)]
pub(crate) struct Meter {
    done: Arc<AtomicU64>,
    total: Option<u64>,
    report: Option<ProgressFn>,
}

impl Meter {
    pub(crate) fn new(total: Option<u64>, report: Option<ProgressFn>) -> Self {
        Self {
            done: Arc::new(AtomicU64::new(0)),
            total,
            report,
        }
    }

    pub(crate) fn advance(&self, bytes: u64) {
        let done = self.done.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if let Some(report) = &self.report {
            report(Progress {
                done,
                total: self.total,
            });
        }
    }

    /// Starts over, for a download that is retried from the beginning.
    pub(crate) fn reset(&self) {
        self.done.store(0, Ordering::Relaxed);
    }
}

/// Where a download was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadedFile {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// The `Content-Type` the Optimizer announced.
    pub content_type: Option<String>,
}

/// Streams a successful answer into `path`, through a `.part` file renamed at
/// the end so a broken transfer never leaves a truncated file under the real name.
pub(crate) async fn save(
    operation: &'static str,
    mut response: reqwest::Response,
    path: &Path,
    meter: &Meter,
) -> Result<DownloadedFile> {
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let partial = partial_path(path);
    let mut file = tokio::fs::File::create(&partial)
        .await
        .map_err(|error| Error::io(&partial, error))?;
    meter.reset();
    let mut size = 0u64;
    let written: Result<()> = async {
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| Error::transport(operation, error))?
        {
            file.write_all(&chunk)
                .await
                .map_err(|error| Error::io(&partial, error))?;
            size += chunk.len() as u64;
            meter.advance(chunk.len() as u64);
        }
        file.flush()
            .await
            .map_err(|error| Error::io(&partial, error))?;
        file.sync_all()
            .await
            .map_err(|error| Error::io(&partial, error))
    }
    .await;
    drop(file);
    if let Err(error) = written {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(error);
    }
    tokio::fs::rename(&partial, path)
        .await
        .map_err(|error| Error::io(path, error))?;
    Ok(DownloadedFile {
        path: path.to_owned(),
        size,
        content_type,
    })
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".part");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_cannot_break_the_part_header() {
        assert_eq!(
            multipart_file_name("x.pdf\r\nContent-Type: text/html"),
            "x.pdf__Content-Type: text/html"
        );
        assert_eq!(multipart_file_name("esc\u{1b}[0m\t.pdf"), "esc_[0m_.pdf");
        assert_eq!(
            multipart_file_name("Contrato de préstamo.pdf"),
            "Contrato de préstamo.pdf"
        );
    }
}
