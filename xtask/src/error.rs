//! The one error type of xtask.

use std::io;
use std::path::PathBuf;

/// Why an xtask command could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum XtaskError {
    #[error("could not start `{program}`: {source}")]
    Spawn { program: String, source: io::Error },
    #[error("`{command}` failed ({status})")]
    CommandFailed { command: String, status: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{0}")]
    Missing(String),
    #[error("unexpected output from {what}: {detail}")]
    UnexpectedOutput { what: String, detail: String },
    #[error("reading {path}: {source}")]
    Zip {
        path: PathBuf,
        source: zip::result::ZipError,
    },
    #[error("timed out after {seconds} s waiting for {what}")]
    Timeout { what: String, seconds: u64 },
    #[error("{failed} of {total} steps failed")]
    StepsFailed { failed: usize, total: usize },
    #[error("installing the Ctrl-C handler: {0}")]
    Interrupt(#[from] ctrlc::Error),
}

pub type Result<T, E = XtaskError> = std::result::Result<T, E>;

/// Attaches the path to an I/O error, which `std::io::Error` alone never says.
pub trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|source| XtaskError::Io {
            path: path.into(),
            source,
        })
    }
}
