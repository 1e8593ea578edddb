//! The station as a whole: its data directory, store, vault and services.

use std::sync::Arc;

use crate::connection::ConnectionService;
use crate::data_dir::DataDir;
use crate::error::Result;
use crate::sandbox_host::EmbeddedSandbox;
use crate::store::Store;
use crate::vault::Vault;

/// One open station. The desktop shell holds exactly one.
#[derive(Debug)]
pub struct Station {
    data_dir: DataDir,
    connection: Arc<ConnectionService>,
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
        let connection = Arc::new(ConnectionService::new(store, vault, sandbox)?);
        tracing::info!(data_dir = %data_dir.root().display(), "station opened");
        Ok(Self {
            data_dir,
            connection,
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
}
