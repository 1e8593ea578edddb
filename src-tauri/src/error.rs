//! The app's error, as commands return it and as the UI receives it.

use serde::{Serialize, Serializer};
use ts_rs::TS;

/// Everything a command can fail with: the domain's errors, and the few of the desktop shell.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The station's domain failed.
    #[error(transparent)]
    Station(#[from] station_core::Error),
    /// The desktop could not open a file in its default application (none installed
    /// for the type, or the desktop refused).
    #[error("the desktop could not open {path}: {reason}")]
    CannotOpen {
        /// The file.
        path: String,
        /// What the desktop said.
        reason: String,
    },
}

/// The error as the UI receives it: the UI shows the localized message for `code`
/// and the code itself; `message` and `details` are for support, in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "AppError")]
pub struct ErrorPayload {
    /// Stable dotted code, e.g. `optimizer.unreachable`.
    pub code: String,
    /// Technical description (never a secret).
    pub message: String,
    /// The server's details, the file or the field at fault, when known.
    pub details: Option<String>,
}

impl Error {
    /// The payload the UI receives.
    pub fn payload(&self) -> ErrorPayload {
        match self {
            Self::Station(error) => ErrorPayload {
                code: error.code().to_owned(),
                message: error.to_string(),
                details: error.details(),
            },
            Self::CannotOpen { path, .. } => ErrorPayload {
                code: "desktop.cannot_open".into(),
                message: self.to_string(),
                details: Some(path.clone()),
            },
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

/// Result of a command.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_message_details() {
        let error = Error::from(station_core::Error::MissingInput("token"));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "input.required",
                "message": "token is required",
                "details": "token",
            })
        );
    }
}
