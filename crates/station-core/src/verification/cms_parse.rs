//! A CMS SignedData (RFC 5652) read so that what was signed stays byte-exact.

use cms::signed_data::{EncapsulatedContentInfo, SignerInfo};
use der::asn1::ObjectIdentifier;
use der::{Decode as _, Tag, TagNumber};

use super::certificate::ParsedCertificate;
use super::der_raw::{self, Tlv};
use super::oids;

/// A SignedData with its certificates and signers.
#[derive(Debug)]
pub(crate) struct ParsedCms {
    pub encapsulated: EncapsulatedContentInfo,
    /// Certificates the CMS carries (other certificate formats are skipped).
    pub certificates: Vec<ParsedCertificate>,
    /// Signers, in the order they appear.
    pub signers: Vec<ParsedSigner>,
}

/// One SignerInfo and the received encoding of its signed attributes.
#[derive(Debug)]
pub(crate) struct ParsedSigner {
    pub info: SignerInfo,
    /// The signed attributes re-tagged as a SET: the bytes the signature covers.
    pub signed_attrs_der: Option<Vec<u8>>,
}

const IMPLICIT_0: Tag = Tag::ContextSpecific {
    constructed: true,
    number: TagNumber::N0,
};

impl ParsedCms {
    /// Reads a DER `ContentInfo` holding SignedData. `input` may be followed by
    /// zero bytes (a PDF's `/Contents` placeholder is padded with them) but by
    /// nothing else.
    pub(crate) fn from_der(input: &[u8]) -> Result<Self, String> {
        let not_der = |e: der::Error| format!("the signature is not DER-encoded CMS: {e}");
        let (content_info, rest) = der_raw::read_tlv(input).map_err(not_der)?;
        if rest.iter().any(|b| *b != 0) {
            return Err("the signature is followed by unexpected bytes".into());
        }
        let [content_type, content] = two(content_info, "ContentInfo")?;
        let content_type = ObjectIdentifier::from_der(content_type.encoded).map_err(not_der)?;
        if content_type != oids::SIGNED_DATA {
            return Err(format!("the CMS holds {content_type}, not SignedData"));
        }
        let (signed_data, _) = der_raw::read_tlv(content.value).map_err(not_der)?;
        let fields = der_raw::children(signed_data.value).map_err(not_der)?;
        // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
        let (Some(encapsulated), Some(signer_infos)) = (fields.get(2), fields.last()) else {
            return Err("the SignedData is incomplete".into());
        };
        if fields.len() < 4 || signer_infos.tag != Tag::Set {
            return Err("the SignedData has no signer infos".into());
        }
        let encapsulated =
            EncapsulatedContentInfo::from_der(encapsulated.encoded).map_err(not_der)?;
        let certificates = match fields[3..fields.len() - 1]
            .iter()
            .find(|field| field.tag == IMPLICIT_0)
        {
            Some(set) => read_certificates(set)?,
            None => Vec::new(),
        };
        let signers = der_raw::children(signer_infos.value)
            .map_err(not_der)?
            .into_iter()
            .map(read_signer)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            encapsulated,
            certificates,
            signers,
        })
    }
}

fn two<'a>(tlv: Tlv<'a>, what: &str) -> Result<[Tlv<'a>; 2], String> {
    let elements = der_raw::children(tlv.value).map_err(|e| format!("unreadable {what}: {e}"))?;
    <[Tlv<'a>; 2]>::try_from(elements).map_err(|_| format!("malformed {what}"))
}

fn read_certificates(set: &Tlv<'_>) -> Result<Vec<ParsedCertificate>, String> {
    der_raw::children(set.value)
        .map_err(|e| format!("unreadable certificate set: {e}"))?
        .into_iter()
        // Attribute certificates and other formats are tagged; only plain
        // certificates (a SEQUENCE) take part in chains.
        .filter(|choice| choice.tag == Tag::Sequence)
        .map(|choice| ParsedCertificate::from_der(choice.encoded))
        .collect()
}

fn read_signer(tlv: Tlv<'_>) -> Result<ParsedSigner, String> {
    let info =
        SignerInfo::from_der(tlv.encoded).map_err(|e| format!("unreadable SignerInfo: {e}"))?;
    let signed_attrs_der = der_raw::children(tlv.value)
        .map_err(|e| format!("unreadable SignerInfo: {e}"))?
        .into_iter()
        .find(|field| field.tag == IMPLICIT_0)
        .map(|attrs| der_raw::as_set(attrs.value))
        .transpose()
        .map_err(|e| format!("unreadable signed attributes: {e}"))?;
    Ok(ParsedSigner {
        info,
        signed_attrs_der,
    })
}
