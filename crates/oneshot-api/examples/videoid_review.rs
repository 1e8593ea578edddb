//! The Video ID review (W5): create a Video ID request, wait for the signer's
//! session to reach VIDEOREVIEW, review it, approve (or `--refuse REASON`),
//! then documents, OTP, sign and fetch as in the classic flow.
//!
//! `cargo run -p oneshot-api --example videoid_review` starts a sandbox and
//! plays the signer's video session through its extension; with `--url URL
//! --token TOKEN` it waits for a real session (polling every 10 s).
#![allow(clippy::print_stdout)]

mod common;

use std::time::Duration;

use oneshot_api::{
    DocumentKind, DocumentUpload, FileSource, NewVideoIdRequest, RequestStatus, SignOptions,
};

#[tokio::main]
async fn main() -> Result<(), common::Failure> {
    let target = common::target().await?;
    let client = &target.client;
    let args: Vec<String> = std::env::args().collect();
    let refusal = args
        .iter()
        .position(|arg| arg == "--refuse")
        .and_then(|index| args.get(index + 1).cloned());

    let created = client
        .videoid()
        .create(&NewVideoIdRequest {
            mobile_phone_number: "+34600111222".into(),
            email: "lucia.perez@example.org".into(),
            videoid_mode: Some(1),
            ..NewVideoIdRequest::default()
        })
        .await?;
    let pk = created.request_pk;
    println!(
        "Video ID request {pk}; the signer opens {}",
        created.videoid_link
    );

    play_session_if_sandbox(&target.base_url, pk).await;
    let status = loop {
        let status = client.requests().status(pk).await?;
        if status != RequestStatus::VideoPending {
            break status;
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
    };
    if !status.awaits_review() {
        println!("session ended as {status}: cancelling");
        println!("{}", client.videoid().cancel(pk).await?);
        return Ok(());
    }

    let info = client.requests().get(pk).await?;
    println!(
        "reviewing {} {} ({:?}), scratchcard {:?}",
        info.given_name.unwrap_or_default(),
        info.surname_1.unwrap_or_default(),
        info.serial_number,
        info.scratchcard
    );
    match client.videoid().download_video(pk).await {
        Ok(video) => println!("session video: {} bytes", video.len()),
        Err(error) => println!("no session video: {error}"),
    }
    if let Some(reason) = refusal {
        println!(
            "{}",
            client
                .videoid()
                .refuse(pk, &target.credentials, &reason)
                .await?
        );
        return Ok(());
    }
    println!(
        "{}",
        client.videoid().approve(pk, &target.credentials).await?
    );
    println!("status now {}", client.requests().status(pk).await?);

    let documents = vec![DocumentUpload::Pdf(FileSource::memory(
        "contract.pdf",
        common::sample_pdf("Video ID contract"),
    ))];
    let uploaded = client.documents().upload(pk, documents, None).await?;
    client.documents().contract(pk).await?;
    client.requests().generate_otp(pk, None).await?;
    let otp = common::otp_for(&target.base_url, pk).await?;
    println!(
        "sign: {}",
        client
            .requests()
            .sign(pk, &SignOptions::with_otp(otp))
            .await?
    );
    for document in &uploaded {
        let signed = client
            .documents()
            .retrieve(pk, DocumentKind::Signed, &document.uid)
            .await?;
        println!("signed {}: {} bytes", document.file_name, signed.len());
    }
    println!("{}", client.documents().delete_all(pk).await?);
    Ok(())
}

/// Plays the signer's video session on a sandbox (its extension endpoint);
/// a real Optimizer does not have it and the example just waits.
async fn play_session_if_sandbox(base_url: &str, pk: u64) {
    let url = format!("{base_url}/sandbox/v1/videoid/{pk}/complete");
    let played = reqwest::Client::new()
        .post(url)
        .json(&serde_json::json!({ "outcome": "review" }))
        .send()
        .await;
    if matches!(&played, Ok(answer) if answer.status().is_success()) {
        println!("sandbox played the signer's video session");
    }
}
