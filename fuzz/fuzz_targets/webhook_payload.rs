//! Webhook bodies as the Optimizer (or anyone who learned the URL) may post
//! them: decoding never panics, refusals are decode errors, and an accepted
//! notification re-encodes to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oneshot_api::{Error, StatusNotification};

fuzz_target!(|body: &[u8]| {
    match StatusNotification::from_json(body) {
        Ok(notification) => {
            assert!(body.len() <= 64 * 1024, "an oversized body was accepted");
            let encoded = serde_json::to_vec(&notification).expect("notifications serialize");
            let again = StatusNotification::from_json(&encoded)
                .unwrap_or_else(|error| panic!("{notification:?} re-encoded is refused: {error}"));
            assert_eq!(again, notification);
        }
        Err(Error::Decode {
            operation: "webhook",
            excerpt,
            ..
        }) => {
            assert!(excerpt.chars().count() <= 200, "long excerpt");
        }
        Err(other) => panic!("a webhook body gave {other:?}"),
    }
});
