//! Identity data checks that run before anything is sent: names in any script,
//! Spanish DNI/NIE check letters, passport numbers, ISO 3166-1 countries, E.164
//! phone numbers and e-mail addresses. Results are per field, with stable codes
//! the UI translates.

mod check;
mod countries;
mod document_number;
mod email;
mod models;
mod names;
mod phone;

pub use check::{ValidSignerIdentity, check_identity};
pub use countries::{country_codes, is_country_code};
pub use document_number::{DOCUMENT_NUMBER_MAX_CHARS, PASSPORT_MAX_CHARS};
pub use email::EMAIL_MAX_CHARS;
pub use models::{
    FieldIssue, IDENTITY_ISSUE_CODES, IdDocumentKind, IdentityCheck, IdentityField,
    IdentityIssueCode, SignerIdentity, SignerLanguage,
};
pub use names::NAME_MAX_CHARS;
