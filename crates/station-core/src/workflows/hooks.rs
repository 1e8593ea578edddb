//! Crash-test hooks, compiled only with the `test-hooks` feature: the crash test
//! stops a workflow process right after a chosen step boundary (every commit of a
//! step's state, and every answered Optimizer call) to prove that a restart on the
//! same database finishes the work with nothing lost and nothing signed twice.

#[cfg(feature = "test-hooks")]
mod enabled {
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Environment variable naming the boundary (counted from 1) to stop after.
    pub const STOP_AFTER_ENV: &str = "ONESHOT_TEST_STOP_AFTER";

    /// When set, every boundary is written to stderr as `test-hooks: boundary N label`.
    const TRACE_ENV: &str = "ONESHOT_TEST_TRACE_BOUNDARIES";

    static PASSED: AtomicU64 = AtomicU64::new(0);

    /// Counts a boundary and aborts the process (no destructor, no flush: like a
    /// crash) when it is the one named by [`STOP_AFTER_ENV`].
    pub fn boundary(label: &str) {
        let count = PASSED.fetch_add(1, Ordering::SeqCst) + 1;
        if std::env::var_os(TRACE_ENV).is_some() {
            eprintln!("test-hooks: boundary {count} {label}");
        }
        let stop = std::env::var(STOP_AFTER_ENV)
            .ok()
            .and_then(|value| value.parse::<u64>().ok());
        if stop == Some(count) {
            eprintln!("test-hooks: stopping after boundary {count} ({label})");
            std::process::abort();
        }
    }

    /// How many boundaries this process has passed.
    pub fn boundaries_passed() -> u64 {
        PASSED.load(Ordering::SeqCst)
    }
}

#[cfg(feature = "test-hooks")]
pub use enabled::{STOP_AFTER_ENV, boundaries_passed, boundary};

/// Without the `test-hooks` feature a boundary is nothing.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub(crate) fn boundary(_label: &str) {}
