//! The classic signature flow (W1): request, documents, contract, OTP, sign,
//! fetch the signed PDFs, clean up.
//!
//! `cargo run -p oneshot-api --example classic_flow` starts a sandbox Optimizer;
//! `-- --url https://optimizer:8443 --token TOKEN` drives any other one (the
//! OTP is then typed in). Signed files are written to the current directory.
#![allow(clippy::print_stdout)]

mod common;

use oneshot_api::{
    DeliveryMethod, DocumentKind, DocumentUpload, FileSource, IdDocumentType, NewSignatureRequest,
    SignOptions, Signer,
};

#[tokio::main]
async fn main() -> Result<(), common::Failure> {
    let target = common::target().await?;
    let client = &target.client;
    println!("Optimizer says {:?}", client.settings().hello().await?);

    let mut request = NewSignatureRequest::new(
        target.credentials.clone(),
        Signer {
            given_name: "Lucía".into(),
            surname_1: "Pérez".into(),
            surname_2: Some("Ortega".into()),
            id_document_type: Some(IdDocumentType::IdentityCard),
            id_document_country: Some("ES".into()),
            serial_number: "00000023T".into(),
            email: "lucia.perez@example.org".into(),
            mobile_phone_number: "+34600111222".into(),
        },
    );
    request.images.document_front = Some(FileSource::memory("front.png", common::SAMPLE_PNG));
    request.images.document_rear = Some(FileSource::memory("rear.png", common::SAMPLE_PNG));
    request.images.document_owner = Some(FileSource::memory("owner.png", common::SAMPLE_PNG));
    let pk = client.requests().create(request).await?;
    println!("signature request {pk} created");

    let documents = vec![
        DocumentUpload::Pdf(FileSource::memory(
            "contract.pdf",
            common::sample_pdf("Contract"),
        )),
        DocumentUpload::Pdf(FileSource::memory("annex.pdf", common::sample_pdf("Annex"))),
    ];
    let uploaded = client.documents().upload(pk, documents, None).await?;
    for document in &uploaded {
        println!("uploaded {} as {}", document.file_name, document.uid);
    }

    let contract = client.documents().contract(pk).await?;
    println!(
        "service contract: {} bytes, to show the signer",
        contract.len()
    );

    client
        .requests()
        .generate_otp(pk, Some(DeliveryMethod::Sms))
        .await?;
    let otp = common::otp_for(&target.base_url, pk).await?;
    match client
        .requests()
        .sign(pk, &SignOptions::with_otp(otp))
        .await
    {
        Ok(answer) => println!("sign: {answer}"),
        Err(error) if error.is_already_issued() => println!("already signed earlier"),
        Err(error) if error.outcome_unknown() => {
            let status = client.requests().status(pk).await?;
            println!("sign answer lost; request is now {status}");
            if !status.is_signed() {
                return Err(error.into());
            }
        }
        Err(error) => return Err(error.into()),
    }

    for document in &uploaded {
        let path = format!("signed-{pk}-{}", document.file_name);
        let saved = client
            .documents()
            .retrieve_to_file(pk, DocumentKind::Signed, &document.uid, &path, None)
            .await?;
        println!("saved {} ({} bytes)", saved.path.display(), saved.size);
    }
    println!("{}", client.documents().delete_all(pk).await?);
    Ok(())
}
