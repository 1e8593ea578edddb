//! Talking to a sandbox Optimizer as the station does: a signature request with ID
//! pictures, documents, and the OTP read back from the sandbox's outbox.

use oneshot_api::{
    Client, ClientOptions, DocumentUpload, FileSource, NewSignatureRequest, RaoCredentials, Secret,
    SignOptions, Signer,
};
use serde_json::Value;

use crate::error::{BenchError, Result};

/// A client of the Optimizer at `base_url`, signed in with the sandbox's demo token.
#[derive(Debug, Clone)]
pub struct Optimizer {
    pub client: Client,
    pub base_url: String,
    credentials: RaoCredentials,
}

/// A 16×16 PNG standing in for the signer's ID pictures: they are not what is measured.
pub fn id_picture() -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(16, 16, image::Rgb([200, 180, 160]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|error| BenchError::Invalid(format!("encoding a PNG: {error}")))?;
    Ok(bytes)
}

impl Optimizer {
    pub fn new(base_url: String) -> Result<Self> {
        Ok(Self {
            client: Client::new(ClientOptions::new(base_url.clone()))?,
            base_url,
            credentials: RaoCredentials::token(Secret::new(oneshot_sandbox::DEMO_TOKEN)),
        })
    }

    /// Creates a classic signature request and answers its pk.
    pub async fn create_request(&self) -> Result<u64> {
        let signer = Signer {
            given_name: "Bench".into(),
            surname_1: "Mark".into(),
            serial_number: "12345678Z".into(),
            email: "bench@example.org".into(),
            mobile_phone_number: "+34600000000".into(),
            ..Signer::default()
        };
        let mut request = NewSignatureRequest::new(self.credentials.clone(), signer);
        let picture = id_picture()?;
        request.images.document_front = Some(FileSource::memory("front.png", picture.clone()));
        request.images.document_rear = Some(FileSource::memory("rear.png", picture.clone()));
        request.images.document_owner = Some(FileSource::memory("owner.png", picture));
        Ok(self.client.requests().create(request).await?)
    }

    /// Uploads PDFs held in memory, named `doc-N.pdf`.
    pub async fn upload_pdfs(&self, pk: u64, pdfs: &[Vec<u8>]) -> Result<usize> {
        let documents = pdfs
            .iter()
            .enumerate()
            .map(|(index, pdf)| {
                DocumentUpload::Pdf(FileSource::memory(format!("doc-{index}.pdf"), pdf.clone()))
            })
            .collect();
        Ok(self
            .client
            .documents()
            .upload(pk, documents, None)
            .await?
            .len())
    }

    /// Sends the OTP and reads it back from the sandbox's outbox.
    pub async fn otp(&self, pk: u64) -> Result<Secret> {
        self.client.requests().generate_otp(pk, None).await?;
        self.latest_otp(pk).await
    }

    /// The newest OTP the sandbox "sent" for request `pk`.
    pub async fn latest_otp(&self, pk: u64) -> Result<Secret> {
        let url = format!("{}/sandbox/v1/messages?request={pk}", self.base_url);
        let answer: Value = reqwest::get(&url).await?.error_for_status()?.json().await?;
        let messages = answer.get("details").unwrap_or(&answer);
        messages
            .as_array()
            .and_then(|list| list.iter().rev().find_map(|m| m.get("code")?.as_str()))
            .map(Secret::new)
            .ok_or_else(|| BenchError::Invalid(format!("no OTP in the sandbox outbox: {answer}")))
    }

    pub async fn sign(&self, pk: u64, otp: Secret) -> Result<()> {
        self.client
            .requests()
            .sign(pk, &SignOptions::with_otp(otp))
            .await?;
        Ok(())
    }
}
