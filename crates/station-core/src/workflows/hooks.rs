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

    /// Environment variable naming a boundary (counted from 1) to hold the process
    /// at, announced on stderr, until someone kills it (SIGKILL from the outside,
    /// while the process's other tasks go on).
    const PAUSE_AT_ENV: &str = "ONESHOT_TEST_PAUSE_AT";

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
        let pause = std::env::var(PAUSE_AT_ENV)
            .ok()
            .and_then(|value| value.parse::<u64>().ok());
        if pause == Some(count) {
            eprintln!("test-hooks: pausing at boundary {count} ({label})");
            // Blocks this worker only: the process's other tasks keep running
            // until the kill, as they would at a real crash.
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
    }

    /// How many boundaries this process has passed.
    pub fn boundaries_passed() -> u64 {
        PASSED.load(Ordering::SeqCst)
    }

    /// Client timeout (ms) set by [`set_client_timeout`]; 0: the defaults.
    static CLIENT_TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);

    /// Makes every Optimizer client built from now on in this process give up
    /// after `timeout` (ordinary calls, sign and transfers alike), so the fault
    /// tests can show a call outlasting its timeout without waiting a minute.
    pub fn set_client_timeout(timeout: std::time::Duration) {
        let ms = u64::try_from(timeout.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        CLIENT_TIMEOUT_MS.store(ms, Ordering::SeqCst);
    }

    /// `options` with the timeout set by [`set_client_timeout`], if any.
    pub(crate) fn client_options(
        options: oneshot_api::ClientOptions,
    ) -> oneshot_api::ClientOptions {
        match CLIENT_TIMEOUT_MS.load(Ordering::SeqCst) {
            0 => options,
            ms => {
                let timeout = std::time::Duration::from_millis(ms);
                options
                    .request_timeout(timeout)
                    .sign_timeout(timeout)
                    .transfer_timeout(timeout)
            }
        }
    }
}

#[cfg(feature = "test-hooks")]
pub(crate) use enabled::client_options;
#[cfg(feature = "test-hooks")]
pub use enabled::{STOP_AFTER_ENV, boundaries_passed, boundary, set_client_timeout};

/// Without the `test-hooks` feature a boundary is nothing.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub(crate) fn boundary(_label: &str) {}

/// Without the `test-hooks` feature clients keep their configured timeouts.
#[cfg(not(feature = "test-hooks"))]
#[inline(always)]
pub(crate) fn client_options(options: oneshot_api::ClientOptions) -> oneshot_api::ClientOptions {
    options
}
