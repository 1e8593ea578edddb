//! Counting the posts the receiver refuses, logged as one warning at most every
//! [`WARN_EVERY`] with the counts since the last one: a flood must be visible in
//! the log without writing a line per post (which would fill the disk and bury
//! everything else). Only counts are logged, never a path, body or secret.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// At most one refusal warning this often.
pub(super) const WARN_EVERY: Duration = Duration::from_secs(10);

/// Why a post was refused.
#[derive(Debug, Clone, Copy)]
pub(super) enum Refusal {
    /// Too many posts at once: answered 503 before reading the body.
    Busy,
    /// The workflows have not taken the earlier notifications yet: 503.
    QueueFull,
    /// Wrong secret, wrong path or not a profile number: 404.
    NotFound,
    /// Not `application/json`: 415.
    WrongType,
    /// Not a notification (bad JSON, unknown fields, missing values): 400.
    Malformed,
    /// Over the body limit: 413.
    TooLarge,
}

const KINDS: usize = 6;

impl Refusal {
    fn index(self) -> usize {
        self as usize
    }
}

/// Refusals counted since the last warning.
#[derive(Debug)]
pub(super) struct Refusals {
    counts: [AtomicU64; KINDS],
    /// When the last warning was written; `None` before the first.
    last_warning: Mutex<Option<Instant>>,
}

impl Refusals {
    pub(super) fn new() -> Self {
        Self {
            counts: Default::default(),
            last_warning: Mutex::new(None),
        }
    }

    /// Counts one refusal, and warns with the counts if the last warning is old
    /// enough (the first refusal of a quiet period is always reported).
    pub(super) fn count(&self, refusal: Refusal) {
        self.counts[refusal.index()].fetch_add(1, Ordering::Relaxed);
        let mut last = self
            .last_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last.is_some_and(|at| at.elapsed() < WARN_EVERY) {
            return;
        }
        *last = Some(Instant::now());
        drop(last);
        self.warn();
    }

    /// Writes whatever was counted since the last warning (when stopping).
    pub(super) fn flush(&self) {
        if self
            .counts
            .iter()
            .any(|count| count.load(Ordering::Relaxed) > 0)
        {
            self.warn();
        }
    }

    fn warn(&self) {
        let take = |refusal: Refusal| self.counts[refusal.index()].swap(0, Ordering::Relaxed);
        let busy = take(Refusal::Busy);
        let queue_full = take(Refusal::QueueFull);
        let not_found = take(Refusal::NotFound);
        let wrong_type = take(Refusal::WrongType);
        let malformed = take(Refusal::Malformed);
        let too_large = take(Refusal::TooLarge);
        let refused = busy + queue_full + not_found + wrong_type + malformed + too_large;
        if refused == 0 {
            return;
        }
        tracing::warn!(
            refused,
            busy,
            queue_full,
            not_found,
            wrong_type,
            malformed,
            too_large,
            "webhook receiver refused posts (counted since the last such warning, at most one every {} s)",
            WARN_EVERY.as_secs()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_taken_once() {
        let refusals = Refusals::new();
        refusals.count(Refusal::Busy);
        // The first refusal warned and reset the counts; these wait for the next.
        refusals.count(Refusal::Malformed);
        refusals.count(Refusal::TooLarge);
        let pending: u64 = refusals
            .counts
            .iter()
            .map(|count| count.load(Ordering::Relaxed))
            .sum();
        assert_eq!(pending, 2);
        refusals.flush();
        assert!(
            refusals
                .counts
                .iter()
                .all(|count| count.load(Ordering::Relaxed) == 0)
        );
    }
}
