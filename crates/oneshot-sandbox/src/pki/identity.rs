//! The signer as a one-shot certificate names them.

use rcgen::string::{Ia5String, PrintableString};
use rcgen::{DistinguishedName, DnType, DnValue};

use super::oids;
use crate::Error;

/// The natural person a one-shot certificate is issued to, from the signature request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerIdentity {
    /// Given name(s), e.g. "Łukasz".
    pub given_name: String,
    /// First surname.
    pub surname_1: String,
    /// Second surname, when the person has one.
    pub surname_2: Option<String>,
    /// Number of the identity document; the subject `serialNumber` becomes
    /// `IDC<country>-<id_number>` (ETSI EN 319 412-1 semantics identifier).
    pub id_number: String,
    /// ISO 3166-1 alpha-2 country of the identity document, e.g. "ES".
    pub country: String,
    /// E-mail address, in the subject and as an RFC 822 subject alternative name.
    pub email: String,
}

impl SignerIdentity {
    /// Surnames as one string ("Żółć Núñez").
    pub fn surnames(&self) -> String {
        match self
            .surname_2
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(second) => format!("{} {second}", self.surname_1.trim()),
            None => self.surname_1.trim().to_owned(),
        }
    }

    /// The full name as the certificate's common name spells it.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name.trim(), self.surnames())
    }

    /// The subject `serialNumber`, e.g. "IDCES-12345678Z".
    pub fn subject_serial_number(&self) -> String {
        format!(
            "IDC{}-{}",
            self.country.trim().to_ascii_uppercase(),
            self.id_number.trim()
        )
    }

    /// The subject distinguished name; fails with a clear message on unusable input.
    pub(crate) fn distinguished_name(&self) -> Result<DistinguishedName, Error> {
        let invalid = |what: &str| Error::InvalidSignerIdentity(what.to_owned());
        if self.given_name.trim().is_empty() {
            return Err(invalid("the given name is empty"));
        }
        if self.surname_1.trim().is_empty() {
            return Err(invalid("the first surname is empty"));
        }
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(invalid(
                "the country must be an ISO 3166-1 alpha-2 code such as ES",
            ));
        }
        if self.id_number.trim().is_empty() {
            return Err(invalid("the ID document number is empty"));
        }
        let serial = PrintableString::try_from(self.subject_serial_number()).map_err(|_| {
            invalid("the ID document number may hold only letters, digits, spaces and '()+,-./:=?")
        })?;
        let email = self.email_ia5()?;

        let mut name = DistinguishedName::new();
        name.push(
            DnType::CountryName,
            DnValue::PrintableString(
                PrintableString::try_from(country).map_err(|_| invalid("country"))?,
            ),
        );
        name.push(
            DnType::CustomDnType(oids::arcs(&oids::SERIAL_NUMBER)),
            DnValue::PrintableString(serial),
        );
        name.push(
            DnType::CustomDnType(oids::arcs(&oids::SURNAME)),
            DnValue::Utf8String(self.surnames()),
        );
        name.push(
            DnType::CustomDnType(oids::arcs(&oids::GIVEN_NAME)),
            DnValue::Utf8String(self.given_name.trim().to_owned()),
        );
        name.push(DnType::CommonName, DnValue::Utf8String(self.full_name()));
        name.push(
            DnType::CustomDnType(oids::arcs(&oids::EMAIL_ADDRESS)),
            DnValue::Ia5String(email),
        );
        Ok(name)
    }

    /// The e-mail address as IA5String, which certificates require (ASCII only).
    pub(crate) fn email_ia5(&self) -> Result<Ia5String, Error> {
        let email = self.email.trim();
        let plausible = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
        });
        if !plausible {
            return Err(Error::InvalidSignerIdentity(format!(
                "{email:?} is not an e-mail address"
            )));
        }
        Ia5String::try_from(email).map_err(|_| {
            Error::InvalidSignerIdentity(
                "the e-mail address must be ASCII to go into a certificate".into(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity() -> SignerIdentity {
        SignerIdentity {
            given_name: "Łukasz".into(),
            surname_1: "Żółć".into(),
            surname_2: Some("Núñez".into()),
            id_number: "12345678Z".into(),
            country: "es".into(),
            email: "lukasz@example.com".into(),
        }
    }

    #[test]
    fn names_and_serial_number_follow_the_conventions() {
        let id = identity();
        assert_eq!(id.full_name(), "Łukasz Żółć Núñez");
        assert_eq!(id.subject_serial_number(), "IDCES-12345678Z");
        assert!(id.distinguished_name().is_ok());
    }

    #[test]
    fn unusable_identities_are_refused_with_a_reason() {
        for broken in [
            SignerIdentity {
                country: "Spain".into(),
                ..identity()
            },
            SignerIdentity {
                email: "no-at-sign".into(),
                ..identity()
            },
            SignerIdentity {
                email: "żółć@example.com".into(),
                ..identity()
            },
            SignerIdentity {
                id_number: "12#34".into(),
                ..identity()
            },
            SignerIdentity {
                given_name: " ".into(),
                ..identity()
            },
        ] {
            assert!(matches!(
                broken.distinguished_name(),
                Err(Error::InvalidSignerIdentity(_))
            ));
        }
    }
}
