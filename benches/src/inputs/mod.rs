//! Inputs the benchmarks make for themselves, from fixed seeds, so every run
//! and every machine measures the same bytes.

mod pdf;
mod photo;
mod random_file;

pub use pdf::{PdfSpec, write_pdf};
pub use photo::write_photo;
pub use random_file::write_random_file;

/// A small, fast, seedable generator (xorshift64*): enough to make content that
/// does not compress and to vary words and shapes, no cryptographic quality needed.
#[derive(Debug, Clone)]
pub struct Xorshift(u64);

impl Xorshift {
    pub fn new(seed: u64) -> Self {
        // Zero is xorshift's one fixed point.
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    pub fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_zero_is_usable() {
        let mut a = Xorshift::new(7);
        let mut b = Xorshift::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut zero = Xorshift::new(0);
        assert_ne!(zero.next_u64(), 0);
        let mut bytes = [0u8; 13];
        a.fill(&mut bytes);
        assert!(bytes.iter().any(|&b| b != 0));
        assert!((0..100).all(|_| a.below(10) < 10));
    }
}
