//! How an RAO proves who they are in a call: a token, or the account itself.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::secret::Secret;

/// The RAO's credentials sent with create request, approve and refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RaoCredentials {
    /// A token holding the RAO's user name, password and PIN.
    Token {
        /// The token from [`Tokens::create`](crate::Tokens::create) or the list.
        token: Secret,
        /// The RAO id, when the Optimizer asks for it.
        rao: Option<String>,
    },
    /// The RAO's account, given in full.
    Account {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
        /// PIN.
        pin: Secret,
        /// The RAO id, when the Optimizer asks for it.
        rao: Option<String>,
    },
}

impl RaoCredentials {
    /// Credentials from a token.
    pub fn token(token: impl Into<Secret>) -> Self {
        Self::Token {
            token: token.into(),
            rao: None,
        }
    }

    /// The fields as `(name, value)` pairs, for multipart forms.
    pub(crate) fn fields(&self) -> Vec<(&'static str, String)> {
        let (mut fields, rao) = match self {
            Self::Token { token, rao } => (vec![("token", token.expose().to_owned())], rao),
            Self::Account {
                username,
                password,
                pin,
                rao,
            } => (
                vec![
                    ("username", username.clone()),
                    ("password", password.expose().to_owned()),
                    ("pin", pin.expose().to_owned()),
                ],
                rao,
            ),
        };
        if let Some(rao) = rao {
            fields.push(("rao", rao.clone()));
        }
        fields
    }

    /// What is wrong with these credentials, if anything.
    pub(crate) fn problem(&self) -> Option<String> {
        match self {
            Self::Token { token, .. } if token.expose().trim().is_empty() => {
                Some("the RAO token is empty".into())
            }
            Self::Account {
                username,
                password,
                pin,
                ..
            } if username.trim().is_empty() || password.is_empty() || pin.is_empty() => {
                Some("the RAO user name, password and PIN are all needed".into())
            }
            _ => None,
        }
    }
}

impl Serialize for RaoCredentials {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = self.fields();
        let mut map = serializer.serialize_map(Some(fields.len()))?;
        for (name, value) in &fields {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
