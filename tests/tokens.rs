//! Signing, verifying and decoding single tokens, and every way verification refuses.

mod common;

use base64ct::{Base64UrlUnpadded, Encoding};
use common::*;
use edge_tokens::*;
use serde_json::json;

const RFC7515_A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC7515_A1_KEY: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

fn rfc_key() -> JwtKey {
    JwtKey::from_bytes(
        Base64UrlUnpadded::decode_vec(RFC7515_A1_KEY).unwrap(),
        Algorithm::HS256,
    )
    .unwrap()
}

#[test]
fn rfc7515_appendix_a1_signature() {
    let (input, sig) = RFC7515_A1_TOKEN.rsplit_once('.').unwrap();
    assert_eq!(
        Base64UrlUnpadded::encode_string(&rfc_key().mac(input.as_bytes())),
        sig
    );
    // The vector is typed `JWT`, which an access-token verifier must refuse (RFC 9068 §4)
    // even with the right key and a clock before its `exp`.
    let clock = ManualClock::new(1_300_819_000);
    let err = verify_access_token(
        RFC7515_A1_TOKEN,
        &rfc_key(),
        &VerifyOptions::default(),
        &clock,
    )
    .unwrap_err();
    assert_eq!(err.code(), "ERR_TOKEN_INVALID");
    // Re-typed as at+jwt and re-signed, the same claims verify, and expire on time.
    let retyped = forge(RFC7515_A1_TOKEN, Some(&rfc_key()), |h, _| {
        h["typ"] = json!("at+jwt")
    });
    let claims =
        verify_access_token(&retyped, &rfc_key(), &VerifyOptions::default(), &clock).unwrap();
    assert_eq!(claims.issuer.as_deref(), Some("joe"));
    assert_eq!(claims.expires_at, 1_300_819_380);
    assert_eq!(claims.custom["http://example.com/is_root"], json!(true));
    clock.set(1_300_819_381);
    assert_eq!(
        code(verify_access_token(
            &retyped,
            &rfc_key(),
            &VerifyOptions::default(),
            &clock
        )),
        "ERR_TOKEN_EXPIRED"
    );
}

#[test]
fn access_round_trip_keeps_custom_claims() {
    let clock = ManualClock::new(NOW);
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        let key = JwtKey::from_bytes([42u8; 64], alg).unwrap();
        let p = payload(json!({"sub": "u1", "role": "admin", "n": [1, 2, {"x": null}]}));
        let opts = SignOptions::default()
            .issuer("iss")
            .audience("aud")
            .key_id("k1");
        let token = generate_access_token(&p, &key, &opts, &clock).unwrap();
        let decoded = decode_token(&token).unwrap();
        assert_eq!(decoded.header["typ"], json!("at+jwt"));
        assert_eq!(decoded.header["alg"], json!(alg.name()));
        assert_eq!(decoded.header["kid"], json!("k1"));
        let v = VerifyOptions::default().issuer("iss").audience("aud");
        let claims = verify_access_token(&token, &key, &v, &clock).unwrap();
        assert_eq!(claims.subject.as_deref(), Some("u1"));
        assert_eq!(claims.custom["role"], json!("admin"));
        assert_eq!(claims.custom["n"], json!([1, 2, {"x": null}]));
        assert_eq!(claims.issued_at, Some(NOW));
        assert_eq!(claims.expires_at, NOW + 900);
        assert_eq!(claims.token_id.as_ref().map(String::len), Some(22));
        let json = claims.to_json();
        assert_eq!(json["exp"], json!(NOW + 900));
        assert_eq!(json["aud"], json!("aud"));
    }
}

#[test]
fn each_token_gets_a_fresh_jti() {
    let clock = ManualClock::new(NOW);
    let p = payload(json!({"sub": "u1"}));
    let a = generate_access_token(&p, &access_key(), &SignOptions::default(), &clock).unwrap();
    let b = generate_access_token(&p, &access_key(), &SignOptions::default(), &clock).unwrap();
    assert_ne!(a, b);
}

#[test]
fn refresh_and_access_tokens_do_not_cross() {
    let clock = ManualClock::new(NOW);
    let key = access_key();
    let p = payload(json!({"sub": "u1"}));
    let refresh = generate_refresh_token(&p, &key, &SignOptions::default(), &clock).unwrap();
    assert_eq!(
        decode_token(&refresh).unwrap().header["typ"],
        json!("rt+jwt")
    );
    assert_eq!(
        decode_token(&refresh).unwrap().payload["exp"],
        json!(NOW + 30 * 86_400)
    );
    assert_eq!(
        code(verify_access_token(
            &refresh,
            &key,
            &VerifyOptions::default(),
            &clock
        )),
        "ERR_TOKEN_INVALID"
    );
}

#[test]
fn every_rejection_has_its_code() {
    let clock = ManualClock::new(NOW);
    let key = access_key();
    let other =
        JwtKey::from_bytes("another-secret-another-secret-another", Algorithm::HS256).unwrap();
    let opts = VerifyOptions::default().issuer("iss").audience("aud");
    let p = payload(json!({"sub": "u1"}));
    let sign = SignOptions::default().issuer("iss").audience("aud");
    let good = generate_access_token(&p, &key, &sign, &clock).unwrap();
    let verify = |t: &str| verify_access_token(t, &key, &opts, &clock);
    assert!(verify(&good).is_ok());

    // Tampered payload, signature kept.
    let tampered = forge(&good, None, |_, b| b["sub"] = json!("admin"));
    assert_eq!(code(verify(&tampered)), "ERR_TOKEN_INVALID");
    // Signed with another key.
    let wrong_key = generate_access_token(&p, &other, &sign, &clock).unwrap();
    assert_eq!(code(verify(&wrong_key)), "ERR_TOKEN_INVALID");
    // alg: none with an empty signature, and alg swapped to HS512.
    let none = forge(&good, None, |h, _| h["alg"] = json!("none"));
    let none = format!("{}.", none.rsplit_once('.').unwrap().0);
    assert_eq!(code(verify(&none)), "ERR_TOKEN_INVALID");
    let hs512 = forge(&good, Some(&key), |h, _| h["alg"] = json!("HS512"));
    assert_eq!(code(verify(&hs512)), "ERR_TOKEN_INVALID");
    // Wrong typ, no typ, refresh typ.
    for typ in [json!("JWT"), json!(null), json!("rt+jwt"), json!(7)] {
        let t = forge(&good, Some(&key), |h, _| h["typ"] = typ.clone());
        let r = verify(&t);
        assert!(
            matches!(
                r.as_ref().map_err(Error::code),
                Err("ERR_TOKEN_INVALID" | "ERR_TOKEN_MALFORMED")
            ),
            "typ {typ}: {r:?}"
        );
    }
    let untyped = forge(&good, Some(&key), |h, _| {
        h.as_object_mut().unwrap().remove("typ");
    });
    assert_eq!(code(verify(&untyped)), "ERR_TOKEN_INVALID");
    // Unknown critical header.
    let crit = forge(&good, Some(&key), |h, _| h["crit"] = json!(["exp"]));
    assert_eq!(code(verify(&crit)), "ERR_TOKEN_INVALID");
    // Expired, and accepted again within leeway.
    let later = ManualClock::new(NOW + 901);
    assert_eq!(
        code(verify_access_token(&good, &key, &opts, &later)),
        "ERR_TOKEN_EXPIRED"
    );
    assert!(verify_access_token(&good, &key, &opts.clone().leeway(5), &later).is_ok());
    // Not yet valid: nbf or iat in the future.
    let nbf = forge(&good, Some(&key), |_, b| b["nbf"] = json!(NOW + 60));
    assert_eq!(code(verify(&nbf)), "ERR_TOKEN_NOT_YET_VALID");
    let iat = forge(&good, Some(&key), |_, b| b["iat"] = json!(NOW + 60));
    assert_eq!(code(verify(&iat)), "ERR_TOKEN_NOT_YET_VALID");
    // Wrong or missing iss/aud.
    let iss = forge(&good, Some(&key), |_, b| b["iss"] = json!("evil"));
    assert_eq!(code(verify(&iss)), "ERR_CLAIM_INVALID");
    let aud = forge(&good, Some(&key), |_, b| b["aud"] = json!(["x", "y"]));
    assert_eq!(code(verify(&aud)), "ERR_CLAIM_INVALID");
    let many = forge(&good, Some(&key), |_, b| b["aud"] = json!(["x", "aud"]));
    assert!(verify(&many).is_ok());
    let no_exp = forge(&good, Some(&key), |_, b| {
        b.as_object_mut().unwrap().remove("exp");
    });
    assert_eq!(code(verify(&no_exp)), "ERR_CLAIM_INVALID");
    // String-typed exp must not slip past the expiry check (the CVE-2026-25537 pattern).
    let string_exp = forge(&good, Some(&key), |_, b| b["exp"] = json!("9999999999"));
    assert_eq!(code(verify(&string_exp)), "ERR_TOKEN_MALFORMED");
    let string_nbf = forge(&good, Some(&key), |_, b| b["nbf"] = json!("9999999999"));
    assert_eq!(code(verify(&string_nbf)), "ERR_TOKEN_MALFORMED");
    // Malformed input.
    for bad in [
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "!!!.???.***",
        "e30.e30.",
        "bnVsbA.bnVsbA.AAAA",
    ] {
        assert_eq!(code(verify(bad)), "ERR_TOKEN_MALFORMED", "{bad:?}");
    }
    let huge = format!("{}.{}.x", "a".repeat(5000), "b".repeat(5000));
    assert_eq!(code(verify(&huge)), "ERR_TOKEN_MALFORMED");
    assert_eq!(code(decode_token(&huge)), "ERR_TOKEN_MALFORMED");
    // kid required by the verifier.
    let mut want_kid = opts.clone();
    want_kid.key_id = Some("k2".into());
    assert_eq!(
        code(verify_access_token(&good, &key, &want_kid, &clock)),
        "ERR_TOKEN_INVALID"
    );
}

#[test]
fn payload_rules() {
    let clock = ManualClock::new(NOW);
    let key = access_key();
    for name in RESERVED_CLAIMS {
        let p = payload(json!({ name: 1 }));
        assert_eq!(
            code(generate_access_token(
                &p,
                &key,
                &SignOptions::default(),
                &clock
            )),
            "ERR_INVALID_REQUEST"
        );
    }
    let mut allow = SignOptions::default();
    allow.allow_reserved_claims = true;
    let p = payload(json!({"exp": NOW + 10, "jti": "mine"}));
    let t = generate_access_token(&p, &key, &allow, &clock).unwrap();
    let c = verify_access_token(&t, &key, &VerifyOptions::default(), &clock).unwrap();
    assert_eq!(
        (c.expires_at, c.token_id.as_deref()),
        (NOW + 10, Some("mine"))
    );
    // Payload contradicting the options.
    let p = payload(json!({"iss": "a"}));
    assert_eq!(
        code(generate_access_token(
            &p,
            &key,
            &SignOptions::default().issuer("b"),
            &clock
        )),
        "ERR_INVALID_REQUEST"
    );
    // Lifetimes.
    let t = generate_access_token(
        &Payload::new(),
        &key,
        &SignOptions::default().expires_in(90),
        &clock,
    )
    .unwrap();
    assert_eq!(decode_token(&t).unwrap().payload["exp"], json!(NOW + 90));
    assert_eq!(
        code(generate_access_token(
            &Payload::new(),
            &key,
            &SignOptions::default().expires_in(0),
            &clock
        )),
        "ERR_INVALID_REQUEST"
    );
}

#[test]
fn hash_token_matches_hmac_sha256() {
    let key = HashKey::from_bytes("0123456789abcdef0123456789abcdef").unwrap();
    // Value printed by `node -e "require('crypto').createHmac('sha256',
    // '0123456789abcdef0123456789abcdef').update('token').digest('hex')"`.
    assert_eq!(
        hash_token("token", &key),
        "8bf77106660df6e851e90642fa469ef6a824320af25a6cc5feeb0ed723baad2d"
    );
}
