//! The officer's domain: workflows, vault, audit trail and verification.
