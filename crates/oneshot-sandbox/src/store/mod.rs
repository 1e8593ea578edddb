//! The sandbox's state on disk.
//!
//! JSON files plus raw blobs rather than SQLite: documents, images and videos
//! are byte blobs that must come back exactly as uploaded; each request lives in
//! its own directory so concurrent requests never share a file; every write is
//! atomic (temp file, fsync, rename); and a tester can inspect everything with
//! `ls` and `cat`. Layout under the data directory:
//!
//! ```text
//! settings.ini                          defaults (general, tsa, billing, request, proxy)
//! tokens.json                           RAO tokens (flags only, no secrets)
//! metadata/<uid>.json                   uploaded signature metadata {oid, metadata}
//! images/<uuid>/{meta.json,image}       pictures for visible signatures
//! requests/counters.json                last request and Video ID numbers
//! requests/<pk>/request.json            the signature request (no OTP, no passwords)
//! requests/<pk>/identity/<field>.<ext>  ID document pictures
//! requests/<pk>/documents/<uuid>/       meta.json, original, signed (PDF or .p7m)
//! requests/<pk>/contract/               original.pdf, signed.pdf
//! requests/<pk>/videoid/                evidences.json, pictures, video
//! pki/                                  the local CA, issuing CA and TSA (pki module)
//! ```

mod documents;
mod files;
mod images;
mod metadata;
mod requests;
mod settings;
mod tokens;

pub use documents::{CONTRACT_UID, DocumentKind, DocumentMeta, Variant};
pub use files::{blocking, remove_dir};
pub use images::{ImageInfo, ImageShelf};
pub use metadata::{MetadataEntry, MetadataShelf};
pub use requests::{RequestBook, RequestLock, parse_pk};
pub use settings::SettingsFile;
pub use tokens::{RaoToken, TokenBook};

use std::path::Path;

use crate::error::Error;

/// All persistent state of one sandbox.
#[derive(Debug)]
pub struct Store {
    pub settings: SettingsFile,
    pub tokens: TokenBook,
    pub metadata: MetadataShelf,
    pub images: ImageShelf,
    pub requests: RequestBook,
}

impl Store {
    /// Opens (creating when needed) the data directory.
    pub fn open(root: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(root)?;
        Ok(Self {
            settings: SettingsFile::open(root.join("settings.ini"))?,
            tokens: TokenBook::new(root.join("tokens.json")),
            metadata: MetadataShelf::new(root.join("metadata")),
            images: ImageShelf::new(root.join("images")),
            requests: RequestBook::new(root.join("requests")),
        })
    }
}
