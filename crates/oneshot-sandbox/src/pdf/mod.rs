//! PDF handling for the sandbox: inspecting uploads, the per-request service
//! contract, and the incremental update that carries a PAdES signature.
//!
//! The HTTP layer calls [`inspect`] on every uploaded PDF (map
//! [`Error::EncryptedPdf`](crate::Error::EncryptedPdf) to 415 and
//! [`Error::MalformedPdf`](crate::Error::MalformedPdf) to 400) and
//! [`service_contract`] for `GET document/{pk}/contract`. Signing goes through
//! [`crate::pki::OneShotSigner::sign_pdf`].

mod appearance;
mod contract;
mod contract_text;
mod font;
mod image;
mod incremental;
mod inspect;
mod objects;
mod signature;

pub use contract::{ContractData, ContractLanguage, service_contract};
pub use inspect::{PdfSummary, inspect};
pub(crate) use signature::{SignatureField, prepare_signature};

/// A visible signature box.
#[derive(Debug, Clone, PartialEq)]
pub struct VisibleSignature {
    /// Page index, 0-based.
    pub page: u32,
    /// `[x1, y1, x2, y2]` in points from the bottom-left corner of the page
    /// (the API's `position` "x1,y1,x2,y2"; 1 px = 0.75 pt).
    pub rect: [f32; 4],
    /// A PNG (alpha allowed) or JPEG picture, e.g. a handwritten signature.
    pub image: Option<Vec<u8>>,
    /// Text lines (split at `\n`), e.g. the signer's name and the date.
    pub text: Option<String>,
}

impl VisibleSignature {
    /// Parses the API's `position` string "x1,y1,x2,y2" (spaces allowed).
    pub fn parse_position(position: &str) -> Result<[f32; 4], crate::Error> {
        let values: Vec<f32> = position
            .split(',')
            .map(|part| part.trim().parse::<f32>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad_position(position))?;
        <[f32; 4]>::try_from(values).map_err(|_| bad_position(position))
    }
}

fn bad_position(position: &str) -> crate::Error {
    crate::Error::InvalidSignatureAppearance(format!(
        "position {position:?} is not four numbers \"x1,y1,x2,y2\""
    ))
}
