//! Checking an RAO's sign-in against the Optimizer.
//!
//! The One-Shot API has no login call; an RAO is known to the Optimizer through
//! tokens. So:
//! - a token is checked by asking the Optimizer what it holds (`GET /token/{uid}`);
//! - credentials are checked by asking the Optimizer for a token holding them
//!   (`POST /token`): the Optimizer resolves the RAO's account and refuses a wrong
//!   username, password or PIN. When it answers that a token with exactly these
//!   credentials already exists, they were accepted when that token was made, and
//!   the session uses that token (found in `GET /tokens`), so repeated sign-ins do not
//!   pile up tokens. No request is created and nothing is signed to check a password.

use oneshot_api::{Client, NewToken, Secret};

use super::models::{RaoSession, SignIn, SignInMethod};
use crate::error::{Error, Result};

/// A sign-in the Optimizer accepted.
#[derive(Debug)]
pub(super) struct Verified {
    pub session: RaoSession,
    pub token: Secret,
    /// Password and PIN, for a credentials sign-in.
    pub credentials: Option<(Secret, Secret)>,
}

pub(super) async fn verify(client: &Client, request: SignIn) -> Result<Verified> {
    match request {
        SignIn::Token { token } => with_token(client, token).await,
        SignIn::Credentials {
            username,
            password,
            pin,
        } => with_credentials(client, username.trim().to_owned(), password, pin).await,
    }
}

async fn with_token(client: &Client, token: Secret) -> Result<Verified> {
    let token = Secret::new(token.expose().trim());
    if token.is_empty() {
        return Err(Error::MissingInput("token"));
    }
    let held = client
        .tokens()
        .get(&token)
        .await
        .map_err(|error| match error.http_status() {
            Some(400 | 404) => Error::UnknownToken,
            _ => error.into(),
        })?;
    Ok(Verified {
        session: RaoSession {
            username: held.username,
            method: SignInMethod::Token,
            token_holds_password: held.password,
            token_holds_pin: held.pin,
        },
        token,
        credentials: None,
    })
}

async fn with_credentials(
    client: &Client,
    username: String,
    password: Secret,
    pin: Secret,
) -> Result<Verified> {
    for (field, empty) in [
        ("username", username.is_empty()),
        ("password", password.is_empty()),
        ("pin", pin.is_empty()),
    ] {
        if empty {
            return Err(Error::MissingInput(field));
        }
    }
    let new_token = NewToken {
        username: username.clone(),
        password: Some(password.clone()),
        pin: Some(pin.clone()),
        env: None,
    };
    let token = match client.tokens().create(&new_token).await {
        Ok(token) => token,
        Err(error) if is_duplicate(&error) => existing_token(client, &username)
            .await?
            .ok_or(Error::Optimizer(error))?,
        Err(error) if matches!(error.http_status(), Some(401 | 403 | 404)) => {
            return Err(Error::InvalidCredentials);
        }
        Err(error) => return Err(error.into()),
    };
    Ok(Verified {
        session: RaoSession {
            username,
            method: SignInMethod::Credentials,
            token_holds_password: true,
            token_holds_pin: true,
        },
        token,
        credentials: Some((password, pin)),
    })
}

/// "A token with these credentials already exist!" (HTTP 400).
fn is_duplicate(error: &oneshot_api::Error) -> bool {
    error.http_status() == Some(400) && error.details().is_some_and(|d| d.mentions("already exist"))
}

/// The token holding `username` with both password and PIN.
async fn existing_token(client: &Client, username: &str) -> Result<Option<Secret>> {
    Ok(client
        .tokens()
        .list()
        .await?
        .into_iter()
        .find(|stored| {
            stored.credentials.username == username
                && stored.credentials.password
                && stored.credentials.pin
        })
        .map(|stored| stored.token))
}
