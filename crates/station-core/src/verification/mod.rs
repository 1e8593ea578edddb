//! Local verification of signed documents: PAdES PDFs and detached CMS (`.p7m`).
//!
//! The station checks what the Optimizer returns before it relies on it (for
//! instance before the safe backup lets a workflow delete the documents on the
//! Optimizer). Verification answers a [`VerificationReport`] the officer
//! reads: who signed (name, ID number, issuer), when (claimed and
//! timestamped), whether the signed bytes are intact, whether the signer
//! chains to a root of the [`TrustStore`], whether the signature covers the
//! whole file, and the PAdES level. A failed check is a report, not an error.
//!
//! This is an implementation independent of the sandbox's signer (RustCrypto
//! `cms`/`x509-cert`/`x509-tsp` and lopdf), so a mistake in one is caught by
//! the other.
//!
//! ```no_run
//! # fn demo(pdf: &[u8], ca_pem: &str) -> station_core::Result<()> {
//! use station_core::{TrustStore, verify_pdf};
//! let trust = TrustStore::from_pem(ca_pem)?; // e.g. the sandbox's /sandbox/v1/ca.pem
//! let report = verify_pdf(pdf, &trust)?;
//! if !report.is_valid() {
//!     // show report.signatures[..].integrity / .trust to the officer
//! }
//! # Ok(()) }
//! ```
//!
//! Which time counts: a signer's certificate chain must be valid when an
//! intact, trusted signature timestamp says the signature existed, otherwise
//! at the verification time (a claimed signing time proves nothing); a time-
//! stamping authority's chain must be valid at its own timestamp's time.
//!
//! Not checked: revocation (CRL/OCSP, including what a DSS holds), signature
//! policies, and which objects later incremental updates changed (a PDF
//! signature that does not reach the end of the file is reported, not judged).

mod byte_range;
mod certificate;
mod chain;
mod cms_check;
mod cms_parse;
mod der_raw;
mod detached;
mod digest;
mod ess;
mod oids;
mod pdf;
mod pdf_signatures;
mod public_key;
mod report;
mod signature;
mod time_format;
mod timestamp;
mod trust;

pub use detached::{verify_detached_cms, verify_detached_cms_at, verify_detached_cms_files};
pub use pdf::{verify_pdf, verify_pdf_at, verify_pdf_file};
pub use report::{
    CertificateSummary, ClaimedSigningTime, ClaimedSigningTimeSource, PadesLevel,
    SignatureIntegrity, SignatureKind, SignatureReport, SignatureTrust, SignedDocumentKind,
    TimestampReport, VerificationReport, VerificationVerdict,
};
pub use trust::TrustStore;
