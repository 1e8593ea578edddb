//! The RAO tokens the Optimizer holds: list, look up, create, delete.

use oneshot_api::{Environment, NewToken, Secret, StoredToken, TokenCredentials};
use sha2::{Digest, Sha256};

use super::AdminService;
use super::models::{AdminToken, CreatedToken, NewRaoToken, OptimizerEnvironment, TokenProtection};
use crate::connection::{SignedIn, token_hint};
use crate::error::{Error, Result};

impl AdminService {
    /// Every token the Optimizer holds, the session's own marked.
    pub async fn tokens(&self) -> Result<Vec<AdminToken>> {
        let signed_in = self.signed_in().await?;
        let stored = signed_in.client.tokens().list().await?;
        Ok(stored
            .iter()
            .map(|token| describe(&signed_in, &token.token, &token.credentials))
            .collect())
    }

    /// What the Optimizer holds for a token the officer pasted.
    pub async fn look_up_token(&self, token: Secret) -> Result<AdminToken> {
        let token = Secret::new(token.expose().trim());
        if token.is_empty() {
            return Err(Error::MissingInput("token"));
        }
        let signed_in = self.signed_in().await?;
        let credentials = signed_in
            .client
            .tokens()
            .get(&token)
            .await
            .map_err(unknown_token)?;
        Ok(describe(&signed_in, &token, &credentials))
    }

    /// Creates a token holding the RAO's username and, when given, password and PIN.
    pub async fn create_token(&self, request: NewRaoToken) -> Result<CreatedToken> {
        let username = request.username.trim().to_owned();
        if username.is_empty() {
            return Err(Error::MissingInput("username"));
        }
        let signed_in = self.signed_in().await?;
        let optional = |secret: &Secret| (!secret.is_empty()).then(|| secret.clone());
        let new_token = NewToken {
            username,
            password: optional(&request.password),
            pin: optional(&request.pin),
            env: request.environment.map(|environment| match environment {
                OptimizerEnvironment::Sandbox => Environment::Sandbox,
                OptimizerEnvironment::Prod => Environment::Prod,
            }),
        };
        let value = signed_in.client.tokens().create(&new_token).await?;
        let credentials = signed_in
            .client
            .tokens()
            .get(&value)
            .await
            .map_err(unknown_token)?;
        tracing::info!(username = %credentials.username, "RAO token created");
        Ok(CreatedToken {
            token: describe(&signed_in, &value, &credentials),
            value,
        })
    }

    /// Deletes the token with `id` and answers the tokens left. The sandbox's demo
    /// token and the session's own token are refused before anything is sent.
    pub async fn delete_token(&self, id: &str) -> Result<Vec<AdminToken>> {
        let signed_in = self.signed_in().await?;
        let stored: Vec<StoredToken> = signed_in.client.tokens().list().await?;
        let target = stored
            .iter()
            .find(|token| token_id(&token.token) == id)
            .ok_or(Error::UnknownToken)?;
        if let Some(protection) = protection(&signed_in, &target.token) {
            return Err(Error::TokenProtected(protection));
        }
        signed_in.client.tokens().delete(&target.token).await?;
        tracing::info!(username = %target.credentials.username, "RAO token deleted");
        Ok(stored
            .iter()
            .filter(|token| token.token != target.token)
            .map(|token| describe(&signed_in, &token.token, &token.credentials))
            .collect())
    }
}

fn describe(signed_in: &SignedIn, token: &Secret, credentials: &TokenCredentials) -> AdminToken {
    AdminToken {
        id: token_id(token),
        hint: token_hint(token),
        username: credentials.username.clone(),
        holds_password: credentials.password,
        holds_pin: credentials.pin,
        in_use: *token == signed_in.token,
        protection: protection(signed_in, token),
    }
}

fn protection(signed_in: &SignedIn, token: &Secret) -> Option<TokenProtection> {
    if signed_in.embedded_sandbox && token.expose() == oneshot_sandbox::DEMO_TOKEN {
        Some(TokenProtection::SandboxDemo)
    } else if *token == signed_in.token {
        Some(TokenProtection::InUse)
    } else {
        None
    }
}

/// The first 16 hex digits of the token's SHA-256: tells tokens apart in the UI
/// and in delete requests without carrying the token itself.
fn token_id(token: &Secret) -> String {
    Sha256::digest(token.expose().as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn unknown_token(error: oneshot_api::Error) -> Error {
    match error.http_status() {
        Some(400 | 404) => Error::UnknownToken,
        _ => error.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_short_and_reveal_nothing() {
        let token = Secret::new("fd6a21e6fb7d43b9893a520d67d6ff60");
        let id = token_id(&token);
        assert_eq!(id, token_id(&token));
        assert_eq!(id.len(), 16);
        assert!(!token.expose().contains(&id));
        assert_ne!(
            id,
            token_id(&Secret::new("fd6a21e6fb7d43b9893a520d67d6ff61"))
        );
    }
}
