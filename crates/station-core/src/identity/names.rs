//! Personal names: any script's letters and marks, plus the punctuation real names carry.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::models::{FieldIssue, IdentityField, IdentityIssueCode};

/// Longest name part accepted, in characters. Certificates put the whole name in
/// fields of bounded size, and no real name part comes close.
pub const NAME_MAX_CHARS: usize = 64;

/// Apostrophes (O'Brien, d’Alembert, ʻOkina-style), hyphens (Jean-Luc), dots
/// (St. John), the Catalan middle dot (Gal·la) and the zero-width joiners Persian
/// and Indic names need.
const NAME_PUNCTUATION: &[char] = &[
    ' ', '\'', '\u{2019}', '\u{2018}', '\u{02BC}', '-', '\u{2010}', '\u{2011}', '.', '\u{00B7}',
    '\u{200C}', '\u{200D}',
];

/// Text as the station keeps it: NFC, trimmed, inner runs of whitespace made one space.
pub(super) fn tidy(raw: &str) -> String {
    let composed: String = raw.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a name part; answers the tidied name, or the first problem found.
pub(super) fn check_name(raw: &str, field: IdentityField) -> Result<String, (String, FieldIssue)> {
    let name = tidy(raw);
    let issue = |code| FieldIssue::new(field, code);
    if name.is_empty() {
        return Err((name, issue(IdentityIssueCode::Required)));
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_alphabetic() || is_combining_mark(c) || NAME_PUNCTUATION.contains(&c)))
    {
        let shown = if bad.is_control() {
            format!("U+{:04X}", u32::from(bad))
        } else {
            bad.to_string()
        };
        let issue = issue(IdentityIssueCode::NameInvalidCharacter).with("character", shown);
        return Err((name, issue));
    }
    if !name.chars().any(char::is_alphabetic) {
        return Err((name, issue(IdentityIssueCode::NameNoLetter)));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        let issue = issue(IdentityIssueCode::TooLong).with("max", NAME_MAX_CHARS);
        return Err((name, issue));
    }
    Ok(name)
}
