//! Checking one signature value with one public key: ECDSA on P-256 and P-384,
//! RSA PKCS #1 v1.5 and RSASSA-PSS.
//!
//! Everything here verifies over a digest the caller computed ("prehashed"),
//! because CMS signers and certificate links both hash first and the verifier
//! must hash large documents by streaming.

use der::asn1::ObjectIdentifier;
use p256::ecdsa::signature::hazmat::PrehashVerifier as _;
use rsa::pkcs1::DecodeRsaPublicKey as _;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::digest::DigestAlgorithm;
use super::oids;

/// How a signature value was produced, from its `AlgorithmIdentifier`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignatureScheme {
    /// ECDSA; `hash` is `None` when the identifier is the bare key OID and the
    /// SignerInfo's digest algorithm applies.
    Ecdsa { hash: Option<DigestAlgorithm> },
    /// RSA PKCS #1 v1.5; `hash` is `None` for bare `rsaEncryption`.
    RsaPkcs1 { hash: Option<DigestAlgorithm> },
    /// RSASSA-PSS with MGF1 over the same digest.
    RsaPss {
        hash: DigestAlgorithm,
        salt_len: usize,
    },
}

impl SignatureScheme {
    /// Reads a signature algorithm identifier; unknown or unsupported ones are
    /// an error naming them.
    pub(crate) fn from_identifier(alg: &AlgorithmIdentifierOwned) -> Result<Self, String> {
        use DigestAlgorithm::*;
        let oid = alg.oid;
        let scheme = match oid {
            oids::EC_PUBLIC_KEY => Self::Ecdsa { hash: None },
            oids::ECDSA_WITH_SHA1 => Self::Ecdsa { hash: Some(Sha1) },
            oids::ECDSA_WITH_SHA224 => Self::Ecdsa { hash: Some(Sha224) },
            oids::ECDSA_WITH_SHA256 => Self::Ecdsa { hash: Some(Sha256) },
            oids::ECDSA_WITH_SHA384 => Self::Ecdsa { hash: Some(Sha384) },
            oids::ECDSA_WITH_SHA512 => Self::Ecdsa { hash: Some(Sha512) },
            oids::RSA_ENCRYPTION => Self::RsaPkcs1 { hash: None },
            oids::SHA1_WITH_RSA => Self::RsaPkcs1 { hash: Some(Sha1) },
            oids::SHA224_WITH_RSA => Self::RsaPkcs1 { hash: Some(Sha224) },
            oids::SHA256_WITH_RSA => Self::RsaPkcs1 { hash: Some(Sha256) },
            oids::SHA384_WITH_RSA => Self::RsaPkcs1 { hash: Some(Sha384) },
            oids::SHA512_WITH_RSA => Self::RsaPkcs1 { hash: Some(Sha512) },
            oids::RSASSA_PSS => pss_scheme(alg)?,
            other => return Err(format!("unsupported signature algorithm {other}")),
        };
        Ok(scheme)
    }

    /// The digest the identifier fixes, if it fixes one.
    pub(crate) fn hash(self) -> Option<DigestAlgorithm> {
        match self {
            Self::Ecdsa { hash } | Self::RsaPkcs1 { hash } => hash,
            Self::RsaPss { hash, .. } => Some(hash),
        }
    }

    /// The officer-readable name, e.g. "ECDSA with SHA-256".
    pub(crate) fn describe(self, hash: DigestAlgorithm) -> String {
        let hash = self.hash().unwrap_or(hash).name();
        match self {
            Self::Ecdsa { .. } => format!("ECDSA with {hash}"),
            Self::RsaPkcs1 { .. } => format!("RSA PKCS#1 v1.5 with {hash}"),
            Self::RsaPss { .. } => format!("RSA-PSS with {hash}"),
        }
    }
}

fn pss_scheme(alg: &AlgorithmIdentifierOwned) -> Result<SignatureScheme, String> {
    let params = alg
        .parameters
        .as_ref()
        .ok_or("RSA-PSS without parameters")?
        .decode_as::<rsa::pkcs1::RsaPssParams<'_>>()
        .map_err(|e| format!("unreadable RSA-PSS parameters: {e}"))?;
    let hash = DigestAlgorithm::from_oid(&params.hash.oid)
        .ok_or_else(|| format!("unsupported RSA-PSS digest {}", params.hash.oid))?;
    let mgf_hash = params
        .mask_gen
        .parameters
        .map(|p| p.oid)
        .ok_or("RSA-PSS mask generation without a digest")?;
    if params.mask_gen.oid != oids::MGF1 || mgf_hash != hash.oid() {
        return Err("RSA-PSS with a mask generation function other than MGF1 over the same digest is not supported".into());
    }
    Ok(SignatureScheme::RsaPss {
        hash,
        salt_len: usize::from(params.salt_len),
    })
}

/// Checks `signature` over `prehash` (the `hash` digest of the signed bytes)
/// with the key in `spki`. The error says why in the officer's terms.
pub(crate) fn verify_prehashed(
    spki: &SubjectPublicKeyInfoOwned,
    scheme: SignatureScheme,
    hash: DigestAlgorithm,
    prehash: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let key_bytes = spki.subject_public_key.raw_bytes();
    match (spki.algorithm.oid, scheme) {
        (oids::EC_PUBLIC_KEY, SignatureScheme::Ecdsa { .. }) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .ok_or("an EC key without a named curve")?;
            match curve {
                oids::SECP256R1 => verify_p256(key_bytes, prehash, signature),
                oids::SECP384R1 => verify_p384(key_bytes, prehash, signature),
                other => Err(format!("unsupported elliptic curve {other}")),
            }
        }
        (oids::RSA_ENCRYPTION | oids::RSASSA_PSS, SignatureScheme::RsaPkcs1 { .. }) => {
            let key = rsa_key(key_bytes)?;
            key.verify(pkcs1v15(hash), prehash, signature)
                .map_err(|_| "the RSA signature does not match the signed data".to_owned())
        }
        (oids::RSA_ENCRYPTION | oids::RSASSA_PSS, SignatureScheme::RsaPss { salt_len, .. }) => {
            let key = rsa_key(key_bytes)?;
            key.verify(pss(hash, salt_len), prehash, signature)
                .map_err(|_| "the RSA-PSS signature does not match the signed data".to_owned())
        }
        (key, _) => Err(format!(
            "a {} signature cannot come from a key of type {key}",
            scheme.describe(hash)
        )),
    }
}

/// Checks a signature over `message` whose algorithm identifier fixes the
/// digest, as on a certificate or a CRL.
pub(crate) fn verify_signed_bytes(
    spki: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let scheme = SignatureScheme::from_identifier(algorithm)?;
    let hash = scheme
        .hash()
        .ok_or_else(|| format!("signature algorithm {} names no digest", algorithm.oid))?;
    verify_prehashed(spki, scheme, hash, &hash.digest(message), signature)
}

fn verify_p256(key: &[u8], prehash: &[u8], signature: &[u8]) -> Result<(), String> {
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key)
        .map_err(|_| "the P-256 public key is not a point on the curve")?;
    let signature = p256::ecdsa::Signature::from_der(signature)
        .map_err(|_| "the ECDSA signature value is not a DER (r, s) pair")?;
    key.verify_prehash(prehash, &signature)
        .map_err(|_| "the ECDSA signature does not match the signed data".to_owned())
}

fn verify_p384(key: &[u8], prehash: &[u8], signature: &[u8]) -> Result<(), String> {
    let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key)
        .map_err(|_| "the P-384 public key is not a point on the curve")?;
    let signature = p384::ecdsa::Signature::from_der(signature)
        .map_err(|_| "the ECDSA signature value is not a DER (r, s) pair")?;
    key.verify_prehash(prehash, &signature)
        .map_err(|_| "the ECDSA signature does not match the signed data".to_owned())
}

fn rsa_key(der: &[u8]) -> Result<rsa::RsaPublicKey, String> {
    rsa::RsaPublicKey::from_pkcs1_der(der).map_err(|e| format!("unreadable RSA public key: {e}"))
}

fn pkcs1v15(hash: DigestAlgorithm) -> rsa::Pkcs1v15Sign {
    match hash {
        DigestAlgorithm::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
        DigestAlgorithm::Sha224 => rsa::Pkcs1v15Sign::new::<sha2::Sha224>(),
        DigestAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
        DigestAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
        DigestAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
    }
}

fn pss(hash: DigestAlgorithm, salt_len: usize) -> rsa::Pss {
    match hash {
        DigestAlgorithm::Sha1 => rsa::Pss::new_with_salt::<sha1::Sha1>(salt_len),
        DigestAlgorithm::Sha224 => rsa::Pss::new_with_salt::<sha2::Sha224>(salt_len),
        DigestAlgorithm::Sha256 => rsa::Pss::new_with_salt::<sha2::Sha256>(salt_len),
        DigestAlgorithm::Sha384 => rsa::Pss::new_with_salt::<sha2::Sha384>(salt_len),
        DigestAlgorithm::Sha512 => rsa::Pss::new_with_salt::<sha2::Sha512>(salt_len),
    }
}
