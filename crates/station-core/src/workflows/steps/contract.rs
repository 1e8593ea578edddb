//! The service contract: fetched into the backup folder, shown to the signer by the
//! officer, who confirms it was shown.
//!
//! Reconciliation: fetching only reads, so an interrupted fetch is simply repeated.
//! The confirmation is the officer's intent and is recorded with the contract's
//! SHA-256, so the audit trail says which contract was shown.

use super::super::engine::Run;
use super::super::states::{StepName, StepState};
use super::blocking;
use crate::audit::{AuditAction, DocumentDigest};
use crate::backup::{BackupFolder, file_sha256};
use crate::error::Result;
use crate::store::audit;

const NOTE: &str = "contract: reading only; a restart fetches it again";

/// Fetches the contract, then waits for the officer to show it.
pub(crate) async fn fetch(run: &Run<'_>, seq: u32) -> Result<()> {
    let pk = run.state.pk()?;
    run.begin(StepName::ShowContract, seq, NOTE).await?;
    let folder = BackupFolder::of(&run.engine.backups, run.id());
    let target = folder.contract();
    let staging = folder.staging(&target);
    blocking(move || folder.ensure()).await?;
    run.session
        .client
        .documents()
        .contract_to_file(pk, &staging, None)
        .await?;
    run.answered(StepName::ShowContract);
    let folder = BackupFolder::of(&run.engine.backups, run.id());
    blocking(move || folder.publish(&staging, &target)).await?;
    run.set_state(
        StepName::ShowContract,
        seq,
        StepState::AwaitingOfficer,
        None,
    )
    .await
}

/// The officer showed the contract: record it with the contract's digest.
pub(crate) async fn confirm(run: &Run<'_>, seq: u32) -> Result<()> {
    let contract = BackupFolder::of(&run.engine.backups, run.id()).contract();
    let path = contract.clone();
    let sha256 = blocking(move || file_sha256(&path)).await?;
    let entry = run.audit(AuditAction::ContractShown).with_digests(
        Vec::new(),
        vec![DocumentDigest {
            name: "service-contract.pdf".into(),
            sha256: sha256.clone(),
        }],
    );
    run.finish(
        StepName::ShowContract,
        seq,
        Some(format!("{{\"sha256\":\"{sha256}\"}}")),
        move |tx| audit::append(tx, entry).map(|_| ()),
    )
    .await
}
