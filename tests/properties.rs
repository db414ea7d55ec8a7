//! Property tests: round trips hold for any claims, hashing is HMAC-SHA256 for any input, and
//! any input to the verifiers and the request parsers is an error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use edge_tokens::*;
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use serde_json::Value;
use sha2::Sha256;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53)..(1i64 << 53)).prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const REGISTERED: [&str; 10] = [
    "sub", "sid", "rot", "iss", "aud", "typ", "exp", "iat", "nbf", "jti",
];

fn custom_claims() -> impl Strategy<Value = Payload> {
    prop::collection::btree_map(
        "[a-z_]{1,12}".prop_filter("registered claim", |k| !REGISTERED.contains(&k.as_str())),
        json_value(),
        0..6,
    )
    .prop_map(|m| m.into_iter().collect())
}

fn clock() -> ManualClock {
    ManualClock::new(NOW)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sign_then_verify_returns_the_claims(
        sub in "\\PC{1,40}",
        custom in custom_claims(),
        ttl in 1u64..1_000_000,
    ) {
        let key = access_key();
        let mut payload = custom.clone();
        payload.insert("sub".into(), Value::String(sub.clone()));
        let mut options = SignOptions::default();
        options.expires_in = Some(ttl);
        let token = generate_access_token(&payload, &key, &options, &clock()).unwrap();
        let claims = verify_access_token(&token, &key, &VerifyOptions::default(), &clock()).unwrap();
        prop_assert_eq!(claims.subject.as_deref(), Some(sub.as_str()));
        prop_assert_eq!(&claims.custom, &custom);
        prop_assert_eq!(claims.expires_at, NOW + i64::try_from(ttl).unwrap());
        let decoded = decode_token(&token).unwrap();
        prop_assert_eq!(&decoded.payload["sub"], &Value::String(sub));
    }

    #[test]
    fn hash_token_is_hmac_sha256(token in "\\PC{0,300}", key in prop::collection::vec(any::<u8>(), 32..96)) {
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(token.as_bytes());
        let expected: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        prop_assert_eq!(hash_token(&token, &HashKey::from_bytes(&key).unwrap()), expected);
    }

    #[test]
    fn any_bytes_to_the_verifiers_are_an_error_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        let key = access_key();
        prop_assert!(verify_access_token(&text, &key, &VerifyOptions::default(), &clock()).is_err());
        let _ = decode_token(&text);
        for content_type in [Some("application/json"), None, Some("text/plain")] {
            let _ = api::parse_issue_request(content_type, &bytes);
            let _ = api::parse_refresh_request(content_type, &bytes);
            let _ = api::parse_revoke_request(content_type, &bytes);
        }
        let _ = api::percent_decode_segment(&text);
        let _ = api::bearer_credential(Some(&text));
    }

    #[test]
    fn three_base64url_parts_of_garbage_are_an_error(
        parts in prop::collection::vec("[A-Za-z0-9_-]{0,300}", 3),
    ) {
        let token = parts.join(".");
        prop_assert!(verify_access_token(&token, &access_key(), &VerifyOptions::default(), &clock()).is_err());
    }

    #[test]
    fn changing_any_character_of_a_token_breaks_it(index in any::<prop::sample::Index>(), replacement in "[A-Za-z0-9_.-]") {
        let key = access_key();
        let mut payload = Payload::new();
        payload.insert("sub".into(), "u".into());
        let token = generate_access_token(&payload, &key, &SignOptions::default(), &clock()).unwrap();
        let i = index.index(token.len());
        let mut changed = token.clone();
        changed.replace_range(i..=i, &replacement);
        prop_assume!(changed != token);
        prop_assert!(verify_access_token(&changed, &key, &VerifyOptions::default(), &clock()).is_err());
    }

    #[test]
    fn refresh_tokens_round_trip_through_the_store(user in "\\PC{1,64}", custom in custom_claims()) {
        futures_executor::block_on(async {
            let clock = clock();
            let store = MemoryStore::new(&clock);
            let cfg = config();
            let pair = save_token(&store, &user, &custom, &cfg, &clock).await.unwrap();
            let claims = verify_refresh_token(&store, &pair.refresh_token, &cfg, &clock).await.unwrap();
            assert_eq!(claims.subject.as_deref(), Some(user.as_str()));
            assert_eq!(claims.custom, custom);
            let next = rotate_refresh_token(&store, &pair.refresh_token, &cfg, &clock).await.unwrap();
            let access = verify_access_token(&next.access_token, cfg.access_key(), cfg.verify_options(), &clock).unwrap();
            assert_eq!(access.custom, custom);
            for (key, value) in store.entries() {
                assert!(!key.contains(&user) || user.len() < 3);
                assert!(!value.contains(&next.refresh_token));
            }
        });
    }
}
