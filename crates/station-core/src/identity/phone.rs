//! Mobile phone numbers in E.164, checked against libphonenumber's numbering plans
//! (the `phonenumber` crate carries them).

use phonenumber::metadata::DATABASE;
use phonenumber::{ParseError, Type};

use super::models::{FieldIssue, IdentityField, IdentityIssueCode};

/// E.164 allows at most 15 digits; no country's mobile numbers have fewer than 8.
const DIGITS: std::ops::RangeInclusive<usize> = 8..=15;

/// Answers the number in E.164 (`+34600123123`), a warning when it does not look
/// like a mobile number, or the trimmed input and the problem.
pub(super) fn check_mobile_phone(
    raw: &str,
) -> Result<(String, Option<FieldIssue>), (String, FieldIssue)> {
    let trimmed = raw.trim();
    let fail = |code| {
        Err((
            trimmed.to_owned(),
            FieldIssue::new(IdentityField::MobilePhoneNumber, code),
        ))
    };
    if trimmed.is_empty() {
        return fail(IdentityIssueCode::Required);
    }
    // Separators people type between digit groups carry no meaning.
    let compact: String = trimmed
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '/')))
        .collect();
    // "00" is the international call prefix from most countries, the same as "+".
    let digits = match (compact.strip_prefix('+'), compact.strip_prefix("00")) {
        (Some(digits), _) | (None, Some(digits)) => digits,
        (None, None) => return fail(IdentityIssueCode::PhonePrefixMissing),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !DIGITS.contains(&digits.len()) {
        return fail(IdentityIssueCode::PhoneFormat);
    }
    let e164 = format!("+{digits}");
    let number = match phonenumber::parse(None, &e164) {
        Ok(number) => number,
        Err(ParseError::InvalidCountryCode) => {
            return fail(IdentityIssueCode::PhoneCountryCodeUnknown);
        }
        Err(_) => return fail(IdentityIssueCode::PhoneInvalid),
    };
    if number.metadata(&DATABASE).is_none() {
        return fail(IdentityIssueCode::PhoneCountryCodeUnknown);
    }
    if !number.is_valid() {
        return fail(IdentityIssueCode::PhoneInvalid);
    }
    let warning = match number.number_type(&DATABASE) {
        Type::Mobile
        | Type::FixedLineOrMobile
        | Type::PersonalNumber
        | Type::Voip
        | Type::Unknown => None,
        _ => Some(FieldIssue::new(
            IdentityField::MobilePhoneNumber,
            IdentityIssueCode::PhoneNotMobile,
        )),
    };
    Ok((e164, warning))
}
