//! Runs every field check and keeps what passed in the form it will be sent in.

use oneshot_api::Signer;

use super::countries::is_country_code;
use super::document_number::check_document_number;
use super::email::check_email;
use super::models::{FieldIssue, IdentityCheck, IdentityField, IdentityIssueCode, SignerIdentity};
use super::names::{check_name, tidy};
use super::phone::check_mobile_phone;
use crate::error::{Error, Result};

/// Checks every field of `identity`; never fails, the answer lists the issues.
pub fn check_identity(identity: &SignerIdentity) -> IdentityCheck {
    let mut issues = Vec::new();
    let given_name = keep(
        &mut issues,
        check_name(&identity.given_name, IdentityField::GivenName),
    );
    let surname_1 = keep(
        &mut issues,
        check_name(&identity.surname_1, IdentityField::Surname1),
    );
    let surname_2 = identity
        .surname_2
        .as_deref()
        .filter(|surname| !tidy(surname).is_empty())
        .map(|surname| keep(&mut issues, check_name(surname, IdentityField::Surname2)));
    let country = keep(&mut issues, check_country(&identity.id_document_country));
    let serial_number = keep(
        &mut issues,
        check_document_number(&identity.serial_number, identity.id_document_type, &country),
    );
    let email = keep(&mut issues, check_email(&identity.email));
    let phone = check_mobile_phone(&identity.mobile_phone_number).map(|(number, warning)| {
        issues.extend(warning);
        number
    });
    let mobile_phone_number = keep(&mut issues, phone);
    IdentityCheck {
        identity: SignerIdentity {
            given_name,
            surname_1,
            surname_2,
            id_document_type: identity.id_document_type,
            id_document_country: country,
            serial_number,
            email,
            mobile_phone_number,
            communication_language: identity.communication_language,
        },
        issues,
    }
}

/// The checked value, or the officer's (tidied) value with its issue recorded.
fn keep(issues: &mut Vec<FieldIssue>, outcome: Result<String, (String, FieldIssue)>) -> String {
    match outcome {
        Ok(value) => value,
        Err((value, issue)) => {
            issues.push(issue);
            value
        }
    }
}

fn check_country(raw: &str) -> Result<String, (String, FieldIssue)> {
    let country = raw.trim().to_ascii_uppercase();
    let code = if country.is_empty() {
        IdentityIssueCode::Required
    } else if is_country_code(&country) {
        return Ok(country);
    } else {
        IdentityIssueCode::CountryUnknown
    };
    Err((
        country,
        FieldIssue::new(IdentityField::IdDocumentCountry, code),
    ))
}

impl SignerIdentity {
    /// Checks every field; see [`check_identity`].
    pub fn check(&self) -> IdentityCheck {
        check_identity(self)
    }
}

/// A signer identity that passed every check, normalized. Only
/// [`ValidSignerIdentity::try_from`] makes one, so holding one proves the checks ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSignerIdentity {
    identity: SignerIdentity,
    warnings: Vec<FieldIssue>,
}

impl TryFrom<SignerIdentity> for ValidSignerIdentity {
    type Error = Error;

    /// Fails with [`Error::InvalidIdentity`] listing every blocking issue.
    fn try_from(identity: SignerIdentity) -> Result<Self> {
        let check = check_identity(&identity);
        if !check.can_send() {
            return Err(Error::InvalidIdentity(check.issues));
        }
        Ok(Self {
            identity: check.identity,
            warnings: check.issues,
        })
    }
}

impl ValidSignerIdentity {
    /// The normalized identity.
    pub fn identity(&self) -> &SignerIdentity {
        &self.identity
    }

    /// Advice that did not block, e.g. a phone number that looks like a landline.
    pub fn warnings(&self) -> &[FieldIssue] {
        &self.warnings
    }

    /// The signer as the One-Shot API client takes it.
    pub fn to_signer(&self) -> Signer {
        let identity = &self.identity;
        Signer {
            given_name: identity.given_name.clone(),
            surname_1: identity.surname_1.clone(),
            surname_2: identity.surname_2.clone(),
            id_document_type: Some(identity.id_document_type.into()),
            id_document_country: Some(identity.id_document_country.clone()),
            serial_number: identity.serial_number.clone(),
            email: identity.email.clone(),
            mobile_phone_number: identity.mobile_phone_number.clone(),
        }
    }

    /// The `communication_language` to send, if the officer chose one.
    pub fn communication_language(&self) -> Option<&'static str> {
        self.identity
            .communication_language
            .map(|language| language.code())
    }
}
