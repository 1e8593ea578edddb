//! Identity document numbers: Spanish DNI and NIE with their check letter, ICAO
//! passport numbers, and a tolerant shape check for every other document.

use super::models::{FieldIssue, IdDocumentKind, IdentityField, IdentityIssueCode};

/// The DNI/NIE check letter is this table indexed by the number modulo 23.
const CHECK_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// ICAO 9303's document number field holds at most 9 characters.
pub const PASSPORT_MAX_CHARS: usize = 9;

/// Other countries' numbers vary too much to check more than their shape and length.
pub const DOCUMENT_NUMBER_MAX_CHARS: usize = 32;

/// Checks `raw` for a document of `kind` issued by `country` (upper case); answers
/// the number as it will be sent, or the trimmed input and the problem.
pub(super) fn check_document_number(
    raw: &str,
    kind: IdDocumentKind,
    country: &str,
) -> Result<String, (String, FieldIssue)> {
    let trimmed = raw.trim();
    let fail = |code| {
        Err((
            trimmed.to_owned(),
            FieldIssue::new(IdentityField::SerialNumber, code),
        ))
    };
    if trimmed.is_empty() {
        return fail(IdentityIssueCode::Required);
    }
    let upper = trimmed.to_ascii_uppercase();
    let compact = |drop: &[char]| -> String {
        upper
            .chars()
            .filter(|c| !c.is_whitespace() && !drop.contains(c))
            .collect()
    };
    match kind {
        IdDocumentKind::Passport => {
            // MRZ numbers are letters and digits only: separators typed by hand go.
            let number = compact(&['-']);
            let shape = (1..=PASSPORT_MAX_CHARS).contains(&number.len())
                && number.bytes().all(|b| b.is_ascii_alphanumeric());
            if shape {
                Ok(number)
            } else {
                Err((
                    trimmed.to_owned(),
                    FieldIssue::new(
                        IdentityField::SerialNumber,
                        IdentityIssueCode::PassportFormat,
                    )
                    .with("max", PASSPORT_MAX_CHARS),
                ))
            }
        }
        _ if country == "ES" => {
            // "12.345.678-Z" and "12345678 Z" are how people write a DNI.
            let number = compact(&['-', '.']);
            match spanish_number(&number) {
                Ok(number) => Ok(number),
                Err(code) => fail(code),
            }
        }
        _ => {
            let number = compact(&[]);
            let shape = number.len() <= DOCUMENT_NUMBER_MAX_CHARS
                && number
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-./".contains(&b))
                && number.bytes().any(|b| b.is_ascii_alphanumeric());
            if shape {
                Ok(number)
            } else {
                Err((
                    trimmed.to_owned(),
                    FieldIssue::new(
                        IdentityField::SerialNumber,
                        IdentityIssueCode::DocumentNumberFormat,
                    )
                    .with("max", DOCUMENT_NUMBER_MAX_CHARS),
                ))
            }
        }
    }
}

/// A DNI (`12345678Z`) or NIE (`X1234567L`), compact and upper case.
fn spanish_number(number: &str) -> Result<String, IdentityIssueCode> {
    let bytes = number.as_bytes();
    let Some((&letter, body)) = bytes.split_last() else {
        return Err(IdentityIssueCode::DniFormat);
    };
    match body.first() {
        Some(&prefix @ (b'X' | b'Y' | b'Z')) => {
            let digits = &body[1..];
            if digits.len() != 7 || !all_digits(digits) || !letter.is_ascii_uppercase() {
                return Err(IdentityIssueCode::NieFormat);
            }
            // The NIE's prefix stands for a leading digit: X=0, Y=1, Z=2.
            let lead = u32::from(prefix - b'X');
            if check_letter(lead * 10_000_000 + value(digits)) != letter {
                return Err(IdentityIssueCode::NieCheckLetter);
            }
            Ok(number.to_owned())
        }
        _ => {
            // A leading zero is often left out when a DNI is typed.
            let padded = if body.len() == 7 {
                format!("0{number}")
            } else {
                number.to_owned()
            };
            let bytes = padded.as_bytes();
            let (digits, letter) = bytes.split_at(bytes.len() - 1);
            if digits.len() != 8 || !all_digits(digits) || !letter[0].is_ascii_uppercase() {
                return Err(IdentityIssueCode::DniFormat);
            }
            if check_letter(value(digits)) != letter[0] {
                return Err(IdentityIssueCode::DniCheckLetter);
            }
            Ok(padded)
        }
    }
}

fn all_digits(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
}

fn value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0'))
}

fn check_letter(number: u32) -> u8 {
    CHECK_LETTERS[(number % 23) as usize]
}
