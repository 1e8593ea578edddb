//! Pictures for visible signatures (a handwritten signature, a seal) held by the
//! Optimizer: PNG or JPEG.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use oneshot_api::{FileSize, FileSource, StoredFile};

use super::AdminService;
use super::models::{SignatureImage, SignatureImagePreview};
use crate::error::{Error, Result};

impl AdminService {
    /// Every signature picture, ordered by uid.
    pub async fn signature_images(&self) -> Result<Vec<SignatureImage>> {
        let client = self.signed_in().await?.client;
        Ok(client
            .images()
            .list()
            .await?
            .into_iter()
            .map(describe)
            .collect())
    }

    /// Uploads the PNG or JPEG at `path` (checked by its first bytes, not its name)
    /// and answers the pictures now held.
    pub async fn add_signature_image(&self, path: PathBuf) -> Result<Vec<SignatureImage>> {
        let checked = path.clone();
        tokio::task::spawn_blocking(move || picture_kind(&checked))
            .await
            .map_err(|error| Error::Task(error.to_string()))??;
        let client = self.signed_in().await?.client;
        client.images().upload(FileSource::path(path)).await?;
        self.signature_images().await
    }

    /// The picture itself, ready for an `<img>`.
    pub async fn signature_image_preview(&self, uid: &str) -> Result<SignatureImagePreview> {
        let client = self.signed_in().await?.client;
        let bytes = client.images().retrieve(uid).await?;
        let mime = sniff(&bytes).ok_or_else(|| Error::SignatureImage {
            path: PathBuf::from(uid),
            reason: "the Optimizer sent something that is not a PNG or JPEG".into(),
        })?;
        Ok(SignatureImagePreview {
            uid: uid.to_owned(),
            data_url: format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            ),
        })
    }

    /// Deletes one picture and answers those left.
    pub async fn delete_signature_image(&self, uid: &str) -> Result<Vec<SignatureImage>> {
        let client = self.signed_in().await?.client;
        client.images().delete(uid).await?;
        self.signature_images().await
    }

    /// Deletes every picture.
    pub async fn delete_all_signature_images(&self) -> Result<()> {
        let client = self.signed_in().await?.client;
        client.images().delete_all().await?;
        Ok(())
    }
}

fn describe(file: StoredFile) -> SignatureImage {
    let (width, height) = match file.size {
        FileSize::Pixels(width, height) => (Some(width), Some(height)),
        _ => (None, None),
    };
    SignatureImage {
        uid: file.uid,
        file_name: file.filename,
        mime: file.mime,
        width,
        height,
        uploaded: file.upload_date,
    }
}

fn picture_kind(path: &Path) -> Result<&'static str> {
    let refuse = |reason: String| Error::SignatureImage {
        path: path.to_owned(),
        reason,
    };
    let mut head = [0u8; 8];
    let mut file = std::fs::File::open(path).map_err(|error| refuse(error.to_string()))?;
    let read = file
        .read(&mut head)
        .map_err(|error| refuse(error.to_string()))?;
    sniff(&head[..read]).ok_or_else(|| refuse("not a PNG or JPEG picture".into()))
}

/// The MIME type that the first bytes announce, for the two kinds the Optimizer takes.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_told_by_their_first_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("signature.jpg");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n....").unwrap();
        assert_eq!(picture_kind(&png).unwrap(), "image/png");
        let pdf = dir.path().join("signature.png");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        assert_eq!(
            picture_kind(&pdf).unwrap_err().code(),
            "admin.signature_image"
        );
        assert_eq!(
            picture_kind(&dir.path().join("missing.png"))
                .unwrap_err()
                .code(),
            "admin.signature_image"
        );
    }
}
