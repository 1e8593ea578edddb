//! What the officer looks at before deciding on a Video ID: the signer's data beside
//! what the identification read, the pictures, the checks, the similarity and the
//! video. W6 evidences are the station's own files (it uploaded them); for W5 the
//! Optimizer's record of the session is asked for.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::Workflows;
use super::evidence::{EvidenceChecks, EvidenceOcr, encoded_picture};
use super::models::SignatureRequestView;
use super::states::{RequestId, WorkflowKind};
use super::steps::blocking;
use crate::error::{Error, Result};

/// Largest video handed to the UI in one piece.
const MAX_VIDEO_BYTES: u64 = 512 * 1024 * 1024;

/// Everything the review of one Video ID shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VideoIdReview {
    /// The request, with the signer's data as the officer entered it.
    pub request: SignatureRequestView,
    /// What the identification read from the document, when known.
    pub read: Option<EvidenceOcr>,
    /// Pictures of the document and the signer.
    pub pictures: Vec<ReviewPicture>,
    /// The checks the Video ID platform made, when known.
    pub security_checks: Option<EvidenceChecks>,
    /// Face similarity, a score 0–100 or a word such as `high`, when known.
    pub similarity_level: Option<String>,
    /// Where the session's video can be fetched from.
    pub video: ReviewVideo,
}

/// One picture of the identification, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewPicture {
    /// Which picture.
    pub kind: ReviewPictureKind,
    /// `data:image/…;base64,…`.
    pub data_url: String,
}

/// The pictures a Video ID delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewPictureKind {
    /// Document front.
    DocumentFront,
    /// Document rear.
    DocumentRear,
    /// The photo on the document.
    DocumentPhoto,
    /// The signer's selfie.
    DocumentOwner,
}

/// Where the video of the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewVideo {
    /// No video for this request.
    None,
    /// The file the station uploaded (W6).
    Station,
    /// On the Optimizer, which may not hold one yet (W5).
    Optimizer,
}

impl Workflows {
    /// The review of a Video ID request.
    pub async fn videoid_review(&self, id: &RequestId) -> Result<VideoIdReview> {
        let state = self.engine.load(id).await?;
        let request = state.view(&self.engine.backups);
        match state.request.kind {
            WorkflowKind::VideoIdExternal => {
                let evidence = state.request.options.evidence.clone().unwrap_or_default();
                let files = [
                    (
                        ReviewPictureKind::DocumentFront,
                        evidence.document_front.clone(),
                    ),
                    (
                        ReviewPictureKind::DocumentRear,
                        evidence.document_rear.clone(),
                    ),
                    (
                        ReviewPictureKind::DocumentPhoto,
                        evidence.document_photo.clone(),
                    ),
                    (
                        ReviewPictureKind::DocumentOwner,
                        evidence.document_owner.clone(),
                    ),
                ];
                let pictures = blocking(move || {
                    files
                        .into_iter()
                        .filter_map(|(kind, path)| path.map(|path| (kind, path)))
                        .map(|(kind, path)| {
                            Ok(ReviewPicture {
                                kind,
                                data_url: data_url(&path)?,
                            })
                        })
                        .collect::<Result<Vec<_>>>()
                })
                .await?;
                Ok(VideoIdReview {
                    request,
                    read: Some(evidence.ocr),
                    pictures,
                    security_checks: Some(evidence.security_checks),
                    similarity_level: evidence.similarity_level,
                    video: ReviewVideo::Station,
                })
            }
            WorkflowKind::VideoIdEidas => {
                let read = match state.request.optimizer_pk {
                    Some(pk) => {
                        let session = self.engine.session_for(&state).await?;
                        let info = session.client.requests().get(pk).await?;
                        Some(EvidenceOcr {
                            given_name: info.given_name.unwrap_or_default(),
                            surname_1: info.surname_1.unwrap_or_default(),
                            surname_2: info.surname_2,
                            serial_number: info.serial_number.unwrap_or_default(),
                            mobile_phone_number: info.mobile_phone_number,
                            email: info.email,
                            id_document_country: info.id_document_country,
                        })
                    }
                    None => None,
                };
                Ok(VideoIdReview {
                    request,
                    read,
                    pictures: Vec::new(),
                    security_checks: None,
                    similarity_level: None,
                    video: ReviewVideo::Optimizer,
                })
            }
            _ => Err(Error::IntentNotExpected {
                intent: "videoid_review",
                step: state.request.kind.to_string(),
            }),
        }
    }

    /// The session's video: the uploaded file (W6) or the Optimizer's copy (W5).
    pub async fn videoid_video(&self, id: &RequestId) -> Result<Vec<u8>> {
        let state = self.engine.load(id).await?;
        match state.request.kind {
            WorkflowKind::VideoIdExternal => {
                let path = state
                    .request
                    .options
                    .evidence
                    .map(|evidence| evidence.video)
                    .ok_or(Error::MissingInput("evidence"))?;
                blocking(move || read_video(&path)).await
            }
            WorkflowKind::VideoIdEidas => {
                let pk = state.pk()?;
                let session = self.engine.session_for(&state).await?;
                Ok(session.client.videoid().download_video(pk).await?.to_vec())
            }
            _ => Err(Error::IntentNotExpected {
                intent: "videoid_video",
                step: state.request.kind.to_string(),
            }),
        }
    }
}

fn read_video(path: &Path) -> Result<Vec<u8>> {
    let unreadable = |source| Error::UnreadableFile {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_VIDEO_BYTES {
        return Err(Error::InvalidDocument {
            path: path.to_owned(),
            reason: format!("video larger than {MAX_VIDEO_BYTES} bytes"),
        });
    }
    std::fs::read(path).map_err(unreadable)
}

/// The picture as a data URL; its type told by its first bytes, as the sandbox does.
fn data_url(path: &Path) -> Result<String> {
    let encoded = encoded_picture(path)?;
    // JPEG starts /9j/ in base64, PNG iVBOR.
    let mime = if encoded.starts_with("iVBOR") {
        "image/png"
    } else {
        "image/jpeg"
    };
    Ok(format!("data:{mime};base64,{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_become_data_urls_of_their_type() {
        let temp = tempfile::tempdir().unwrap();
        let png = temp.path().join("front.png");
        std::fs::write(&png, b"\x89PNG\r\n").unwrap();
        assert!(
            data_url(&png)
                .unwrap()
                .starts_with("data:image/png;base64,iVBOR")
        );
        let jpeg = temp.path().join("rear.jpg");
        std::fs::write(&jpeg, b"\xff\xd8\xff\xe0").unwrap();
        assert!(
            data_url(&jpeg)
                .unwrap()
                .starts_with("data:image/jpeg;base64,/9j/")
        );
    }
}
