//! ECDSA P-256 keys: the one-shot signer's, the CAs' and the TSA's.
//!
//! P-256 rather than RSA because a fresh key is needed for every signature
//! request: generating one takes microseconds, where RSA-2048 keygen takes tens
//! of milliseconds, and signing is faster too. The pure-Rust `p256` crate is used
//! (not ring) because hash files may ask for SHA-1/224/384/512 and only a
//! prehash signer can sign a digest the sandbox did not compute itself.

use p256::ecdsa::signature::hazmat::PrehashSigner;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use sha2::Digest as _;
use zeroize::Zeroizing;

use crate::Error;

/// A P-256 private key held in memory, with its public point cached.
pub(crate) struct EcKey {
    signing: SigningKey,
    /// The uncompressed SEC1 point, as a SubjectPublicKeyInfo carries it.
    public_point: Vec<u8>,
}

impl std::fmt::Debug for EcKey {
    // Never print key material: only the public half identifies the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EcKey")
            .field("public_point", &hex::encode(&self.public_point))
            .finish()
    }
}

impl EcKey {
    /// A fresh random key from the operating system's CSPRNG.
    pub(crate) fn generate() -> Self {
        Self::from_signing_key(SigningKey::random(&mut rand::rngs::OsRng))
    }

    fn from_signing_key(signing: SigningKey) -> Self {
        let public_point = signing
            .verifying_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec();
        Self {
            signing,
            public_point,
        }
    }

    /// Reads a PKCS #8 PEM private key (the CA and TSA keys persisted in the data dir).
    pub(crate) fn from_pkcs8_pem(pem: &str) -> Result<Self, String> {
        SigningKey::from_pkcs8_pem(pem)
            .map(Self::from_signing_key)
            .map_err(|e| format!("not a P-256 PKCS #8 key: {e}"))
    }

    /// The key as PKCS #8 PEM, wiped from memory when dropped.
    pub(crate) fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, Error> {
        self.signing
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| Error::Signing(format!("encoding a P-256 key: {e}")))
    }

    /// The uncompressed public point.
    pub(crate) fn public_point(&self) -> &[u8] {
        &self.public_point
    }

    /// Signs an already computed digest; returns the DER `ECDSA-Sig-Value`.
    pub(crate) fn sign_digest(&self, digest: &[u8]) -> Result<Vec<u8>, Error> {
        let signature: Signature = self
            .signing
            .sign_prehash(digest)
            .map_err(|e| Error::Signing(format!("ECDSA signature: {e}")))?;
        Ok(signature.to_der().as_bytes().to_vec())
    }

    /// Signs `message` with ECDSA over SHA-256; returns the DER `ECDSA-Sig-Value`.
    pub(crate) fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, Error> {
        self.sign_digest(&sha2::Sha256::digest(message))
    }
}

impl rcgen::PublicKeyData for EcKey {
    fn der_bytes(&self) -> &[u8] {
        &self.public_point
    }

    fn algorithm(&self) -> &'static rcgen::SignatureAlgorithm {
        &rcgen::PKCS_ECDSA_P256_SHA256
    }
}

impl rcgen::SigningKey for EcKey {
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, rcgen::Error> {
        self.sign_sha256(msg)
            .map_err(|_| rcgen::Error::RemoteKeyError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::VerifyingKey;
    use p256::ecdsa::signature::hazmat::PrehashVerifier;

    #[test]
    fn digest_signatures_verify_for_every_digest_length() {
        let key = EcKey::generate();
        let verifying = VerifyingKey::from_sec1_bytes(key.public_point()).unwrap();
        for len in [20usize, 28, 32, 48, 64] {
            let digest = vec![0x5a; len];
            let der = key.sign_digest(&digest).unwrap();
            let signature = Signature::from_der(&der).unwrap();
            verifying.verify_prehash(&digest, &signature).unwrap();
        }
    }

    #[test]
    fn pem_round_trip_keeps_the_key() {
        let key = EcKey::generate();
        let pem = key.to_pkcs8_pem().unwrap();
        let back = EcKey::from_pkcs8_pem(&pem).unwrap();
        assert_eq!(back.public_point(), key.public_point());
        assert!(EcKey::from_pkcs8_pem("garbage").is_err());
    }
}
