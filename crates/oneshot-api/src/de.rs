//! Lenient field decoders: the Optimizer writes the same field as a string in
//! one version and a number or boolean in another.

use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Text(String),
    Number(serde_json::Number),
    Flag(bool),
    List(Vec<serde_json::Value>),
}

/// A string, number or boolean, as text (`null` becomes empty).
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match Option::<Loose>::deserialize(deserializer)? {
        None => String::new(),
        Some(Loose::Text(text)) => text,
        Some(Loose::Number(number)) => number.to_string(),
        Some(Loose::Flag(flag)) => flag.to_string(),
        Some(Loose::List(items)) => items
            .iter()
            .map(|item| match item {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("x"),
    })
}

/// Like [`text`], keeping `None` for `null`.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    match value {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(value) => text(value).map(Some).map_err(serde::de::Error::custom),
    }
}

/// A yes/no that may come as `true`, `"true"`, `1`, or a non-empty string
/// (the spec types some flags as strings holding the secret itself: we keep
/// only whether it is there).
pub(crate) fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(match Option::<Loose>::deserialize(deserializer)? {
        None => false,
        Some(Loose::Flag(flag)) => flag,
        Some(Loose::Number(number)) => number.as_f64().is_some_and(|value| value != 0.0),
        Some(Loose::Text(text)) => {
            let text = text.trim().to_ascii_lowercase();
            !(text.is_empty() || text == "false" || text == "0" || text == "no")
        }
        Some(Loose::List(items)) => !items.is_empty(),
    })
}

/// A request pk, as a number or a string of digits.
pub(crate) fn pk<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    match Loose::deserialize(deserializer)? {
        Loose::Number(number) => number
            .as_u64()
            .ok_or_else(|| serde::de::Error::custom(format!("not a request pk: {number}"))),
        Loose::Text(text) => text
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("not a request pk: {text:?}"))),
        _ => Err(serde::de::Error::custom("not a request pk")),
    }
}
