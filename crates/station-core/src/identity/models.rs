//! The signer's identity as the officer types it, and what the checks say about it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The signer's identity as a signature request needs it. Field names follow the
/// One-Shot API's (`oneshot_api::Signer`) so nothing gets lost in between.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignerIdentity {
    /// Given name(s).
    pub given_name: String,
    /// First surname.
    pub surname_1: String,
    /// Second surname, where the signer has one.
    pub surname_2: Option<String>,
    /// Kind of identity document.
    pub id_document_type: IdDocumentKind,
    /// Country that issued the document, ISO 3166-1 alpha-2 (`ES`).
    pub id_document_country: String,
    /// Document number (DNI, NIE, passport number…).
    pub serial_number: String,
    /// E-mail address.
    pub email: String,
    /// Mobile phone number with its international prefix (`+34600123123`).
    pub mobile_phone_number: String,
    /// Language of the messages the signer receives; the Optimizer's default when absent.
    pub communication_language: Option<SignerLanguage>,
}

/// Kind of identity document, with the Optimizer's codes on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum IdDocumentKind {
    /// National identity card.
    #[default]
    #[serde(rename = "IDC")]
    IdentityCard,
    /// Passport.
    #[serde(rename = "PAS")]
    Passport,
    /// National personal number.
    #[serde(rename = "PNO")]
    PersonalNumber,
    /// Tax identification number.
    #[serde(rename = "TIN")]
    TaxNumber,
    /// Foreigner identity card.
    #[serde(rename = "CI")]
    ForeignerCard,
    /// Foreigner residence card.
    #[serde(rename = "CE")]
    ResidenceCard,
}

impl From<IdDocumentKind> for oneshot_api::IdDocumentType {
    fn from(kind: IdDocumentKind) -> Self {
        match kind {
            IdDocumentKind::IdentityCard => Self::IdentityCard,
            IdDocumentKind::Passport => Self::Passport,
            IdDocumentKind::PersonalNumber => Self::PersonalNumber,
            IdDocumentKind::TaxNumber => Self::TaxNumber,
            IdDocumentKind::ForeignerCard => Self::ForeignerCard,
            IdDocumentKind::ResidenceCard => Self::ResidenceCard,
        }
    }
}

/// Languages the Optimizer writes to signers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum SignerLanguage {
    /// Spanish.
    Es,
    /// English.
    En,
    /// Polish.
    Pl,
}

impl SignerLanguage {
    /// The code the Optimizer takes as `communication_language`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Es => "ES",
            Self::En => "EN",
            Self::Pl => "PL",
        }
    }
}

/// A field of [`SignerIdentity`], named as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum IdentityField {
    /// [`SignerIdentity::given_name`].
    GivenName,
    /// [`SignerIdentity::surname_1`].
    #[serde(rename = "surname1")]
    Surname1,
    /// [`SignerIdentity::surname_2`].
    #[serde(rename = "surname2")]
    Surname2,
    /// [`SignerIdentity::id_document_country`].
    IdDocumentCountry,
    /// [`SignerIdentity::serial_number`].
    SerialNumber,
    /// [`SignerIdentity::email`].
    Email,
    /// [`SignerIdentity::mobile_phone_number`].
    MobilePhoneNumber,
}

impl IdentityField {
    /// The field's name as the UI (and [`FieldIssue`]'s JSON) spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::GivenName => "givenName",
            Self::Surname1 => "surname1",
            Self::Surname2 => "surname2",
            Self::IdDocumentCountry => "idDocumentCountry",
            Self::SerialNumber => "serialNumber",
            Self::Email => "email",
            Self::MobilePhoneNumber => "mobilePhoneNumber",
        }
    }
}

/// What is wrong with a field. Each serializes to a stable dotted code the UI
/// translates; [`FieldIssue::params`] fills the message's placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
pub enum IdentityIssueCode {
    /// The field is empty.
    #[serde(rename = "identity.required")]
    Required,
    /// Longer than `max` characters.
    #[serde(rename = "identity.too_long")]
    TooLong,
    /// A name holds `character`, which names do not (digits, symbols, controls).
    #[serde(rename = "identity.name_invalid_character")]
    NameInvalidCharacter,
    /// A name holds no letter at all.
    #[serde(rename = "identity.name_no_letter")]
    NameNoLetter,
    /// Not 8 digits and a letter, as a Spanish DNI is.
    #[serde(rename = "identity.dni_format")]
    DniFormat,
    /// The DNI's letter does not match its digits.
    #[serde(rename = "identity.dni_check_letter")]
    DniCheckLetter,
    /// Not X, Y or Z, 7 digits and a letter, as a Spanish NIE is.
    #[serde(rename = "identity.nie_format")]
    NieFormat,
    /// The NIE's letter does not match its digits.
    #[serde(rename = "identity.nie_check_letter")]
    NieCheckLetter,
    /// Not 1 to 9 letters or digits, as ICAO 9303 passport numbers are.
    #[serde(rename = "identity.passport_format")]
    PassportFormat,
    /// Holds characters other than letters, digits, `-`, `.` and `/`, or too many.
    #[serde(rename = "identity.document_number_format")]
    DocumentNumberFormat,
    /// Not an ISO 3166-1 alpha-2 code.
    #[serde(rename = "identity.country_unknown")]
    CountryUnknown,
    /// Not an e-mail address mail can be delivered to.
    #[serde(rename = "identity.email_invalid")]
    EmailInvalid,
    /// The phone number lacks its international prefix (`+` and country code).
    #[serde(rename = "identity.phone_prefix_missing")]
    PhonePrefixMissing,
    /// The phone number holds other characters, or not 8 to 15 digits.
    #[serde(rename = "identity.phone_format")]
    PhoneFormat,
    /// No country uses the number's calling code.
    #[serde(rename = "identity.phone_country_code_unknown")]
    PhoneCountryCodeUnknown,
    /// The number does not exist in its country's numbering plan.
    #[serde(rename = "identity.phone_invalid")]
    PhoneInvalid,
    /// A warning: the number is a landline or service number, which may not get text messages.
    #[serde(rename = "identity.phone_not_mobile")]
    PhoneNotMobile,
}

/// Every [`IdentityIssueCode`], so the UI catalogs can be checked for a message each.
pub const IDENTITY_ISSUE_CODES: &[&str] = &[
    "identity.required",
    "identity.too_long",
    "identity.name_invalid_character",
    "identity.name_no_letter",
    "identity.dni_format",
    "identity.dni_check_letter",
    "identity.nie_format",
    "identity.nie_check_letter",
    "identity.passport_format",
    "identity.document_number_format",
    "identity.country_unknown",
    "identity.email_invalid",
    "identity.phone_prefix_missing",
    "identity.phone_format",
    "identity.phone_country_code_unknown",
    "identity.phone_invalid",
    "identity.phone_not_mobile",
];

impl IdentityIssueCode {
    /// The stable dotted code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "identity.required",
            Self::TooLong => "identity.too_long",
            Self::NameInvalidCharacter => "identity.name_invalid_character",
            Self::NameNoLetter => "identity.name_no_letter",
            Self::DniFormat => "identity.dni_format",
            Self::DniCheckLetter => "identity.dni_check_letter",
            Self::NieFormat => "identity.nie_format",
            Self::NieCheckLetter => "identity.nie_check_letter",
            Self::PassportFormat => "identity.passport_format",
            Self::DocumentNumberFormat => "identity.document_number_format",
            Self::CountryUnknown => "identity.country_unknown",
            Self::EmailInvalid => "identity.email_invalid",
            Self::PhonePrefixMissing => "identity.phone_prefix_missing",
            Self::PhoneFormat => "identity.phone_format",
            Self::PhoneCountryCodeUnknown => "identity.phone_country_code_unknown",
            Self::PhoneInvalid => "identity.phone_invalid",
            Self::PhoneNotMobile => "identity.phone_not_mobile",
        }
    }

    /// Whether the issue blocks sending (everything but advice such as
    /// [`IdentityIssueCode::PhoneNotMobile`]).
    pub fn blocks(self) -> bool {
        !matches!(self, Self::PhoneNotMobile)
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldIssue {
    /// The field at fault.
    pub field: IdentityField,
    /// What is wrong.
    pub code: IdentityIssueCode,
    /// Whether the issue keeps the request from being sent (a warning otherwise).
    pub blocking: bool,
    /// Values for the message's placeholders, e.g. `max` or `character`.
    pub params: BTreeMap<String, String>,
}

impl FieldIssue {
    pub(crate) fn new(field: IdentityField, code: IdentityIssueCode) -> Self {
        Self {
            field,
            code,
            blocking: code.blocks(),
            params: BTreeMap::new(),
        }
    }

    pub(crate) fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }
}

/// The identity as it will be sent (normalized) and every issue found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdentityCheck {
    /// Trimmed, NFC-normalized, document number and country in upper case,
    /// phone in E.164. Fields that failed keep the officer's text (trimmed).
    pub identity: SignerIdentity,
    /// Problems, in field order; empty when all is well.
    pub issues: Vec<FieldIssue>,
}

impl IdentityCheck {
    /// Whether nothing keeps the request from being sent (warnings may remain).
    pub fn can_send(&self) -> bool {
        !self.issues.iter().any(|issue| issue.blocking)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serializes_as_listed() {
        use IdentityIssueCode::*;
        let all = [
            Required,
            TooLong,
            NameInvalidCharacter,
            NameNoLetter,
            DniFormat,
            DniCheckLetter,
            NieFormat,
            NieCheckLetter,
            PassportFormat,
            DocumentNumberFormat,
            CountryUnknown,
            EmailInvalid,
            PhonePrefixMissing,
            PhoneFormat,
            PhoneCountryCodeUnknown,
            PhoneInvalid,
            PhoneNotMobile,
        ];
        assert_eq!(all.len(), IDENTITY_ISSUE_CODES.len());
        for (code, listed) in all.iter().zip(IDENTITY_ISSUE_CODES) {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, *listed);
            assert_eq!(code.code(), *listed);
        }
        for field in [
            IdentityField::GivenName,
            IdentityField::Surname1,
            IdentityField::Surname2,
            IdentityField::IdDocumentCountry,
            IdentityField::SerialNumber,
            IdentityField::Email,
            IdentityField::MobilePhoneNumber,
        ] {
            assert_eq!(serde_json::to_value(field).unwrap(), field.name());
        }
    }
}
