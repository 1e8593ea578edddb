//! Administration of the Optimizer in use, for the signed-in RAO: its health, its
//! settings, the tokens it holds, the metadata and the pictures it adds to signatures.
//!
//! Secrets stay out of the answers: tokens are listed by a hint and an id derived
//! from them, a new token's value is handed over once, and the billing password is
//! only ever written (to the Optimizer and to the vault), never read back.

mod health;
mod images;
mod metadata;
mod models;
mod settings;
mod tokens;

use std::sync::Arc;

use crate::connection::{ConnectionService, SignedIn};
use crate::error::Result;

pub use models::{
    AdminSettings, AdminToken, CreatedToken, MetadataEntry, NewMetadata, NewRaoToken,
    OptimizerEnvironment, OptimizerHealth, OptimizerHost, SettingsUpdate, SignatureImage,
    SignatureImagePreview, TokenProtection,
};

/// The administration screen's service. Cheap to share in an `Arc`; every call
/// works on the Optimizer in use at that moment.
#[derive(Debug)]
pub struct AdminService {
    connection: Arc<ConnectionService>,
}

impl AdminService {
    /// Administration over `connection`'s Optimizer and vault.
    pub fn new(connection: Arc<ConnectionService>) -> Self {
        Self { connection }
    }

    /// The Optimizer in use with its signed-in RAO; administration needs one.
    async fn signed_in(&self) -> Result<SignedIn> {
        self.connection.signed_in().await
    }
}
