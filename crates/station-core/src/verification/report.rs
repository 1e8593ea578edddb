//! What verification answers: a report the officer reads, not an error.

use serde::Serialize;
use ts_rs::TS;

/// The outcome of verifying one signed document, with a report per signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerificationReport {
    /// What kind of document was checked.
    pub document: SignedDocumentKind,
    /// The overall verdict; [`VerificationVerdict::Valid`] only when every check passed.
    pub verdict: VerificationVerdict,
    /// Size of the checked file in bytes (the original file for a detached CMS).
    #[ts(type = "number")]
    pub file_size: u64,
    /// For a PDF: a Document Security Store (validation data for the long term)
    /// is present. Its contents are not checked.
    pub has_validation_data: bool,
    /// One entry per signature and document timestamp, in signing order.
    pub signatures: Vec<SignatureReport>,
}

impl VerificationReport {
    /// Whether every check passed: the document may be relied on.
    pub fn is_valid(&self) -> bool {
        self.verdict == VerificationVerdict::Valid
    }
}

/// The kind of document a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignedDocumentKind {
    /// A PDF with embedded signatures (PAdES).
    Pdf,
    /// A detached CMS (`.p7m`) checked against its original file.
    DetachedCms,
}

/// The overall verdict, worst case first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerificationVerdict {
    /// A signature or timestamp is broken, malformed or covers other data.
    Invalid,
    /// Every signature is intact, but bytes were added after the last one
    /// (an incremental update nobody signed).
    ModifiedAfterSigning,
    /// Every signature is intact, but a signer or timestamp authority does not
    /// chain to a trusted root, or its certificate was not valid at the time.
    Untrusted,
    /// Every check passed.
    Valid,
}

/// What was found about one signature (or PDF document timestamp).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureReport {
    /// A signature by a person, or a document timestamp by a TSA.
    pub kind: SignatureKind,
    /// The PDF signature field's name, e.g. `Signature1`.
    pub field_name: Option<String>,
    /// The PDF `/SubFilter`, e.g. `ETSI.CAdES.detached`.
    pub sub_filter: Option<String>,
    /// The signer's certificate (the TSA's for a document timestamp), when found.
    pub signer: Option<CertificateSummary>,
    /// The time the signer claims; nothing proves it (see `timestamp`).
    pub claimed_signing_time: Option<ClaimedSigningTime>,
    /// The signature timestamp: proof the signature existed at that time.
    pub timestamp: Option<TimestampReport>,
    /// Whether the signed bytes are unchanged and the signature value is right.
    pub integrity: SignatureIntegrity,
    /// Whether the signer's certificate chains to a trusted root.
    pub trust: SignatureTrust,
    /// Whether this signature covers the whole file (for a PDF: nothing was
    /// appended after it). Earlier signatures of a PDF signed several times do
    /// not; the last one must.
    pub covers_whole_file: bool,
    /// How many bytes of the file this signature covers, its `/Contents` included.
    #[ts(type = "number")]
    pub signed_length: u64,
    /// The PAdES baseline level the signature reaches in structure.
    pub pades_level: PadesLevel,
    /// The digest algorithm, e.g. `SHA-256`.
    pub digest_algorithm: Option<String>,
    /// The signature algorithm, e.g. `ECDSA with SHA-256`.
    pub signature_algorithm: Option<String>,
}

/// A signature by a person or a document timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureKind {
    /// A CMS signature by the certificate holder.
    Signature,
    /// A PDF document timestamp (`/DocTimeStamp`, PAdES B-LTA).
    DocumentTimestamp,
}

/// The facts of a certificate the officer checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateSummary {
    /// Subject common name.
    pub common_name: Option<String>,
    /// Subject given name.
    pub given_name: Option<String>,
    /// Subject surname(s).
    pub surname: Option<String>,
    /// Subject serialNumber: the ID number, e.g. `IDCES-12345678Z`.
    pub id_number: Option<String>,
    /// Subject e-mail address (subject attribute or subjectAltName).
    pub email: Option<String>,
    /// Subject organization.
    pub organization: Option<String>,
    /// Subject country.
    pub country: Option<String>,
    /// The whole subject, RFC 4514.
    pub subject: String,
    /// The whole issuer, RFC 4514.
    pub issuer: String,
    /// The issuer's common name.
    pub issuer_common_name: Option<String>,
    /// Certificate serial number, upper-case hex.
    pub serial_number: String,
    /// Start of validity, RFC 3339 UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 UTC.
    pub not_after: String,
    /// The certificate carries the EU qualified-certificate statement (QcCompliance).
    pub qualified: bool,
}

/// A signing time as claimed by the signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimedSigningTime {
    /// RFC 3339 UTC.
    pub time: String,
    /// Where the claim was read.
    pub source: ClaimedSigningTimeSource,
}

/// Where a claimed signing time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimedSigningTimeSource {
    /// The PDF signature dictionary's `/M`.
    PdfSignatureDictionary,
    /// The CMS signed attribute signingTime.
    SigningTimeAttribute,
}

/// An RFC 3161 timestamp and its checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimestampReport {
    /// The time the authority vouches for, RFC 3339 UTC (when readable).
    pub time: Option<String>,
    /// The time-stamping authority's name.
    pub authority: Option<String>,
    /// Whether the token is intact and covers this signature.
    pub integrity: SignatureIntegrity,
    /// Whether the authority's certificate chains to a trusted root.
    pub trust: SignatureTrust,
}

/// SignatureIntegrity of a signature or timestamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureIntegrity {
    /// The signed data is unchanged and the signature value is right.
    Ok,
    /// The signed data changed: its digest is not the signed one.
    DigestMismatch {
        /// Why, in plain words.
        reason: String,
    },
    /// The data's digest matches but the signature value is wrong, or it names
    /// another certificate than the one that signed.
    SignatureInvalid {
        /// Why, in plain words.
        reason: String,
    },
    /// The signature cannot be checked: broken structure or unsupported algorithm.
    Malformed {
        /// Why, in plain words.
        reason: String,
    },
}

impl SignatureIntegrity {
    /// Whether the check passed.
    pub fn is_ok(&self) -> bool {
        matches!(self, Self::Ok)
    }
}

/// SignatureTrust in a signer's or TSA's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SignatureTrust {
    /// The certificate chains to a configured trust root.
    Trusted {
        /// The trust root's name.
        anchor: String,
    },
    /// The chain ends at a root (or an issuer) that is not configured as trusted.
    UntrustedRoot {
        /// Why, in plain words.
        reason: String,
    },
    /// A link of the chain is wrong: a bad signature, an issuer that is not a CA.
    ChainBroken {
        /// Why, in plain words.
        reason: String,
    },
    /// A certificate of the chain was not valid at the time that matters.
    Expired {
        /// Why, in plain words.
        reason: String,
    },
    /// The certificate may not be used for this purpose (key usage, EKU).
    WrongUsage {
        /// Why, in plain words.
        reason: String,
    },
    /// SignatureTrust was not checked because the signature itself could not be read.
    NotChecked {
        /// Why, in plain words.
        reason: String,
    },
}

impl SignatureTrust {
    /// Whether the check passed.
    pub fn is_trusted(&self) -> bool {
        matches!(self, Self::Trusted { .. })
    }
}

/// PAdES baseline levels (ETSI EN 319 142-1), as far as the structure shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum PadesLevel {
    /// Not a PAdES signature (e.g. `adbe.pkcs7.detached`, or no ESS signing
    /// certificate attribute), or a document timestamp.
    #[serde(rename = "none")]
    None,
    /// Basic signature.
    #[serde(rename = "B-B")]
    BB,
    /// With a signature timestamp (or a later document timestamp).
    #[serde(rename = "B-T")]
    BT,
    /// With validation data (a DSS) for the long term; its contents are not checked.
    #[serde(rename = "B-LT")]
    BLt,
    /// With validation data and a later document timestamp.
    #[serde(rename = "B-LTA")]
    BLta,
}

impl VerificationVerdict {
    /// The verdict over `signatures`, worst case first. `nothing_after_last`
    /// says whether the last signature reaches the end of the file.
    pub(crate) fn of(signatures: &[SignatureReport], nothing_after_last: bool) -> Self {
        let timestamp_intact =
            |s: &SignatureReport| s.timestamp.as_ref().is_none_or(|t| t.integrity.is_ok());
        let timestamp_trusted =
            |s: &SignatureReport| s.timestamp.as_ref().is_none_or(|t| t.trust.is_trusted());
        if signatures.is_empty()
            || signatures
                .iter()
                .any(|s| !s.integrity.is_ok() || !timestamp_intact(s))
        {
            Self::Invalid
        } else if !nothing_after_last {
            Self::ModifiedAfterSigning
        } else if signatures
            .iter()
            .any(|s| !s.trust.is_trusted() || !timestamp_trusted(s))
        {
            Self::Untrusted
        } else {
            Self::Valid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(integrity: SignatureIntegrity, trust: SignatureTrust) -> SignatureReport {
        SignatureReport {
            kind: SignatureKind::Signature,
            field_name: None,
            sub_filter: None,
            signer: None,
            claimed_signing_time: None,
            timestamp: None,
            integrity,
            trust,
            covers_whole_file: true,
            signed_length: 1,
            pades_level: PadesLevel::BLta,
            digest_algorithm: None,
            signature_algorithm: None,
        }
    }

    fn trusted() -> SignatureTrust {
        SignatureTrust::Trusted {
            anchor: "Root".into(),
        }
    }

    fn untrusted() -> SignatureTrust {
        SignatureTrust::UntrustedRoot { reason: "x".into() }
    }

    fn broken() -> SignatureIntegrity {
        SignatureIntegrity::DigestMismatch { reason: "x".into() }
    }

    #[test]
    fn the_worst_finding_decides_the_verdict() {
        use VerificationVerdict::*;
        let ok = signature(SignatureIntegrity::Ok, trusted());
        assert_eq!(
            VerificationVerdict::of(std::slice::from_ref(&ok), true),
            Valid
        );
        assert_eq!(
            VerificationVerdict::of(std::slice::from_ref(&ok), false),
            ModifiedAfterSigning
        );
        let stranger = signature(SignatureIntegrity::Ok, untrusted());
        assert_eq!(
            VerificationVerdict::of(&[ok.clone(), stranger.clone()], true),
            Untrusted
        );
        assert_eq!(
            VerificationVerdict::of(std::slice::from_ref(&stranger), false),
            ModifiedAfterSigning
        );
        let tampered = signature(broken(), trusted());
        assert_eq!(
            VerificationVerdict::of(&[ok.clone(), tampered], false),
            Invalid
        );
        assert_eq!(VerificationVerdict::of(&[], true), Invalid);

        let mut bad_timestamp = ok.clone();
        bad_timestamp.timestamp = Some(TimestampReport {
            time: None,
            authority: None,
            integrity: broken(),
            trust: trusted(),
        });
        assert_eq!(
            VerificationVerdict::of(&[bad_timestamp.clone()], true),
            Invalid
        );
        bad_timestamp.timestamp = Some(TimestampReport {
            time: None,
            authority: None,
            integrity: SignatureIntegrity::Ok,
            trust: untrusted(),
        });
        assert_eq!(VerificationVerdict::of(&[bad_timestamp], true), Untrusted);
    }

    #[test]
    fn the_ui_receives_tagged_checks_and_etsi_level_names() {
        let json = serde_json::to_value(signature(broken(), trusted())).unwrap();
        assert_eq!(json["integrity"]["status"], "digest_mismatch");
        assert_eq!(json["integrity"]["reason"], "x");
        assert_eq!(json["trust"]["status"], "trusted");
        assert_eq!(json["padesLevel"], "B-LTA");
        assert_eq!(json["coversWholeFile"], true);
        let levels = [
            PadesLevel::None,
            PadesLevel::BB,
            PadesLevel::BT,
            PadesLevel::BLt,
        ];
        let names: Vec<_> = levels
            .iter()
            .map(|level| serde_json::to_value(level).unwrap())
            .collect();
        assert_eq!(names, ["none", "B-B", "B-T", "B-LT"]);
        assert!(SignatureIntegrity::decl().contains("\"status\": \"digest_mismatch\""));
    }
}
