//! The Optimizer's work environment.

use serde::{Deserialize, Serialize};

/// Which certification environment a token or request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// Test certificates.
    Sandbox,
    /// Real, qualified certificates.
    Prod,
}

impl Environment {
    /// The word the Optimizer uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Prod => "prod",
        }
    }
}
