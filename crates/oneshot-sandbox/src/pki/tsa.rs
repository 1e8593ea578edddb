//! The sandbox's RFC 3161 time-stamping authority, in process.

use cmpv2::status::{PkiStatus, PkiStatusInfo};
use der::asn1::{GeneralizedTime, Int, OctetString, Utf8StringRef};
use der::{Any, Decode as _, Encode as _};
use sha2::Digest as _;
use spki::AlgorithmIdentifier;
use x509_tsp::{Accuracy, MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use super::certificate::ParsedCertificate;
use super::cms::{self, CmsSigner, SignedContent, SignedDataRequest};
use super::digest::DigestAlgorithm;
use super::key::EcKey;
use super::oids;
use crate::Error;

/// Issues timestamp tokens signed by the sandbox TSA certificate
/// (EKU timeStamping, critical, as RFC 3161 §2.3 requires).
#[derive(Debug)]
pub(crate) struct TimeStampAuthority {
    pub(crate) key: EcKey,
    pub(crate) certificate: ParsedCertificate,
}

/// What a TSA is asked to stamp.
pub(crate) struct StampRequest {
    pub(crate) algorithm: DigestAlgorithm,
    pub(crate) hashed_message: Vec<u8>,
    pub(crate) nonce: Option<Int>,
    /// Whether the TSA certificate goes into the token (RFC 3161 `certReq`).
    pub(crate) include_certificate: bool,
}

impl TimeStampAuthority {
    /// A `TimeStampToken` (DER `ContentInfo`) over `request.hashed_message`.
    pub(crate) fn token(&self, request: StampRequest) -> Result<Vec<u8>, Error> {
        let encoding = |what: &str, e: der::Error| Error::Signing(format!("encoding {what}: {e}"));
        let tst_info = TstInfo {
            version: TspVersion::V1,
            policy: oids::SANDBOX_TSA_POLICY,
            message_imprint: MessageImprint {
                hash_algorithm: AlgorithmIdentifier {
                    oid: request.algorithm.oid(),
                    parameters: None,
                },
                hashed_message: OctetString::new(request.hashed_message)
                    .map_err(|e| encoding("the message imprint", e))?,
            },
            serial_number: random_serial().map_err(|e| encoding("the timestamp serial", e))?,
            gen_time: GeneralizedTime::from_system_time(std::time::SystemTime::now())
                .map_err(|e| encoding("the timestamp time", e))?,
            accuracy: Some(Accuracy {
                seconds: Some(1),
                millis: None,
                micros: None,
            }),
            ordering: false,
            nonce: request.nonce,
            tsa: None,
            extensions: None,
        };
        let content = tst_info.to_der().map_err(|e| encoding("TSTInfo", e))?;
        let signed_attributes = vec![
            cms::content_type_attribute(oids::TST_INFO)?,
            cms::message_digest_attribute(&sha2::Sha256::digest(&content))?,
            // RFC 5816: the TSA names its certificate with ESSCertIDv2.
            self.certificate.signing_certificate_attribute.clone(),
        ];
        let signer = CmsSigner {
            key: &self.key,
            certificate: &self.certificate,
            certificates: if request.include_certificate {
                vec![&self.certificate]
            } else {
                vec![]
            },
        };
        cms::signed_data(
            &signer,
            SignedDataRequest {
                digest_algorithm: DigestAlgorithm::Sha256,
                content_type: oids::TST_INFO,
                content: Some(content),
                signed: SignedContent::Attributes(signed_attributes),
            },
            |_| Ok(Vec::new()),
        )
    }

    /// Answers a DER `TimeStampReq` with a DER `TimeStampResp` (RFC 3161 §2.4).
    /// A request the TSA cannot honour gets a rejection response, not an error.
    pub(crate) fn respond(&self, request_der: &[u8]) -> Result<Vec<u8>, Error> {
        let request = match TimeStampReq::from_der(request_der) {
            Ok(request) => request,
            Err(_) => return rejection("the request is not a DER TimeStampReq"),
        };
        let hash = &request.message_imprint.hash_algorithm.oid;
        let Some(algorithm) = [
            DigestAlgorithm::Sha1,
            DigestAlgorithm::Sha224,
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha512,
        ]
        .into_iter()
        .find(|a| a.oid() == *hash) else {
            return rejection("unsupported hash algorithm");
        };
        let hashed = request.message_imprint.hashed_message.as_bytes();
        if hashed.len() != algorithm.output_len() {
            return rejection("the message imprint length does not match its algorithm");
        }
        if request
            .req_policy
            .is_some_and(|p| p != oids::SANDBOX_TSA_POLICY)
        {
            return rejection("unaccepted policy");
        }
        if request.extensions.is_some() {
            return rejection("unaccepted extension");
        }
        let token = self.token(StampRequest {
            algorithm,
            hashed_message: hashed.to_vec(),
            nonce: request.nonce,
            include_certificate: request.cert_req,
        })?;
        let token = cms_content_info(&token)?;
        encode_response(TimeStampResp {
            status: PkiStatusInfo {
                status: PkiStatus::Accepted,
                status_string: None,
                fail_info: None,
            },
            time_stamp_token: Some(token),
        })
    }
}

fn cms_content_info(der: &[u8]) -> Result<::cms::content_info::ContentInfo, Error> {
    ::cms::content_info::ContentInfo::from_der(der)
        .map_err(|e| Error::Signing(format!("re-reading a timestamp token: {e}")))
}

fn rejection(reason: &str) -> Result<Vec<u8>, Error> {
    let text = Utf8StringRef::new(reason).map_err(|e| Error::Signing(e.to_string()))?;
    encode_response(TimeStampResp {
        // The failure-info bits of cmpv2 0.2 are misnumbered, so the reason goes in the text.
        status: PkiStatusInfo {
            status: PkiStatus::Rejection,
            status_string: Some(vec![text]),
            fail_info: None,
        },
        time_stamp_token: None,
    })
}

fn encode_response(response: TimeStampResp<'_>) -> Result<Vec<u8>, Error> {
    response
        .to_der()
        .map_err(|e| Error::Signing(format!("encoding TimeStampResp: {e}")))
}

/// A positive 127-bit serial: unique without keeping a counter on disk.
fn random_serial() -> der::Result<Int> {
    let mut bytes: [u8; 16] = rand::random();
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    Int::new(&bytes)
}

/// The `signatureTimeStampToken` unsigned attribute over a signature value.
pub(crate) fn signature_time_stamp(
    tsa: &TimeStampAuthority,
    signature: &[u8],
) -> Result<x509_cert::attr::Attribute, Error> {
    let token = tsa.token(StampRequest {
        algorithm: DigestAlgorithm::Sha256,
        hashed_message: sha2::Sha256::digest(signature).to_vec(),
        nonce: None,
        include_certificate: true,
    })?;
    let value =
        Any::from_der(&token).map_err(|e| Error::Signing(format!("timestamp token: {e}")))?;
    cms::attribute(oids::SIGNATURE_TIME_STAMP_TOKEN, &value)
}
