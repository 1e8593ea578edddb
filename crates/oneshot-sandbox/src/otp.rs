//! One-time passwords: six random digits, valid five minutes, void after
//! three wrong tries.
//!
//! Only a salted SHA-256 of the code is stored with the request, so the code
//! itself is never written to disk; the sandbox's outbox (memory only) is the
//! one place that shows it, like the user's phone would.

use rand::Rng;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::secret::Secret;

/// How long a code stays valid.
pub const OTP_VALIDITY: Duration = Duration::minutes(5);
/// Wrong answers allowed before the code is void.
pub const OTP_TRIES: u8 = 3;

/// How the code reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryMethod {
    Sms,
    Whatsapp,
}

impl DeliveryMethod {
    pub fn parse(word: &str) -> Option<Self> {
        match word.trim().to_ascii_lowercase().as_str() {
            "sms" => Some(Self::Sms),
            "whatsapp" => Some(Self::Whatsapp),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Whatsapp => "whatsapp",
        }
    }
}

/// The stored, verifiable form of an outstanding code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingOtp {
    salt: String,
    hash: String,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: OffsetDateTime,
    tries_left: u8,
    pub channel: DeliveryMethod,
}

/// What checking a code said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpCheck {
    /// Right code: it is now used up.
    Accepted,
    /// Wrong code; the pending code stays (with one try fewer) unless it ran out.
    Rejected,
}

impl PendingOtp {
    /// Draws a new code; returns the stored form and the code for the outbox.
    pub fn generate(channel: DeliveryMethod, now: OffsetDateTime) -> (Self, Secret) {
        let code = format!("{:06}", OsRng.gen_range(0..1_000_000u32));
        let salt = hex::encode(rand::random::<[u8; 16]>());
        let hash = digest(&salt, &code);
        let pending = Self {
            salt,
            hash,
            expires_at: now + OTP_VALIDITY,
            tries_left: OTP_TRIES,
            channel,
        };
        (pending, Secret::new(code))
    }

    /// Checks `answer`; on a wrong answer the remaining tries go down by one.
    pub fn check(&mut self, answer: &Secret, now: OffsetDateTime) -> OtpCheck {
        if now > self.expires_at || self.tries_left == 0 {
            return OtpCheck::Rejected;
        }
        if digest(&self.salt, answer.expose().trim()) == self.hash {
            OtpCheck::Accepted
        } else {
            self.tries_left -= 1;
            OtpCheck::Rejected
        }
    }
}

fn digest(salt: &str, code: &str) -> String {
    hex::encode(
        Sha256::new()
            .chain_update(salt)
            .chain_update(code)
            .finalize(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(s: &str) -> Secret {
        Secret::new(s)
    }

    #[test]
    fn right_code_is_accepted_and_code_is_six_digits() {
        let now = OffsetDateTime::now_utc();
        let (mut otp, code) = PendingOtp::generate(DeliveryMethod::Sms, now);
        assert_eq!(code.expose().len(), 6);
        assert!(code.expose().chars().all(|c| c.is_ascii_digit()));
        assert_eq!(otp.check(&code, now), OtpCheck::Accepted);
    }

    #[test]
    fn three_wrong_tries_void_the_code() {
        let now = OffsetDateTime::now_utc();
        let (mut otp, code) = PendingOtp::generate(DeliveryMethod::Whatsapp, now);
        let wrong = if code.expose() == "000000" {
            "111111"
        } else {
            "000000"
        };
        for _ in 0..OTP_TRIES {
            assert_eq!(otp.check(&answer(wrong), now), OtpCheck::Rejected);
        }
        assert_eq!(otp.check(&code, now), OtpCheck::Rejected);
    }

    #[test]
    fn expired_code_is_rejected() {
        let now = OffsetDateTime::now_utc();
        let (mut otp, code) = PendingOtp::generate(DeliveryMethod::Sms, now);
        let later = now + OTP_VALIDITY + Duration::seconds(1);
        assert_eq!(otp.check(&code, later), OtpCheck::Rejected);
    }

    #[test]
    fn stored_form_never_contains_the_code() {
        let now = OffsetDateTime::now_utc();
        let (otp, code) = PendingOtp::generate(DeliveryMethod::Sms, now);
        let json = serde_json::to_string(&otp).unwrap();
        assert!(!json.contains(code.expose()));
    }
}
