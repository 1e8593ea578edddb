//! W1 on the embedded sandbox through the real app: the signer's data, ID pictures
//! and a PDF with a visible signature box, the service contract shown page by page,
//! the code read from the sandbox phone, and a signed, saved and verified result
//! whose verification report names the signer.

use std::path::{Path, PathBuf};

use fantoccini::Locator;
use oneshot_e2e::webdriver::{E2eError, Result, Station, check, testid, with_station};

/// A 1×1 PNG: the sandbox takes any real picture, and the station only advises on its size.
pub(crate) const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A one-page PDF saying `title`.
pub(crate) fn sample_pdf(title: &str) -> Vec<u8> {
    let content = format!("BT /F1 18 Tf 72 720 Td ({title}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| E2eError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The officer's input files, next to (not inside) the station's data dir.
fn inputs(station: &Station) -> Result<(PathBuf, PathBuf)> {
    let folder = station.data_dir().with_file_name("inputs");
    std::fs::create_dir_all(&folder).map_err(|source| E2eError::Io {
        path: folder.clone(),
        source,
    })?;
    let picture = folder.join("id-front.png");
    write(&picture, PNG)?;
    let pdf = folder.join("loan agreement.pdf");
    write(&pdf, &sample_pdf("Loan agreement"))?;
    Ok((picture, pdf))
}

pub(crate) async fn type_into(station: &Station, id: &str, text: &str) -> Result<()> {
    let field = station.wait_for(id).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

pub(crate) async fn sign_in_with_demo_token(station: &Station) -> Result<()> {
    station.wait_for("screen-connection").await?;
    station
        .wait_for("language-select")
        .await?
        .select_by_value("en")
        .await?;
    station.click("signin-method-token").await?;
    type_into(station, "signin-token", oneshot_sandbox::DEMO_TOKEN).await?;
    station.click("signin-submit").await?;
    station.wait_for("signout").await?;
    Ok(())
}

pub(crate) async fn text_of(station: &Station, id: &str) -> Result<String> {
    Ok(station.wait_for(id).await?.text().await?)
}

#[tokio::test]
#[ignore = "needs Xvfb + tauri-driver: run by cargo xtask test"]
async fn classic_signature_with_sms_code_on_the_sandbox() -> Result<()> {
    with_station("sign-w1", async |station| {
        let (picture, pdf) = inputs(station)?;
        sign_in_with_demo_token(station).await?;
        station.click("nav-sign").await?;
        station.wait_for("sign-signer").await?;

        type_into(station, "sign-given-name", "Lucía").await?;
        type_into(station, "sign-surname1", "Pérez").await?;
        type_into(station, "sign-serial-number", "00000023T").await?;
        type_into(station, "sign-email", "lucia.perez@example.org").await?;
        type_into(station, "sign-mobile", "+34 600 111 222").await?;
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
        let hints = text_of(station, "sign-image-front-hints").await?;
        check(
            hints.contains("small"),
            format!("a 1×1 picture should be called small, not {hints:?}"),
        )?;
        station.click("sign-images-next").await?;

        station.wait_for("sign-documents").await?;
        type_into(station, "sign-documents-path", &pdf.to_string_lossy()).await?;
        station.click("sign-documents-use").await?;
        station.wait_for("sign-document-thumbnail").await?;
        // A visible signature, its box typed in points (the keyboard way to place it).
        station
            .wait_for("sign-visible-toggle")
            .await?
            .send_keys(" ")
            .await?;
        station.wait_for("sign-visible-page-image").await?;
        for (field, value) in [
            ("x", "100"),
            ("y", "120"),
            ("width", "220"),
            ("height", "70"),
        ] {
            let id = format!("sign-visible-{field}");
            type_into(station, &id, value).await?;
            // Tab: the box follows the field when it loses focus.
            station.wait_for(&id).await?.send_keys("\u{E004}").await?;
        }
        station.wait_for("sign-visible-box").await?;
        station.click("sign-start").await?;

        station.wait_for("sign-review").await?;
        station.wait_for("sign-viewer-image").await?;
        let items = station
            .client()
            .find_all(Locator::Css(&testid("sign-review-item")))
            .await?;
        check(
            items.len() == 2,
            format!("contract and one document, not {} items", items.len()),
        )?;
        items[1].click().await?;
        station
            .wait_for_text("sign-review-title", "loan agreement.pdf")
            .await?;
        station.wait_for("sign-viewer-image").await?;
        // Ticked from the keyboard: WebKitWebDriver's click leaves this checkbox, below
        // the scrolled page viewer, unticked.
        station
            .wait_for("sign-review-read")
            .await?
            .send_keys(" ")
            .await?;
        station.click("sign-review-confirm").await?;

        station.wait_for("sign-code").await?;
        station.click("sandbox-phone-toggle").await?;
        let code = text_of(station, "sandbox-phone-code").await?;
        check(
            code.len() >= 4 && code.chars().all(|c| c.is_ascii_digit()),
            format!("the sandbox phone should show a numeric code, not {code:?}"),
        )?;
        station.click("sandbox-phone-close").await?;
        type_into(station, "sign-code-input", &code).await?;
        station.click("sign-code-submit").await?;

        station.wait_for("sign-result").await?;
        station
            .wait_for_text("sign-result-verdict", "Valid: intact, trusted, timestamped")
            .await?;
        station
            .wait_for_text("sign-result-deleted", "Deleted after the verified backup")
            .await?;
        let signed = PathBuf::from(text_of(station, "sign-result-path").await?);
        check(
            signed.starts_with(station.data_dir()),
            format!(
                "the signed copy {} should be in the station's backup",
                signed.display()
            ),
        )?;
        let bytes = std::fs::read(&signed).map_err(|source| E2eError::Io {
            path: signed.clone(),
            source,
        })?;
        let original = sample_pdf("Loan agreement");
        check(
            bytes.starts_with(&original) && bytes.windows(10).any(|w| w == b"/ByteRange"),
            "the signed copy should be the original plus a signature",
        )?;
        // Visible: the signature's widget has an appearance, drawn in the box.
        check(
            bytes[original.len()..]
                .windows(4)
                .any(|w| &w[..3] == b"/AP" && !w[3].is_ascii_alphanumeric()),
            "the signature should be visible (a widget with an appearance stream)",
        )?;

        station.click("sign-result-report-toggle").await?;
        let id_number = text_of(station, "sign-report-id-number").await?;
        check(
            id_number.contains("00000023T"),
            format!("the report should name the signer's ID, not {id_number:?}"),
        )?;
        station
            .wait_for_text("sign-report-trust", "Trusted")
            .await?;
        Ok(())
    })
    .await
}
