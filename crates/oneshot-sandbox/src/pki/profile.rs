//! Certificate profiles: what a one-shot certificate says about its holder.

use der::asn1::{Ia5String, ObjectIdentifier, PrintableString};
use der::{Any, Encode as _, Sequence};
use x509_cert::ext::pkix::certpolicy::{PolicyInformation, PolicyQualifierInfo};

use super::oids;
use crate::Error;

/// A certificate profile the sandbox issues, named as the One-Shot API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProfile {
    /// `PFnubeQAFCiudadano`: a qualified certificate for qualified electronic
    /// signatures of a natural person (eIDAS), key in a (remote) QSCD.
    QualifiedCitizen,
    /// `PFnubeNC`: a normalized (non-qualified) certificate for advanced signatures.
    Normalized,
}

impl CertificateProfile {
    /// Every profile, for listings and tests.
    pub const ALL: [CertificateProfile; 2] = [Self::QualifiedCitizen, Self::Normalized];

    /// Looks up a profile by its API name.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| Error::UnknownCertificateProfile(name.to_owned()))
    }

    /// The API name (`profile` field of a signature request).
    pub fn name(self) -> &'static str {
        match self {
            Self::QualifiedCitizen => "PFnubeQAFCiudadano",
            Self::Normalized => "PFnubeNC",
        }
    }

    /// Whether certificates of this profile carry the eIDAS qualified statements.
    pub fn is_qualified(self) -> bool {
        matches!(self, Self::QualifiedCitizen)
    }

    /// The DER `certificatePolicies` extension value.
    pub(crate) fn certificate_policies(self) -> Result<Vec<u8>, Error> {
        let (etsi, own) = match self {
            Self::QualifiedCitizen => (oids::POLICY_QCP_N_QSCD, oids::SANDBOX_QUALIFIED_POLICY),
            Self::Normalized => (oids::POLICY_NCP_PLUS, oids::SANDBOX_NORMALIZED_POLICY),
        };
        let cps = Ia5String::new(SANDBOX_CPS_URL).map_err(encoding)?;
        let policies = vec![
            PolicyInformation {
                policy_identifier: own,
                policy_qualifiers: Some(vec![PolicyQualifierInfo {
                    policy_qualifier_id: oids::QT_CPS,
                    qualifier: Some(Any::encode_from(&cps).map_err(encoding)?),
                }]),
            },
            PolicyInformation {
                policy_identifier: etsi,
                policy_qualifiers: None,
            },
        ];
        policies.to_der().map_err(encoding)
    }

    /// The DER `qcStatements` extension value, for qualified profiles only.
    pub(crate) fn qc_statements(self) -> Result<Option<Vec<u8>>, Error> {
        if !self.is_qualified() {
            return Ok(None);
        }
        let natural_person = SemanticsInformation {
            semantics_identifier: oids::SEMANTICS_ID_NATURAL,
        };
        let pds = vec![PdsLocation {
            url: Ia5String::new(SANDBOX_PDS_URL).map_err(encoding)?,
            language: PrintableString::new("en").map_err(encoding)?,
        }];
        let statements = vec![
            statement(oids::QCS_PKIX_QC_SYNTAX_V2, Some(&natural_person))?,
            statement(oids::QCS_QC_COMPLIANCE, None::<&Any>)?,
            statement(oids::QCS_QC_SSCD, None::<&Any>)?,
            statement(oids::QCS_QC_TYPE, Some(&vec![oids::QCT_ESIGN]))?,
            statement(oids::QCS_QC_PDS, Some(&pds))?,
        ];
        statements.to_der().map(Some).map_err(encoding)
    }
}

// `.invalid` (RFC 2606) so that nothing ever resolves these sandbox-only addresses.
const SANDBOX_CPS_URL: &str = "https://oneshot-sandbox.invalid/cps";
const SANDBOX_PDS_URL: &str = "https://oneshot-sandbox.invalid/pds-en.pdf";

/// `QCStatement` (RFC 3739 §3.2.6).
#[derive(Sequence)]
struct QcStatement {
    statement_id: ObjectIdentifier,
    #[asn1(optional = "true")]
    statement_info: Option<Any>,
}

/// `SemanticsInformation` (RFC 3739 §3.2.6.1) with only the semantics identifier.
#[derive(Sequence)]
struct SemanticsInformation {
    semantics_identifier: ObjectIdentifier,
}

/// `PdsLocation` (ETSI EN 319 412-5 §4.3.4).
#[derive(Sequence)]
struct PdsLocation {
    url: Ia5String,
    language: PrintableString,
}

fn statement(id: ObjectIdentifier, info: Option<&impl der::Encode>) -> Result<QcStatement, Error> {
    let statement_info = info.map(super::cms::to_any).transpose().map_err(encoding)?;
    Ok(QcStatement {
        statement_id: id,
        statement_info,
    })
}

fn encoding(e: der::Error) -> Error {
    Error::Signing(format!("encoding a certificate extension: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_found_by_their_api_names_only() {
        assert_eq!(
            CertificateProfile::from_name("PFnubeQAFCiudadano").unwrap(),
            CertificateProfile::QualifiedCitizen
        );
        assert_eq!(
            CertificateProfile::from_name("PFnubeNC").unwrap(),
            CertificateProfile::Normalized
        );
        assert!(matches!(
            CertificateProfile::from_name("pfnubeqafciudadano"),
            Err(Error::UnknownCertificateProfile(_))
        ));
    }

    #[test]
    fn only_the_qualified_profile_has_qc_statements() {
        assert!(
            CertificateProfile::QualifiedCitizen
                .qc_statements()
                .unwrap()
                .is_some()
        );
        assert!(
            CertificateProfile::Normalized
                .qc_statements()
                .unwrap()
                .is_none()
        );
    }
}
