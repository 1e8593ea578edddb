//! The digest algorithms a hash file may name, with their CMS identifiers.

use der::asn1::ObjectIdentifier;
use sha2::Digest as _;
use spki::AlgorithmIdentifierOwned;

use super::oids;

/// A digest algorithm the sandbox accepts for hash signatures.
///
/// PDF signatures always use SHA-256; hash files may name any of these, as the
/// One-Shot guide allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// SHA-1 (20 bytes), accepted only because legacy hash files still use it.
    Sha1,
    /// SHA-224 (28 bytes).
    Sha224,
    /// SHA-256 (32 bytes).
    Sha256,
    /// SHA-384 (48 bytes).
    Sha384,
    /// SHA-512 (64 bytes).
    Sha512,
}

impl DigestAlgorithm {
    /// Parses the hash file's `digestAlgorithm` ("sha256", "SHA-256", ...).
    pub fn from_name(name: &str) -> Option<Self> {
        let normalized: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_lowercase();
        match normalized.as_str() {
            "sha1" => Some(Self::Sha1),
            "sha224" => Some(Self::Sha224),
            "sha256" => Some(Self::Sha256),
            "sha384" => Some(Self::Sha384),
            "sha512" => Some(Self::Sha512),
            _ => None,
        }
    }

    /// The digest length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }

    /// The canonical lower-case name, as the guide spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "sha1",
            Self::Sha224 => "sha224",
            Self::Sha256 => "sha256",
            Self::Sha384 => "sha384",
            Self::Sha512 => "sha512",
        }
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

    /// The ECDSA signature algorithm that pairs with this digest.
    pub(crate) fn ecdsa_oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha1 => oids::ECDSA_WITH_SHA1,
            Self::Sha224 => oids::ECDSA_WITH_SHA224,
            Self::Sha256 => oids::ECDSA_WITH_SHA256,
            Self::Sha384 => oids::ECDSA_WITH_SHA384,
            Self::Sha512 => oids::ECDSA_WITH_SHA512,
        }
    }

    /// The CMS `digestAlgorithm` value. Parameters are absent, as RFC 5754 prefers.
    pub(crate) fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters: None,
        }
    }

    /// The CMS `signatureAlgorithm` value (RFC 5758: parameters absent).
    pub(crate) fn ecdsa_algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.ecdsa_oid(),
            parameters: None,
        }
    }

    /// Hashes `data` with this algorithm.
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Self::Sha224 => sha2::Sha224::digest(data).to_vec(),
            Self::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Self::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Self::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_the_spellings_hash_files_use() {
        assert_eq!(
            DigestAlgorithm::from_name("sha256"),
            Some(DigestAlgorithm::Sha256)
        );
        assert_eq!(
            DigestAlgorithm::from_name("SHA-384"),
            Some(DigestAlgorithm::Sha384)
        );
        assert_eq!(
            DigestAlgorithm::from_name("Sha_1"),
            Some(DigestAlgorithm::Sha1)
        );
        assert_eq!(DigestAlgorithm::from_name("md5"), None);
    }

    #[test]
    fn output_lengths_match_the_digests() {
        for alg in [
            DigestAlgorithm::Sha1,
            DigestAlgorithm::Sha224,
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha512,
        ] {
            assert_eq!(alg.digest(b"abc").len(), alg.output_len(), "{}", alg.name());
        }
    }
}
