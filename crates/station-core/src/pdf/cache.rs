//! Rendered pages kept for re-display (scrolling back, thumbnails), bounded in
//! bytes: a 150 dpi A4 page is ~9 MB as RGBA, so a count bound would mean nothing.

use bytes::Bytes;
use lru::LruCache;

use super::models::{PixelFormat, RenderCacheStats};

/// What a render is: the same file, page, pixel size and encoding give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct RenderKey {
    pub digest: String,
    pub page: u32,
    pub width: u32,
    pub height: u32,
    pub format: PixelFormat,
}

#[derive(Debug)]
pub(super) struct RenderCache {
    pages: LruCache<RenderKey, Bytes>,
    budget: usize,
    held: usize,
    hits: u64,
    misses: u64,
}

impl RenderCache {
    pub fn new(budget: usize) -> Self {
        Self {
            pages: LruCache::unbounded(),
            budget,
            held: 0,
            hits: 0,
            misses: 0,
        }
    }

    /// The cached render, counted as a hit or a miss.
    pub fn get(&mut self, key: &RenderKey) -> Option<Bytes> {
        let found = self.pages.get(key).cloned();
        if found.is_some() {
            self.hits += 1;
        } else {
            self.misses += 1;
        }
        found
    }

    /// Looks without counting (to reuse raw pixels for another encoding).
    pub fn peek(&self, key: &RenderKey) -> Option<Bytes> {
        self.pages.peek(key).cloned()
    }

    /// Keeps `bytes`, evicting the least recently used renders beyond the budget.
    /// A render larger than the whole budget is not kept.
    pub fn put(&mut self, key: RenderKey, bytes: Bytes) {
        if bytes.len() > self.budget {
            return;
        }
        self.held += bytes.len();
        if let Some(old) = self.pages.put(key, bytes) {
            self.held -= old.len();
        }
        while self.held > self.budget {
            match self.pages.pop_lru() {
                Some((_, evicted)) => self.held -= evicted.len(),
                None => break,
            }
        }
    }

    pub fn stats(&self) -> RenderCacheStats {
        RenderCacheStats {
            hits: self.hits,
            misses: self.misses,
            entries: u32::try_from(self.pages.len()).unwrap_or(u32::MAX),
            bytes: self.held as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(page: u32) -> RenderKey {
        RenderKey {
            digest: "d".into(),
            page,
            width: 10,
            height: 10,
            format: PixelFormat::Rgba,
        }
    }

    #[test]
    fn evicts_least_recently_used_beyond_the_byte_budget() {
        let mut cache = RenderCache::new(250);
        cache.put(key(0), Bytes::from(vec![0; 100]));
        cache.put(key(1), Bytes::from(vec![1; 100]));
        assert!(cache.get(&key(0)).is_some());
        cache.put(key(2), Bytes::from(vec![2; 100]));
        assert!(
            cache.get(&key(1)).is_none(),
            "page 1 was least recently used"
        );
        assert!(cache.get(&key(0)).is_some() && cache.get(&key(2)).is_some());
        cache.put(key(3), Bytes::from(vec![3; 300]));
        assert!(cache.peek(&key(3)).is_none(), "larger than the budget");
        let stats = cache.stats();
        assert_eq!((stats.entries, stats.bytes), (2, 200));
        assert_eq!((stats.hits, stats.misses), (3, 1));
    }

    #[test]
    fn replacing_a_render_keeps_the_count_right() {
        let mut cache = RenderCache::new(1000);
        cache.put(key(0), Bytes::from(vec![0; 100]));
        cache.put(key(0), Bytes::from(vec![0; 40]));
        assert_eq!(cache.stats().bytes, 40);
    }
}
