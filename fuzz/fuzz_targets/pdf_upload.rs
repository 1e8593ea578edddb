//! PDFs as a client may upload them: the sandbox's upload check never panics
//! and refuses with 400/415 errors only; what it accepts it can also sign,
//! as an incremental update that keeps the original bytes and pages.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use oneshot_sandbox::Error;
use oneshot_sandbox::pdf::{VisibleSignature, inspect};
use oneshot_sandbox::pki::{Authority, OneShotSigner, PdfSignatureOptions, SignerIdentity};

fn signer() -> &'static OneShotSigner {
    static SIGNER: OnceLock<OneShotSigner> = OnceLock::new();
    SIGNER.get_or_init(|| {
        // The authority's files must outlive every signature: keep the directory (in the
        // TMPDIR that run.sh and `cargo xtask test` remove after the run).
        let dir = tempfile::tempdir().expect("a temp dir").keep();
        let authority = Authority::load_or_create(&dir.join("pki")).expect("a local PKI");
        authority
            .issue_one_shot(
                &SignerIdentity {
                    given_name: "Łucja".into(),
                    surname_1: "Núñez".into(),
                    surname_2: None,
                    id_number: "12345678Z".into(),
                    country: "ES".into(),
                    email: "lucja@example.com".into(),
                },
                "PFnubeQAFCiudadano",
            )
            .expect("a one-shot certificate")
    })
}

fuzz_target!(|pdf: &[u8]| {
    let summary = match inspect(pdf) {
        Ok(summary) => summary,
        Err(Error::EncryptedPdf | Error::MalformedPdf(_)) => return,
        Err(other) => panic!("an upload gave {other:?}, not a 400/415 error"),
    };
    assert!(summary.page_count >= 1);
    let options = PdfSignatureOptions {
        visible: Some(VisibleSignature {
            page: 0,
            rect: [50.0, 50.0, 250.0, 110.0],
            image: None,
            text: Some("Łucja Núñez\n2026-11-27 10:00 UTC".into()),
        }),
        metadata: None,
    };
    match signer().sign_pdf(pdf, &options) {
        Ok(signed) => {
            assert!(signed.starts_with(pdf), "the original bytes were changed");
            let again = inspect(&signed)
                .unwrap_or_else(|error| panic!("the signed PDF does not read back: {error}"));
            assert_eq!(again.page_count, summary.page_count);
        }
        Err(Error::MalformedPdf(_) | Error::InvalidSignatureAppearance(_)) => {}
        Err(other) => panic!("an accepted upload failed to sign: {other:?}"),
    }
});
