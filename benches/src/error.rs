//! The one error type of the bench binary.

use std::io;
use std::path::PathBuf;

/// Why a measured run could not finish. A run that fails reports no number.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Station(#[from] station_core::Error),
    #[error(transparent)]
    Api(#[from] oneshot_api::Error),
    #[error(transparent)]
    Sandbox(#[from] oneshot_sandbox::Error),
    #[error("building the PDF: {0}")]
    Pdf(#[from] lopdf::Error),
    #[error("encoding the photo: {0}")]
    Jpeg(#[from] jpeg_encoder::EncodingError),
    #[error("talking to the sandbox's extension API: {0}")]
    Http(#[from] reqwest::Error),
    #[error("X display: {0}")]
    Display(String),
    #[error("{what} did not happen within {seconds} s")]
    Timeout { what: String, seconds: u64 },
    #[error("{0}")]
    Child(String),
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = BenchError> = std::result::Result<T, E>;

/// Attaches the path to an I/O error, which `std::io::Error` alone never says.
pub trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|source| BenchError::Io {
            path: path.into(),
            source,
        })
    }
}

macro_rules! display_error {
    ($($source:ty),*) => {$(
        impl From<$source> for BenchError {
            fn from(error: $source) -> Self {
                Self::Display(error.to_string())
            }
        }
    )*};
}

display_error!(
    x11rb::errors::ConnectError,
    x11rb::errors::ConnectionError,
    x11rb::errors::ReplyError,
    x11rb::errors::ReplyOrIdError
);
