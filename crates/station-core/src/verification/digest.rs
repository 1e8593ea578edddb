//! The digest algorithms a signature may name, and hashing that streams.

use std::io::Read;

use der::asn1::ObjectIdentifier;
use sha2::Digest as _;
use sha2::digest::DynDigest;

use super::oids;

/// A digest algorithm the verifier can compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum DigestAlgorithm {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlgorithm {
    /// Every algorithm, for callers that must hash before they know which one is needed.
    pub(crate) const ALL: [Self; 5] = [
        Self::Sha1,
        Self::Sha224,
        Self::Sha256,
        Self::Sha384,
        Self::Sha512,
    ];

    /// The algorithm an `AlgorithmIdentifier` names, if it is one of ours.
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.oid() == *oid)
    }

    pub(crate) fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => oids::SHA1,
            Self::Sha224 => oids::SHA224,
            Self::Sha256 => oids::SHA256,
            Self::Sha384 => oids::SHA384,
            Self::Sha512 => oids::SHA512,
        }
    }

    /// The name the officer sees, e.g. "SHA-256".
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }

    pub(crate) fn hasher(self) -> Box<dyn DynDigest + Send> {
        match self {
            Self::Sha1 => Box::new(sha1::Sha1::new()),
            Self::Sha224 => Box::new(sha2::Sha224::new()),
            Self::Sha256 => Box::new(sha2::Sha256::new()),
            Self::Sha384 => Box::new(sha2::Sha384::new()),
            Self::Sha512 => Box::new(sha2::Sha512::new()),
        }
    }

    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        self.digest_parts(&[data])
    }

    /// The digest of several slices read one after the other (a PDF's byte ranges).
    pub(crate) fn digest_parts(self, parts: &[&[u8]]) -> Vec<u8> {
        let mut hasher = self.hasher();
        for part in parts {
            hasher.update(part);
        }
        hasher.finalize().into_vec()
    }
}

/// Digests of one stream under several algorithms, read once: a detached CMS
/// may carry signers that used different algorithms over the same file.
pub(crate) fn digest_stream(
    mut input: impl Read,
    algorithms: &[DigestAlgorithm],
) -> std::io::Result<Vec<(DigestAlgorithm, Vec<u8>)>> {
    let mut hashers: Vec<_> = algorithms.iter().map(|alg| (*alg, alg.hasher())).collect();
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let read = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        for (_, hasher) in &mut hashers {
            hasher.update(&buffer[..read]);
        }
    }
    Ok(hashers
        .into_iter()
        .map(|(alg, hasher)| (alg, hasher.finalize().into_vec()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_digests_equal_one_shot_digests() {
        let data: Vec<u8> = (0..700_000u32).map(|i| (i % 251) as u8).collect();
        let streamed = digest_stream(&data[..], &DigestAlgorithm::ALL).unwrap();
        for (alg, digest) in streamed {
            assert_eq!(digest, alg.digest(&data), "{}", alg.name());
            assert_eq!(DigestAlgorithm::from_oid(&alg.oid()), Some(alg));
        }
    }

    #[test]
    fn known_sha256_vector() {
        assert_eq!(
            DigestAlgorithm::Sha256.digest_parts(&[b"a", b"bc"]),
            DigestAlgorithm::Sha256.digest(b"abc")
        );
        assert_eq!(
            DigestAlgorithm::Sha256.digest(b"abc")[..4],
            [0xba, 0x78, 0x16, 0xbf]
        );
    }
}
