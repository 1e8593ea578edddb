//! The hash file of the hash-signature flow: a JSON document naming a digest to sign.
//!
//! ```json
//! { "messageDigest": "<base64 of DER SEQUENCE{OID 1.2.840.113549.1.9.4, SET{OCTET STRING}}>",
//!   "digestAlgorithm": "sha256", "addAuthAttribute": 1, "addSigningTime": 1,
//!   "otherAuthAttributes": [] }
//! ```
//! `addAuthAttribute` 1 signs authenticated (signed) attributes carrying the
//! digest; 0 signs the digest itself with no attributes. `otherAuthAttributes`
//! lists further signed attributes, each the base64 of a DER `Attribute`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use der::Decode as _;
use der::asn1::OctetString;
use serde::Deserialize;
use x509_cert::attr::Attribute;

use super::cms::parse_attribute;
use super::digest::DigestAlgorithm;
use super::oids;
use crate::Error;

/// A validated hash-signature request, ready for [`super::OneShotSigner::sign_hash`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashSignRequest {
    digest_algorithm: DigestAlgorithm,
    digest: Vec<u8>,
    add_signed_attributes: bool,
    add_signing_time: bool,
    other_signed_attributes: Vec<Attribute>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HashFileJson {
    message_digest: String,
    digest_algorithm: String,
    #[serde(default)]
    add_auth_attribute: Option<serde_json::Value>,
    #[serde(default)]
    add_signing_time: Option<serde_json::Value>,
    #[serde(default)]
    other_auth_attributes: Vec<serde_json::Value>,
}

fn invalid(reason: impl Into<String>) -> Error {
    Error::InvalidHashFile(reason.into())
}

impl HashSignRequest {
    /// Parses and checks an uploaded hash file. Every inconsistency (bad base64,
    /// not a messageDigest attribute, a digest whose length does not match the
    /// algorithm, an unknown algorithm) is an [`Error::InvalidHashFile`].
    pub fn from_json(bytes: &[u8]) -> Result<Self, Error> {
        // JSON is UTF-8 throughout; serde_json skips unknown fields of a byte slice without
        // checking their encoding, so check it first (found by the sandbox_hashfile fuzz target).
        let text = std::str::from_utf8(bytes)
            .map_err(|e| invalid(format!("the hash file is not UTF-8: {e}")))?;
        let json: HashFileJson = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let digest_algorithm =
            DigestAlgorithm::from_name(&json.digest_algorithm).ok_or_else(|| {
                invalid(format!(
                    "digestAlgorithm {:?} is not one of sha1, sha224, sha256, sha384, sha512",
                    json.digest_algorithm
                ))
            })?;
        let attribute_der = BASE64
            .decode(json.message_digest.trim())
            .map_err(|e| invalid(format!("messageDigest is not base64: {e}")))?;
        let digest = message_digest_value(&attribute_der)?;
        if digest.len() != digest_algorithm.output_len() {
            return Err(invalid(format!(
                "messageDigest holds {} bytes but a {} digest has {}",
                digest.len(),
                digest_algorithm.name(),
                digest_algorithm.output_len()
            )));
        }
        let add_signed_attributes = flag("addAuthAttribute", json.add_auth_attribute, true)?;
        let add_signing_time = flag("addSigningTime", json.add_signing_time, false)?;
        let other_signed_attributes = json
            .other_auth_attributes
            .iter()
            .map(other_attribute)
            .collect::<Result<Vec<_>, _>>()?;
        if !add_signed_attributes && (add_signing_time || !other_signed_attributes.is_empty()) {
            return Err(invalid(
                "addSigningTime and otherAuthAttributes need addAuthAttribute set to 1",
            ));
        }
        Ok(Self {
            digest_algorithm,
            digest,
            add_signed_attributes,
            add_signing_time,
            other_signed_attributes,
        })
    }

    /// The algorithm the digest was computed with.
    pub fn digest_algorithm(&self) -> DigestAlgorithm {
        self.digest_algorithm
    }

    /// The digest of the original file.
    pub fn digest(&self) -> &[u8] {
        &self.digest
    }

    /// Whether the signature covers signed attributes (`addAuthAttribute`).
    pub fn add_signed_attributes(&self) -> bool {
        self.add_signed_attributes
    }

    /// Whether a signingTime attribute is added (`addSigningTime`).
    pub fn add_signing_time(&self) -> bool {
        self.add_signing_time
    }

    pub(crate) fn other_signed_attributes(&self) -> &[Attribute] {
        &self.other_signed_attributes
    }
}

/// The digest inside a DER messageDigest attribute.
fn message_digest_value(der: &[u8]) -> Result<Vec<u8>, Error> {
    let attribute = parse_attribute(der)
        .map_err(|e| invalid(format!("messageDigest is not a DER attribute: {e}")))?;
    if attribute.oid != oids::MESSAGE_DIGEST {
        return Err(invalid(format!(
            "messageDigest carries attribute {} instead of {}",
            attribute.oid,
            oids::MESSAGE_DIGEST
        )));
    }
    let [value] = attribute.values.as_slice() else {
        return Err(invalid(
            "the messageDigest attribute must hold exactly one value",
        ));
    };
    let octets =
        OctetString::from_der(&der::Encode::to_der(value).map_err(|e| invalid(e.to_string()))?)
            .map_err(|_| invalid("the messageDigest value is not an OCTET STRING"))?;
    Ok(octets.as_bytes().to_vec())
}

fn flag(name: &str, value: Option<serde_json::Value>, default: bool) -> Result<bool, Error> {
    use serde_json::Value;
    match value {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(b),
        Some(Value::Number(n)) if n.as_u64() == Some(0) => Ok(false),
        Some(Value::Number(n)) if n.as_u64() == Some(1) => Ok(true),
        Some(Value::String(s)) if s == "0" || s.eq_ignore_ascii_case("false") => Ok(false),
        Some(Value::String(s)) if s == "1" || s.eq_ignore_ascii_case("true") => Ok(true),
        Some(other) => Err(invalid(format!("{name} must be 0 or 1, not {other}"))),
    }
}

fn other_attribute(value: &serde_json::Value) -> Result<Attribute, Error> {
    let text = value.as_str().ok_or_else(|| {
        invalid("otherAuthAttributes entries must be base64 strings of DER attributes")
    })?;
    let der = BASE64
        .decode(text.trim())
        .map_err(|e| invalid(format!("an otherAuthAttributes entry is not base64: {e}")))?;
    let attribute = parse_attribute(&der).map_err(|e| {
        invalid(format!(
            "an otherAuthAttributes entry is not a DER attribute: {e}"
        ))
    })?;
    if [
        oids::CONTENT_TYPE,
        oids::MESSAGE_DIGEST,
        oids::SIGNING_TIME,
        oids::SIGNING_CERTIFICATE_V2,
    ]
    .contains(&attribute.oid)
    {
        return Err(invalid(format!(
            "otherAuthAttributes may not repeat the standard attribute {}",
            attribute.oid
        )));
    }
    Ok(attribute)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode as _;

    fn digest_attribute(digest: &[u8]) -> String {
        let attribute = crate::pki::cms::message_digest_attribute(digest).unwrap();
        BASE64.encode(attribute.to_der().unwrap())
    }

    fn json(digest_b64: &str, algorithm: &str) -> Vec<u8> {
        format!(
            r#"{{"messageDigest":"{digest_b64}","digestAlgorithm":"{algorithm}","addAuthAttribute":1,"addSigningTime":1,"otherAuthAttributes":[]}}"#
        )
        .into_bytes()
    }

    #[test]
    fn a_guide_shaped_hash_file_parses() {
        let request =
            HashSignRequest::from_json(&json(&digest_attribute(&[7; 32]), "sha256")).unwrap();
        assert_eq!(request.digest(), &[7; 32]);
        assert_eq!(request.digest_algorithm(), DigestAlgorithm::Sha256);
        assert!(request.add_signed_attributes() && request.add_signing_time());
    }

    #[test]
    fn digest_length_must_match_the_algorithm() {
        let error =
            HashSignRequest::from_json(&json(&digest_attribute(&[7; 32]), "sha512")).unwrap_err();
        assert!(error.to_string().contains("64"), "{error}");
        for algorithm in ["sha1", "sha224", "sha384", "sha512"] {
            let len = DigestAlgorithm::from_name(algorithm).unwrap().output_len();
            assert!(
                HashSignRequest::from_json(&json(&digest_attribute(&vec![1; len]), algorithm))
                    .is_ok()
            );
        }
    }

    #[test]
    fn malformed_hash_files_are_refused() {
        let truncated = "MC8GCSqGSIb3DQEJBDEiBCCxXpcEPsmyTVAGFu1ScquUGBbN3En9x21Tpkp8g==";
        for bad in [
            json(truncated, "sha256"),
            json("not base64!", "sha256"),
            json(&digest_attribute(&[7; 32]), "md5"),
            b"{}".to_vec(),
            br#"{"messageDigest":"","digestAlgorithm":"sha256","addAuthAttribute":7}"#.to_vec(),
        ] {
            assert!(matches!(
                HashSignRequest::from_json(&bad),
                Err(Error::InvalidHashFile(_))
            ));
        }
        let content_type = crate::pki::cms::content_type_attribute(oids::DATA).unwrap();
        let wrong_attribute = BASE64.encode(content_type.to_der().unwrap());
        assert!(HashSignRequest::from_json(&json(&wrong_attribute, "sha256")).is_err());
    }

    #[test]
    fn a_hash_file_that_is_not_utf8_is_refused_even_in_a_field_we_ignore() {
        // Minimized from a sandbox_hashfile fuzz crash: the byte 0x9b inside an unknown field.
        let mut bad = json(&digest_attribute(&[7; 32]), "sha256");
        bad.pop();
        bad.extend_from_slice(b",\"note\":\"sh\x9ba256\"}");
        assert!(serde_json::from_slice::<serde_json::Value>(&bad).is_err());
        let error = HashSignRequest::from_json(&bad).unwrap_err();
        assert!(matches!(error, Error::InvalidHashFile(_)), "{error:?}");
        assert!(error.to_string().contains("UTF-8"), "{error}");
    }
}
