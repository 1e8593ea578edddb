//! W3 on the embedded sandbox through the real app: any file hashed locally, the
//! service contract shown, the code read from the sandbox phone, and a verified
//! `.p7m` placed next to the file.

use std::path::PathBuf;

use oneshot_e2e::webdriver::{E2eError, Result, check, with_station};

use crate::sign::{PNG, sign_in_with_demo_token, text_of, type_into, write};

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn hash_signature_of_any_file_on_the_sandbox() -> Result<()> {
    with_station("hash-sign-w3", async |station| {
        let folder = station.data_dir().with_file_name("inputs");
        std::fs::create_dir_all(&folder).map_err(|source| E2eError::Io {
            path: folder.clone(),
            source,
        })?;
        let picture = folder.join("id.png");
        write(&picture, PNG)?;
        let ledger = folder.join("ledger.csv");
        write(&ledger, b"date;amount\n2025-03-07;1200.00\n")?;

        sign_in_with_demo_token(station).await?;
        station.click("nav-hash-sign").await?;
        station.wait_for("sign-signer").await?;
        type_into(station, "sign-given-name", "Lucía").await?;
        type_into(station, "sign-surname1", "Pérez").await?;
        type_into(station, "sign-serial-number", "00000023T").await?;
        type_into(station, "sign-email", "lucia.perez@example.org").await?;
        type_into(station, "sign-mobile", "+34600111222").await?;
        station.click("sign-signer-next").await?;

        station.wait_for("sign-images").await?;
        for slot in ["front", "rear", "owner"] {
            type_into(
                station,
                &format!("sign-image-{slot}-path"),
                &picture.to_string_lossy(),
            )
            .await?;
            station.click(&format!("sign-image-{slot}-use")).await?;
            station
                .wait_for(&format!("sign-image-{slot}-preview"))
                .await?;
        }
        station.click("sign-images-next").await?;

        station.wait_for("hash-sign-files").await?;
        type_into(station, "hash-sign-path", &ledger.to_string_lossy()).await?;
        station.click("hash-sign-use").await?;
        let digest = text_of(station, "hash-sign-file-digest").await?;
        check(
            digest.len() == 64 && digest.chars().all(|c| c.is_ascii_hexdigit()),
            format!("a SHA-256 in hex, not {digest:?}"),
        )?;
        station.click("sign-start").await?;

        station.wait_for("sign-review").await?;
        station.wait_for("sign-viewer-image").await?;
        station
            .wait_for("sign-review-read")
            .await?
            .send_keys(" ")
            .await?;
        station.click("sign-review-confirm").await?;

        station.wait_for("sign-code").await?;
        station.click("sandbox-phone-toggle").await?;
        let code = text_of(station, "sandbox-phone-code").await?;
        station.click("sandbox-phone-close").await?;
        type_into(station, "sign-code-input", &code).await?;
        station.click("sign-code-submit").await?;

        station.wait_for("sign-result").await?;
        station
            .wait_for_text("sign-result-verdict", "Valid: intact, trusted, timestamped")
            .await?;
        let beside = PathBuf::from(text_of(station, "sign-result-beside").await?);
        check(
            beside == folder.join("ledger.csv.p7m"),
            format!(
                "the .p7m should be next to the file, not at {}",
                beside.display()
            ),
        )?;
        let p7m = std::fs::read(&beside).map_err(|source| E2eError::Io {
            path: beside.clone(),
            source,
        })?;
        check(p7m.first() == Some(&0x30), "the .p7m should be a DER CMS")?;
        Ok(())
    })
    .await
}
