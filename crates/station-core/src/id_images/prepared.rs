//! ID pictures kept in the station's data folder, ready for a request to upload:
//! from a file the officer chose or a picture the station's camera took.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::Serialize;
use ts_rs::TS;

use super::edit::IdImageEdit;
use super::models::IdImageReport;
use super::normalize_edited_id_image_blocking;
use super::sniff::{PictureKind, sniff};
use crate::backup::write_file_atomically;
use crate::data_dir::DataDir;
use crate::error::{Error, Result};

/// An ID picture made fit to upload, kept in the station's data folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreparedIdImage {
    /// The upright, resized JPEG the request will upload.
    pub path: PathBuf,
    /// The picture it was made from, kept as received: a new turn or crop starts from it.
    pub source: PathBuf,
    /// The file name the officer sees (the chosen file's, or the camera picture's).
    pub source_name: String,
    /// Whether the station's camera took the picture.
    pub captured: bool,
    /// The turns and crop applied to `source`.
    pub edit: IdImageEdit,
    /// Size, quality measures and hints.
    pub report: IdImageReport,
    /// The JPEG as a `data:` URL, for the preview.
    pub preview: String,
}

/// The folder of prepared ID pictures (`id-images` in the data directory).
#[derive(Debug, Clone)]
pub struct IdImageFolder {
    root: PathBuf,
}

impl IdImageFolder {
    /// The folder at `root` (created when the first picture is kept).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The station's folder inside its data directory.
    pub fn in_data_dir(data_dir: &DataDir) -> Self {
        Self::new(data_dir.root().join("id-images"))
    }

    /// Where the pictures are kept.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Normalises the picture in `source` with the officer's `edit` and keeps the result
    /// (not the original) for the request.
    pub async fn prepare_file(
        &self,
        source: PathBuf,
        edit: IdImageEdit,
    ) -> Result<PreparedIdImage> {
        let root = self.root.clone();
        run_blocking(move || {
            let bytes = std::fs::read(&source).map_err(|error| Error::UnreadableFile {
                path: source.clone(),
                source: error,
            })?;
            let captured = is_camera_picture(&root, &source);
            keep_normalized(&root, &bytes, source, edit, captured)
        })
        .await
    }

    /// Keeps a camera picture as received (JPEG or PNG; a later turn or crop starts from
    /// it, not from the reduced copy), then prepares it like a chosen file.
    pub async fn prepare_captured(&self, bytes: Vec<u8>) -> Result<PreparedIdImage> {
        let root = self.root.clone();
        run_blocking(move || {
            // Refused before anything is written: only pictures land in the folder.
            let extension = match sniff(&bytes)? {
                PictureKind::Jpeg => "jpg",
                PictureKind::Png => "png",
            };
            let source = root.join(format!("{CAMERA_PREFIX}{}.{extension}", unique_name()));
            create_folder(&root)?;
            write_file_atomically(&source, &bytes)?;
            keep_normalized(&root, &bytes, source, IdImageEdit::default(), true)
        })
        .await
    }
}

fn keep_normalized(
    root: &Path,
    bytes: &[u8],
    source: PathBuf,
    edit: IdImageEdit,
    captured: bool,
) -> Result<PreparedIdImage> {
    let normalized = normalize_edited_id_image_blocking(bytes, &edit)?;
    create_folder(root)?;
    let path = root.join(format!("{}.jpg", unique_name()));
    write_file_atomically(&path, &normalized.jpeg)?;
    let source_name = source
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(PreparedIdImage {
        path,
        source,
        source_name,
        captured,
        edit,
        report: normalized.report,
        preview: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&normalized.jpeg)
        ),
    })
}

/// Camera pictures kept as taken are named `camera-<unique>.jpg|png` in the folder.
const CAMERA_PREFIX: &str = "camera-";

fn is_camera_picture(root: &Path, source: &Path) -> bool {
    source.parent() == Some(root)
        && source
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(CAMERA_PREFIX))
}

fn create_folder(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|source| Error::UnreadableFile {
        path: root.to_owned(),
        source,
    })
}

/// A fresh file name: two pictures never overwrite each other, even of the same file.
fn unique_name() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

async fn run_blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}
