//! What the sandbox CA issues: the one-shot certificate's content, the CA and TSA
//! certificates, and how the CA material persists in the data directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pki_support;

use std::process::Command;

use der::asn1::{Ia5StringRef, ObjectIdentifier, PrintableStringRef, Utf8StringRef};
use der::{Decode as _, Encode as _};
use oneshot_sandbox::Error;
use oneshot_sandbox::pki::{Authority, SignerIdentity};
use pki_support::*;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};

fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}

/// The subject attribute `oid` as text, whatever its string type.
fn subject_value(certificate: &Certificate, attribute: &str) -> String {
    let atv = certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid(attribute))
        .unwrap_or_else(|| panic!("subject lacks {attribute}"));
    Utf8StringRef::try_from(&atv.value)
        .map(|s| s.as_str().to_owned())
        .or_else(|_| PrintableStringRef::try_from(&atv.value).map(|s| s.as_str().to_owned()))
        .or_else(|_| Ia5StringRef::try_from(&atv.value).map(|s| s.as_str().to_owned()))
        .unwrap()
}

fn extension<'c>(certificate: &'c Certificate, dotted: &str) -> &'c x509_cert::ext::Extension {
    certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .iter()
        .find(|e| e.extn_id == oid(dotted))
        .unwrap_or_else(|| panic!("no extension {dotted}"))
}

fn has_extension(certificate: &Certificate, dotted: &str) -> bool {
    certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .any(|e| e.extn_id == oid(dotted))
}

fn certificates_in(pem: &str) -> Vec<Certificate> {
    pem.split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|block| block.contains("BEGIN CERTIFICATE"))
        .map(|block| {
            let (_, der) = der::pem::decode_vec(block.as_bytes()).unwrap();
            Certificate::from_der(&der).unwrap()
        })
        .collect()
}

#[test]
fn the_qualified_one_shot_certificate_names_the_signer_and_carries_qc_statements() {
    let sandbox = Sandbox::new();
    let signer = sandbox.signer();
    let certificate = Certificate::from_der(signer.certificate_der()).unwrap();

    assert_eq!(subject_value(&certificate, "2.5.4.3"), "Łukasz Żółć Núñez");
    assert_eq!(subject_value(&certificate, "2.5.4.42"), "Łukasz");
    assert_eq!(subject_value(&certificate, "2.5.4.4"), "Żółć Núñez");
    assert_eq!(subject_value(&certificate, "2.5.4.5"), "IDCES-12345678Z");
    assert_eq!(subject_value(&certificate, "2.5.4.6"), "ES");
    assert_eq!(
        subject_value(&certificate, "1.2.840.113549.1.9.1"),
        "lukasz.zolc@example.com"
    );

    let key_usage = extension(&certificate, "2.5.29.15");
    assert!(key_usage.critical);
    let usages = KeyUsage::from_der(key_usage.extn_value.as_bytes()).unwrap();
    assert!(
        usages.0.contains(KeyUsages::DigitalSignature)
            && usages.0.contains(KeyUsages::NonRepudiation)
    );
    assert!(!usages.0.contains(KeyUsages::KeyCertSign));

    let statements = extension(&certificate, "1.3.6.1.5.5.7.1.3")
        .extn_value
        .as_bytes();
    for statement in [
        "0.4.0.1862.1.1",   // QcCompliance
        "0.4.0.1862.1.4",   // QcSSCD
        "0.4.0.1862.1.6",   // QcType
        "0.4.0.1862.1.6.1", // QcType esign
        "0.4.0.1862.1.5",   // QcPDS
        "1.3.6.1.5.5.7.11.2",
    ] {
        let encoded = oid(statement).to_der().unwrap();
        assert!(
            statements.windows(encoded.len()).any(|w| w == encoded),
            "QC statement {statement} missing"
        );
    }
    let policies = x509_cert::ext::pkix::CertificatePolicies::from_der(
        extension(&certificate, "2.5.29.32").extn_value.as_bytes(),
    )
    .unwrap();
    assert!(
        policies
            .0
            .iter()
            .any(|p| p.policy_identifier == oid("0.4.0.194112.1.2")),
        "QCP-n-qscd"
    );

    let der_path = sandbox.path("one-shot.der");
    std::fs::write(&der_path, signer.certificate_der()).unwrap();
    require_tool("openssl", "apt-get install -y openssl");
    let text = run_ok(
        Command::new("openssl")
            .args([
                "x509",
                "-inform",
                "DER",
                "-noout",
                "-text",
                "-nameopt",
                "utf8,sep_comma_plus",
                "-in",
            ])
            .arg(&der_path),
    );
    for expected in [
        "X509v3 Key Usage: critical",
        "Digital Signature, Non Repudiation",
        "CN=Łukasz Żółć Núñez",
        "serialNumber=IDCES-12345678Z",
        "GN=Łukasz",
        "SN=Żółć Núñez",
        "qcStatements",
        "Policy: 0.4.0.194112.1.2",
        "email:lukasz.zolc@example.com",
        "ecdsa-with-SHA256",
        "X509v3 Authority Key Identifier",
        "CA:FALSE",
    ] {
        assert!(
            text.contains(expected),
            "openssl x509 -text lacks {expected:?}:\n{text}"
        );
    }

    let leaf = write_pem(sandbox.path("one-shot.pem"), signer.certificate_der());
    let verified = run_ok(
        Command::new("openssl")
            .arg("verify")
            .arg("-CAfile")
            .arg(sandbox.root_pem_path())
            .arg("-untrusted")
            .arg(sandbox.ca_pem_path())
            .args(["-purpose", "smimesign"])
            .arg(&leaf),
    );
    assert!(verified.contains(": OK"), "{verified}");
}

/// Writes `der` as a PEM certificate at `path` and returns the path.
fn write_pem(path: std::path::PathBuf, der: &[u8]) -> std::path::PathBuf {
    let pem = der::pem::encode_string("CERTIFICATE", der::pem::LineEnding::LF, der).unwrap();
    std::fs::write(&path, pem).unwrap();
    path
}

#[test]
fn the_normalized_profile_has_no_qc_statements() {
    let sandbox = Sandbox::new();
    let signer = sandbox
        .authority
        .issue_one_shot(&identity(), "PFnubeNC")
        .unwrap();
    let certificate = Certificate::from_der(signer.certificate_der()).unwrap();
    assert!(!has_extension(&certificate, "1.3.6.1.5.5.7.1.3"));
    let policies = x509_cert::ext::pkix::CertificatePolicies::from_der(
        extension(&certificate, "2.5.29.32").extn_value.as_bytes(),
    )
    .unwrap();
    assert!(
        policies
            .0
            .iter()
            .any(|p| p.policy_identifier == oid("0.4.0.2042.1.2")),
        "NCP+"
    );
}

#[test]
fn bad_profiles_and_identities_are_refused() {
    let sandbox = Sandbox::new();
    assert!(matches!(
        sandbox.authority.issue_one_shot(&identity(), "PFnubeXYZ"),
        Err(Error::UnknownCertificateProfile(_))
    ));
    let no_email = SignerIdentity {
        email: "nobody".into(),
        ..identity()
    };
    assert!(matches!(
        sandbox
            .authority
            .issue_one_shot(&no_email, "PFnubeQAFCiudadano"),
        Err(Error::InvalidSignerIdentity(_))
    ));
}

#[test]
fn every_one_shot_signer_has_its_own_key() {
    let sandbox = Sandbox::new();
    let a = Certificate::from_der(sandbox.signer().certificate_der()).unwrap();
    let b = Certificate::from_der(sandbox.signer().certificate_der()).unwrap();
    assert_ne!(
        a.tbs_certificate.subject_public_key_info,
        b.tbs_certificate.subject_public_key_info
    );
    assert_ne!(
        a.tbs_certificate.serial_number,
        b.tbs_certificate.serial_number
    );
}

#[test]
fn ca_pem_holds_the_root_the_issuing_ca_and_the_tsa_with_their_constraints() {
    let sandbox = Sandbox::new();
    let certificates = certificates_in(&sandbox.authority.ca_pem());
    assert_eq!(certificates.len(), 3);
    let [root, issuing, tsa] = [&certificates[0], &certificates[1], &certificates[2]];
    assert_eq!(
        root.tbs_certificate.subject, root.tbs_certificate.issuer,
        "the root is self-signed"
    );
    assert_eq!(issuing.tbs_certificate.issuer, root.tbs_certificate.subject);
    assert_eq!(tsa.tbs_certificate.issuer, root.tbs_certificate.subject);
    assert_eq!(
        root.tbs_certificate.to_der().unwrap(),
        Certificate::from_der(sandbox.authority.root_certificate_der())
            .unwrap()
            .tbs_certificate
            .to_der()
            .unwrap()
    );

    let eku = extension(tsa, "2.5.29.37");
    assert!(
        eku.critical,
        "RFC 3161: the TSA's extended key usage is critical"
    );
    let purposes = ExtendedKeyUsage::from_der(eku.extn_value.as_bytes()).unwrap();
    assert_eq!(
        purposes.0,
        vec![oid("1.3.6.1.5.5.7.3.8")],
        "timeStamping only"
    );

    let text = run_ok(
        Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(sandbox.ca_pem_path()),
    );
    assert!(text.contains("CA:TRUE"), "{text}");
    let issuing_pem = write_pem(sandbox.path("issuing.pem"), &issuing.to_der().unwrap());
    let text = run_ok(
        Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&issuing_pem),
    );
    assert!(
        text.contains("CA:TRUE, pathlen:0") && text.contains("Certificate Sign, CRL Sign"),
        "{text}"
    );
    let tsa_pem = write_pem(sandbox.path("tsa.pem"), &tsa.to_der().unwrap());
    let text = run_ok(
        Command::new("openssl")
            .args(["x509", "-noout", "-text", "-in"])
            .arg(&tsa_pem),
    );
    assert!(
        text.contains("X509v3 Extended Key Usage: critical") && text.contains("Time Stamping"),
        "{text}"
    );
}

#[test]
fn the_ca_persists_privately_and_corruption_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let pki = dir.path().join("pki");
    let first = Authority::load_or_create(&pki).unwrap();
    let again = Authority::load_or_create(&pki).unwrap();
    assert_eq!(
        first.ca_pem(),
        again.ca_pem(),
        "a restart keeps the same CA"
    );
    #[cfg(unix)]
    for key in ["root-ca.key", "issuing-ca.key", "tsa.key"] {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(pki.join(key))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{key}");
    }

    // A lost TSA is re-issued under the same root; the rest stays.
    std::fs::remove_file(pki.join("tsa.key")).unwrap();
    std::fs::remove_file(pki.join("tsa.pem")).unwrap();
    let reissued = Authority::load_or_create(&pki).unwrap();
    assert_eq!(
        certificates_in(&reissued.ca_pem())[..2],
        certificates_in(&first.ca_pem())[..2]
    );
    assert_ne!(
        certificates_in(&reissued.ca_pem())[2],
        certificates_in(&first.ca_pem())[2]
    );

    std::fs::remove_file(pki.join("issuing-ca.pem")).unwrap();
    assert!(matches!(
        Authority::load_or_create(&pki),
        Err(Error::CorruptAuthority { .. })
    ));
    std::fs::write(pki.join("issuing-ca.pem"), "garbage").unwrap();
    assert!(matches!(
        Authority::load_or_create(&pki),
        Err(Error::CorruptAuthority { .. })
    ));
    // A certificate that does not match its key is caught too.
    std::fs::copy(pki.join("root-ca.pem"), pki.join("issuing-ca.pem")).unwrap();
    assert!(matches!(
        Authority::load_or_create(&pki),
        Err(Error::CorruptAuthority { .. })
    ));
}
