//! Tokens: a token stands for an RAO's credentials in later calls.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::call::{self, Call, Once};
use crate::client::Client;
use crate::de;
use crate::environment::Environment;
use crate::error::Error;
use crate::secret::Secret;

/// Token operations. Get it from [`Client::tokens`].
#[derive(Debug, Clone, Copy)]
pub struct Tokens<'a> {
    client: &'a Client,
}

impl Client {
    /// Create, get, list and delete RAO tokens.
    pub fn tokens(&self) -> Tokens<'_> {
        Tokens { client: self }
    }
}

impl Tokens<'_> {
    /// `POST /token`: stores the RAO's credentials and answers the new token.
    pub fn create(&self, token: &NewToken) -> Call<Secret, Once> {
        let invalid = token
            .username
            .trim()
            .is_empty()
            .then(|| Error::InvalidInput("create_token: the RAO username is empty".into()));
        Call::new(
            self.client,
            "create_token",
            Method::POST,
            vec!["token".into()],
            call::json("create_token", |token: String| Ok(Secret::new(token))),
        )
        .once()
        .json_body(token)
        .rejecting(invalid)
    }

    /// `GET /token/{uid}`: which credentials the token holds.
    ///
    /// The API puts the token in the URL path; the client never logs URLs.
    pub fn get(&self, token: &Secret) -> Call<TokenCredentials> {
        Call::new(
            self.client,
            "get_token",
            Method::GET,
            vec!["token".into(), token.expose().to_owned()],
            call::json("get_token", Ok),
        )
    }

    /// `GET /tokens`: every token and the credentials it holds, ordered by token.
    pub fn list(&self) -> Call<Vec<StoredToken>> {
        Call::new(
            self.client,
            "list_tokens",
            Method::GET,
            vec!["tokens".into()],
            call::json("list_tokens", |tokens: ListedTokens| {
                Ok(tokens
                    .0
                    .into_iter()
                    .map(|(token, credentials)| StoredToken {
                        token: Secret::new(token),
                        credentials,
                    })
                    .collect())
            }),
        )
    }

    /// `DELETE /token/{uid}`: forgets the token; answers the confirmation.
    pub fn delete(&self, token: &Secret) -> Call<String> {
        Call::new(
            self.client,
            "delete_token",
            Method::DELETE,
            vec!["token".into(), token.expose().to_owned()],
            call::json("delete_token", |message: String| Ok(message)),
        )
    }
}

/// The RAO credentials a new token will stand for.
#[derive(Debug, Clone, Serialize)]
pub struct NewToken {
    /// The RAO's user name.
    pub username: String,
    /// The RAO's password; without it, later calls must carry it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The RAO's PIN; without it, later calls must carry it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin: Option<Secret>,
    /// The environment, when not set in the Optimizer's settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Environment>,
}

/// Which credentials a token holds (never the password or PIN themselves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenCredentials {
    /// The RAO's user name.
    #[serde(deserialize_with = "de::text")]
    pub username: String,
    /// The token holds the password.
    #[serde(default, deserialize_with = "de::flag")]
    pub password: bool,
    /// The token holds the PIN.
    #[serde(default, deserialize_with = "de::flag")]
    pub pin: bool,
}

/// One token of [`Tokens::list`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    /// The token.
    pub token: Secret,
    /// What it holds.
    pub credentials: TokenCredentials,
}

#[derive(Deserialize)]
struct ListedTokens(BTreeMap<String, TokenCredentials>);
