//! Attacker-chosen header and claims JSON *with a valid signature*, so the fuzzer reaches the
//! code after the signature check (claims parsing, time and claim checks), which random
//! tokens never do. Input: header JSON, a 0 byte, payload JSON.
#![no_main]

use base64ct::{Base64UrlUnpadded, Encoding};
use edge_tokens::{
    decode_token, verify_access_token, Algorithm, JwtKey, ManualClock, VerifyOptions,
};
use libfuzzer_sys::fuzz_target;

fn b64url(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

fuzz_target!(|data: &[u8]| {
    let Ok(key) = JwtKey::from_bytes("fuzz-access-secret-fuzz-access-secret", Algorithm::HS256)
    else {
        return;
    };
    let (header, payload) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&br#"{"alg":"HS256","typ":"at+jwt"}"#[..], data),
    };
    let input = format!("{}.{}", b64url(header), b64url(payload));
    let token = format!("{input}.{}", b64url(&key.mac(input.as_bytes())));
    let clock = ManualClock::new(1_767_225_600);
    let options = VerifyOptions::default().issuer("fuzz").audience("api");
    if let Ok(claims) = verify_access_token(&token, &key, &options, &clock) {
        // Whatever passes must really satisfy the checks.
        assert!(claims.expires_at >= 1_767_225_600);
        assert_eq!(claims.issuer.as_deref(), Some("fuzz"));
        assert!(decode_token(&token).is_ok());
    }
    let _ = decode_token(&token);
});
