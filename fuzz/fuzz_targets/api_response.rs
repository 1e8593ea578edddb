//! Hostile answers to every operation of the client, decoded exactly as
//! `.await` decodes the Optimizer's: never a panic; an error keeps the HTTP
//! status and says whether to retry; a success re-encodes to itself.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use oneshot_api::fuzzing::decode_answer;
use oneshot_api::{
    Call, Client, ClientOptions, DeliveryMethod, DocumentKind, DocumentUpload, Error, FileSource,
    NewSignatureRequest, NewVideoIdRequest, RaoCredentials, Secret, SignOptions, SignatureMetadata,
    Signer,
};
use oneshot_fuzz::block_on;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Statuses the Optimizer and the proxies in front of it answer.
const STATUSES: [u16; 12] = [200, 200, 200, 201, 400, 403, 404, 412, 415, 500, 502, 504];

fuzz_target!(|input: &[u8]| {
    let Some((&selector, body)) = input.split_first() else {
        return;
    };
    let status = STATUSES[usize::from(selector) % STATUSES.len()];
    let content_type = (selector & 0x80 == 0).then_some("application/json");
    block_on(every_operation(status, content_type, body));
});

fn client() -> Client {
    Client::new(ClientOptions::new("http://optimizer.invalid")).expect("a client")
}

fn token() -> RaoCredentials {
    RaoCredentials::Token {
        token: Secret::new("fd6a21e6fb7d43b9893a520d67d6ff60"),
        rao: None,
    }
}

async fn every_operation(status: u16, content_type: Option<&str>, body: &[u8]) {
    let client = client();
    let answer = Answer {
        status,
        content_type,
        body,
    };
    let settings = client.settings();
    answer.round_trip(|| settings.hello(), as_is).await;
    answer.round_trip(|| settings.version(), as_is).await;
    answer.round_trip(|| settings.get(), as_is).await;
    answer
        .round_trip(|| settings.update(&Default::default()), as_is)
        .await;

    let tokens = client.tokens();
    let secret = Secret::new("fd6a21e6fb7d43b9893a520d67d6ff60");
    answer
        .round_trip(
            || {
                tokens.create(&oneshot_api::NewToken {
                    username: "1125824".into(),
                    password: None,
                    pin: None,
                    env: None,
                })
            },
            as_is,
        )
        .await;
    answer.round_trip(|| tokens.get(&secret), as_is).await;
    answer.decode(tokens.list()).await;
    answer.round_trip(|| tokens.delete(&secret), as_is).await;

    let metadata = client.metadata();
    let entry = SignatureMetadata {
        oid: "1.2.3.4".into(),
        metadata: "value".into(),
    };
    answer
        .round_trip(|| metadata.upload(&entry), |uid| json!({ "metadata": uid }))
        .await;
    answer.decode(metadata.list()).await;
    answer.round_trip(|| metadata.get("m1"), as_is).await;
    answer.round_trip(|| metadata.delete("m1"), as_is).await;
    answer.round_trip(|| metadata.delete_all(), as_is).await;

    let images = client.images();
    answer
        .round_trip(
            || images.upload(FileSource::memory("sign.png", b"\x89PNG".to_vec())),
            as_is,
        )
        .await;
    answer.bytes(images.retrieve("i1")).await;
    answer.round_trip(|| images.delete("i1"), as_is).await;
    answer.decode(images.list()).await;
    answer.round_trip(|| images.delete_all(), as_is).await;

    let documents = client.documents();
    let pdf = |name: &str| DocumentUpload::Pdf(FileSource::memory(name, b"%PDF-1.7".to_vec()));
    answer
        .decode(documents.upload_batch(1, vec![pdf("a.pdf")], None))
        .await;
    answer
        .decode(documents.upload_batch(1, vec![pdf("a.pdf"), pdf("b.pdf")], None))
        .await;
    answer
        .bytes(documents.retrieve(1, DocumentKind::Signed, "u1"))
        .await;
    answer
        .round_trip(|| documents.delete(1, DocumentKind::Original, "u1"), as_is)
        .await;
    answer.decode(documents.list(1)).await;
    answer.round_trip(|| documents.delete_all(1), as_is).await;
    answer.bytes(documents.contract(1)).await;

    let requests = client.requests();
    answer
        .round_trip(
            || requests.create(NewSignatureRequest::new(token(), Signer::default())),
            as_is,
        )
        .await;
    answer.round_trip(|| requests.get(1), as_is).await;
    answer
        .round_trip(|| requests.status(1), |status| json!({ "status": status }))
        .await;
    answer.round_trip(|| requests.async_status(1), as_is).await;
    answer
        .round_trip(
            || requests.generate_otp(1, Some(DeliveryMethod::Sms)),
            as_is,
        )
        .await;
    answer
        .round_trip(|| requests.sign(1, &SignOptions::default()), as_is)
        .await;

    let videoid = client.videoid();
    answer
        .round_trip(|| videoid.create(&NewVideoIdRequest::default()), as_is)
        .await;
    answer
        .round_trip(
            || videoid.upload_video(1, FileSource::memory("v.webm", vec![0]), None),
            as_is,
        )
        .await;
    answer
        .round_trip(|| videoid.approve(1, &token()), as_is)
        .await;
    answer
        .round_trip(|| videoid.refuse(1, &token(), "blurry"), as_is)
        .await;
    answer.round_trip(|| videoid.cancel(1), as_is).await;
    answer.bytes(videoid.download_video(1)).await;
}

/// The `details` a decoded value re-encodes to, when it is the value itself.
fn as_is<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("decoded values serialize")
}

struct Answer<'a> {
    status: u16,
    content_type: Option<&'a str>,
    body: &'a [u8],
}

impl Answer<'_> {
    async fn decode<T: Debug + Send + 'static, K>(&self, call: Call<T, K>) -> Option<T> {
        let operation = call.operation();
        let outcome = decode_answer(call, self.status, self.content_type, self.body.to_vec()).await;
        match outcome {
            Ok(value) => {
                assert!(
                    (200..300).contains(&self.status) || self.status == 404,
                    "{operation}: HTTP {} decoded as a success: {value:?}",
                    self.status
                );
                Some(value)
            }
            Err(error) => {
                self.check_error(operation, &error);
                None
            }
        }
    }

    fn check_error(&self, operation: &str, error: &Error) {
        match error {
            Error::Api { http_status, .. } => {
                assert!(!(200..300).contains(http_status), "{operation}: {error:?}");
            }
            Error::Decode { excerpt, .. } => {
                assert!(excerpt.chars().count() <= 200, "{operation}: long excerpt");
            }
            other => panic!("{operation}: a canned answer gave {other:?}"),
        }
        assert_eq!(
            error.http_status(),
            Some(self.status),
            "{operation}: {error:?}"
        );
        assert_eq!(
            error.is_retryable(),
            matches!(self.status, 502..=504),
            "{operation}: {error:?}"
        );
        assert_eq!(error.operation(), Some(operation), "{error:?}");
    }

    /// Decodes, and when that succeeds, checks that the value's own encoding
    /// (as `details` of a 200 answer) decodes to the same value.
    async fn round_trip<T, K>(&self, call: impl Fn() -> Call<T, K>, details: impl Fn(&T) -> Value)
    where
        T: Debug + PartialEq + Serialize + DeserializeOwned + Send + 'static,
    {
        let Some(value) = self.decode(call()).await else {
            return;
        };
        if !(200..300).contains(&self.status) {
            return;
        }
        let operation = call().operation();
        let encoded = json!({ "status": "200 OK", "details": details(&value) });
        let again = decode_answer(
            call(),
            200,
            Some("application/json"),
            serde_json::to_vec(&encoded).expect("JSON"),
        )
        .await
        .unwrap_or_else(|error| panic!("{operation}: {encoded} does not decode: {error:?}"));
        assert_eq!(again, value, "{operation}: re-encoded as {encoded}");
    }

    /// Binary answers come back byte for byte.
    async fn bytes<K>(&self, call: Call<bytes::Bytes, K>) {
        if let Some(bytes) = self.decode(call).await
            && (200..300).contains(&self.status)
        {
            assert_eq!(&bytes[..], self.body);
        }
    }
}
