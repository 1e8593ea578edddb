//! Sending the signer a one-time code (`POST /otp/{pk}`).
//!
//! Reconciliation: sending again is harmless, a new code replaces the old one (the
//! signer may get two messages; the newest code is the one that works). An Optimizer
//! that refuses because a code was sent less than a minute ago confirms the send.

use oneshot_api::DeliveryMethod;

use super::super::engine::Run;
use super::super::models::OtpChannel;
use super::super::states::StepName;
use crate::audit::AuditAction;
use crate::error::Result;
use crate::store::audit;

pub(crate) const NOTE: &str =
    "otp: sending again is harmless, the newest code replaces the old one";

/// Sends the code (the planned step, or the reconciliation of an interrupted send).
pub(crate) async fn send(run: &Run<'_>, seq: u32) -> Result<()> {
    run.begin(StepName::SendOtp, seq, NOTE).await?;
    send_begun(run, seq).await
}

/// Sends the code for a step already recorded in flight.
pub(crate) async fn send_begun(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    let channel = run.state.request.options.delivery_method;
    let sent = run
        .session
        .client
        .requests()
        .generate_otp(pk, channel.map(delivery))
        .await;
    let details = match sent {
        Ok(_) => channel_name(channel).to_owned(),
        Err(error) if sent_recently(&error) => {
            format!(
                "{}; a code had been sent less than a minute before",
                channel_name(channel)
            )
        }
        Err(error) => return Err(error.into()),
    };
    run.answered(StepName::SendOtp);
    let entry = run.audit(AuditAction::OtpSent).with_details(details);
    run.finish(StepName::SendOtp, seq, None, move |tx| {
        audit::append(tx, entry).map(|_| ())
    })
    .await
}

fn delivery(channel: OtpChannel) -> DeliveryMethod {
    match channel {
        OtpChannel::Sms => DeliveryMethod::Sms,
        OtpChannel::Whatsapp => DeliveryMethod::Whatsapp,
    }
}

fn channel_name(channel: Option<OtpChannel>) -> &'static str {
    match channel {
        Some(OtpChannel::Whatsapp) => "whatsapp",
        _ => "sms",
    }
}

/// "Otp generated less than a minute ago" (HTTP 412).
fn sent_recently(error: &oneshot_api::Error) -> bool {
    error.http_status() == Some(412)
        && error
            .details()
            .is_some_and(|details| details.mentions("less than a minute"))
}
