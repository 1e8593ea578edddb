//! The signature itself: one one-shot certificate per request signs every
//! document (PAdES B-T for PDFs, detached CMS for hash files) and the service
//! contract; then the request is ISSUED.

use std::sync::Arc;

use base64::Engine as _;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use x509_cert::der::Decode as _;

use crate::api::Shared;
use crate::api::documents::ensure_contract;
use crate::api::videoid::change_status;
use crate::error::Error;
use crate::pki::{
    HashSignRequest, OneShotSigner, PdfSignatureOptions, SignedMetadata, SignerIdentity,
    VisibleSignature,
};
use crate::signature_request::{AsyncStage, IssuedCertificate, RequestStatus, SignatureRequest};
use crate::store::{DocumentKind, Variant, blocking};
use crate::visible_text::TextTemplate;

/// Where and how a visible signature goes on one PDF.
#[derive(Debug, Clone)]
pub struct Appearance {
    pub page: u32,
    pub rect: [f32; 4],
    pub image: Option<Vec<u8>>,
}

/// One document to sign.
#[derive(Debug, Clone)]
pub struct PlannedDocument {
    pub uid: String,
    pub kind: DocumentKind,
    pub appearance: Option<Appearance>,
}

/// Everything decided and checked before the OTP is spent.
#[derive(Debug, Clone)]
pub struct SignPlan {
    pub identity: SignerIdentity,
    pub profile: String,
    pub documents: Vec<PlannedDocument>,
    pub contract_appearance: Option<Appearance>,
    pub metadata: Option<SignedMetadata>,
    /// The visible text; `None` when `use_signature_text` is false.
    pub text: Option<TextTemplate>,
}

/// Issues the certificate, signs everything, stores the results and marks the
/// request ISSUED (reporting the change). The caller holds the request's lock.
pub async fn perform(
    state: &Shared,
    request: &mut SignatureRequest,
    plan: SignPlan,
) -> Result<(), Error> {
    let pk = request.pk;
    let authority = state.authority.clone();
    let identity = plan.identity.clone();
    let profile = plan.profile.clone();
    let signer = Arc::new(blocking(move || authority.issue_one_shot(&identity, &profile)).await?);
    let issued_at = OffsetDateTime::now_utc();
    let text = match &plan.text {
        Some(template) => Some(render_text(template, &signer, &plan.identity, issued_at)?),
        None => None,
    };

    let contract = ensure_contract(state, request).await?;
    let options = pdf_options(
        plan.contract_appearance.clone(),
        text.clone(),
        plan.metadata.clone(),
    );
    let signed_contract = sign_pdf(&signer, contract, options).await?;
    state
        .store
        .requests
        .write_contract(pk, Variant::Signed, signed_contract)
        .await?;

    for document in &plan.documents {
        let original = state
            .store
            .requests
            .document_bytes(pk, &document.uid, Variant::Original)
            .await?
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "The following documents are not found in Request's folders: {}",
                    document.uid
                ))
            })?;
        let signed = match document.kind {
            DocumentKind::Pdf => {
                let options = pdf_options(
                    document.appearance.clone(),
                    text.clone(),
                    plan.metadata.clone(),
                );
                sign_pdf(&signer, original, options).await?
            }
            DocumentKind::Hash => {
                let signer = signer.clone();
                blocking(move || signer.sign_hash(&HashSignRequest::from_json(&original)?)).await?
            }
        };
        state
            .store
            .requests
            .write_signed_document(pk, &document.uid, signed)
            .await?;
    }

    request.certificate = Some(IssuedCertificate {
        data: base64::engine::general_purpose::STANDARD.encode(signer.certificate_der()),
        issued_at: issued_at.format(&Rfc3339).unwrap_or_default(),
        profile: plan.profile,
    });
    request.otp = None;
    request.last_error = None;
    if request.useasync {
        request.async_stage = Some(AsyncStage::Signed);
    }
    change_status(state, request, RequestStatus::Issued).await?;
    tracing::info!(
        pk,
        documents = plan.documents.len(),
        "request signed and issued"
    );
    Ok(())
}

fn pdf_options(
    appearance: Option<Appearance>,
    text: Option<String>,
    metadata: Option<SignedMetadata>,
) -> PdfSignatureOptions {
    PdfSignatureOptions {
        visible: appearance.map(|a| VisibleSignature {
            page: a.page,
            rect: a.rect,
            image: a.image,
            text,
        }),
        metadata,
    }
}

async fn sign_pdf(
    signer: &Arc<OneShotSigner>,
    pdf: Vec<u8>,
    options: PdfSignatureOptions,
) -> Result<Vec<u8>, Error> {
    let signer = signer.clone();
    blocking(move || signer.sign_pdf(&pdf, &options)).await
}

/// Fills the template with what the certificate says.
fn render_text(
    template: &TextTemplate,
    signer: &OneShotSigner,
    identity: &SignerIdentity,
    at: OffsetDateTime,
) -> Result<String, Error> {
    let subject = x509_cert::Certificate::from_der(signer.certificate_der())
        .map(|c| c.tbs_certificate.subject.to_string())
        .map_err(|e| Error::Signing(format!("reading the one-shot certificate: {e}")))?;
    template.render(&identity.full_name(), &subject, &identity.email, at)
}
