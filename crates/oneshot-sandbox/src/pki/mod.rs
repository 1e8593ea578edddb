//! The sandbox's real local PKI: CA hierarchy, one-shot certificates, PAdES and
//! CMS signatures, and an RFC 3161 time-stamping authority.
//!
//! # Use from the HTTP layer
//! ```no_run
//! # fn demo(data_dir: &std::path::Path, pdf: &[u8], hash_json: &[u8]) -> Result<(), oneshot_sandbox::Error> {
//! use oneshot_sandbox::pki::{Authority, HashSignRequest, PdfSignatureOptions, SignerIdentity};
//! use oneshot_sandbox::pdf::VisibleSignature;
//!
//! let authority = Authority::load_or_create(&data_dir.join("pki"))?; // once, at start-up
//! let signer = authority.issue_one_shot(
//!     &SignerIdentity {
//!         given_name: "Łukasz".into(),
//!         surname_1: "Żółć".into(),
//!         surname_2: Some("Núñez".into()),
//!         id_number: "12345678Z".into(),
//!         country: "ES".into(),
//!         email: "lukasz@example.com".into(),
//!     },
//!     "PFnubeQAFCiudadano",
//! )?; // once per sign call; signs all the request's documents
//! let signed_pdf = signer.sign_pdf(pdf, &PdfSignatureOptions {
//!     visible: Some(VisibleSignature {
//!         page: 0,
//!         rect: [50.0, 50.0, 250.0, 110.0],
//!         image: None,
//!         text: Some("Łukasz Żółć Núñez\n2026-11-27 10:00 UTC".into()),
//!     }),
//!     metadata: None,
//! })?;
//! let p7m = signer.sign_hash(&HashSignRequest::from_json(hash_json)?)?;
//! let trust_me = authority.ca_pem(); // GET /sandbox/v1/ca.pem
//! # let _ = (signed_pdf, p7m, trust_me); Ok(()) }
//! ```
//!
//! Signing is CPU-bound (a few milliseconds): call it from `spawn_blocking`.
//!
//! # Algorithms
//! Every key is ECDSA P-256 and every signature ECDSA with SHA-256 (hash files:
//! the digest they name). A new P-256 key costs microseconds, so a fresh key per
//! request is cheap, unlike RSA.
//!
//! # Errors the HTTP layer maps
//! [`Error::UnknownCertificateProfile`], [`Error::InvalidSignerIdentity`],
//! [`Error::InvalidHashFile`], [`Error::InvalidMetadata`] and
//! [`Error::InvalidSignatureAppearance`] are the caller's fault (400);
//! [`Error::EncryptedPdf`] is 415 and [`Error::MalformedPdf`] 400;
//! [`Error::CorruptAuthority`] and [`Error::Signing`] are ours (500).
//!
//! [`Error::UnknownCertificateProfile`]: crate::Error::UnknownCertificateProfile
//! [`Error::InvalidSignerIdentity`]: crate::Error::InvalidSignerIdentity
//! [`Error::InvalidHashFile`]: crate::Error::InvalidHashFile
//! [`Error::InvalidMetadata`]: crate::Error::InvalidMetadata
//! [`Error::InvalidSignatureAppearance`]: crate::Error::InvalidSignatureAppearance
//! [`Error::EncryptedPdf`]: crate::Error::EncryptedPdf
//! [`Error::MalformedPdf`]: crate::Error::MalformedPdf
//! [`Error::CorruptAuthority`]: crate::Error::CorruptAuthority
//! [`Error::Signing`]: crate::Error::Signing

mod authority;
mod certificate;
mod cms;
mod digest;
mod hash_file;
mod identity;
mod key;
mod oids;
mod profile;
mod signer;
mod store;
mod tsa;

pub use authority::Authority;
pub use digest::DigestAlgorithm;
pub use hash_file::HashSignRequest;
pub use identity::SignerIdentity;
pub use profile::CertificateProfile;
pub use signer::{MAX_METADATA_LEN, OneShotSigner, PdfSignatureOptions, SignedMetadata};

/// Re-exported so callers building [`PdfSignatureOptions`] need only this module.
pub use crate::pdf::VisibleSignature;
