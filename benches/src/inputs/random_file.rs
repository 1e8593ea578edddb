//! A large file of incompressible bytes, for hashing.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::Xorshift;
use crate::error::{IoContext, Result};

/// Writes `size` pseudo-random bytes to `path`, 1 MiB at a time.
pub fn write_random_file(path: &Path, size: u64, seed: u64) -> Result<()> {
    let file = File::create(path).at(path)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Xorshift::new(seed);
    let mut block = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let take = usize::try_from(left.min(block.len() as u64)).unwrap_or(block.len());
        rng.fill(&mut block[..take]);
        out.write_all(&block[..take]).at(path)?;
        left -= take as u64;
    }
    out.flush().at(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_exactly_the_size_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.bin");
        write_random_file(&path, (1 << 20) + 3, 1).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), (1 << 20) + 3);
    }
}
