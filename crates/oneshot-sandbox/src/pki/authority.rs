//! The sandbox CA hierarchy: a root, an issuing CA for one-shot certificates and a TSA.

use std::path::Path;
use std::sync::Arc;

use der::Encode as _;
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DistinguishedName, DnType, DnValue, IsCa,
    Issuer, KeyUsagePurpose, SanType, SerialNumber,
};
use rustls_pki_types::CertificateDer;

use super::certificate::ParsedCertificate;
use super::identity::SignerIdentity;
use super::key::EcKey;
use super::oids;
use super::profile::CertificateProfile;
use super::signer::OneShotSigner;
use super::store::KeyAndCertificateFiles;
use super::tsa::TimeStampAuthority;
use crate::Error;

/// The organization every sandbox CA certificate names, saying plainly what it is.
const ORGANIZATION: &str = "One-Shot Station Sandbox (test only, not trusted)";
const ROOT_NAME: &str = "One-Shot Sandbox Root CA";
const ISSUING_CA_NAME: &str = "One-Shot Sandbox Qualified Signature CA";
const TSA_NAME: &str = "One-Shot Sandbox Time-Stamping Unit";

/// How long a one-shot certificate stays valid. Real one-shot certificates are
/// short-lived; the sandbox keeps them a year so that files signed in a demo
/// still validate at today's date later, without long-term validation data.
const ONE_SHOT_VALIDITY: time::Duration = time::Duration::days(365);
/// Clock skew allowance: a validator a little behind us must not see a future certificate.
const BACKDATE: time::Duration = time::Duration::minutes(5);

/// The sandbox's certification authority: a root CA, the issuing CA that signs
/// one-shot certificates, and the time-stamping authority.
///
/// Cheap to clone (shared inside); load it once at start-up and keep it, so
/// that no signature re-reads or re-parses CA material.
#[derive(Clone)]
pub struct Authority {
    inner: Arc<AuthorityInner>,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority").finish_non_exhaustive()
    }
}

/// What one-shot signers share with the authority that issued them.
pub(crate) struct AuthorityInner {
    pub(crate) root: ParsedCertificate,
    pub(crate) issuing_ca: ParsedCertificate,
    issuer: Issuer<'static, EcKey>,
    pub(crate) tsa: TimeStampAuthority,
    ca_pem: String,
}

impl Authority {
    /// Loads the CA hierarchy from `dir` (e.g. `<data_dir>/pki`), creating what is
    /// missing: `root-ca.{key,pem}`, `issuing-ca.{key,pem}`, `tsa.{key,pem}`.
    ///
    /// Keys are written with mode 0600, all files atomically. A newly made root
    /// re-issues the issuing CA and TSA so that the chain always holds together.
    /// Half-present or mismatched files are reported, never silently replaced.
    pub fn load_or_create(dir: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(dir)?;
        let now = time::OffsetDateTime::now_utc();

        let root_files = KeyAndCertificateFiles::new(dir, "root-ca");
        let (root_key, root, root_is_new) = match root_files.read()? {
            Some((key, cert)) => {
                let (key, cert) = parse_pair(&root_files, &key, &cert)?;
                (key, cert, false)
            }
            None => {
                let key = EcKey::generate();
                let cert = root_params(now).self_signed(&key).map_err(rcgen_error)?;
                let cert = ParsedCertificate::from_der(cert.der().to_vec())?;
                root_files.write(&key.to_pkcs8_pem()?, &cert.pem()?)?;
                (key, cert, true)
            }
        };
        let root_issuer = issuer_for(&root, &root_key)?;

        let issuing_files = KeyAndCertificateFiles::new(dir, "issuing-ca");
        let (issuing_key, issuing_ca) =
            load_or_issue(&issuing_files, root_is_new, &root, &root_issuer, || {
                issuing_ca_params(now)
            })?;
        let tsa_files = KeyAndCertificateFiles::new(dir, "tsa");
        let (tsa_key, tsa_certificate) =
            load_or_issue(&tsa_files, root_is_new, &root, &root_issuer, || {
                tsa_params(now)
            })?;

        let issuer = issuer_for(&issuing_ca, issuing_key)?;
        let ca_pem = [root.pem()?, issuing_ca.pem()?, tsa_certificate.pem()?].concat();
        Ok(Self {
            inner: Arc::new(AuthorityInner {
                root,
                issuing_ca,
                issuer,
                tsa: TimeStampAuthority {
                    key: tsa_key,
                    certificate: tsa_certificate,
                },
                ca_pem,
            }),
        })
    }

    /// The root CA and every intermediate (issuing CA, TSA certificate), PEM,
    /// root first: what a validator must trust to accept sandbox signatures.
    pub fn ca_pem(&self) -> String {
        self.inner.ca_pem.clone()
    }

    /// The root CA certificate, DER.
    pub fn root_certificate_der(&self) -> &[u8] {
        &self.inner.root.der
    }

    /// Issues a fresh key pair and a one-shot certificate for `signer` under
    /// `profile` (an API profile name such as `PFnubeQAFCiudadano`).
    /// The private key lives only inside the returned signer, in memory.
    pub fn issue_one_shot(
        &self,
        signer: &SignerIdentity,
        profile: &str,
    ) -> Result<OneShotSigner, Error> {
        let profile = CertificateProfile::from_name(profile)?;
        let params = one_shot_params(signer, profile, time::OffsetDateTime::now_utc())?;
        let key = EcKey::generate();
        let certificate = params
            .signed_by(&key, &self.inner.issuer)
            .map_err(rcgen_error)?;
        let certificate = ParsedCertificate::from_der(certificate.der().to_vec())?;
        Ok(OneShotSigner::new(
            key,
            certificate,
            profile,
            Arc::clone(&self.inner),
        ))
    }

    /// Answers an RFC 3161 `TimeStampReq` (DER) with a `TimeStampResp` (DER),
    /// for serving the sandbox TSA over HTTP (`application/timestamp-query`).
    pub fn time_stamp_response(&self, request_der: &[u8]) -> Result<Vec<u8>, Error> {
        self.inner.tsa.respond(request_der)
    }
}

fn load_or_issue(
    files: &KeyAndCertificateFiles,
    parent_is_new: bool,
    parent: &ParsedCertificate,
    parent_issuer: &Issuer<'_, &EcKey>,
    params: impl FnOnce() -> CertificateParams,
) -> Result<(EcKey, ParsedCertificate), Error> {
    if !parent_is_new && let Some((key, cert)) = files.read()? {
        let (key, cert) = parse_pair(files, &key, &cert)?;
        if !cert.is_issued_by(parent) {
            return Err(Error::CorruptAuthority {
                path: files.certificate.clone(),
                reason: "not issued by the sandbox root CA in the same directory".into(),
            });
        }
        return Ok((key, cert));
    }
    let key = EcKey::generate();
    let cert = params()
        .signed_by(&key, parent_issuer)
        .map_err(rcgen_error)?;
    let cert = ParsedCertificate::from_der(cert.der().to_vec())?;
    files.write(&key.to_pkcs8_pem()?, &cert.pem()?)?;
    Ok((key, cert))
}

fn parse_pair(
    files: &KeyAndCertificateFiles,
    key_pem: &str,
    cert_pem: &str,
) -> Result<(EcKey, ParsedCertificate), Error> {
    let corrupt = |path: &Path, reason: String| Error::CorruptAuthority {
        path: path.to_path_buf(),
        reason,
    };
    let key = EcKey::from_pkcs8_pem(key_pem).map_err(|r| corrupt(&files.key, r))?;
    let cert = ParsedCertificate::from_pem(cert_pem).map_err(|r| corrupt(&files.certificate, r))?;
    if cert.public_key_bytes() != key.public_point() {
        return Err(corrupt(
            &files.certificate,
            "does not match the private key beside it".into(),
        ));
    }
    Ok((key, cert))
}

/// An rcgen issuer for a CA certificate we hold, reading its name and key
/// identifier from the certificate itself so that children chain byte for byte.
fn issuer_for<K: rcgen::SigningKey>(
    ca: &ParsedCertificate,
    key: K,
) -> Result<Issuer<'static, K>, Error> {
    Issuer::from_ca_cert_der(&CertificateDer::from(ca.der.as_slice()), key).map_err(rcgen_error)
}

fn rcgen_error(e: rcgen::Error) -> Error {
    Error::Signing(format!("building a certificate: {e}"))
}

fn ca_name(common_name: &str) -> DistinguishedName {
    let mut name = DistinguishedName::new();
    if let Ok(country) = rcgen::string::PrintableString::try_from("ES") {
        name.push(DnType::CountryName, DnValue::PrintableString(country));
    }
    name.push(
        DnType::OrganizationName,
        DnValue::Utf8String(ORGANIZATION.into()),
    );
    name.push(DnType::CommonName, DnValue::Utf8String(common_name.into()));
    name
}

/// A positive random serial of 16 bytes (RFC 5280 allows up to 20).
fn random_serial() -> SerialNumber {
    let mut bytes: [u8; 16] = rand::random();
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::from_slice(&bytes)
}

fn root_params(now: time::OffsetDateTime) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = ca_name(ROOT_NAME);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(365 * 20);
    params.serial_number = Some(random_serial());
    params
}

fn issuing_ca_params(now: time::OffsetDateTime) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = ca_name(ISSUING_CA_NAME);
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = true;
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(365 * 10);
    params.serial_number = Some(random_serial());
    params
}

fn tsa_params(now: time::OffsetDateTime) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = ca_name(TSA_NAME);
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.use_authority_key_identifier_extension = true;
    // RFC 3161 §2.3: exactly id-kp-timeStamping, and critical (rcgen writes EKU non-critical).
    if let Ok(content) = vec![oids::KP_TIME_STAMPING].to_der() {
        let mut eku = CustomExtension::from_oid_content(&oids::arcs(&oids::EXT_KEY_USAGE), content);
        eku.set_criticality(true);
        params.custom_extensions.push(eku);
    }
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(365 * 10);
    params.serial_number = Some(random_serial());
    params
}

fn one_shot_params(
    signer: &SignerIdentity,
    profile: CertificateProfile,
    now: time::OffsetDateTime,
) -> Result<CertificateParams, Error> {
    let mut params = CertificateParams::default();
    params.distinguished_name = signer.distinguished_name()?;
    params.subject_alt_names = vec![SanType::Rfc822Name(signer.email_ia5()?)];
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.use_authority_key_identifier_extension = true;
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            &oids::arcs(&oids::CERTIFICATE_POLICIES),
            profile.certificate_policies()?,
        ));
    if let Some(statements) = profile.qc_statements()? {
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                &oids::arcs(&oids::QC_STATEMENTS),
                statements,
            ));
    }
    params.not_before = now - BACKDATE;
    params.not_after = now + ONE_SHOT_VALIDITY;
    params.serial_number = Some(random_serial());
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shareable<T: Send + Sync + 'static>() {}

    #[test]
    fn authority_and_signers_cross_threads() {
        // Handlers sign inside spawn_blocking and share one authority.
        shareable::<Authority>();
        shareable::<OneShotSigner>();
    }

    #[test]
    fn issued_certificates_chain_to_the_issuing_ca_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let authority = Authority::load_or_create(dir.path()).unwrap();
        let signer = authority
            .issue_one_shot(
                &SignerIdentity {
                    given_name: "Ana".into(),
                    surname_1: "García".into(),
                    surname_2: None,
                    id_number: "00000000T".into(),
                    country: "ES".into(),
                    email: "ana@example.com".into(),
                },
                "PFnubeNC",
            )
            .unwrap();
        let leaf = ParsedCertificate::from_der(signer.certificate_der().to_vec()).unwrap();
        assert!(leaf.is_issued_by(&authority.inner.issuing_ca));
        assert!(
            authority
                .inner
                .issuing_ca
                .is_issued_by(&authority.inner.root)
        );
        assert!(
            authority
                .inner
                .tsa
                .certificate
                .is_issued_by(&authority.inner.root)
        );
        assert!(!leaf.is_issued_by(&authority.inner.root));
    }
}
