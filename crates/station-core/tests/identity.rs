//! Identity checks, table by table: what passes (and how it is normalized) and what
//! fails with which field-level code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use station_core::{
    Error, FieldIssue, IDENTITY_ISSUE_CODES, IdDocumentKind, IdentityField, IdentityIssueCode,
    SignerIdentity, SignerLanguage, ValidSignerIdentity, check_identity, country_codes,
};

fn valid() -> SignerIdentity {
    SignerIdentity {
        given_name: "María José".into(),
        surname_1: "Núñez".into(),
        surname_2: Some("García".into()),
        id_document_type: IdDocumentKind::IdentityCard,
        id_document_country: "ES".into(),
        serial_number: "12345678Z".into(),
        email: "maria.nunez@example.es".into(),
        mobile_phone_number: "+34600123123".into(),
        communication_language: Some(SignerLanguage::Es),
    }
}

/// The issues raised for `field` when `identity` is checked.
fn issues_for(identity: &SignerIdentity, field: IdentityField) -> Vec<FieldIssue> {
    check_identity(identity)
        .issues
        .into_iter()
        .filter(|issue| issue.field == field)
        .collect()
}

fn codes_for(identity: &SignerIdentity, field: IdentityField) -> Vec<IdentityIssueCode> {
    issues_for(identity, field)
        .into_iter()
        .map(|issue| issue.code)
        .collect()
}

#[test]
fn a_complete_identity_passes_untouched() {
    let check = check_identity(&valid());
    assert!(check.issues.is_empty(), "{:?}", check.issues);
    assert!(check.can_send());
    assert_eq!(check.identity, valid());
}

#[test]
fn names_in_any_script_pass() {
    let names = [
        "Łukasz",
        "Núñez",
        "O'Brien",
        "O’Brien",
        "Jean-Luc",
        "Zoë",
        "St. John",
        "Gal·la",
        "'t Hooft",
        "Αλέξανδρος",
        "Дмитрий",
        "Nguyễn",
        "محمد",
        "שרה",
        "李小龍",
        "さくら",
        "김민준",
        "देवनागरी",
        "Björk Guðmundsdóttir",
    ];
    for name in names {
        let identity = SignerIdentity {
            given_name: name.into(),
            ..valid()
        };
        let check = check_identity(&identity);
        assert!(check.issues.is_empty(), "{name}: {:?}", check.issues);
        assert_eq!(check.identity.given_name, name);
    }
}

#[test]
fn names_are_trimmed_composed_and_single_spaced() {
    // "Zoe" + combining diaeresis, padded, with a double inner space and a tab.
    let identity = SignerIdentity {
        given_name: "  Zoe\u{0308}  Ana\tMaría ".into(),
        ..valid()
    };
    let check = check_identity(&identity);
    assert!(check.issues.is_empty(), "{:?}", check.issues);
    assert_eq!(check.identity.given_name, "Zoë Ana María");
    assert_eq!(check.identity.given_name.chars().count(), 13);
}

#[test]
fn names_with_digits_symbols_or_controls_fail() {
    let cases: [(&str, IdentityIssueCode, Option<&str>); 8] = [
        ("", IdentityIssueCode::Required, None),
        ("   ", IdentityIssueCode::Required, None),
        ("Ana2", IdentityIssueCode::NameInvalidCharacter, Some("2")),
        (
            "Ana_Belén",
            IdentityIssueCode::NameInvalidCharacter,
            Some("_"),
        ),
        ("Ana@", IdentityIssueCode::NameInvalidCharacter, Some("@")),
        (
            "Ana\u{0007}",
            IdentityIssueCode::NameInvalidCharacter,
            Some("U+0007"),
        ),
        ("- . '", IdentityIssueCode::NameNoLetter, None),
        ("😀", IdentityIssueCode::NameInvalidCharacter, Some("😀")),
    ];
    for (name, code, character) in cases {
        let identity = SignerIdentity {
            surname_1: name.into(),
            ..valid()
        };
        let issues = issues_for(&identity, IdentityField::Surname1);
        assert_eq!(issues.len(), 1, "{name:?}: {issues:?}");
        assert_eq!(issues[0].code, code, "{name:?}");
        assert!(issues[0].blocking);
        assert_eq!(
            issues[0].params.get("character").map(String::as_str),
            character,
            "{name:?}"
        );
    }
}

#[test]
fn names_have_a_length_limit() {
    let identity = SignerIdentity {
        given_name: "A".repeat(65),
        ..valid()
    };
    let issues = issues_for(&identity, IdentityField::GivenName);
    assert_eq!(issues[0].code, IdentityIssueCode::TooLong);
    assert_eq!(issues[0].params["max"], "64");
    let identity = SignerIdentity {
        given_name: "Ł".repeat(64),
        ..valid()
    };
    assert!(issues_for(&identity, IdentityField::GivenName).is_empty());
}

#[test]
fn the_second_surname_is_optional_but_checked_when_given() {
    for empty in [None, Some(String::new()), Some("  ".into())] {
        let identity = SignerIdentity {
            surname_2: empty,
            ..valid()
        };
        let check = check_identity(&identity);
        assert!(check.issues.is_empty());
        assert_eq!(check.identity.surname_2, None);
    }
    let identity = SignerIdentity {
        surname_2: Some("G4rcía".into()),
        ..valid()
    };
    assert_eq!(
        codes_for(&identity, IdentityField::Surname2),
        [IdentityIssueCode::NameInvalidCharacter]
    );
}

/// (typed, document type, country, normalized number or the expected code)
type DocumentCase = (
    &'static str,
    IdDocumentKind,
    &'static str,
    Result<&'static str, IdentityIssueCode>,
);

#[test]
fn document_numbers() {
    use IdDocumentKind::*;
    use IdentityIssueCode::*;
    let cases: &[DocumentCase] = &[
        // Spanish DNI: 8 digits and the mod-23 letter.
        ("12345678Z", IdentityCard, "ES", Ok("12345678Z")),
        ("12345678z", IdentityCard, "ES", Ok("12345678Z")),
        (" 12.345.678-Z ", IdentityCard, "ES", Ok("12345678Z")),
        ("12345678 Z", IdentityCard, "ES", Ok("12345678Z")),
        ("00000000T", IdentityCard, "ES", Ok("00000000T")),
        ("0000001R", IdentityCard, "ES", Ok("00000001R")),
        ("99999999R", IdentityCard, "ES", Ok("99999999R")),
        ("12345678A", IdentityCard, "ES", Err(DniCheckLetter)),
        ("00000000A", IdentityCard, "ES", Err(DniCheckLetter)),
        ("1234567", IdentityCard, "ES", Err(DniFormat)),
        ("123456789Z", IdentityCard, "ES", Err(DniFormat)),
        ("12345678", IdentityCard, "ES", Err(DniFormat)),
        ("A2345678Z", IdentityCard, "ES", Err(DniFormat)),
        ("12345678Ñ", IdentityCard, "ES", Err(DniFormat)),
        ("", IdentityCard, "ES", Err(Required)),
        // Spanish NIE: X/Y/Z standing for 0/1/2, 7 digits and the letter.
        ("X1234567L", ResidenceCard, "ES", Ok("X1234567L")),
        ("y1234567x", ForeignerCard, "ES", Ok("Y1234567X")),
        ("Z-1234567-R", IdentityCard, "ES", Ok("Z1234567R")),
        ("X0000000T", TaxNumber, "ES", Ok("X0000000T")),
        ("X1234567A", ResidenceCard, "ES", Err(NieCheckLetter)),
        ("Y1234567L", ResidenceCard, "ES", Err(NieCheckLetter)),
        ("X123456L", ResidenceCard, "ES", Err(NieFormat)),
        ("X12345678L", ResidenceCard, "ES", Err(NieFormat)),
        ("XA234567L", ResidenceCard, "ES", Err(NieFormat)),
        // Passports (ICAO 9303): 1 to 9 letters and digits, any country.
        ("PAA123456", Passport, "ES", Ok("PAA123456")),
        ("paa 123 456", Passport, "ES", Ok("PAA123456")),
        ("C01X00T47", Passport, "DE", Ok("C01X00T47")),
        ("123456789", Passport, "US", Ok("123456789")),
        ("AB-12345", Passport, "PL", Ok("AB12345")),
        ("7", Passport, "GB", Ok("7")),
        ("1234567890", Passport, "US", Err(PassportFormat)),
        ("AB<123456", Passport, "FR", Err(PassportFormat)),
        ("ÄB123456", Passport, "DE", Err(PassportFormat)),
        // Other countries' documents: shape only.
        ("CAA123456", IdentityCard, "PL", Ok("CAA123456")),
        (
            "85.07.30-033.28",
            PersonalNumber,
            "BE",
            Ok("85.07.30-033.28"),
        ),
        ("RSSMRA85T10A562S", TaxNumber, "IT", Ok("RSSMRA85T10A562S")),
        ("12345678 9 zz4", IdentityCard, "PT", Ok("123456789ZZ4")),
        ("12345678A", IdentityCard, "FR", Ok("12345678A")),
        ("AB#123", IdentityCard, "FR", Err(DocumentNumberFormat)),
        ("---", IdentityCard, "FR", Err(DocumentNumberFormat)),
        (
            "123456789012345678901234567890123",
            IdentityCard,
            "FR",
            Err(DocumentNumberFormat),
        ),
    ];
    for &(typed, kind, country, expected) in cases {
        let identity = SignerIdentity {
            id_document_type: kind,
            id_document_country: country.into(),
            serial_number: typed.into(),
            ..valid()
        };
        let check = check_identity(&identity);
        let codes: Vec<_> = check
            .issues
            .iter()
            .filter(|issue| issue.field == IdentityField::SerialNumber)
            .map(|issue| issue.code)
            .collect();
        match expected {
            Ok(number) => {
                assert!(
                    codes.is_empty(),
                    "{typed:?} ({kind:?}, {country}): {codes:?}"
                );
                assert_eq!(check.identity.serial_number, number, "{typed:?}");
            }
            Err(code) => {
                assert_eq!(codes, [code], "{typed:?} ({kind:?}, {country})");
                // A failed field keeps what the officer typed, only trimmed.
                assert_eq!(check.identity.serial_number, typed.trim());
            }
        }
    }
}

#[test]
fn every_dni_letter_is_checked() {
    let letters = "TRWAGMYFPDXBNJZSQVHLCKE";
    for (remainder, letter) in letters.chars().enumerate() {
        let number = format!("{:08}{letter}", 23 * 1000 + remainder);
        let identity = SignerIdentity {
            serial_number: number.clone(),
            ..valid()
        };
        assert!(check_identity(&identity).issues.is_empty(), "{number}");
        let wrong = letters.chars().nth((remainder + 1) % 23).unwrap();
        let identity = SignerIdentity {
            serial_number: format!("{:08}{wrong}", 23 * 1000 + remainder),
            ..valid()
        };
        assert_eq!(
            codes_for(&identity, IdentityField::SerialNumber),
            [IdentityIssueCode::DniCheckLetter]
        );
    }
}

#[test]
fn countries_are_iso_3166_alpha_2() {
    let cases: [(&str, Result<&str, IdentityIssueCode>); 8] = [
        ("ES", Ok("ES")),
        ("pl", Ok("PL")),
        (" gb ", Ok("GB")),
        ("UK", Err(IdentityIssueCode::CountryUnknown)),
        ("ESP", Err(IdentityIssueCode::CountryUnknown)),
        ("EU", Err(IdentityIssueCode::CountryUnknown)),
        ("E", Err(IdentityIssueCode::CountryUnknown)),
        ("", Err(IdentityIssueCode::Required)),
    ];
    for (typed, expected) in cases {
        // A passport number that fits every country keeps the document check quiet.
        let identity = SignerIdentity {
            id_document_type: IdDocumentKind::Passport,
            serial_number: "AB1234567".into(),
            id_document_country: typed.into(),
            ..valid()
        };
        let check = check_identity(&identity);
        let codes = codes_for(&identity, IdentityField::IdDocumentCountry);
        match expected {
            Ok(country) => {
                assert!(codes.is_empty(), "{typed:?}: {codes:?}");
                assert_eq!(check.identity.id_document_country, country);
            }
            Err(code) => assert_eq!(codes, [code], "{typed:?}"),
        }
    }
    assert_eq!(country_codes().len(), 249);
}

#[test]
fn phone_numbers_are_e164_and_real() {
    use IdentityIssueCode::*;
    let cases: [(&str, Result<&str, IdentityIssueCode>); 17] = [
        ("+34600123123", Ok("+34600123123")),
        ("+34 600 12 31 23", Ok("+34600123123")),
        ("0034 600-123-123", Ok("+34600123123")),
        ("+48 512 345 678", Ok("+48512345678")),
        ("+44 7911 123456", Ok("+447911123456")),
        ("+1 (201) 555-0123", Ok("+12015550123")),
        ("+49 1512 3456789", Ok("+4915123456789")),
        ("+351 912 345 678", Ok("+351912345678")),
        ("", Err(Required)),
        ("600123123", Err(PhonePrefixMissing)),
        ("34600123123", Err(PhonePrefixMissing)),
        ("+34 600 ABC 123", Err(PhoneFormat)),
        ("+3460012", Err(PhoneFormat)),
        ("+3460012312312345", Err(PhoneFormat)),
        ("+999 600123123", Err(PhoneCountryCodeUnknown)),
        ("+34 000 000 000", Err(PhoneInvalid)),
        ("+48 12345", Err(PhoneFormat)),
    ];
    for (typed, expected) in cases {
        let identity = SignerIdentity {
            mobile_phone_number: typed.into(),
            ..valid()
        };
        let check = check_identity(&identity);
        let codes = codes_for(&identity, IdentityField::MobilePhoneNumber);
        match expected {
            Ok(number) => {
                assert!(codes.is_empty(), "{typed:?}: {codes:?}");
                assert_eq!(check.identity.mobile_phone_number, number);
            }
            Err(code) => assert_eq!(codes, [code], "{typed:?}"),
        }
    }
}

#[test]
fn a_landline_is_a_warning_not_a_block() {
    // 91 is Madrid's fixed-line area code.
    let identity = SignerIdentity {
        mobile_phone_number: "+34 912 345 678".into(),
        ..valid()
    };
    let check = check_identity(&identity);
    assert_eq!(check.issues.len(), 1, "{:?}", check.issues);
    let issue = &check.issues[0];
    assert_eq!(
        (issue.field, issue.code, issue.blocking),
        (
            IdentityField::MobilePhoneNumber,
            IdentityIssueCode::PhoneNotMobile,
            false
        )
    );
    assert!(check.can_send());
    let valid = ValidSignerIdentity::try_from(identity).unwrap();
    assert_eq!(valid.warnings().len(), 1);
    assert_eq!(valid.identity().mobile_phone_number, "+34912345678");
}

#[test]
fn email_addresses() {
    let cases: [(&str, Option<&str>); 18] = [
        ("ana@example.es", Some("ana@example.es")),
        (
            "  Ana.Nunez+firma@Example.ES ",
            Some("Ana.Nunez+firma@example.es"),
        ),
        ("o'brien@example.ie", Some("o'brien@example.ie")),
        ("łukasz@przykład.pl", Some("łukasz@przykład.pl")),
        ("user@mail.example.co.uk", Some("user@mail.example.co.uk")),
        ("", None),
        ("ana", None),
        ("ana@", None),
        ("@example.es", None),
        ("ana@example", None),
        ("ana@@example.es", None),
        ("ana@example..es", None),
        ("ana @example.es", None),
        ("Ana <ana@example.es>", None),
        ("\"ana\"@example.es", None),
        ("ana@[192.168.0.1]", None),
        ("ana@example.123", None),
        ("ana@example.e", None),
    ];
    for (typed, expected) in cases {
        let identity = SignerIdentity {
            email: typed.into(),
            ..valid()
        };
        let check = check_identity(&identity);
        let codes = codes_for(&identity, IdentityField::Email);
        match expected {
            Some(address) => {
                assert!(codes.is_empty(), "{typed:?}: {codes:?}");
                assert_eq!(check.identity.email, address);
            }
            None if typed.is_empty() => assert_eq!(codes, [IdentityIssueCode::Required]),
            None => assert_eq!(codes, [IdentityIssueCode::EmailInvalid], "{typed:?}"),
        }
    }
    let identity = SignerIdentity {
        email: format!("{}@{}.es", "a".repeat(60), "b".repeat(200)),
        ..valid()
    };
    assert_eq!(
        codes_for(&identity, IdentityField::Email),
        [IdentityIssueCode::TooLong]
    );
}

#[test]
fn every_problem_is_reported_at_once_in_field_order() {
    let identity = SignerIdentity {
        given_name: "".into(),
        surname_1: "N1".into(),
        surname_2: None,
        id_document_type: IdDocumentKind::IdentityCard,
        id_document_country: "XX".into(),
        serial_number: "12345678A".into(),
        email: "nope".into(),
        mobile_phone_number: "600123123".into(),
        communication_language: None,
    };
    let check = check_identity(&identity);
    let got: Vec<_> = check
        .issues
        .iter()
        .map(|issue| (issue.field, issue.code))
        .collect();
    assert_eq!(
        got,
        [
            (IdentityField::GivenName, IdentityIssueCode::Required),
            (
                IdentityField::Surname1,
                IdentityIssueCode::NameInvalidCharacter
            ),
            (
                IdentityField::IdDocumentCountry,
                IdentityIssueCode::CountryUnknown
            ),
            // With an unknown country, no Spanish rule applies: the shape is fine.
            (IdentityField::Email, IdentityIssueCode::EmailInvalid),
            (
                IdentityField::MobilePhoneNumber,
                IdentityIssueCode::PhonePrefixMissing
            ),
        ]
    );
    assert!(!check.can_send());
    match ValidSignerIdentity::try_from(identity) {
        Err(error @ Error::InvalidIdentity(_)) => {
            assert_eq!(error.code(), "identity.invalid");
            let details = error.details().unwrap();
            assert!(
                details.contains("givenName: identity.required"),
                "{details}"
            );
            assert!(
                details.contains("email: identity.email_invalid"),
                "{details}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_valid_identity_becomes_the_api_signer() {
    let identity = SignerIdentity {
        given_name: " Łukasz ".into(),
        surname_1: "Kowalski".into(),
        surname_2: None,
        id_document_type: IdDocumentKind::Passport,
        id_document_country: "pl".into(),
        serial_number: "ea 1234567".into(),
        email: "lukasz@Example.PL".into(),
        mobile_phone_number: "0048 512 345 678".into(),
        communication_language: Some(SignerLanguage::Pl),
    };
    let valid = ValidSignerIdentity::try_from(identity).unwrap();
    let signer = valid.to_signer();
    assert_eq!(signer.given_name, "Łukasz");
    assert_eq!(signer.surname_1, "Kowalski");
    assert_eq!(signer.surname_2, None);
    assert_eq!(
        signer.id_document_type,
        Some(oneshot_api::IdDocumentType::Passport)
    );
    assert_eq!(signer.id_document_country.as_deref(), Some("PL"));
    assert_eq!(signer.serial_number, "EA1234567");
    assert_eq!(signer.email, "lukasz@example.pl");
    assert_eq!(signer.mobile_phone_number, "+48512345678");
    assert_eq!(valid.communication_language(), Some("PL"));
    assert!(valid.warnings().is_empty());
}

#[test]
fn the_ui_sees_stable_codes_and_field_names() {
    let identity = SignerIdentity {
        serial_number: "12345678A".into(),
        ..valid()
    };
    let check = check_identity(&identity);
    let json = serde_json::to_value(&check).unwrap();
    assert_eq!(
        json["issues"][0],
        serde_json::json!({
            "field": "serialNumber",
            "code": "identity.dni_check_letter",
            "blocking": true,
            "params": {}
        })
    );
    assert_eq!(json["identity"]["surname1"], "Núñez");
    assert_eq!(json["identity"]["idDocumentType"], "IDC");
    assert_eq!(json["identity"]["communicationLanguage"], "ES");
    let parsed: SignerIdentity = serde_json::from_value(json["identity"].clone()).unwrap();
    assert_eq!(parsed, valid_with_serial("12345678A"));
    // Every code the checks can raise is listed for the UI catalogs, and vice versa.
    for code in IDENTITY_ISSUE_CODES {
        assert!(code.starts_with("identity."), "{code}");
    }
    assert_eq!(IDENTITY_ISSUE_CODES.len(), 17);
}

fn valid_with_serial(serial: &str) -> SignerIdentity {
    SignerIdentity {
        serial_number: serial.into(),
        ..valid()
    }
}
