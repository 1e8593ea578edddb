//! The server's `details` field, whose shape changes from call to call.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What the Optimizer put in `details`: a message, a number, a map keyed by
/// document uid or field name, or a list.
///
/// Error answers use every shape: `"Confirmation Code invalid"`, a map of
/// per-document messages from sign, a map of per-field lists from create request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Details {
    /// `null` or no `details` at all.
    #[default]
    Empty,
    /// A yes/no value.
    Flag(bool),
    /// A number, such as a request pk.
    Number(serde_json::Number),
    /// A message.
    Text(String),
    /// A list of values, such as the messages for one form field.
    List(Vec<Details>),
    /// Values keyed by document uid, image uid or field name.
    ByKey(BTreeMap<String, Details>),
}

impl Details {
    /// The message when `details` is plain text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The entries when `details` is keyed by uid or field name.
    pub fn by_key(&self) -> Option<&BTreeMap<String, Details>> {
        match self {
            Self::ByKey(map) => Some(map),
            _ => None,
        }
    }

    /// True when any text anywhere in `details` contains `needle`, ignoring case.
    pub fn mentions(&self, needle: &str) -> bool {
        let needle = needle.to_lowercase();
        self.to_string().to_lowercase().contains(&needle)
    }
}

impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => Ok(()),
            Self::Flag(flag) => write!(f, "{flag}"),
            Self::Number(number) => write!(f, "{number}"),
            Self::Text(text) => f.write_str(text),
            Self::List(items) => {
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
            Self::ByKey(map) => {
                for (index, (key, value)) in map.iter().enumerate() {
                    if index > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{key}: {value}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Details {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn every_shape_decodes() {
        assert_eq!(parse("null"), Details::Empty);
        assert_eq!(parse("\"Hello\""), Details::Text("Hello".into()));
        assert_eq!(parse("29571"), Details::Number(29571.into()));
        assert_eq!(parse("true"), Details::Flag(true));
        let per_uid =
            parse(r#"{"f550":"Missing required parameter 'position'","8af6":"Missing 'page'"}"#);
        assert_eq!(per_uid.by_key().unwrap().len(), 2);
        let per_field = parse(r#"{"email":["This field is required"]}"#);
        assert_eq!(per_field.to_string(), "email: This field is required");
        assert!(per_field.mentions("FIELD IS REQUIRED"));
    }
}
