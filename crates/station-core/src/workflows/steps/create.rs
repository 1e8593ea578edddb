//! Creating the request on the Optimizer: `POST /request` (W1–W4) and `POST /videoid`
//! (W5, W6).
//!
//! Reconciliation: the Optimizer has no way to find a request by anything but its
//! pk, and a lost answer loses the pk. An unanswered request was created at most
//! once and nothing was uploaded to it or signed in it, so a restart creates the
//! request again; the unanswered one stays unused (and, for Video ID, the signer may
//! get a second link: the newest one is the one followed).

use oneshot_api::{AsyncMode, FileSource, IdImages, NewSignatureRequest, NewVideoIdRequest};

use super::super::engine::Run;
use super::super::models::display_name;
use super::super::states::{StepName, WorkflowKind};
use crate::audit::AuditAction;
use crate::error::Result;
use crate::events::StationEvent;
use crate::identity::ValidSignerIdentity;
use crate::store::{audit, requests, videoid_queue};

const NOTE: &str = "create: a lost answer loses the pk; a restart creates the request again \
                    and the unanswered one stays unused";

/// `POST /request` with the signer's data and ID pictures.
pub(crate) async fn request(run: &Run<'_>, seq: u32) -> Result<()> {
    let stored = &run.state.request;
    let signer = ValidSignerIdentity::try_from(stored.signer.clone())?;
    let mut new = NewSignatureRequest::new(run.session.credentials.clone(), signer.to_signer());
    let images = &stored.id_images;
    let source = |path: &Option<std::path::PathBuf>| path.clone().map(FileSource::path);
    new.images = IdImages {
        document_front: source(&images.document_front),
        document_rear: source(&images.document_rear),
        document_owner: source(&images.document_owner),
        extra_document: source(&images.extra_document),
    };
    new.profile = stored.options.profile.clone();
    new.registration_authority = stored.options.registration_authority.clone();
    new.communication_language = signer.communication_language().map(str::to_owned);
    if stored.kind == WorkflowKind::Asynchronous {
        new.asynchronous = Some(AsyncMode {
            callback: run.engine.webhook_url(stored.profile_id),
        });
    }
    run.begin(StepName::CreateRequest, seq, NOTE).await?;
    let pk = run.session.client.requests().create(new).await?;
    run.answered(StepName::CreateRequest);
    let id = run.id().clone();
    let entry = run.audit(AuditAction::Create);
    run.finish(
        StepName::CreateRequest,
        seq,
        Some(format!("{{\"pk\":{pk}}}")),
        move |tx| {
            requests::set_optimizer_pk(tx, &id, pk)?;
            requests::set_server_status(tx, &id, "ENROLLREADY")?;
            audit::append(
                tx,
                crate::audit::NewAuditEntry {
                    optimizer_pk: Some(pk),
                    ..entry
                },
            )?;
            Ok(())
        },
    )
    .await
}

/// `POST /videoid`; the request joins the Video ID queue.
pub(crate) async fn videoid(run: &Run<'_>, seq: u32) -> Result<()> {
    let stored = &run.state.request;
    let new = NewVideoIdRequest {
        mobile_phone_number: stored.signer.mobile_phone_number.clone(),
        email: stored.signer.email.clone(),
        registration_authority: stored.options.registration_authority.clone(),
        profile: stored.options.profile.clone(),
        // The external platform (W6) reports to its own systems, not to a webhook.
        webhook_url: match stored.kind {
            WorkflowKind::VideoIdEidas => run.engine.webhook_url(stored.profile_id),
            _ => None,
        },
        videoid_mode: stored.options.videoid_mode,
        ..NewVideoIdRequest::default()
    };
    run.begin(StepName::CreateVideoId, seq, NOTE).await?;
    let created = run.session.client.videoid().create(&new).await?;
    run.answered(StepName::CreateVideoId);
    let id = run.id().clone();
    let entry = run
        .audit(AuditAction::Create)
        .with_details(format!("video id session {}", created.videoid_pk));
    let signer = display_name(&stored.signer);
    let ra = stored.options.registration_authority.clone();
    let pk = created.request_pk;
    run.finish(
        StepName::CreateVideoId,
        seq,
        Some(format!(
            "{{\"pk\":{pk},\"videoid_pk\":{}}}",
            created.videoid_pk
        )),
        move |tx| {
            requests::set_optimizer_pk(tx, &id, pk)?;
            requests::set_videoid(tx, &id, created.videoid_pk, &created.videoid_link)?;
            requests::set_server_status(tx, &id, "VIDEOPENDING")?;
            videoid_queue::upsert(tx, &id, pk, "VIDEOPENDING", &signer, ra.as_deref())?;
            audit::append(
                tx,
                crate::audit::NewAuditEntry {
                    optimizer_pk: Some(pk),
                    ..entry
                },
            )?;
            Ok(())
        },
    )
    .await?;
    run.engine.events.emit(StationEvent::QueueChanged);
    Ok(())
}
