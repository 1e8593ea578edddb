//! The connection service: which Optimizer, is it there, who is signed in, which tokens.

mod models;
mod sign_in;

use std::sync::Arc;

use oneshot_api::{Client, Secret};
use tokio::sync::Mutex;

use crate::error::{Error, Result};
use crate::optimizer::OptimizerProfile;
use crate::sandbox_host::EmbeddedSandbox;
use crate::store::{ProfileId, Store};
use crate::vault::{SecretKind, Vault};

pub(crate) use models::token_hint;
pub use models::{
    ConnectionOverview, ConnectionReport, RaoSession, SignIn, SignInMethod, TokenSummary,
};

/// Connects the station to its Optimizer and keeps the RAO's session.
///
/// Share it in an `Arc`; calls to the Optimizer run without holding the state lock,
/// so a slow Optimizer never blocks the overview.
#[derive(Debug)]
pub struct ConnectionService {
    store: Arc<Store>,
    vault: Vault,
    sandbox: EmbeddedSandbox,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    profile_id: ProfileId,
    profile: OptimizerProfile,
    /// Built on first use for the current profile.
    client: Option<Client>,
    session: Option<ActiveSession>,
}

/// The signed-in RAO on the Optimizer in use, see [`ConnectionService::signed_in`].
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub profile_id: ProfileId,
    pub embedded_sandbox: bool,
    pub client: Client,
    pub session: RaoSession,
    pub token: Secret,
}

#[derive(Debug, Clone)]
struct ActiveSession {
    info: RaoSession,
    token: Secret,
}

impl ConnectionService {
    /// The service on the active profile, with the session found in the store and vault.
    ///
    /// Blocks on the vault: call it at startup or from a blocking thread.
    pub fn new(store: Arc<Store>, vault: Vault, sandbox: EmbeddedSandbox) -> Result<Self> {
        let (profile_id, profile) = store.profiles().active()?;
        let session = restore_session(&store, &vault, profile_id)?;
        Ok(Self {
            store,
            vault,
            sandbox,
            state: Mutex::new(State {
                profile_id,
                profile,
                client: None,
                session,
            }),
        })
    }

    /// What the Connection screen shows, without calling the Optimizer.
    pub async fn overview(&self) -> ConnectionOverview {
        let state = self.state.lock().await;
        ConnectionOverview {
            optimizer: state.profile.clone(),
            sandbox: self.sandbox.status(),
            vault: self.vault.status(),
            session: state.session.as_ref().map(|s| s.info.clone()),
        }
    }

    /// Starts the embedded sandbox now when it is the Optimizer in use, so the first
    /// call does not wait for it.
    pub async fn warm_up(&self) -> Result<()> {
        if self.state.lock().await.profile == OptimizerProfile::EmbeddedSandbox {
            self.sandbox.base_url().await?;
        }
        Ok(())
    }

    /// Switches to `profile` after checking it (URL, and that the CA, certificate and
    /// key files can be read and parsed). A bad profile changes nothing.
    ///
    /// Sessions belong to a profile: switching back to an Optimizer restores the RAO
    /// signed in there.
    pub async fn choose_optimizer(&self, profile: OptimizerProfile) -> Result<ConnectionOverview> {
        let profile = profile.validated()?;
        if let OptimizerProfile::Remote(remote) = &profile {
            Client::new(remote.client_options()?)?;
        }
        let store = self.store.clone();
        let vault = self.vault.clone();
        let chosen = profile.clone();
        let (profile_id, session) = blocking(move || {
            let id = store.profiles().activate(&chosen)?;
            Ok((id, restore_session(&store, &vault, id)?))
        })
        .await?;
        {
            let mut state = self.state.lock().await;
            *state = State {
                profile_id,
                profile: profile.clone(),
                client: None,
                session,
            };
        }
        match profile {
            OptimizerProfile::Remote(_) => self.sandbox.stop().await?,
            OptimizerProfile::EmbeddedSandbox => {
                self.sandbox.base_url().await?;
            }
        }
        Ok(self.overview().await)
    }

    /// Calls hello and version on the Optimizer in use.
    pub async fn test(&self) -> Result<ConnectionReport> {
        let client = self.client().await?;
        let hello = client.settings().hello().await?;
        let version = client.settings().version().await?;
        Ok(ConnectionReport {
            url: client.options().base_url().to_owned(),
            hello,
            name: version.name,
            version: version.version,
        })
    }

    /// Signs the RAO in on the Optimizer in use, replacing any earlier session there.
    pub async fn sign_in(&self, request: SignIn) -> Result<ConnectionOverview> {
        let client = self.client().await?;
        let profile_id = self.state.lock().await.profile_id;
        let verified = sign_in::verify(&client, request).await?;

        let store = self.store.clone();
        let vault = self.vault.clone();
        let active = ActiveSession {
            info: verified.session.clone(),
            token: verified.token.clone(),
        };
        blocking(move || {
            vault.forget(profile_id)?;
            vault.put(profile_id, SecretKind::RaoToken, &verified.token)?;
            if let Some((password, pin)) = &verified.credentials {
                vault.put(profile_id, SecretKind::RaoPassword, password)?;
                vault.put(profile_id, SecretKind::RaoPin, pin)?;
            }
            store.sessions().put(profile_id, &verified.session)
        })
        .await?;
        tracing::info!(
            username = %active.info.username,
            method = ?active.info.method,
            "RAO signed in"
        );
        {
            let mut state = self.state.lock().await;
            if state.profile_id == profile_id {
                state.session = Some(active);
            }
        }
        Ok(self.overview().await)
    }

    /// Signs the RAO out of the Optimizer in use and removes their secrets from the vault.
    ///
    /// A token created at a credentials sign-in stays on the Optimizer: the next sign-in
    /// with the same credentials finds and reuses it instead of piling up tokens.
    pub async fn sign_out(&self) -> Result<ConnectionOverview> {
        let profile_id = self.state.lock().await.profile_id;
        let store = self.store.clone();
        let vault = self.vault.clone();
        blocking(move || {
            store.sessions().remove(profile_id)?;
            vault.forget(profile_id)
        })
        .await?;
        {
            let mut state = self.state.lock().await;
            if state.profile_id == profile_id {
                state.session = None;
            }
        }
        tracing::info!("RAO signed out");
        Ok(self.overview().await)
    }

    /// The tokens the Optimizer in use holds; the session's own is marked.
    pub async fn tokens(&self) -> Result<Vec<TokenSummary>> {
        let client = self.client().await?;
        let in_use = self
            .state
            .lock()
            .await
            .session
            .as_ref()
            .map(|s| s.token.clone());
        let tokens = client.tokens().list().await?;
        Ok(tokens
            .into_iter()
            .map(|stored| TokenSummary {
                hint: token_hint(&stored.token),
                in_use: in_use.as_ref() == Some(&stored.token),
                username: stored.credentials.username,
                holds_password: stored.credentials.password,
                holds_pin: stored.credentials.pin,
            })
            .collect())
    }

    /// The Optimizer in use and its signed-in RAO, for work done on the RAO's behalf
    /// (the workflows). Fails with [`Error::NotSignedIn`] when nobody is signed in.
    pub(crate) async fn signed_in(&self) -> Result<SignedIn> {
        let client = self.client().await?;
        let state = self.state.lock().await;
        let session = state.session.as_ref().ok_or(Error::NotSignedIn)?;
        Ok(SignedIn {
            profile_id: state.profile_id,
            embedded_sandbox: state.profile == OptimizerProfile::EmbeddedSandbox,
            client,
            session: session.info.clone(),
            token: session.token.clone(),
        })
    }

    /// The vault holding the secrets of every Optimizer profile.
    pub(crate) fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Stops the embedded sandbox, if it runs; call when the station quits.
    pub async fn shutdown(&self) -> Result<()> {
        self.sandbox.stop().await
    }

    /// The client of the Optimizer in use, building it (and starting the embedded
    /// sandbox) on first use.
    async fn client(&self) -> Result<Client> {
        let profile = {
            let state = self.state.lock().await;
            if let Some(client) = &state.client {
                return Ok(client.clone());
            }
            state.profile.clone()
        };
        let options = match &profile {
            OptimizerProfile::EmbeddedSandbox => {
                oneshot_api::ClientOptions::new(self.sandbox.base_url().await?)
                    .user_agent(crate::USER_AGENT)
            }
            OptimizerProfile::Remote(remote) => remote.client_options()?,
        };
        let client = Client::new(crate::workflows::hooks::client_options(options))?;
        let mut state = self.state.lock().await;
        // Keep it only if the officer did not switch Optimizers meanwhile.
        if state.profile == profile {
            state.client = Some(client.clone());
        }
        Ok(client)
    }
}

/// The session recorded for `profile_id`, with its token from the vault. A record whose
/// token is gone (a session-only vault before a restart) is dropped: sign in again.
fn restore_session(
    store: &Store,
    vault: &Vault,
    profile_id: ProfileId,
) -> Result<Option<ActiveSession>> {
    let Some(info) = store.sessions().get(profile_id)? else {
        return Ok(None);
    };
    match vault.get(profile_id, SecretKind::RaoToken)? {
        Some(token) => Ok(Some(ActiveSession { info, token })),
        None => {
            store.sessions().remove(profile_id)?;
            Ok(None)
        }
    }
}

/// Runs store and vault work (SQLite, D-Bus) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}
