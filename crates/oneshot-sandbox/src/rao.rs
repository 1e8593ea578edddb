//! The Registration Authority Officer accounts the sandbox knows.
//!
//! The vendor's test Optimizer ships with one pre-registered officer; so does
//! the sandbox. Credentials are checked here and nowhere else.

use crate::error::Error;
use crate::secret::Secret;

/// Username (RAO id) of the sandbox's pre-registered officer.
pub const DEMO_RAO_USERNAME: &str = "1125824";
/// Password of the pre-registered officer (public: it only unlocks the sandbox).
pub const DEMO_RAO_PASSWORD: &str = "sandbox-rao-password";
/// PIN of the pre-registered officer (public: it only unlocks the sandbox).
pub const DEMO_RAO_PIN: &str = "112233";

/// True when `username` names an officer account of this sandbox.
pub fn is_known(username: &str) -> bool {
    username == DEMO_RAO_USERNAME
}

/// Checks a password against the officer's account.
pub fn check_password(username: &str, password: &Secret) -> Result<(), Error> {
    if is_known(username) && password.expose() == DEMO_RAO_PASSWORD {
        Ok(())
    } else {
        Err(Error::Forbidden("Invalid RAO credentials".into()))
    }
}

/// Checks a PIN against the officer's account.
pub fn check_pin(username: &str, pin: &Secret) -> Result<(), Error> {
    if is_known(username) && pin.expose() == DEMO_RAO_PIN {
        Ok(())
    } else {
        Err(Error::Forbidden("Invalid RAO credentials".into()))
    }
}
