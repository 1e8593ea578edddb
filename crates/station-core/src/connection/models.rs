//! What the connection service takes and answers: the UI's view of the connection.

use oneshot_api::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::optimizer::OptimizerProfile;
use crate::sandbox_host::SandboxStatus;
use crate::vault::VaultStatus;

/// Everything the Connection screen shows without calling the Optimizer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOverview {
    /// The Optimizer in use.
    pub optimizer: OptimizerProfile,
    /// The embedded sandbox's state (`stopped` while a remote Optimizer is in use).
    pub sandbox: SandboxStatus,
    /// Whether secrets survive a restart.
    pub vault: VaultStatus,
    /// The RAO signed in on this Optimizer, if any.
    pub session: Option<RaoSession>,
}

/// The signed-in RAO. Its token, password and PIN stay in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RaoSession {
    /// The RAO's username.
    pub username: String,
    /// How the RAO signed in.
    pub method: SignInMethod,
    /// The session's token carries the RAO's password.
    pub token_holds_password: bool,
    /// The session's token carries the RAO's PIN.
    pub token_holds_pin: bool,
}

/// How an RAO signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignInMethod {
    /// With a token the Optimizer already holds.
    Token,
    /// With username, password and PIN.
    Credentials,
}

/// A sign-in as the officer typed it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignIn {
    /// With a token the Optimizer already holds.
    Token {
        /// The token.
        #[ts(type = "string")]
        token: Secret,
    },
    /// With the RAO's credentials.
    Credentials {
        /// The RAO's username.
        username: String,
        /// The RAO's password.
        #[ts(type = "string")]
        password: Secret,
        /// The RAO's PIN.
        #[ts(type = "string")]
        pin: Secret,
    },
}

/// The Optimizer's answers to hello and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    /// The base URL called.
    pub url: String,
    /// hello's greeting, e.g. `Hello`.
    pub hello: String,
    /// The product name from version.
    pub name: String,
    /// The release from version, e.g. `1.5.0`.
    pub version: String,
}

/// One token the Optimizer holds, shown without its full value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TokenSummary {
    /// The token's first and last characters, enough to tell tokens apart.
    pub hint: String,
    /// The RAO the token stands for.
    pub username: String,
    /// The token carries the password.
    pub holds_password: bool,
    /// The token carries the PIN.
    pub holds_pin: bool,
    /// The signed-in session uses this token.
    pub in_use: bool,
}

/// The first and last four characters of a token: a token is a secret, so lists show
/// only what tells tokens apart.
pub(crate) fn token_hint(token: &Secret) -> String {
    let chars: Vec<char> = token.expose().chars().collect();
    if chars.len() < 12 {
        return "…".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_hide_most_of_the_token() {
        assert_eq!(
            token_hint(&Secret::new("fd6a21e6fb7d43b9893a520d67d6ff60")),
            "fd6a…ff60"
        );
        assert_eq!(token_hint(&Secret::new("short")), "…");
    }

    #[test]
    fn sign_in_debug_redacts_secrets() {
        let sign_in: SignIn = serde_json::from_str(
            r#"{"method":"credentials","username":"1125824","password":"pw-9","pin":"4321"}"#,
        )
        .unwrap();
        let printed = format!("{sign_in:?}");
        assert!(printed.contains("1125824"));
        assert!(
            !printed.contains("pw-9") && !printed.contains("4321"),
            "{printed}"
        );
    }
}
