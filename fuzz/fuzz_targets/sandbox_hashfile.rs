//! Hash files as a client may upload them, parsed by the sandbox: never a
//! panic, refusals are `InvalidHashFile` (HTTP 400), what is accepted is
//! consistent, rebuilds to itself, and agrees with the client's own reading.
#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use libfuzzer_sys::fuzz_target;
use oneshot_api::HashFile;
use oneshot_sandbox::Error;
use oneshot_sandbox::pki::HashSignRequest;
use serde::Deserialize;
use serde_json::{Value, json};

/// The one field of a hash file the rebuilt one copies as it was.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Others {
    other_auth_attributes: Option<Value>,
}

fuzz_target!(|input: &[u8]| {
    // Whatever the input, the client's own hash file for a digest taken from
    // it must be accepted, with that digest.
    let mut digest = [0u8; 32];
    let take = input.len().min(32);
    digest[..take].copy_from_slice(&input[..take]);
    let ours = HashSignRequest::from_json(&HashFile::from_sha256(&digest).to_json())
        .expect("the client's hash file is accepted");
    assert_eq!(ours.digest(), digest);

    let request = match HashSignRequest::from_json(input) {
        Ok(request) => request,
        Err(Error::InvalidHashFile(_)) => return,
        Err(other) => panic!("a hash file gave {other:?}, not InvalidHashFile"),
    };
    assert_eq!(
        request.digest().len(),
        request.digest_algorithm().output_len()
    );
    assert!(request.add_signed_attributes() || !request.add_signing_time());

    // Rebuilt from what was understood, the hash file reads the same.
    // Read as the sandbox reads it: fields it ignores may hold what `Value` refuses (`1E999`).
    let original: Others = serde_json::from_slice(input).expect("accepted input is read again");
    let rebuilt = json!({
        "messageDigest": STANDARD.encode(oneshot_api::hashfile::message_digest_attribute(request.digest())),
        "digestAlgorithm": request.digest_algorithm().name(),
        "addAuthAttribute": u8::from(request.add_signed_attributes()),
        "addSigningTime": u8::from(request.add_signing_time()),
        "otherAuthAttributes": original.other_auth_attributes.unwrap_or(json!([])),
    });
    let again = HashSignRequest::from_json(rebuilt.to_string().as_bytes())
        .unwrap_or_else(|error| panic!("rebuilt {rebuilt} is refused: {error}"));
    assert_eq!(again, request, "rebuilt as {rebuilt}");

    // The client reads a SHA-256 hash file the same way the sandbox does.
    if request.digest_algorithm().name() == "sha256"
        && let Ok(client_view) = serde_json::from_slice::<HashFile>(input)
    {
        let client_digest = client_view
            .sha256()
            .unwrap_or_else(|error| panic!("the sandbox accepts what the client refuses: {error}"));
        assert_eq!(client_digest, request.digest());
    }
});
