//! The station as a whole: its data directory, store, vault and services.

use std::sync::Arc;

use crate::audit::AuditTrail;
use crate::connection::ConnectionService;
use crate::data_dir::DataDir;
use crate::error::Result;
use crate::events::EventBus;
use crate::sandbox_host::EmbeddedSandbox;
use crate::store::Store;
use crate::vault::Vault;
use crate::workflows::Workflows;

/// One open station. The desktop shell holds exactly one.
#[derive(Debug)]
pub struct Station {
    data_dir: DataDir,
    connection: Arc<ConnectionService>,
    workflows: Arc<Workflows>,
}

impl Station {
    /// Opens the store in `data_dir` (migrating it), the OS keyring (or a session-only
    /// vault where none runs), and the connection on the Optimizer last chosen.
    ///
    /// Blocks on SQLite and the keyring: call it at startup.
    pub fn open(data_dir: DataDir) -> Result<Self> {
        let store = Arc::new(Store::open(&data_dir.database())?);
        let vault = Vault::open(store.installation_id()?);
        let sandbox = EmbeddedSandbox::new(data_dir.sandbox());
        let connection = Arc::new(ConnectionService::new(Arc::clone(&store), vault, sandbox)?);
        let workflows = Arc::new(Workflows::new(
            store,
            Arc::clone(&connection),
            EventBus::new(),
            data_dir.root().join("backups"),
        ));
        tracing::info!(data_dir = %data_dir.root().display(), "station opened");
        Ok(Self {
            data_dir,
            connection,
            workflows,
        })
    }

    /// The station's data directory.
    pub fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    /// The connection to the Optimizer and the RAO's session.
    pub fn connection(&self) -> &Arc<ConnectionService> {
        &self.connection
    }

    /// Signature workflows, their events and the Video ID queue. Start their
    /// services ([`Workflows::start_services`]) and resume open requests
    /// ([`Workflows::resume_unfinished`]) once the runtime runs and the RAO is
    /// signed in.
    pub fn workflows(&self) -> &Arc<Workflows> {
        &self.workflows
    }

    /// The audit trail.
    pub fn audit(&self) -> AuditTrail {
        self.workflows.audit()
    }
}
