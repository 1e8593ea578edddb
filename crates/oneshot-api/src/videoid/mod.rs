//! Video ID: remote identification by video, then review by the officer.

mod models;

pub use models::{
    Acceptance, EvidenceImages, Evidences, NewVideoIdRequest, OcrData, RequestUpdate,
    SecurityChecks, SimilarityLevel, VideoIdCreated, VideoIdData,
};

use std::path::PathBuf;

use bytes::Bytes;
use reqwest::Method;
use reqwest::multipart::Form;
use serde::Serialize;

use crate::call::{self, Call, Once, TimeoutClass};
use crate::client::Client;
use crate::credentials::RaoCredentials;
use crate::error::Error;
use crate::transfer::{DownloadedFile, FileSource, Meter, ProgressFn, mime_for};

/// Video ID operations. Get it from [`Client::videoid`].
#[derive(Debug, Clone, Copy)]
pub struct VideoId<'a> {
    client: &'a Client,
}

impl Client {
    /// Create Video ID requests, send evidences, review, correct or cancel them.
    pub fn videoid(&self) -> VideoId<'_> {
        VideoId { client: self }
    }
}

#[derive(Serialize)]
struct Refusal<'a> {
    #[serde(flatten)]
    credentials: &'a RaoCredentials,
    reason: &'a str,
}

impl VideoId<'_> {
    /// `POST /videoid`: creates a request in VIDEOPENDING; answers its pks and
    /// the link for the signer.
    pub fn create(&self, request: &NewVideoIdRequest) -> Call<VideoIdCreated, Once> {
        let problem = (request.mobile_phone_number.trim().is_empty()
            || request.email.trim().is_empty())
        .then(|| Error::InvalidInput("create_videoid: phone number and e-mail are needed".into()));
        Call::new(
            self.client,
            "create_videoid",
            Method::POST,
            vec!["videoid".into()],
            call::json("create_videoid", Ok),
        )
        .once()
        .json_body(request)
        .rejecting(problem)
    }

    /// `POST /videoid/{pk}/evidences`: the external platform's evidences (W6).
    pub fn upload_evidences(&self, pk: u64, evidences: &Evidences) -> Call<String, Once> {
        Call::new(
            self.client,
            "upload_evidences",
            Method::POST,
            vec!["videoid".into(), pk.to_string(), "evidences".into()],
            call::json("upload_evidences", |message: String| Ok(message)),
        )
        .once()
        .json_body(evidences)
        .timeout_class(TimeoutClass::Transfer)
    }

    /// `POST /videoid/{pk}/evidences/video`: the session video, streamed from disk.
    pub fn upload_video(
        &self,
        pk: u64,
        video: FileSource,
        progress: Option<ProgressFn>,
    ) -> Call<String, Once> {
        let form = async move {
            let total = video.size().await?;
            let part = video.part(
                mime_for(&video.file_name()),
                Meter::new(Some(total), progress),
            );
            Ok(Form::new().part("video", part.await?))
        };
        Call::new(
            self.client,
            "upload_video",
            Method::POST,
            vec![
                "videoid".into(),
                pk.to_string(),
                "evidences".into(),
                "video".into(),
            ],
            call::json("upload_video", |message: String| Ok(message)),
        )
        .once()
        .multipart(form)
    }

    /// `POST /requests/{pk}/approve`: the officer approves the identification;
    /// the request moves to ENROLLREADY.
    pub fn approve(&self, pk: u64, credentials: &RaoCredentials) -> Call<String, Once> {
        let problem = credentials
            .problem()
            .map(|problem| Error::InvalidInput(format!("approve_request: {problem}")));
        Call::new(
            self.client,
            "approve_request",
            Method::POST,
            vec!["requests".into(), pk.to_string(), "approve".into()],
            call::json("approve_request", |message: String| Ok(message)),
        )
        .once()
        .json_body(credentials)
        .rejecting(problem)
    }

    /// `POST /videoid/{pk}/refuse`: the officer refuses the identification.
    pub fn refuse(
        &self,
        pk: u64,
        credentials: &RaoCredentials,
        reason: &str,
    ) -> Call<String, Once> {
        let problem = credentials
            .problem()
            .or_else(|| reason.trim().is_empty().then(|| "no reason given".into()))
            .map(|problem| Error::InvalidInput(format!("refuse_request: {problem}")));
        Call::new(
            self.client,
            "refuse_request",
            Method::POST,
            vec!["videoid".into(), pk.to_string(), "refuse".into()],
            call::json("refuse_request", |message: String| Ok(message)),
        )
        .once()
        .json_body(&Refusal {
            credentials,
            reason,
        })
        .rejecting(problem)
    }

    /// `PUT /request/{pk}`: corrects the signer's data.
    pub fn update_request(&self, pk: u64, update: &RequestUpdate) -> Call<String, Once> {
        let problem = update
            .scratchcard
            .trim()
            .is_empty()
            .then(|| Error::InvalidInput("update_request: the scratchcard is needed".into()));
        Call::new(
            self.client,
            "update_request",
            Method::PUT,
            vec!["request".into(), pk.to_string()],
            call::json("update_request", |message: String| Ok(message)),
        )
        .once()
        .json_body(update)
        .rejecting(problem)
    }

    /// `DELETE /request/{pk}`: cancels the request.
    pub fn cancel(&self, pk: u64) -> Call<String> {
        Call::new(
            self.client,
            "cancel_request",
            Method::DELETE,
            vec!["request".into(), pk.to_string()],
            call::json("cancel_request", |message: String| Ok(message)),
        )
    }

    /// `GET /videoid/{pk}/download/video` into memory (bounded).
    pub fn download_video(&self, pk: u64) -> Call<Bytes> {
        Call::new(
            self.client,
            "download_video",
            Method::GET,
            video_path(pk),
            call::bytes("download_video"),
        )
        .timeout_class(TimeoutClass::Transfer)
    }

    /// `GET /videoid/{pk}/download/video` streamed into the file `to`.
    pub fn download_video_to_file(
        &self,
        pk: u64,
        to: impl Into<PathBuf>,
        progress: Option<ProgressFn>,
    ) -> Call<DownloadedFile> {
        Call::new(
            self.client,
            "download_video",
            Method::GET,
            video_path(pk),
            call::to_file("download_video", to.into(), progress),
        )
        .timeout_class(TimeoutClass::Transfer)
    }
}

fn video_path(pk: u64) -> Vec<String> {
    vec![
        "videoid".into(),
        pk.to_string(),
        "download".into(),
        "video".into(),
    ]
}
