//! The generated service contract: readable text (pdftotext) in each language,
//! and signable like any uploaded PDF.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pki_support;

use std::process::Command;

use oneshot_sandbox::pdf::{ContractData, ContractLanguage, inspect, service_contract};
use oneshot_sandbox::pki::{PdfSignatureOptions, VisibleSignature};
use pki_support::*;

fn contract_data(language: ContractLanguage) -> ContractData {
    ContractData {
        signer_name: "Łukasz Żółć Núñez".into(),
        id_number: "12345678Z".into(),
        email: "lukasz.zolc@example.com".into(),
        phone: "+34 600 111 222".into(),
        profile: "PFnubeQAFCiudadano".into(),
        registration_authority: "RA-1125".into(),
        date: time::macros::date!(2026 - 11 - 27),
        language,
    }
}

fn pdftotext(sandbox: &Sandbox, name: &str, pdf: &[u8]) -> String {
    require_tool("pdftotext", "apt-get install -y poppler-utils");
    let path = sandbox.path(name);
    std::fs::write(&path, pdf).unwrap();
    run_ok(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-"),
    )
}

#[test]
fn the_contract_text_names_the_signer_in_each_language() {
    let sandbox = Sandbox::new();
    for (language, title, date) in [
        (
            ContractLanguage::English,
            "Service contract",
            "27 November 2026",
        ),
        (
            ContractLanguage::Spanish,
            "Contrato de servicio",
            "27 de noviembre de 2026",
        ),
        (
            ContractLanguage::Polish,
            "Umowa o świadczenie usługi",
            "27 listopada 2026",
        ),
    ] {
        let pdf = service_contract(&contract_data(language)).unwrap();
        let pages = inspect(&pdf).unwrap().page_count;
        assert!((1..=2).contains(&pages), "{language:?}: {pages} pages");
        let text = pdftotext(&sandbox, &format!("contract-{language:?}.pdf"), &pdf);
        for expected in [
            title,
            "Łukasz Żółć Núñez",
            "12345678Z",
            "lukasz.zolc@example.com",
            "+34 600 111 222",
            "PFnubeQAFCiudadano",
            "RA-1125",
            date,
        ] {
            assert!(
                text.contains(expected),
                "{language:?}: pdftotext lacks {expected:?}:\n{text}"
            );
        }
    }
}

#[test]
fn language_codes_map_with_english_as_fallback() {
    assert_eq!(ContractLanguage::from_code("ES"), ContractLanguage::Spanish);
    assert_eq!(ContractLanguage::from_code("pl"), ContractLanguage::Polish);
    assert_eq!(ContractLanguage::from_code("EN"), ContractLanguage::English);
    assert_eq!(ContractLanguage::from_code("fr"), ContractLanguage::English);
}

#[test]
fn the_signed_contract_validates() {
    let sandbox = Sandbox::new();
    let contract = service_contract(&contract_data(ContractLanguage::Spanish)).unwrap();
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 0,
            rect: [360.0, 90.0, 540.0, 140.0],
            image: Some(signature_png()),
            text: Some("Łukasz Żółć Núñez\n27/11/2026".into()),
        }),
        metadata: None,
    };
    let signed = sandbox.signer().sign_pdf(&contract, &options).unwrap();
    assert!(signed.starts_with(&contract));
    let path = sandbox.path("contract-signed.pdf");
    std::fs::write(&path, &signed).unwrap();
    assert_pdfsig_accepts(&sandbox, &path, 1);
    assert_pyhanko_accepts(&sandbox, &path, 1);
    let tampered = tampered_copy(&signed, sandbox.dir.path(), "contract-tampered.pdf");
    assert_pdfsig_rejects(&sandbox, &tampered);
    assert_pyhanko_rejects(&sandbox, &tampered);
}
