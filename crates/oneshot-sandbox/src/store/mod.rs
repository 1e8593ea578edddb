//! The sandbox's state on disk.
//!
//! Layout under the data directory (JSON files plus raw blobs rather than
//! SQLite: documents, images and videos are byte blobs that must come back
//! exactly as uploaded, each request lives in its own directory so concurrent
//! requests never share a file, and a tester can inspect everything with `ls`
//! and `cat`):
//!
//! ```text
//! tokens.json                      RAO tokens (no secrets)
//! ```

mod files;
mod tokens;

pub use files::blocking;
pub use tokens::{RaoToken, TokenBook};

use std::path::Path;

use crate::error::Error;

/// All persistent state of one sandbox.
#[derive(Debug)]
pub struct Store {
    /// RAO tokens.
    pub tokens: TokenBook,
}

impl Store {
    /// Opens (creating when needed) the data directory.
    pub fn open(root: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(root)?;
        Ok(Self {
            tokens: TokenBook::new(root.join("tokens.json")),
        })
    }
}
