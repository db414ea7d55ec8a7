//! The npm facade inside a real wasm32 runtime (Node, via wasm-bindgen-test-runner): the clock
//! comes from `Date.now()`, random ids from `crypto.getRandomValues`, errors cross as `Error`s.
#![cfg(all(target_arch = "wasm32", feature = "npm"))]

use edge_tokens::*;
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

fn js_now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[wasm_bindgen_test]
fn sign_and_verify_with_the_js_clock() {
    let clock = FnClock(js_now);
    let key = JwtKey::from_bytes([9u8; 32], Algorithm::HS256).unwrap();
    let mut payload = Payload::new();
    payload.insert("sub".into(), json!("wasm-user"));
    let a = generate_access_token(&payload, &key, &SignOptions::default(), &clock).unwrap();
    let b = generate_access_token(&payload, &key, &SignOptions::default(), &clock).unwrap();
    assert_ne!(a, b, "jti must come from a working random source");
    let claims = verify_access_token(&a, &key, &VerifyOptions::default(), &clock).unwrap();
    assert_eq!(claims.subject.as_deref(), Some("wasm-user"));
    let now = js_now();
    assert!((claims.issued_at.unwrap() - now).abs() <= 1);
}

#[wasm_bindgen_test]
async fn lifecycle_on_wasm() {
    let clock = FnClock(js_now);
    let store = MemoryStore::new(clock);
    let config = SessionConfig::new(
        &SecretKey::new([1u8; 32]).unwrap(),
        &SecretKey::new([2u8; 32]).unwrap(),
        &SecretKey::new([3u8; 32]).unwrap(),
        // No grace period: the replay below is reuse at once.
        SessionSettings::default().grace_period(0),
    )
    .unwrap();
    let pair = save_token(&store, "u", &Payload::new(), &config, &clock)
        .await
        .unwrap();
    let next = rotate_refresh_token(&store, &pair.refresh_token, &config, &clock)
        .await
        .unwrap();
    let err = verify_refresh_token(&store, &pair.refresh_token, &config, &clock)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "ERR_REFRESH_TOKEN_REUSED");
    let err = verify_refresh_token(&store, &next.refresh_token, &config, &clock)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "ERR_REFRESH_TOKEN_REVOKED");
}

#[wasm_bindgen_test]
fn hash_matches_known_vector() {
    let key = HashKey::from_bytes([0x0b; 32]).unwrap();
    assert_eq!(
        hash_token("Hi There", &key),
        "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"
    );
}
