//! Checks on the signer's data, with the spec's wording for each failure.

use crate::error::Error;

/// Identity document types the API accepts.
pub const ID_DOCUMENT_TYPES: &[&str] = &["IDC", "PAS", "PNO", "TIN", "CI", "CE"];
/// Languages for messages to the signer.
pub const LANGUAGES: &[&str] = &["ES", "PL", "EN"];
pub fn email(value: &str) -> Result<(), Error> {
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !value.chars().any(char::is_whitespace);
    if valid {
        Ok(())
    } else {
        Err(Error::BadRequest("Enter a valid email address".into()))
    }
}

/// "+" then 8 to 15 digits (E.164); spaces are tolerated.
pub fn mobile_phone(value: &str) -> Result<(), Error> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.strip_prefix('+').unwrap_or_default();
    if (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::BadRequest(
            "Please use the mobile phone number with an international prefix".into(),
        ))
    }
}

/// Uppercases and checks an ISO 3166-1 alpha-2 code.
pub fn country(value: &str) -> Result<String, Error> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Error::BadRequest(format!(
            "'{value}' is not a valid ISO 3166-1 alpha-2 country code"
        )))
    }
}

pub fn id_document_type(value: &str) -> Result<String, Error> {
    let kind = value.trim().to_ascii_uppercase();
    if ID_DOCUMENT_TYPES.contains(&kind.as_str()) {
        Ok(kind)
    } else {
        Err(Error::BadRequest(format!(
            "The id_document_type specified is not valid. Valid options are {}",
            ID_DOCUMENT_TYPES.join(", ")
        )))
    }
}

pub fn language(value: &str) -> Result<String, Error> {
    let code = value.trim().to_ascii_uppercase();
    if LANGUAGES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(Error::BadRequest(format!(
            "communication_language '{value}' is not valid. Valid options are {}",
            LANGUAGES.join(", ")
        )))
    }
}

/// The certificate profiles the sandbox issues (the PKI's list).
pub fn profile(value: &str) -> Result<(), Error> {
    crate::pki::CertificateProfile::from_name(value).map(|_| ())
}

/// A webhook or callback must be an absolute http(s) URL.
pub fn callback_url(field: &str, value: &str) -> Result<String, Error> {
    match reqwest::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(value.to_owned()),
        _ => Err(Error::BadRequest(format!(
            "'{field}' must be an absolute http or https URL"
        ))),
    }
}

/// Form and JSON booleans as clients send them.
pub fn boolean(field: &str, value: &str) -> Result<bool, Error> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(Error::BadRequest(format!(
            "'{field}' must be true or false"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email("user@example.com").is_ok());
        for bad in [
            "user",
            "@example.com",
            "user@example",
            "a b@example.com",
            "u@.com",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_need_the_international_prefix() {
        assert!(mobile_phone("+343391234567").is_ok());
        assert!(mobile_phone("+34 600 123 123").is_ok());
        assert!(mobile_phone("600123123").is_err());
        assert!(mobile_phone("+34abc").is_err());
    }

    #[test]
    fn countries_and_document_types() {
        assert_eq!(country("es").unwrap(), "ES");
        assert!(country("ESX").is_err());
        assert_eq!(id_document_type("pas").unwrap(), "PAS");
        assert!(id_document_type("IDwC").is_err());
    }
}
