//! The evidences an external Video ID platform hands over (W6): pictures as local
//! files, the text it read and the checks it made, and the session's video.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use oneshot_api::{Acceptance, EvidenceImages, Evidences, OcrData, SecurityChecks, VideoIdData};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Largest evidence picture read into memory (they are sent base64 in JSON).
const MAX_PICTURE_BYTES: u64 = 20 * 1024 * 1024;

/// Everything W6 uploads about the identification.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct VideoIdEvidence {
    /// What the signer accepted, and where.
    pub acceptance: EvidenceAcceptance,
    /// Document front picture.
    pub document_front: Option<PathBuf>,
    /// Document rear picture.
    pub document_rear: Option<PathBuf>,
    /// The photo on the document.
    pub document_photo: Option<PathBuf>,
    /// The signer's selfie.
    pub document_owner: Option<PathBuf>,
    /// Text read from the document.
    pub ocr: EvidenceOcr,
    /// Checks the platform made.
    pub security_checks: EvidenceChecks,
    /// Face similarity, a score 0–100 or a word such as `high`.
    pub similarity_level: Option<String>,
    /// The session's video file.
    pub video: PathBuf,
}

/// The signer's acceptance of terms and privacy policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EvidenceAcceptance {
    /// What was accepted.
    pub description: Option<String>,
    /// Privacy policy URL.
    pub privacy_policy_url: Option<String>,
    /// Terms and conditions URL.
    pub terms_url: Option<String>,
    /// Video ID platform URL.
    pub videoid_url: Option<String>,
    /// The signer's IP address.
    pub ip: Option<String>,
    /// The signer's browser.
    pub user_agent: Option<String>,
    /// When it was accepted.
    pub date: Option<String>,
}

/// Text read from the identity document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EvidenceOcr {
    /// Given name.
    pub given_name: String,
    /// First surname.
    pub surname_1: String,
    /// Second surname.
    pub surname_2: Option<String>,
    /// Document number.
    pub serial_number: String,
    /// Mobile phone number.
    pub mobile_phone_number: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Document country, ISO 3166-1 alpha-2.
    pub id_document_country: Option<String>,
}

/// Checks of the identity session; absent means not made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EvidenceChecks {
    /// OTP validated.
    pub otp_validation: Option<bool>,
    /// Document matches official registers.
    pub documents_match: Option<bool>,
    /// Document data not corrupted.
    pub data_integrity: Option<bool>,
    /// Document is not a copy.
    pub document_notcopy: Option<bool>,
    /// Document not expired.
    pub document_notexpired: Option<bool>,
    /// Signer not under age.
    pub document_notunderage: Option<bool>,
    /// Signer is a live person.
    pub liveliness: Option<bool>,
}

impl VideoIdEvidence {
    /// The files this evidence needs, for checking before anything is sent.
    pub(crate) fn files(&self) -> Vec<&Path> {
        [
            &self.document_front,
            &self.document_rear,
            &self.document_photo,
            &self.document_owner,
        ]
        .into_iter()
        .flatten()
        .map(PathBuf::as_path)
        .chain([self.video.as_path()])
        .collect()
    }

    /// The API body, pictures read and base64-encoded.
    pub(crate) fn to_api(&self) -> Result<Evidences> {
        let picture = |path: &Option<PathBuf>| path.as_deref().map(encoded_picture).transpose();
        let checks = &self.security_checks;
        Ok(Evidences {
            acceptance: Acceptance {
                description: self.acceptance.description.clone(),
                privacy_policy_url: self.acceptance.privacy_policy_url.clone(),
                terms_url: self.acceptance.terms_url.clone(),
                videoid_url: self.acceptance.videoid_url.clone(),
                ip: self.acceptance.ip.clone(),
                user_agent: self.acceptance.user_agent.clone(),
                date: self.acceptance.date.clone().map(serde_json::Value::String),
                other: Default::default(),
            },
            videoid_data: VideoIdData {
                images: EvidenceImages {
                    document_front: picture(&self.document_front)?,
                    document_rear: picture(&self.document_rear)?,
                    document_photo: picture(&self.document_photo)?,
                    document_owner: picture(&self.document_owner)?,
                },
                ocr_data: OcrData {
                    given_name: self.ocr.given_name.clone(),
                    surname_1: self.ocr.surname_1.clone(),
                    surname_2: self.ocr.surname_2.clone(),
                    serial_number: self.ocr.serial_number.clone(),
                    mobile_phone_number: self.ocr.mobile_phone_number.clone(),
                    email: self.ocr.email.clone(),
                    id_document_type: None,
                    id_document_country: self.ocr.id_document_country.clone(),
                },
                security_checks: SecurityChecks {
                    otp_validation: checks.otp_validation,
                    documents_match: checks.documents_match,
                    data_integrity: checks.data_integrity,
                    document_notcopy: checks.document_notcopy,
                    document_notexpired: checks.document_notexpired,
                    document_notunderage: checks.document_notunderage,
                    liveliness: checks.liveliness,
                },
                similarity_level: self.similarity_level.as_deref().map(similarity),
            },
        })
    }
}

fn similarity(text: &str) -> oneshot_api::SimilarityLevel {
    match text.trim().parse::<u8>() {
        Ok(score) if score <= 100 => oneshot_api::SimilarityLevel::Score(score),
        _ => oneshot_api::SimilarityLevel::Word(text.trim().to_owned()),
    }
}

pub(super) fn encoded_picture(path: &Path) -> Result<String> {
    let unreadable = |source| Error::UnreadableFile {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_PICTURE_BYTES {
        return Err(Error::InvalidDocument {
            path: path.to_owned(),
            reason: format!("evidence picture larger than {MAX_PICTURE_BYTES} bytes"),
        });
    }
    Ok(STANDARD.encode(std::fs::read(path).map_err(unreadable)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_base64_and_similarity_accepts_scores_and_words() {
        let temp = tempfile::tempdir().unwrap();
        let front = temp.path().join("front.png");
        std::fs::write(&front, b"\x89PNG").unwrap();
        let evidence = VideoIdEvidence {
            document_front: Some(front.clone()),
            similarity_level: Some("87".into()),
            video: temp.path().join("s.mp4"),
            ..VideoIdEvidence::default()
        };
        let api = evidence.to_api().unwrap();
        assert_eq!(
            api.videoid_data.images.document_front.as_deref(),
            Some("iVBORw==")
        );
        assert_eq!(
            api.videoid_data.similarity_level,
            Some(oneshot_api::SimilarityLevel::Score(87))
        );
        assert_eq!(
            similarity("high"),
            oneshot_api::SimilarityLevel::Word("high".into())
        );
        assert_eq!(
            evidence.files(),
            vec![front.as_path(), evidence.video.as_path()]
        );
    }
}
