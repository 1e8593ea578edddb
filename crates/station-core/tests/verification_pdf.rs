//! Local verification of signed PDFs made by the real sandbox signer: valid
//! files pass every check, each kind of tampering fails the check it should,
//! and the verdicts agree with pdfsig's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod verification_support;

use std::time::{Duration, SystemTime};

use oneshot_sandbox::pki::{PdfSignatureOptions, VisibleSignature};
use station_core::{
    ClaimedSigningTimeSource, Error, PadesLevel, SignatureIntegrity, SignatureKind,
    SignatureReport, SignatureTrust, SignedDocumentKind, TrustStore, VerificationReport,
    VerificationVerdict, verify_pdf, verify_pdf_at, verify_pdf_file,
};
use verification_support::*;

const PAGE_TEXT: &str = "Contract to sign";

fn one_page() -> Vec<u8> {
    plain_pdf(&[PAGE_TEXT])
}

/// Every check of one signature passed, for the sandbox's signer.
fn assert_fully_valid(signature: &SignatureReport) {
    assert_eq!(signature.kind, SignatureKind::Signature);
    assert_eq!(
        signature.integrity,
        SignatureIntegrity::Ok,
        "{signature:#?}"
    );
    assert!(
        matches!(&signature.trust, SignatureTrust::Trusted { anchor } if anchor.contains("One-Shot Sandbox Root CA")),
        "{signature:#?}"
    );
    let signer = signature.signer.as_ref().unwrap();
    assert_eq!(signer.id_number.as_deref(), Some("IDCES-12345678Z"));
    assert_eq!(signer.given_name.as_deref(), Some("Łukasz"));
    assert_eq!(signer.surname.as_deref(), Some("Żółć Núñez"));
    assert_eq!(signer.common_name.as_deref(), Some("Łukasz Żółć Núñez"));
    assert_eq!(signer.email.as_deref(), Some("lukasz.zolc@example.com"));
    assert!(signer.qualified, "PFnubeQAFCiudadano is qualified");
    assert!(signer.issuer_common_name.is_some());
    let timestamp = signature.timestamp.as_ref().expect("a signature timestamp");
    assert_eq!(
        timestamp.integrity,
        SignatureIntegrity::Ok,
        "{timestamp:#?}"
    );
    assert!(timestamp.trust.is_trusted(), "{timestamp:#?}");
    assert!(timestamp.time.is_some() && timestamp.authority.is_some());
    assert!(signature.claimed_signing_time.is_some());
    assert_eq!(signature.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert_eq!(signature.digest_algorithm.as_deref(), Some("SHA-256"));
    assert_eq!(
        signature.signature_algorithm.as_deref(),
        Some("ECDSA with SHA-256")
    );
    assert_eq!(signature.pades_level, PadesLevel::BT);
    assert!(signature.field_name.is_some());
}

fn only(report: &VerificationReport) -> &SignatureReport {
    assert_eq!(report.signatures.len(), 1, "{report:#?}");
    &report.signatures[0]
}

#[test]
fn an_invisible_signature_passes_every_check() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let report = verify_pdf(&signed, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    assert!(report.is_valid());
    assert_eq!(report.document, SignedDocumentKind::Pdf);
    assert_eq!(report.file_size, signed.len() as u64);
    let signature = only(&report);
    assert_fully_valid(signature);
    assert!(signature.covers_whole_file);
    assert_eq!(signature.signed_length, signed.len() as u64);

    // The report is what the UI receives.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"], "valid");
    assert_eq!(json["signatures"][0]["integrity"]["status"], "ok");
    assert_eq!(json["signatures"][0]["trust"]["status"], "trusted");
    assert_eq!(json["signatures"][0]["padesLevel"], "B-T");
}

#[test]
fn a_visible_signature_on_a_two_page_pdf_passes() {
    let pki = Pki::new();
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 1,
            rect: [50.0, 50.0, 300.0, 120.0],
            image: None,
            text: Some("Łukasz Żółć Núñez\n2026-11-27 10:00 UTC".into()),
        }),
        metadata: None,
    };
    let signed = pki
        .signer()
        .sign_pdf(&plain_pdf(&["one", "two"]), &options)
        .unwrap();
    let report = verify_pdf(&signed, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    assert_fully_valid(only(&report));
}

#[test]
fn the_signed_service_contract_passes() {
    let pki = Pki::new();
    let path = pki.write("contract.pdf", &pki.sign(&contract_pdf()));
    let report = verify_pdf_file(&path, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    assert_fully_valid(only(&report));
}

#[test]
fn a_pdf_signed_twice_reports_both_signatures_in_order() {
    let pki = Pki::new();
    let once = pki.sign(&one_page());
    let twice = pki.sign(&once);
    let report = verify_pdf(&twice, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    assert_eq!(report.signatures.len(), 2);
    for signature in &report.signatures {
        assert_fully_valid(signature);
    }
    let [first, second] = &report.signatures[..] else {
        unreachable!()
    };
    assert!(
        !first.covers_whole_file,
        "the first signature covers only its revision"
    );
    assert_eq!(first.signed_length, once.len() as u64);
    assert!(second.covers_whole_file);
    assert_ne!(first.field_name, second.field_name);
}

#[test]
fn a_byte_changed_in_the_signed_range_is_a_digest_mismatch() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let tampered = flip_in_signed_range(&signed, PAGE_TEXT.as_bytes());
    let report = verify_pdf(&tampered, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Invalid);
    let signature = only(&report);
    assert!(
        matches!(&signature.integrity, SignatureIntegrity::DigestMismatch { reason } if reason.contains("changed")),
        "{signature:#?}"
    );
    // Who signed is still shown, and the chain is still fine.
    assert!(signature.trust.is_trusted());
    assert_eq!(
        signature.signer.as_ref().unwrap().id_number.as_deref(),
        Some("IDCES-12345678Z")
    );
}

#[test]
fn a_changed_signature_value_is_an_invalid_signature() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let value = last_signature_value(&signed);
    // A digit inside r of the ECDSA (r, s) pair: still DER, no longer right.
    let tampered = flip_in_contents(&signed, &value, 20);
    let report = verify_pdf(&tampered, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Invalid);
    let signature = only(&report);
    assert!(
        matches!(&signature.integrity, SignatureIntegrity::SignatureInvalid { reason } if reason.contains("ECDSA")),
        "{signature:#?}"
    );
    // The timestamp covered the original signature value.
    let timestamp = signature.timestamp.as_ref().unwrap();
    assert!(
        matches!(
            timestamp.integrity,
            SignatureIntegrity::DigestMismatch { .. }
        ),
        "{timestamp:#?}"
    );
}

#[test]
fn a_changed_timestamp_fails_the_timestamp_and_its_proof_of_time() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let tst_info = last_tst_info(&signed);
    let tampered = flip_in_contents(&signed, &tst_info, tst_info.len());
    let report = verify_pdf(&tampered, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Invalid);
    let signature = only(&report);
    assert_eq!(
        signature.integrity,
        SignatureIntegrity::Ok,
        "the signature itself is intact"
    );
    let timestamp = signature.timestamp.as_ref().unwrap();
    assert!(
        matches!(
            timestamp.integrity,
            SignatureIntegrity::DigestMismatch { .. }
        ),
        "{timestamp:#?}"
    );

    // Without a valid timestamp nothing proves when it was signed: in 2100 the
    // one-shot certificate has long expired.
    let in_2100 = SystemTime::UNIX_EPOCH + Duration::from_secs(4_102_444_800);
    let later = verify_pdf_at(&tampered, &pki.trust(), in_2100).unwrap();
    assert!(
        matches!(&only(&later).trust, SignatureTrust::Expired { reason } if reason.contains("expired")),
        "{later:#?}"
    );
    // With its timestamp intact, the signature stays trusted in 2100: the
    // certificate was valid when the TSA saw the signature.
    let intact_later = verify_pdf_at(&signed, &pki.trust(), in_2100).unwrap();
    assert_eq!(
        intact_later.verdict,
        VerificationVerdict::Valid,
        "{intact_later:#?}"
    );
}

#[test]
fn an_update_appended_after_the_signature_is_reported() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let appended = append_unsigned_update(&signed);
    let report = verify_pdf(&appended, &pki.trust()).unwrap();
    assert_eq!(
        report.verdict,
        VerificationVerdict::ModifiedAfterSigning,
        "{report:#?}"
    );
    let signature = only(&report);
    assert_eq!(signature.integrity, SignatureIntegrity::Ok);
    assert!(signature.trust.is_trusted());
    assert!(!signature.covers_whole_file);
    assert_eq!(signature.signed_length, signed.len() as u64);
}

#[test]
fn a_truncated_file_fails_its_byte_range() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let truncated = &signed[..signed.len() - 40];
    let report = verify_pdf(truncated, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Invalid);
    assert!(
        matches!(&only(&report).integrity, SignatureIntegrity::Malformed { reason } if reason.contains("truncated")),
        "{report:#?}"
    );
}

#[test]
fn without_a_trusted_root_integrity_holds_but_trust_fails() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());

    let empty = verify_pdf(&signed, &TrustStore::new()).unwrap();
    assert_eq!(empty.verdict, VerificationVerdict::Untrusted, "{empty:#?}");
    let signature = only(&empty);
    assert_eq!(signature.integrity, SignatureIntegrity::Ok);
    assert!(
        matches!(&signature.trust, SignatureTrust::UntrustedRoot { reason } if reason.contains("One-Shot Sandbox Root CA")),
        "{signature:#?}"
    );
    assert!(!signature.timestamp.as_ref().unwrap().trust.is_trusted());

    // Another sandbox's root has the same name but another key: still untrusted.
    let other = Pki::new();
    let foreign = verify_pdf(&signed, &other.trust()).unwrap();
    assert_eq!(
        foreign.verdict,
        VerificationVerdict::Untrusted,
        "{foreign:#?}"
    );
    assert!(
        matches!(only(&foreign).trust, SignatureTrust::UntrustedRoot { .. }),
        "{foreign:#?}"
    );

    // Only the issuing CA, not its root: an intermediate is never an anchor.
    let pem = pki.authority.ca_pem();
    let without_root = &pem[pki.root_pem().len()..];
    let intermediates_only = TrustStore::from_pem(without_root).unwrap();
    assert!(intermediates_only.anchor_names().is_empty());
    let report = verify_pdf(&signed, &intermediates_only).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Untrusted);
}

#[test]
fn a_forged_link_in_the_embedded_chain_breaks_trust() {
    let pki = Pki::new();
    let signer = pki.signer();
    let signed = signer
        .sign_pdf(&one_page(), &PdfSignatureOptions::default())
        .unwrap();
    // A digit in the signature value at the end of the embedded issuing-CA
    // certificate: the root did not sign that certificate.
    let issuing_ca = signer.chain_der()[1].to_vec();
    let forged = flip_in_contents(&signed, &issuing_ca, issuing_ca.len() * 2 - 10);

    let root_only = TrustStore::from_pem(&pki.root_pem()).unwrap();
    let report = verify_pdf(&forged, &root_only).unwrap();
    assert_eq!(
        report.verdict,
        VerificationVerdict::Untrusted,
        "{report:#?}"
    );
    let signature = only(&report);
    assert_eq!(
        signature.integrity,
        SignatureIntegrity::Ok,
        "the chain is not signed data"
    );
    assert!(
        matches!(&signature.trust, SignatureTrust::ChainBroken { reason } if reason.contains("is not signed by One-Shot Sandbox Root CA")),
        "{signature:#?}"
    );

    // With the sandbox bundle the genuine issuing CA from the store completes the chain.
    let report = verify_pdf(&forged, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
}

#[test]
fn a_root_alone_is_enough_the_chain_comes_from_the_signature() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let trust = TrustStore::from_pem(&pki.root_pem()).unwrap();
    assert_eq!(trust.intermediate_count(), 0);
    let report = verify_pdf(&signed, &trust).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
}

#[test]
fn validation_data_and_a_document_timestamp_raise_the_pades_level() {
    let pki = Pki::new();
    let signer = pki.signer();
    let signed = signer
        .sign_pdf(&one_page(), &PdfSignatureOptions::default())
        .unwrap();
    let chain: Vec<Vec<u8>> = signer.chain_der().iter().map(|der| der.to_vec()).collect();

    // B-LT: a DSS appended after the signature (so it no longer reaches the end).
    let with_dss = append_dss(&signed, &chain);
    let report = verify_pdf(&with_dss, &pki.trust()).unwrap();
    assert!(report.has_validation_data);
    assert_eq!(only(&report).pades_level, PadesLevel::BLt);
    assert_eq!(report.verdict, VerificationVerdict::ModifiedAfterSigning);

    // B-LTA: a document timestamp over everything, DSS included.
    let archived = append_document_timestamp(&with_dss, &pki.authority);
    let report = verify_pdf(&archived, &pki.trust()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    let [signature, document_timestamp] = &report.signatures[..] else {
        panic!("{report:#?}")
    };
    assert_eq!(signature.pades_level, PadesLevel::BLta);
    assert_eq!(document_timestamp.kind, SignatureKind::DocumentTimestamp);
    assert_eq!(
        document_timestamp.integrity,
        SignatureIntegrity::Ok,
        "{document_timestamp:#?}"
    );
    assert!(
        document_timestamp.trust.is_trusted(),
        "{document_timestamp:#?}"
    );
    assert!(document_timestamp.covers_whole_file);
    assert_eq!(
        document_timestamp.sub_filter.as_deref(),
        Some("ETSI.RFC3161")
    );
    assert_eq!(
        document_timestamp.field_name.as_deref(),
        Some("DocumentTimestamp1")
    );
    assert!(
        document_timestamp
            .timestamp
            .as_ref()
            .unwrap()
            .time
            .is_some()
    );

    // Change a byte the document timestamp covers.
    let tampered = flip_in_signed_range(&archived, PAGE_TEXT.as_bytes());
    let report = verify_pdf(&tampered, &pki.trust()).unwrap();
    assert!(
        report
            .signatures
            .iter()
            .all(|s| matches!(s.integrity, SignatureIntegrity::DigestMismatch { .. })),
        "{report:#?}"
    );
}

#[test]
fn the_claimed_time_comes_from_the_signature_dictionary() {
    let pki = Pki::new();
    let report = verify_pdf(&pki.sign(&one_page()), &pki.trust()).unwrap();
    let claimed = only(&report).claimed_signing_time.as_ref().unwrap();
    assert_eq!(
        claimed.source,
        ClaimedSigningTimeSource::PdfSignatureDictionary
    );
    assert!(claimed.time.ends_with('Z'), "{claimed:?}");
}

#[test]
fn unreadable_input_is_an_error_not_a_report() {
    let trust = TrustStore::new();
    assert!(matches!(
        verify_pdf(b"GIF89a not a pdf", &trust),
        Err(Error::NotAPdf(_))
    ));
    assert!(matches!(verify_pdf(b"", &trust), Err(Error::NotAPdf(_))));
    let error = verify_pdf(&one_page(), &trust).unwrap_err();
    assert!(matches!(error, Error::NoSignature), "{error}");
    assert_eq!(error.code(), "verification.no_signature");
    let missing = verify_pdf_file(std::path::Path::new("/nonexistent/x.pdf"), &trust).unwrap_err();
    assert_eq!(missing.code(), "verification.unreadable_document");
}

/// The integrity property itself: whichever byte outside the signature's
/// `/Contents` changes, the file is no longer valid; and no change panics.
#[test]
fn no_byte_outside_the_signature_can_change_unnoticed() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let trust = pki.trust();
    let [range] = &byte_ranges(&signed)[..] else {
        panic!("one signature")
    };
    let gap = range[1] as usize..range[2] as usize;
    // Every seventh byte outside /Contents, every byte within 32 of its
    // delimiters (the ByteRange and the signature dictionary), and a sample
    // of those inside.
    let near = |at: usize, edge: usize| at.abs_diff(edge) <= 32;
    let positions = (0..signed.len()).filter(|&at| {
        let stride = if gap.contains(&at) { 211 } else { 7 };
        near(at, gap.start) || near(at, gap.end) || at % stride == 0
    });
    let mut outside = 0;
    for at in positions {
        let mut changed = signed.clone();
        changed[at] ^= 0x20;
        let result = verify_pdf(&changed, &trust);
        if gap.contains(&at) {
            // Inside /Contents only unsigned parts (the embedded certificates)
            // may change without harm; anything goes but a panic.
            continue;
        }
        outside += 1;
        match result {
            Ok(report) => assert_ne!(report.verdict, VerificationVerdict::Valid, "byte {at}"),
            Err(error) => assert!(
                matches!(error, Error::NotAPdf(_) | Error::NoSignature),
                "byte {at}: {error}"
            ),
        }
    }
    assert!(outside > (signed.len() - gap.len()) / 7, "{outside}");
}

#[test]
fn our_verdicts_agree_with_pdfsig() {
    let pki = Pki::new();
    let signed = pki.sign(&one_page());
    let twice = pki.sign(&signed);
    let value = last_signature_value(&signed);
    // Another sandbox: same names, other keys, so its root vouches for nothing here.
    let stranger = Pki::new();
    let cases: Vec<(&str, Vec<u8>, &Pki)> = vec![
        ("valid", signed.clone(), &pki),
        ("contract", pki.sign(&contract_pdf()), &pki),
        ("twice", twice.clone(), &pki),
        (
            "byte-flipped",
            flip_in_signed_range(&signed, PAGE_TEXT.as_bytes()),
            &pki,
        ),
        (
            "second-of-two-flipped",
            flip_in_signed_range(&twice, PAGE_TEXT.as_bytes()),
            &pki,
        ),
        (
            "signature-value",
            flip_in_contents(&signed, &value, 20),
            &pki,
        ),
        ("appended", append_unsigned_update(&signed), &pki),
        ("untrusted", signed.clone(), &stranger),
    ];
    for (name, bytes, trusting) in cases {
        let path = pki.write(&format!("{name}.pdf"), &bytes);
        let (theirs, text) = pdfsig(trusting, &path);
        let ours = verify_pdf(&bytes, &trusting.trust()).unwrap();
        assert_eq!(
            theirs.len(),
            ours.signatures.len(),
            "{name}: pdfsig:\n{text}\nours: {ours:#?}"
        );
        for (index, (their, our)) in theirs.iter().zip(&ours.signatures).enumerate() {
            assert_eq!(
                their.signature_valid,
                our.integrity.is_ok(),
                "{name} #{index} integrity: pdfsig:\n{text}\nours: {our:#?}"
            );
            assert_eq!(
                their.whole_document, our.covers_whole_file,
                "{name} #{index} coverage: pdfsig:\n{text}\nours: {our:#?}"
            );
            if their.signature_valid {
                assert_eq!(
                    their.certificate_trusted,
                    our.trust.is_trusted(),
                    "{name} #{index} trust: pdfsig:\n{text}\nours: {our:#?}"
                );
            }
        }
    }
}

/// The bundle the station loads for the sandbox profile comes from the running
/// sandbox's `GET /sandbox/v1/ca.pem`, and it verifies what that sandbox signs.
#[tokio::test]
async fn the_sandbox_ca_endpoint_is_a_usable_trust_store() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = oneshot_sandbox::Sandbox::start(
        oneshot_sandbox::SandboxConfig::new(dir.path()).with_listen("127.0.0.1:0".parse().unwrap()),
    )
    .await
    .unwrap();
    let pem = reqwest::get(format!("{}/sandbox/v1/ca.pem", sandbox.base_url()))
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .text()
        .await
        .unwrap();
    sandbox.shutdown().await.unwrap();

    let mut trust = TrustStore::new();
    assert_eq!(trust.add_pem(&pem).unwrap(), 3, "root, issuing CA and TSA");
    assert_eq!(
        trust.anchor_names(),
        vec!["One-Shot Sandbox Root CA".to_owned()]
    );
    assert_eq!(trust.intermediate_count(), 2);

    // The sandbox keeps its PKI in its data directory: sign with the same one.
    let authority =
        oneshot_sandbox::pki::Authority::load_or_create(&dir.path().join("pki")).unwrap();
    let signer = authority.issue_one_shot(&identity(), "PFnubeNC").unwrap();
    let signed = signer
        .sign_pdf(&one_page(), &PdfSignatureOptions::default())
        .unwrap();
    let report = verify_pdf(&signed, &trust).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Valid, "{report:#?}");
    assert!(
        !only(&report).signer.as_ref().unwrap().qualified,
        "PFnubeNC is not qualified"
    );
}

#[test]
fn trust_bundles_that_cannot_be_used_are_refused() {
    let mut trust = TrustStore::new();
    for bad in [
        "",
        "no pem here",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ] {
        let error = trust.add_pem(bad).unwrap_err();
        assert_eq!(
            error.code(),
            "verification.invalid_trust_bundle",
            "{bad:?}: {error}"
        );
    }
    assert!(trust.anchor_names().is_empty());
    assert_eq!(trust.intermediate_count(), 0);
}
