//! When and how often a call that is safe to repeat is repeated.

use std::time::Duration;

use rand::Rng;

/// How a repeatable call (a read or a delete) is retried after a transport
/// failure or a 502/503/504.
///
/// Calls that change state (create, OTP, sign, approve, refuse, uploads) are
/// always sent once, whatever the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    /// `max_attempts` tries in all, waiting about `base_delay`, then twice that,
    /// and so on, never more than `max_delay` between tries.
    pub fn new(max_attempts: u32, base_delay: Duration, max_delay: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            base_delay,
            max_delay: max_delay.max(base_delay),
        }
    }

    /// One try, no retry.
    pub fn never() -> Self {
        Self::new(1, Duration::ZERO, Duration::ZERO)
    }

    /// Tries in all, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The pause before try number `next_attempt` (2 for the first retry).
    ///
    /// Exponential with jitter, so a pool of stations does not hammer a
    /// recovering Optimizer in lockstep. A server's `Retry-After` wins when it is
    /// shorter than `max_delay`.
    pub(crate) fn delay(&self, next_attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after.filter(|wait| *wait <= self.max_delay) {
            return wait;
        }
        let exponent = next_attempt.saturating_sub(2).min(16);
        let full = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        full.mul_f64(rand::thread_rng().gen_range(0.5..=1.0))
    }
}

impl Default for RetryPolicy {
    /// Three tries, 250 ms then 500 ms apart (jittered), at most 4 s.
    fn default() -> Self {
        Self::new(3, Duration::from_millis(250), Duration::from_secs(4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::new(6, Duration::from_millis(100), Duration::from_millis(300));
        let first = policy.delay(2, None);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
        let later = policy.delay(6, None);
        assert!(later >= Duration::from_millis(150) && later <= Duration::from_millis(300));
        assert_eq!(
            policy.delay(2, Some(Duration::from_millis(10))),
            Duration::from_millis(10)
        );
        assert_eq!(RetryPolicy::never().max_attempts(), 1);
    }
}
