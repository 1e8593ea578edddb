//! The words of a workflow: which one, where it stands, its steps and their states.
//! Each has a stable database word, so a database written by one release is read by
//! the next.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The station's own id of a signature request (32 hex digits). The Optimizer's pk
/// is known only once the request is created there.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct RequestId(String);

impl RequestId {
    /// A new, random id.
    pub fn generate() -> Self {
        Self(uuid::Uuid::new_v4().simple().to_string())
    }

    /// An id as stored or as the UI sends it back.
    pub fn from_raw(raw: impl Into<String>) -> Self {
        Self(raw.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Declares an enum with a stable database word per variant.
macro_rules! words {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// The word stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word,)+ }
            }

            pub(crate) fn parse(word: &str) -> Result<Self> {
                match word {
                    $($word => Ok(Self::$variant),)+
                    other => Err(Error::CorruptStore(format!(
                        concat!("unknown ", stringify!($name), " {:?}"), other
                    ))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words! {
    /// The six One-Shot workflows.
    pub enum WorkflowKind {
        /// W1: classic, the signer confirms with an SMS or WhatsApp code.
        ClassicOtp => "classic_otp",
        /// W2: the signer was authenticated by an external system.
        ExternalAuthentication => "external_authentication",
        /// W3: hash signature, a detached CMS (.p7m) over a local file.
        HashSignature => "hash_signature",
        /// W4: as W1, but the Optimizer signs in the background.
        Asynchronous => "asynchronous",
        /// W5: remote identification by the Optimizer's Video ID (eIDAS), then W1.
        VideoIdEidas => "videoid_eidas",
        /// W6: Video ID on an external platform, its evidences uploaded, then W1.
        VideoIdExternal => "videoid_external",
    }
}

impl WorkflowKind {
    /// True for W5 and W6.
    pub fn is_videoid(self) -> bool {
        matches!(self, Self::VideoIdEidas | Self::VideoIdExternal)
    }

    /// True when the signer confirms with an OTP the Optimizer sends.
    pub fn uses_otp(self) -> bool {
        !matches!(self, Self::ExternalAuthentication)
    }
}

words! {
    /// Where a signature request stands, as the request list shows it.
    pub enum RequestPhase {
        /// The station is working on it (or was, when it stopped).
        Running => "running",
        /// The officer must act: see the request's `officer_task`.
        AwaitingOfficer => "awaiting_officer",
        /// The Optimizer or the signer must act (video session, background signature).
        WaitingForOptimizer => "waiting_for_optimizer",
        /// A step failed; the officer can retry it.
        Failed => "failed",
        /// Signed, saved, verified and removed from the Optimizer.
        Completed => "completed",
        /// The officer refused the Video ID identification.
        Refused => "refused",
        /// The request was cancelled.
        Cancelled => "cancelled",
    }
}

impl RequestPhase {
    /// True when nothing more will happen to the request.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Completed | Self::Refused | Self::Cancelled)
    }
}

words! {
    /// The steps workflows are made of.
    pub enum StepName {
        /// `POST /request` with identity data and ID pictures.
        CreateRequest => "create_request",
        /// `POST /videoid`.
        CreateVideoId => "create_videoid",
        /// `POST /videoid/{pk}/evidences` (W6).
        UploadEvidences => "upload_evidences",
        /// `POST /videoid/{pk}/evidences/video` (W6).
        UploadVideo => "upload_video",
        /// Waiting for the Video ID session to reach review.
        AwaitVideoReview => "await_video_review",
        /// The officer approves, refuses or cancels the identification.
        ReviewVideoId => "review_videoid",
        /// `POST /document/{pk}`, ten files a call.
        UploadDocuments => "upload_documents",
        /// `GET /document/{pk}/contract`, then the officer shows it to the signer.
        ShowContract => "show_contract",
        /// `POST /otp/{pk}`.
        SendOtp => "send_otp",
        /// `POST /sign/{pk}` with the code the officer types.
        Sign => "sign",
        /// Waiting for a background (asynchronous) signature.
        AwaitSignature => "await_signature",
        /// `GET /document/{pk}/signed/{uid}` into the backup folder.
        FetchSigned => "fetch_signed",
        /// Local verification of every saved signed document.
        VerifyBackup => "verify_backup",
        /// `DELETE /documents/{pk}`.
        DeleteDocuments => "delete_documents",
        /// The officer's extra action: `DELETE /request/{pk}`.
        CancelRequest => "cancel_request",
        /// The officer's extra action: `PUT /request/{pk}` with corrected signer data.
        CorrectSigner => "correct_signer",
    }
}

words! {
    /// The state of one step.
    pub enum StepState {
        /// Not started.
        Pending => "pending",
        /// Recorded as started; its call may or may not have reached the Optimizer.
        InFlight => "in_flight",
        /// Waiting for the officer's intent.
        AwaitingOfficer => "awaiting_officer",
        /// Waiting for the Optimizer or the signer.
        Waiting => "waiting",
        /// Finished.
        Done => "done",
        /// Failed without effect; the officer can retry.
        Failed => "failed",
        /// Not needed (e.g. documents of a cancelled request).
        Skipped => "skipped",
    }
}

/// The steps of each workflow, in order. W5 and W6 continue as W1 after approval.
pub fn plan(kind: WorkflowKind) -> Vec<StepName> {
    use StepName::*;
    let mut steps = match kind {
        WorkflowKind::ClassicOtp
        | WorkflowKind::ExternalAuthentication
        | WorkflowKind::HashSignature
        | WorkflowKind::Asynchronous => vec![CreateRequest],
        WorkflowKind::VideoIdEidas => vec![CreateVideoId, AwaitVideoReview, ReviewVideoId],
        WorkflowKind::VideoIdExternal => vec![
            CreateVideoId,
            UploadEvidences,
            UploadVideo,
            AwaitVideoReview,
            ReviewVideoId,
        ],
    };
    steps.extend([UploadDocuments, ShowContract]);
    if kind.uses_otp() {
        steps.push(SendOtp);
    }
    steps.push(Sign);
    if kind == WorkflowKind::Asynchronous {
        steps.push(AwaitSignature);
    }
    steps.extend([FetchSigned, VerifyBackup, DeleteDocuments]);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for kind in [WorkflowKind::ClassicOtp, WorkflowKind::VideoIdExternal] {
            assert_eq!(WorkflowKind::parse(kind.as_str()).unwrap(), kind);
        }
        assert_eq!(StepName::parse("sign").unwrap(), StepName::Sign);
        assert_eq!(
            StepState::parse("nope").unwrap_err().code(),
            "store.corrupt"
        );
        assert_eq!(
            serde_json::to_value(RequestPhase::AwaitingOfficer).unwrap(),
            "awaiting_officer"
        );
    }

    #[test]
    fn plans_follow_the_design_table() {
        use StepName::*;
        assert_eq!(
            plan(WorkflowKind::ClassicOtp),
            vec![
                CreateRequest,
                UploadDocuments,
                ShowContract,
                SendOtp,
                Sign,
                FetchSigned,
                VerifyBackup,
                DeleteDocuments
            ]
        );
        assert!(!plan(WorkflowKind::ExternalAuthentication).contains(&SendOtp));
        assert!(plan(WorkflowKind::Asynchronous).contains(&AwaitSignature));
        let w6 = plan(WorkflowKind::VideoIdExternal);
        assert_eq!(
            &w6[..5],
            &[
                CreateVideoId,
                UploadEvidences,
                UploadVideo,
                AwaitVideoReview,
                ReviewVideoId
            ]
        );
        assert_eq!(w6.last(), Some(&DeleteDocuments));
    }
}
