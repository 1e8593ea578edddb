//! Local verification of detached CMS signatures (`.p7m`) over their original
//! files: from the sandbox's hash signing (every digest, with and without
//! signed attributes) and from openssl (RSA PKCS #1, RSA-PSS, P-384), checked
//! against the right and the wrong original, and against openssl's verdict.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod verification_support;

use std::process::Command;

use base64::Engine as _;
use der::Encode as _;
use oneshot_sandbox::pki::HashSignRequest;
use sha2::Digest as _;
use station_core::{
    ClaimedSigningTimeSource, Error, PadesLevel, SignatureIntegrity, SignatureTrust,
    SignedDocumentKind, TrustStore, VerificationVerdict, verify_detached_cms,
    verify_detached_cms_files,
};
use verification_support::*;

/// The original file: large enough to be hashed in several reads.
fn original() -> Vec<u8> {
    (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect()
}

fn digest(algorithm: &str, data: &[u8]) -> Vec<u8> {
    match algorithm {
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        other => panic!("{other}"),
    }
}

/// The hash file the station uploads in the hash-signature workflow (W3).
fn hash_file(data: &[u8], algorithm: &str, signed_attributes: bool) -> Vec<u8> {
    let value =
        der::Any::encode_from(&der::asn1::OctetString::new(digest(algorithm, data)).unwrap())
            .unwrap();
    let attribute = x509_cert::attr::Attribute {
        oid: "1.2.840.113549.1.9.4".parse().unwrap(),
        values: der::asn1::SetOfVec::try_from(vec![value]).unwrap(),
    };
    serde_json::to_vec(&serde_json::json!({
        "messageDigest": base64::engine::general_purpose::STANDARD.encode(attribute.to_der().unwrap()),
        "digestAlgorithm": algorithm,
        "addAuthAttribute": i32::from(signed_attributes),
        "addSigningTime": i32::from(signed_attributes),
        "otherAuthAttributes": [],
    }))
    .unwrap()
}

fn sandbox_p7m(pki: &Pki, data: &[u8], algorithm: &str, signed_attributes: bool) -> Vec<u8> {
    let request =
        HashSignRequest::from_json(&hash_file(data, algorithm, signed_attributes)).unwrap();
    pki.signer().sign_hash(&request).unwrap()
}

#[test]
fn sandbox_hash_signatures_pass_with_every_digest() {
    let pki = Pki::new();
    let data = original();
    for (algorithm, name) in [
        ("sha256", "SHA-256"),
        ("sha384", "SHA-384"),
        ("sha512", "SHA-512"),
        ("sha224", "SHA-224"),
        ("sha1", "SHA-1"),
    ] {
        let p7m = sandbox_p7m(&pki, &data, algorithm, true);
        let report = verify_detached_cms(&p7m, &data[..], &pki.trust()).unwrap();
        assert_eq!(
            report.verdict,
            VerificationVerdict::Valid,
            "{algorithm}: {report:#?}"
        );
        assert_eq!(report.document, SignedDocumentKind::DetachedCms);
        assert_eq!(report.file_size, data.len() as u64);
        let [signature] = &report.signatures[..] else {
            panic!("{report:#?}")
        };
        assert_eq!(signature.digest_algorithm.as_deref(), Some(name));
        assert_eq!(signature.integrity, SignatureIntegrity::Ok);
        assert!(signature.trust.is_trusted());
        assert!(signature.covers_whole_file);
        assert_eq!(signature.pades_level, PadesLevel::None);
        assert_eq!(
            signature.signer.as_ref().unwrap().id_number.as_deref(),
            Some("IDCES-12345678Z")
        );
        let claimed = signature
            .claimed_signing_time
            .as_ref()
            .expect("addSigningTime was asked");
        assert_eq!(
            claimed.source,
            ClaimedSigningTimeSource::SigningTimeAttribute
        );

        // The wrong original: its digest is not the signed one.
        let mut other = data.clone();
        other[1_234_567] ^= 0x80;
        let report = verify_detached_cms(&p7m, &other[..], &pki.trust()).unwrap();
        assert_eq!(report.verdict, VerificationVerdict::Invalid, "{algorithm}");
        assert!(
            matches!(&report.signatures[0].integrity, SignatureIntegrity::DigestMismatch { reason } if reason.contains(name)),
            "{algorithm}: {report:#?}"
        );
    }
}

#[test]
fn a_signature_without_signed_attributes_covers_the_digest_itself() {
    let pki = Pki::new();
    let data = original();
    for algorithm in ["sha256", "sha512"] {
        let p7m = sandbox_p7m(&pki, &data, algorithm, false);
        let report = verify_detached_cms(&p7m, &data[..], &pki.trust()).unwrap();
        assert_eq!(
            report.verdict,
            VerificationVerdict::Valid,
            "{algorithm}: {report:#?}"
        );
        assert!(report.signatures[0].claimed_signing_time.is_none());

        let report = verify_detached_cms(&p7m, &b"another file"[..], &pki.trust()).unwrap();
        assert_eq!(report.verdict, VerificationVerdict::Invalid);
        assert!(
            matches!(
                report.signatures[0].integrity,
                SignatureIntegrity::SignatureInvalid { .. }
            ),
            "{report:#?}"
        );
    }
}

#[test]
fn files_on_disk_are_streamed_and_pem_armour_is_accepted() {
    let pki = Pki::new();
    let data = original();
    let p7m = sandbox_p7m(&pki, &data, "sha256", true);
    let original_path = pki.write("document.bin", &data);
    let p7m_path = pki.write("document.bin.p7m", &p7m);
    let report = verify_detached_cms_files(&p7m_path, &original_path, &pki.trust()).unwrap();
    assert!(report.is_valid(), "{report:#?}");

    let pem = pem::encode(&pem::Pem::new("PKCS7", p7m.clone()));
    let report = verify_detached_cms(pem.as_bytes(), &data[..], &pki.trust()).unwrap();
    assert!(report.is_valid(), "{report:#?}");

    let missing =
        verify_detached_cms_files(&p7m_path, &pki.path("gone.bin"), &pki.trust()).unwrap_err();
    assert!(
        matches!(&missing, Error::UnreadableDocument { name, .. } if name.ends_with("gone.bin")),
        "{missing}"
    );
}

#[test]
fn untrusted_signers_keep_their_integrity() {
    let pki = Pki::new();
    let data = original();
    let p7m = sandbox_p7m(&pki, &data, "sha256", true);
    let report = verify_detached_cms(&p7m, &data[..], &TrustStore::new()).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Untrusted);
    assert_eq!(report.signatures[0].integrity, SignatureIntegrity::Ok);
    assert!(matches!(
        report.signatures[0].trust,
        SignatureTrust::UntrustedRoot { .. }
    ));
}

#[test]
fn unreadable_signature_files_are_errors() {
    let trust = TrustStore::new();
    let error = verify_detached_cms(b"not a signature", &b"x"[..], &trust).unwrap_err();
    assert!(matches!(error, Error::NotASignature(_)), "{error}");
    assert_eq!(error.code(), "verification.not_a_signature");
    let key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    assert!(matches!(
        verify_detached_cms(key.as_bytes(), &b"x"[..], &trust),
        Err(Error::NotASignature(_))
    ));
}

/// Signatures from openssl: another signer, other key types and paddings.
#[test]
fn openssl_signatures_with_rsa_pss_rsa_pkcs1_and_p384_pass() {
    let pki = Pki::new();
    let data = original();
    let original_path = pki.write("original.bin", &data);
    let cases: [(&str, &[&str], &[&str], &str); 4] = [
        (
            "rsa-pkcs1",
            &["rsa:2048"],
            &["-md", "sha512"],
            "RSA PKCS#1 v1.5 with SHA-512",
        ),
        (
            "rsa-pss",
            &["rsa:2048"],
            &[
                "-md",
                "sha256",
                "-keyopt",
                "rsa_padding_mode:pss",
                "-keyopt",
                "rsa_pss_saltlen:32",
            ],
            "RSA-PSS with SHA-256",
        ),
        (
            "p384",
            &["ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
            &["-md", "sha384"],
            "ECDSA with SHA-384",
        ),
        (
            "p384-cades",
            &["ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
            &["-md", "sha256", "-cades"],
            "ECDSA with SHA-256",
        ),
    ];
    for (name, key, sign_args, algorithm) in cases {
        let ca = OpensslCa::new(pki.dir.path(), name, key);
        let p7m = ca.sign_detached(&original_path, sign_args);
        let trust = TrustStore::from_pem(&ca.root_pem()).unwrap();
        let report = verify_detached_cms(&p7m, &data[..], &trust).unwrap();
        assert_eq!(
            report.verdict,
            VerificationVerdict::Valid,
            "{name}: {report:#?}"
        );
        let signature = &report.signatures[0];
        assert_eq!(
            signature.signature_algorithm.as_deref(),
            Some(algorithm),
            "{name}"
        );
        let signer = signature.signer.as_ref().unwrap();
        assert_eq!(signer.common_name.as_deref(), Some("Ana García"));
        assert_eq!(signer.id_number.as_deref(), Some("IDCES-99999999R"));
        assert!(!signer.qualified);

        let report = verify_detached_cms(&p7m, &b"tampered"[..], &trust).unwrap();
        assert!(
            matches!(
                report.signatures[0].integrity,
                SignatureIntegrity::DigestMismatch { .. }
            ),
            "{name}"
        );
        // The sandbox root does not vouch for openssl's signer.
        let report = verify_detached_cms(&p7m, &data[..], &pki.trust()).unwrap();
        assert_eq!(report.verdict, VerificationVerdict::Untrusted, "{name}");
    }
}

/// `openssl cms -verify` and we agree on the sandbox's hash signatures.
#[test]
fn our_verdicts_agree_with_openssl_cms_verify() {
    require_tool("openssl", "apt-get install -y openssl");
    let pki = Pki::new();
    let data = original();
    let ca_file = pki.write("ca.pem", pki.authority.ca_pem().as_bytes());
    let mut other = data.clone();
    other[0] ^= 1;
    for (algorithm, attributes) in [("sha256", true), ("sha384", true), ("sha256", false)] {
        let p7m = sandbox_p7m(&pki, &data, algorithm, attributes);
        let p7m_path = pki.write("sig.p7m", &p7m);
        for (content, label) in [(&data, "original"), (&other, "changed")] {
            let content_path = pki.write("content.bin", content);
            let (theirs, text) = run(Command::new("openssl")
                .args([
                    "cms",
                    "-verify",
                    "-binary",
                    "-inform",
                    "DER",
                    "-purpose",
                    "any",
                    "-out",
                    "/dev/null",
                    "-in",
                ])
                .arg(&p7m_path)
                .arg("-content")
                .arg(&content_path)
                .arg("-CAfile")
                .arg(&ca_file));
            let ours = verify_detached_cms(&p7m, &content[..], &pki.trust()).unwrap();
            assert_eq!(
                theirs,
                ours.is_valid(),
                "{algorithm} attributes={attributes} {label}: openssl:\n{text}\nours: {ours:#?}"
            );
        }
    }
}

#[test]
fn certificates_used_beyond_their_purpose_are_not_trusted() {
    let pki = Pki::new();
    let data = b"a contract".to_vec();
    let original_path = pki.write("original.txt", &data);
    let p256 = ["ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

    // A key that may only encipher keys does not sign documents.
    let ca = OpensslCa::with_leaf_usage(pki.dir.path(), "encipher-only", &p256, "keyEncipherment");
    let trust = TrustStore::from_pem(&ca.root_pem()).unwrap();
    let p7m = ca.sign_detached(&original_path, &["-md", "sha256"]);
    let report = verify_detached_cms(&p7m, &data[..], &trust).unwrap();
    assert_eq!(report.verdict, VerificationVerdict::Untrusted);
    assert_eq!(report.signatures[0].integrity, SignatureIntegrity::Ok);
    assert!(
        matches!(&report.signatures[0].trust, SignatureTrust::WrongUsage { reason } if reason.contains("keyUsage")),
        "{report:#?}"
    );

    // An end-entity certificate (CA:FALSE) cannot vouch for another one.
    let ca = OpensslCa::new(pki.dir.path(), "leaf-as-ca", &p256);
    ca.issue_under_the_leaf();
    let leaf = ca.dir.join("leaf.pem");
    let p7m = ca.sign_detached_as(
        "child",
        &original_path,
        &["-md", "sha256", "-certfile", leaf.to_str().unwrap()],
    );
    let trust = TrustStore::from_pem(&ca.root_pem()).unwrap();
    let report = verify_detached_cms(&p7m, &data[..], &trust).unwrap();
    assert_eq!(report.signatures[0].integrity, SignatureIntegrity::Ok);
    assert!(
        matches!(&report.signatures[0].trust, SignatureTrust::ChainBroken { reason } if reason.contains("not a certification authority")),
        "{report:#?}"
    );
}
