//! PAdES B-T signatures on PDFs, checked by pdfsig and pyHanko; tampering is caught.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pki_support;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode as _, Encode as _, Reader as _};
use oneshot_sandbox::Error;
use oneshot_sandbox::pki::{PdfSignatureOptions, SignedMetadata, VisibleSignature};
use pki_support::*;

/// Signs `original`, checks the result with both validators and a tampered
/// copy against both, and returns the signed bytes.
fn sign_and_check(
    sandbox: &Sandbox,
    name: &str,
    original: &[u8],
    options: &PdfSignatureOptions,
) -> Vec<u8> {
    let signed = sandbox.signer().sign_pdf(original, options).unwrap();
    assert!(
        signed.starts_with(original),
        "the original must be an exact prefix (incremental update)"
    );
    let path = sandbox.path(name);
    std::fs::write(&path, &signed).unwrap();
    assert_pdfsig_accepts(sandbox, &path, 1);
    assert_pyhanko_accepts(sandbox, &path, 1);
    let tampered = tampered_copy(&signed, sandbox.dir.path(), &format!("tampered-{name}"));
    assert_pdfsig_rejects(sandbox, &tampered);
    assert_pyhanko_rejects(sandbox, &tampered);
    signed
}

/// The CMS in the last signature dictionary of `pdf`.
fn last_cms(pdf: &[u8]) -> SignedData {
    let text = pdf
        .windows(10)
        .rposition(|w| w == b"/Contents<")
        .expect("a signature dictionary");
    let hex_start = text + 10;
    let hex_end = hex_start + pdf[hex_start..].iter().position(|b| *b == b'>').unwrap();
    let der = hex::decode(&pdf[hex_start..hex_end]).unwrap();
    let mut reader = der::SliceReader::new(&der).unwrap();
    let content_info: ContentInfo = reader.decode().unwrap();
    SignedData::from_der(&content_info.content.to_der().unwrap()).unwrap()
}

fn attribute_oids(attributes: &x509_cert::attr::Attributes) -> Vec<String> {
    attributes.iter().map(|a| a.oid.to_string()).collect()
}

#[test]
fn invisible_signature_on_a_one_page_pdf() {
    let sandbox = Sandbox::new();
    let signed = sign_and_check(
        &sandbox,
        "invisible.pdf",
        &one_page_pdf(),
        &PdfSignatureOptions::default(),
    );
    let update = String::from_utf8_lossy(&signed);
    assert!(update.contains("/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached"));
    assert!(
        update.contains("/Rect[0 0 0 0]"),
        "an invisible widget has an empty rectangle"
    );
}

#[test]
fn the_cms_carries_the_pades_baseline_attributes_and_the_chain() {
    let sandbox = Sandbox::new();
    let signed = sandbox
        .signer()
        .sign_pdf(&one_page_pdf(), &PdfSignatureOptions::default())
        .unwrap();
    let cms = last_cms(&signed);
    assert!(cms.encap_content_info.econtent.is_none(), "detached");
    assert_eq!(
        cms.certificates.as_ref().unwrap().0.len(),
        3,
        "signer, issuing CA and root"
    );
    let signer = cms.signer_infos.0.get(0).unwrap();
    let signed_oids = attribute_oids(signer.signed_attrs.as_ref().unwrap());
    for expected in [
        "1.2.840.113549.1.9.3",       // contentType
        "1.2.840.113549.1.9.4",       // messageDigest
        "1.2.840.113549.1.9.16.2.47", // signingCertificateV2
    ] {
        assert!(
            signed_oids.contains(&expected.to_owned()),
            "{signed_oids:?}"
        );
    }
    assert!(
        !signed_oids.contains(&"1.2.840.113549.1.9.5".to_owned()),
        "PAdES baseline forbids the signingTime attribute"
    );
    let unsigned_oids = attribute_oids(signer.unsigned_attrs.as_ref().unwrap());
    assert_eq!(
        unsigned_oids,
        ["1.2.840.113549.1.9.16.2.14"],
        "signatureTimeStampToken"
    );
    assert_eq!(
        signer.signature_algorithm.oid.to_string(),
        "1.2.840.10045.4.3.2",
        "ecdsa-with-SHA256"
    );
}

#[test]
fn visible_signature_with_a_transparent_png_and_unicode_text() {
    let sandbox = Sandbox::new();
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 0,
            rect: VisibleSignature::parse_position("50, 60, 330, 140").unwrap(),
            image: Some(signature_png()),
            text: Some("Łukasz Żółć Núñez\nFirmado el 27/11/2026 10:00 UTC".into()),
        }),
        metadata: None,
    };
    let signed = sign_and_check(&sandbox, "visible-png.pdf", &one_page_pdf(), &options);
    let update = String::from_utf8_lossy(&signed);
    assert!(
        update.contains("/Rect[50.0 60.0 330.0 140.0]"),
        "the widget sits where asked"
    );
    assert!(update.contains("/SMask"), "PNG alpha becomes a soft mask");
    assert!(
        update.contains("+DejaVuSans/"),
        "a subset font shows the Unicode text"
    );
}

#[test]
fn visible_signature_with_a_jpeg_on_page_two_of_an_xref_stream_pdf() {
    let sandbox = Sandbox::new();
    let original = three_pages_xref_stream_pdf();
    assert!(
        String::from_utf8_lossy(&original).contains("/ObjStm"),
        "fixture uses object streams"
    );
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 1,
            rect: [300.0, 40.0, 540.0, 100.0],
            image: Some(signature_jpeg()),
            text: None,
        }),
        metadata: None,
    };
    let signed = sign_and_check(&sandbox, "xref-stream.pdf", &original, &options);
    let update = String::from_utf8_lossy(&signed[original.len()..]);
    assert!(
        update.contains("/Type/XRef"),
        "the update indexes itself with a cross-reference stream"
    );
    assert!(update.contains("/DCTDecode"), "the JPEG is embedded as is");
}

#[test]
fn signature_on_a_pdf_that_already_has_a_form() {
    let sandbox = Sandbox::new();
    let signed = sign_and_check(
        &sandbox,
        "acroform.pdf",
        &acroform_pdf(),
        &PdfSignatureOptions::default(),
    );
    let update = String::from_utf8_lossy(&signed);
    assert!(
        update.contains("/T(Signature2)"),
        "a field name not yet taken"
    );
}

#[test]
fn a_second_signature_keeps_the_first_valid() {
    let sandbox = Sandbox::new();
    let once = sandbox
        .signer()
        .sign_pdf(&acroform_pdf(), &PdfSignatureOptions::default())
        .unwrap();
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 0,
            rect: [72.0, 72.0, 272.0, 122.0],
            image: None,
            text: Some("Second signer".into()),
        }),
        metadata: None,
    };
    let twice = sandbox.signer().sign_pdf(&once, &options).unwrap();
    assert!(twice.starts_with(&once));
    let path = sandbox.path("twice.pdf");
    std::fs::write(&path, &twice).unwrap();
    let report = assert_pdfsig_accepts(&sandbox, &path, 2);
    assert!(
        report.contains("Signature Field Name: Signature3"),
        "{report}"
    );
    assert_pyhanko_accepts(&sandbox, &path, 2);
    let tampered = tampered_copy(&twice, sandbox.dir.path(), "tampered-twice.pdf");
    assert_pdfsig_rejects(&sandbox, &tampered);
    assert_pyhanko_rejects(&sandbox, &tampered);
}

#[test]
fn metadata_travels_as_a_signed_attribute() {
    let sandbox = Sandbox::new();
    let options = PdfSignatureOptions {
        visible: None,
        metadata: Some(SignedMetadata {
            oid: "1.3.6.1.4.1.32473.9.1".into(),
            value: b"{\"case\":\"A-17\"}".to_vec(),
        }),
    };
    let signed = sign_and_check(&sandbox, "metadata.pdf", &one_page_pdf(), &options);
    let cms = last_cms(&signed);
    let attributes = cms
        .signer_infos
        .0
        .get(0)
        .unwrap()
        .signed_attrs
        .clone()
        .unwrap();
    let metadata = attributes
        .iter()
        .find(|a| a.oid.to_string() == "1.3.6.1.4.1.32473.9.1")
        .unwrap();
    let value =
        der::asn1::OctetString::from_der(&metadata.values.get(0).unwrap().to_der().unwrap())
            .unwrap();
    assert_eq!(value.as_bytes(), b"{\"case\":\"A-17\"}");
}

#[test]
fn unsignable_inputs_get_distinct_errors() {
    let sandbox = Sandbox::new();
    let signer = sandbox.signer();
    let none = PdfSignatureOptions::default();
    assert!(matches!(
        signer.sign_pdf(&encrypted_pdf(), &none),
        Err(Error::EncryptedPdf)
    ));
    assert!(matches!(
        signer.sign_pdf(b"%PDF-1.7\nnot really", &none),
        Err(Error::MalformedPdf(_))
    ));
    assert!(matches!(
        signer.sign_pdf(b"GIF89a", &none),
        Err(Error::MalformedPdf(_))
    ));
    let mut truncated = one_page_pdf();
    truncated.truncate(truncated.len() / 2);
    assert!(matches!(
        signer.sign_pdf(&truncated, &none),
        Err(Error::MalformedPdf(_))
    ));

    let visible = |page, rect, image: Option<Vec<u8>>| PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page,
            rect,
            image,
            text: Some("x".into()),
        }),
        metadata: None,
    };
    for options in [
        visible(1, [10.0, 10.0, 100.0, 50.0], None),
        visible(0, [10.0, 10.0, 10.0, 50.0], None),
        visible(0, [700.0, 10.0, 800.0, 50.0], None),
        visible(0, [10.0, 10.0, 100.0, 50.0], Some(b"GIF89a....".to_vec())),
    ] {
        let error = signer.sign_pdf(&one_page_pdf(), &options).unwrap_err();
        assert!(
            matches!(error, Error::InvalidSignatureAppearance(_)),
            "{error}"
        );
    }
    assert!(VisibleSignature::parse_position("1,2,3").is_err());
}

#[test]
fn inspect_reports_pages_and_refuses_what_cannot_be_signed() {
    use oneshot_sandbox::pdf::inspect;
    assert_eq!(inspect(&one_page_pdf()).unwrap().page_count, 1);
    assert_eq!(
        inspect(&three_pages_xref_stream_pdf()).unwrap().page_count,
        3
    );
    assert!(matches!(
        inspect(&encrypted_pdf()),
        Err(Error::EncryptedPdf)
    ));
    assert!(matches!(inspect(b"hello"), Err(Error::MalformedPdf(_))));
}
