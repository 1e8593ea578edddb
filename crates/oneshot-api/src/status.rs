//! Status words of a signature request.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a signature request stands, as the Optimizer names it.
///
/// Unknown words are kept as they came in [`RequestStatus::Other`], so a newer
/// Optimizer never breaks decoding.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RequestStatus {
    /// Video ID request created, waiting for the end user's video session.
    VideoPending,
    /// Video session complete, waiting for the officer's review.
    VideoReview,
    /// The end user left the video session unfinished.
    VideoIncomplete,
    /// The video session failed.
    VideoError,
    /// Approved, ready for documents, OTP and signature.
    EnrollReady,
    /// The one-shot certificate was issued: the documents are signed.
    Issued,
    /// The request was refused by the officer.
    Refused,
    /// The request was cancelled.
    Cancelled,
    /// Asynchronous progress: the request was approved.
    Approved,
    /// Asynchronous progress: the signature is being made.
    Pending,
    /// Asynchronous progress: the documents are signed.
    Signed,
    /// Asynchronous progress: the signature failed.
    Failed,
    /// A word this client does not know, kept verbatim.
    Other(String),
}

impl RequestStatus {
    /// Reads a status word; unknown words become [`RequestStatus::Other`].
    pub fn parse(word: &str) -> Self {
        match word.trim().to_ascii_uppercase().as_str() {
            "VIDEOPENDING" => Self::VideoPending,
            "VIDEOREVIEW" => Self::VideoReview,
            "VIDEOINCOMPLETE" => Self::VideoIncomplete,
            "VIDEOERROR" => Self::VideoError,
            "ENROLLREADY" => Self::EnrollReady,
            "ISSUED" => Self::Issued,
            "REFUSED" => Self::Refused,
            "CANCELLED" | "CANCELED" => Self::Cancelled,
            "APPROVED" => Self::Approved,
            "PENDING" => Self::Pending,
            "SIGNED" => Self::Signed,
            "FAILED" | "ERROR" => Self::Failed,
            _ => Self::Other(word.to_owned()),
        }
    }

    /// The word as the Optimizer writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::VideoPending => "VIDEOPENDING",
            Self::VideoReview => "VIDEOREVIEW",
            Self::VideoIncomplete => "VIDEOINCOMPLETE",
            Self::VideoError => "VIDEOERROR",
            Self::EnrollReady => "ENROLLREADY",
            Self::Issued => "ISSUED",
            Self::Refused => "REFUSED",
            Self::Cancelled => "CANCELLED",
            Self::Approved => "approved",
            Self::Pending => "pending",
            Self::Signed => "signed",
            Self::Failed => "failed",
            Self::Other(word) => word,
        }
    }

    /// True when the documents of the request are signed.
    pub fn is_signed(&self) -> bool {
        matches!(self, Self::Issued | Self::Signed)
    }

    /// True when the officer must review a Video ID session now.
    pub fn awaits_review(&self) -> bool {
        matches!(self, Self::VideoReview)
    }
}

impl fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RequestStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RequestStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|word| Self::parse(&word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_and_fallback() {
        assert_eq!(
            RequestStatus::parse("VIDEOREVIEW"),
            RequestStatus::VideoReview
        );
        assert_eq!(RequestStatus::parse("approved"), RequestStatus::Approved);
        assert_eq!(RequestStatus::parse("ISSUED"), RequestStatus::Issued);
        let other = RequestStatus::parse("NEWSTATE");
        assert_eq!(other, RequestStatus::Other("NEWSTATE".into()));
        assert_eq!(other.to_string(), "NEWSTATE");
        let decoded: RequestStatus = serde_json::from_str("\"ENROLLREADY\"").unwrap();
        assert_eq!(decoded, RequestStatus::EnrollReady);
    }
}
