//! Tokens: a string standing for an RAO's credentials.

use axum::extract::{Path, State};
use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::DEMO_TOKEN;
use crate::api::AppState;
use crate::api::envelope::{Answer, parse_json, require};
use crate::error::Error;
use crate::rao;
use crate::secret::Secret;
use crate::store::RaoToken;

#[derive(Debug, Deserialize)]
struct CreateToken {
    username: Option<String>,
    password: Option<Secret>,
    pin: Option<Secret>,
    env: Option<String>,
}

const UNKNOWN_RAO: &str = "Error getting RAO's id. Make sure the credentials are correct.";

pub async fn create(State(state): State<AppState>, body: Bytes) -> Result<Answer, Error> {
    let input: CreateToken = parse_json(&body)?;
    require(&[("username", input.username.is_some())])?;
    let username = input.username.unwrap_or_default();
    state.environment(input.env.as_deref()).await?;
    if !rao::is_known(&username) {
        return Err(Error::NotFound(UNKNOWN_RAO.into()));
    }
    // The spec answers 404 for any credential that does not match the account.
    let wrong = |_| Error::NotFound(UNKNOWN_RAO.into());
    if let Some(password) = &input.password {
        rao::check_password(&username, password).map_err(wrong)?;
    }
    if let Some(pin) = &input.pin {
        rao::check_pin(&username, pin).map_err(wrong)?;
    }
    let token = RaoToken {
        username,
        password: input.password.is_some(),
        pin: input.pin.is_some(),
    };
    match state.store.tokens.create(token).await? {
        Some(uid) => Ok(Answer::ok(uid)),
        None => Err(Error::BadRequest(
            "A token with these credentials already exist!".into(),
        )),
    }
}

pub async fn get(State(state): State<AppState>, Path(uid): Path<String>) -> Result<Answer, Error> {
    match state.store.tokens.get(&uid).await? {
        Some(token) => Ok(Answer::ok(token_json(&token))),
        None => Err(Error::NotFound("Token not found".into())),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    Path(uid): Path<String>,
) -> Result<Answer, Error> {
    if uid == DEMO_TOKEN {
        return Err(Error::Forbidden("The demo token cannot be deleted".into()));
    }
    if state.store.tokens.delete(&uid).await? {
        Ok(Answer::ok("Token deleted successfully"))
    } else {
        Err(Error::NotFound("Token not found".into()))
    }
}

pub async fn list(State(state): State<AppState>) -> Result<Answer, Error> {
    let all: Map<String, Value> = state
        .store
        .tokens
        .list()
        .await?
        .into_iter()
        .map(|(uid, token)| (uid, token_json(&token)))
        .collect();
    Ok(Answer::ok(all))
}

/// GET token and list tokens answer for a path with no uid.
pub async fn missing_uid() -> Error {
    Error::BadRequest("Missing required parameter: no token uid specified".into())
}

fn token_json(token: &RaoToken) -> Value {
    json!({ "username": token.username, "password": token.password, "pin": token.pin })
}
