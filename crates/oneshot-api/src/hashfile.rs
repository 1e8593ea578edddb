//! The hash-signature flow (W3): a file's SHA-256, wrapped in the CMS
//! messageDigest attribute, sent as the JSON "hashfile" the Optimizer signs
//! into a detached CMS (.p7m).

use std::io::Read;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// PKCS #9 messageDigest attribute.
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");

/// Bytes read at once when hashing: big reads keep the hasher busy instead of
/// the syscall path.
const READ_SIZE: usize = 1 << 20;

/// The length of a SHA-256 digest.
pub const SHA256_LEN: usize = 32;

/// The JSON document uploaded as `hashfile` in the hash-signature flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashFile {
    /// Base64 of the DER messageDigest attribute holding the file's digest.
    #[serde(rename = "messageDigest")]
    pub message_digest: String,
    /// Always `sha256` for files hashed by this client.
    #[serde(rename = "digestAlgorithm")]
    pub digest_algorithm: String,
    /// 1: sign the authenticated attributes, as the Optimizer expects.
    #[serde(rename = "addAuthAttribute")]
    pub add_auth_attribute: u8,
    /// 1: add the signing time attribute.
    #[serde(rename = "addSigningTime")]
    pub add_signing_time: u8,
    /// Further authenticated attributes (none by default).
    #[serde(rename = "otherAuthAttributes")]
    pub other_auth_attributes: Vec<serde_json::Value>,
}

impl HashFile {
    /// The hash file for a SHA-256 digest.
    pub fn from_sha256(digest: &[u8; SHA256_LEN]) -> Self {
        Self {
            message_digest: STANDARD.encode(message_digest_attribute(digest)),
            digest_algorithm: "sha256".into(),
            add_auth_attribute: 1,
            add_signing_time: 1,
            other_auth_attributes: Vec::new(),
        }
    }

    /// Hashes the file at `path` (streamed, on a blocking thread) and builds its
    /// hash file.
    pub async fn for_file(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::from_sha256(&sha256_file(path).await?))
    }

    /// The SHA-256 this hash file carries: the inverse of [`HashFile::from_sha256`].
    pub fn sha256(&self) -> Result<[u8; SHA256_LEN]> {
        let der = STANDARD
            .decode(self.message_digest.trim())
            .map_err(|error| {
                Error::InvalidInput(format!("messageDigest is not base64: {error}"))
            })?;
        let digest = digest_from_attribute(&der)?;
        digest.try_into().map_err(|digest: Vec<u8>| {
            Error::InvalidInput(format!(
                "messageDigest holds {} bytes, not 32",
                digest.len()
            ))
        })
    }

    /// The JSON bytes to upload.
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing plain strings, numbers and JSON values cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

#[derive(Sequence)]
struct Attribute {
    oid: ObjectIdentifier,
    values: SetOfVec<OctetString>,
}

/// DER of `SEQUENCE { OID 1.2.840.113549.1.9.4, SET { OCTET STRING digest } }`.
pub fn message_digest_attribute(digest: &[u8]) -> Vec<u8> {
    let encoded = OctetString::new(digest)
        .and_then(|value| SetOfVec::try_from(vec![value]))
        .and_then(|values| {
            Attribute {
                oid: MESSAGE_DIGEST,
                values,
            }
            .to_der()
        });
    // A single octet string of any digest size always encodes.
    encoded.unwrap_or_default()
}

/// The digest inside a DER messageDigest attribute.
pub fn digest_from_attribute(der: &[u8]) -> Result<Vec<u8>> {
    let attribute = Attribute::from_der(der)
        .map_err(|error| Error::InvalidInput(format!("not a messageDigest attribute: {error}")))?;
    if attribute.oid != MESSAGE_DIGEST {
        return Err(Error::InvalidInput(format!(
            "attribute {} is not messageDigest",
            attribute.oid
        )));
    }
    let mut values = attribute.values.into_vec();
    match (values.pop(), values.is_empty()) {
        (Some(digest), true) => Ok(digest.as_bytes().to_vec()),
        _ => Err(Error::InvalidInput(
            "messageDigest attribute must hold exactly one value".into(),
        )),
    }
}

/// SHA-256 of a file, read in large blocks on a blocking thread.
pub async fn sha256_file(path: impl AsRef<Path>) -> Result<[u8; SHA256_LEN]> {
    let path = path.as_ref().to_owned();
    tokio::task::spawn_blocking(move || sha256_file_blocking(&path))
        .await
        .map_err(|error| Error::InvalidInput(format!("hashing task failed: {error}")))?
}

/// SHA-256 of a file, on the calling thread.
pub fn sha256_file_blocking(path: &Path) -> Result<[u8; SHA256_LEN]> {
    let mut file = std::fs::File::open(path).map_err(|error| Error::io(path, error))?;
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    let mut buffer = vec![0u8; READ_SIZE];
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(Error::io(path, error)),
        };
        context.update(&buffer[..read]);
    }
    let mut digest = [0u8; SHA256_LEN];
    digest.copy_from_slice(context.finish().as_ref());
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_has_the_expected_der_and_round_trips() {
        let digest = [0xabu8; 32];
        let der = message_digest_attribute(&digest);
        let mut expected = hex::decode("302f06092a864886f70d01090431220420").unwrap();
        expected.extend_from_slice(&digest);
        assert_eq!(der, expected);
        assert_eq!(digest_from_attribute(&der).unwrap(), digest);
        let hash_file = HashFile::from_sha256(&digest);
        assert_eq!(hash_file.sha256().unwrap(), digest);
        let json: serde_json::Value = serde_json::from_slice(&hash_file.to_json()).unwrap();
        assert_eq!(json["digestAlgorithm"], "sha256");
        assert_eq!(json["addAuthAttribute"], 1);
        assert_eq!(json["otherAuthAttributes"], serde_json::json!([]));
    }

    #[test]
    fn other_attributes_are_refused() {
        let mut der = message_digest_attribute(&[1u8; 32]);
        der[12] = 0x03; // ...9.3 is contentType
        assert!(digest_from_attribute(&der).is_err());
        assert!(digest_from_attribute(b"\x30\x00").is_err());
    }

    #[test]
    fn file_digest_matches_known_vector() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, b"abc").unwrap();
        let digest = sha256_file_blocking(&path).unwrap();
        assert_eq!(
            hex::encode(digest),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
