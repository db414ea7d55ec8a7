//! Any bytes as a token: the verifiers and the decoder must answer with an error, never panic.
#![no_main]

use edge_tokens::{
    decode_token, verify_access_token, Algorithm, JwtKey, ManualClock, VerifyOptions,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(key) = JwtKey::from_bytes("fuzz-access-secret-fuzz-access-secret", Algorithm::HS256)
    else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    let clock = ManualClock::new(1_767_225_600);
    // Without the key nothing can be forged, so any input must be refused.
    assert!(verify_access_token(&text, &key, &VerifyOptions::default(), &clock).is_err());
    let _ = decode_token(&text);
});
