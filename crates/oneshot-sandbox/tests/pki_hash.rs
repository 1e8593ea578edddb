//! Hash-file signatures: detached CMS that `openssl cms -verify` accepts for the
//! original file and rejects for a tampered one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pki_support;

use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use der::Encode as _;
use oneshot_sandbox::Error;
use oneshot_sandbox::pki::HashSignRequest;
use pki_support::*;
use sha2::Digest as _;

const ORIGINAL: &[u8] =
    b"Hash-signed contract, signer \xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87.\n";

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

/// base64 of the DER `SEQUENCE{OID messageDigest, SET{OCTET STRING digest}}`, as the guide builds it.
fn message_digest_attribute(digest: &[u8]) -> String {
    let attribute = x509_cert::attr::Attribute {
        oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4"),
        values: der::asn1::SetOfVec::try_from(vec![
            der::Any::encode_from(&der::asn1::OctetString::new(digest).unwrap()).unwrap(),
        ])
        .unwrap(),
    };
    BASE64.encode(attribute.to_der().unwrap())
}

fn hash_file(algorithm: &str, add_auth: u8, add_time: u8) -> Vec<u8> {
    format!(
        r#"{{"messageDigest": "{}", "digestAlgorithm": "{algorithm}", "addAuthAttribute": {add_auth}, "addSigningTime": {add_time}, "otherAuthAttributes": []}}"#,
        message_digest_attribute(&digest(algorithm, ORIGINAL))
    )
    .into_bytes()
}

fn openssl_verify(sandbox: &Sandbox, p7m: &Path, content: &Path) -> (bool, String) {
    require_tool("openssl", "apt-get install -y openssl");
    run(Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(p7m)
        .arg("-content")
        .arg(content)
        .arg("-CAfile")
        .arg(sandbox.ca_pem_path())
        .args(["-out", "/dev/null"]))
}

fn sign_and_verify(sandbox: &Sandbox, algorithm: &str, add_auth: u8, add_time: u8) -> Vec<u8> {
    let request = HashSignRequest::from_json(&hash_file(algorithm, add_auth, add_time)).unwrap();
    let p7m = sandbox.signer().sign_hash(&request).unwrap();
    let name = format!("{algorithm}-{add_auth}{add_time}");
    let p7m_path = sandbox.path(&format!("{name}.p7m"));
    std::fs::write(&p7m_path, &p7m).unwrap();
    let original = sandbox.path(&format!("{name}.txt"));
    std::fs::write(&original, ORIGINAL).unwrap();
    let (ok, output) = openssl_verify(sandbox, &p7m_path, &original);
    assert!(
        ok && output.contains("Verification successful"),
        "{name}: {output}"
    );

    let mut tampered_bytes = ORIGINAL.to_vec();
    tampered_bytes[0] ^= 0x20;
    let tampered = sandbox.path(&format!("{name}-tampered.txt"));
    std::fs::write(&tampered, tampered_bytes).unwrap();
    let (ok, output) = openssl_verify(sandbox, &p7m_path, &tampered);
    assert!(!ok, "{name}: a tampered original must fail:\n{output}");
    p7m
}

#[test]
fn every_allowed_digest_verifies_with_signed_attributes_and_signing_time() {
    let sandbox = Sandbox::new();
    for algorithm in ["sha1", "sha224", "sha256", "sha384", "sha512"] {
        sign_and_verify(&sandbox, algorithm, 1, 1);
    }
}

#[test]
fn signing_time_is_added_only_when_asked() {
    let sandbox = Sandbox::new();
    let with_time = sign_and_verify(&sandbox, "sha256", 1, 1);
    let without_time = sign_and_verify(&sandbox, "sha256", 1, 0);
    let signing_time_oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05,
    ];
    let has = |p7m: &[u8]| {
        p7m.windows(signing_time_oid.len())
            .any(|w| w == signing_time_oid)
    };
    assert!(has(&with_time));
    assert!(!has(&without_time));
}

#[test]
fn without_signed_attributes_the_digest_itself_is_signed() {
    let sandbox = Sandbox::new();
    sign_and_verify(&sandbox, "sha256", 0, 0);
    sign_and_verify(&sandbox, "sha512", 0, 0);
}

#[test]
fn openssl_shows_the_detached_structure_and_the_chain() {
    let sandbox = Sandbox::new();
    let p7m = sign_and_verify(&sandbox, "sha256", 1, 1);
    let path = sandbox.path("print.p7m");
    std::fs::write(&path, p7m).unwrap();
    let printed = run_ok(
        Command::new("openssl")
            .args(["cms", "-cmsout", "-print", "-inform", "DER", "-in"])
            .arg(&path),
    );
    assert!(
        printed.contains("eContent: <ABSENT>"),
        "detached:\n{printed}"
    );
    assert!(
        printed.contains("id-smime-aa-signingCertificateV2"),
        "{printed}"
    );
    assert!(printed.contains("messageDigest"), "{printed}");
    assert_eq!(
        printed.matches("d.certificate:").count(),
        3,
        "signer, issuing CA, root:\n{printed}"
    );
}

#[test]
fn inconsistent_hash_files_are_refused() {
    let digest_for = |len: usize| message_digest_attribute(&vec![1; len]);
    for bad in [
        format!(r#"{{"messageDigest":"{}","digestAlgorithm":"sha384"}}"#, digest_for(32)),
        format!(r#"{{"messageDigest":"{}","digestAlgorithm":"md5"}}"#, digest_for(16)),
        format!(r#"{{"messageDigest":"{}","digestAlgorithm":"sha256","addAuthAttribute":0,"addSigningTime":1}}"#, digest_for(32)),
        r#"{"messageDigest":"MC8GCSqGSIb3DQEJBDEiBCCxXpcEPsmyTVAGFu1ScquUGBbN3En9x21Tpkp8g==","digestAlgorithm":"sha256"}"#.to_owned(),
        "not json".to_owned(),
    ] {
        assert!(matches!(HashSignRequest::from_json(bad.as_bytes()), Err(Error::InvalidHashFile(_))), "{bad}");
    }
}
