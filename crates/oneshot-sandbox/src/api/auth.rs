//! "A token or username + password + PIN": how calls that act for an RAO
//! prove it.

use crate::api::Shared;
use crate::error::Error;
use crate::rao;
use crate::secret::Secret;

/// The credentials a call carried, in whatever combination.
#[derive(Debug, Default)]
pub struct RaoCredentials {
    pub token: Option<Secret>,
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub pin: Option<Secret>,
}

const INCOMPLETE: &str = "Missing required parameters: incomplete RAO's credentials";
const INVALID: &str = "Invalid RAO credentials";

impl RaoCredentials {
    /// True when the call carried nothing at all.
    pub fn is_empty(&self) -> bool {
        self.token.is_none()
            && self.username.is_none()
            && self.password.is_none()
            && self.pin.is_none()
    }

    /// Checks the credentials and returns the officer's username.
    ///
    /// A token may stand for the password and PIN; whatever it lacks must come
    /// with the call. Missing pieces are 400, wrong ones 403.
    pub async fn authenticate(&self, shared: &Shared) -> Result<String, Error> {
        let (username, token_has_password, token_has_pin) = match &self.token {
            Some(token) => {
                let found = shared.store.tokens.get(token.expose()).await?;
                let found = found.ok_or_else(|| Error::Forbidden(INVALID.into()))?;
                (found.username, found.password, found.pin)
            }
            None => (
                self.username
                    .clone()
                    .ok_or_else(|| Error::BadRequest(INCOMPLETE.into()))?,
                false,
                false,
            ),
        };
        let password_needed = !token_has_password;
        let pin_needed = !token_has_pin;
        if (password_needed && self.password.is_none()) || (pin_needed && self.pin.is_none()) {
            return Err(Error::BadRequest(INCOMPLETE.into()));
        }
        if !rao::is_known(&username) {
            return Err(Error::Forbidden(INVALID.into()));
        }
        if let Some(password) = self.password.as_ref().filter(|_| password_needed) {
            rao::check_password(&username, password)?;
        }
        if let Some(pin) = self.pin.as_ref().filter(|_| pin_needed) {
            rao::check_pin(&username, pin)?;
        }
        Ok(username)
    }
}
