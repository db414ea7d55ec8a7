//! Tokens built by an attacker: every trick gets refused with a stable code, never a panic.

mod common;

use base64ct::{Base64UrlUnpadded, Encoding};
use common::*;
use edge_tokens::*;
use serde_json::json;

/// A token from raw header and payload JSON text, signed with `key` (or with a junk signature).
fn raw_token(header: &str, payload: &str, key: Option<&JwtKey>) -> String {
    let input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(header.as_bytes()),
        Base64UrlUnpadded::encode_string(payload.as_bytes())
    );
    let sig = key.map_or_else(
        || "c2lnbmF0dXJl".to_owned(),
        |k| Base64UrlUnpadded::encode_string(&k.mac(input.as_bytes())),
    );
    format!("{input}.{sig}")
}

const HEADER: &str = r#"{"alg":"HS256","typ":"at+jwt"}"#;

fn exp() -> i64 {
    NOW + 600
}

fn verify(token: &str) -> Result<VerifiedClaims> {
    verify_access_token(
        token,
        &access_key(),
        &VerifyOptions::default(),
        &ManualClock::new(NOW),
    )
}

#[test]
fn the_key_fixes_the_algorithm() {
    let key = access_key();
    let payload = format!(r#"{{"sub":"u","exp":{}}}"#, exp());
    assert!(verify(&raw_token(HEADER, &payload, Some(&key))).is_ok());
    for alg in [
        "none", "None", "NONE", "RS256", "ES256", "PS256", "EdDSA", "hs256", "HS256 ", "HS384",
        "HS512", "",
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"at+jwt"}}"#);
        // Even a correct HS256 MAC does not make another `alg` acceptable.
        for token in [
            raw_token(&header, &payload, Some(&key)),
            raw_token(&header, &payload, None),
        ] {
            assert_eq!(code(verify(&token)), "ERR_TOKEN_INVALID", "alg {alg:?}");
        }
    }
    let no_alg = raw_token(r#"{"typ":"at+jwt"}"#, &payload, Some(&key));
    assert_eq!(code(verify(&no_alg)), "ERR_TOKEN_MALFORMED");
    let alg_number = raw_token(r#"{"alg":256,"typ":"at+jwt"}"#, &payload, Some(&key));
    assert_eq!(code(verify(&alg_number)), "ERR_TOKEN_MALFORMED");
}

#[test]
fn embedded_keys_and_key_urls_are_never_used() {
    let attacker =
        JwtKey::from_bytes("attacker-secret-attacker-secret-attac", Algorithm::HS256).unwrap();
    let payload = format!(r#"{{"sub":"admin","exp":{}}}"#, exp());
    let k = Base64UrlUnpadded::encode_string(b"attacker-secret-attacker-secret-attac");
    for header in [
        format!(r#"{{"alg":"HS256","typ":"at+jwt","jwk":{{"kty":"oct","k":"{k}"}}}}"#),
        r#"{"alg":"HS256","typ":"at+jwt","jku":"https://evil.example/jwks.json"}"#.to_owned(),
        r#"{"alg":"HS256","typ":"at+jwt","x5u":"https://evil.example/cert.pem"}"#.to_owned(),
        r#"{"alg":"HS256","typ":"at+jwt","x5c":["MIIB"]}"#.to_owned(),
    ] {
        let forged = raw_token(&header, &payload, Some(&attacker));
        assert_eq!(code(verify(&forged)), "ERR_TOKEN_INVALID", "{header}");
        // Signed with the real key the extra header is inert: verification used our key only.
        let ours = raw_token(&header, &payload, Some(&access_key()));
        assert!(verify(&ours).is_ok(), "{header}");
    }
}

#[test]
fn kid_is_an_opaque_exact_string() {
    let key = access_key();
    let payload = format!(r#"{{"sub":"u","exp":{}}}"#, exp());
    let wanted = "../../etc/passwd";
    let mut opts = VerifyOptions::default();
    opts.key_id = Some(wanted.into());
    let clock = ManualClock::new(NOW);
    let with_kid = |kid: &serde_json::Value| {
        let header = json!({"alg": "HS256", "typ": "at+jwt", "kid": kid}).to_string();
        verify_access_token(
            &raw_token(&header, &payload, Some(&key)),
            &key,
            &opts,
            &clock,
        )
    };
    assert!(with_kid(&json!(wanted)).is_ok());
    for other in [
        json!("../../etc/passwd\u{0}"),
        json!("../../ETC/passwd"),
        json!("*"),
        json!("' OR 1=1 --"),
        json!(""),
    ] {
        assert_eq!(code(with_kid(&other)), "ERR_TOKEN_INVALID", "{other}");
    }
    assert_eq!(
        code(with_kid(&json!(["../../etc/passwd"]))),
        "ERR_TOKEN_MALFORMED"
    );
}

#[test]
fn duplicate_keys_are_refused_in_header_payload_and_bodies() {
    let key = access_key();
    let dup_header = r#"{"alg":"HS256","typ":"at+jwt","alg":"none"}"#;
    let payload = format!(r#"{{"sub":"u","exp":{}}}"#, exp());
    let token = raw_token(dup_header, &payload, Some(&key));
    assert_eq!(code(verify(&token)), "ERR_TOKEN_MALFORMED");
    assert_eq!(code(decode_token(&token)), "ERR_TOKEN_MALFORMED");

    let dup_payload = format!(r#"{{"sub":"alice","exp":{},"sub":"admin"}}"#, exp());
    let token = raw_token(HEADER, &dup_payload, Some(&key));
    assert_eq!(code(verify(&token)), "ERR_TOKEN_MALFORMED");
    assert_eq!(code(decode_token(&token)), "ERR_TOKEN_MALFORMED");
    let dup_custom = format!(
        r#"{{"sub":"u","exp":{},"role":"user","role":"admin"}}"#,
        exp()
    );
    let token = raw_token(HEADER, &dup_custom, Some(&key));
    assert_eq!(code(verify(&token)), "ERR_TOKEN_MALFORMED");

    let body = br#"{"refresh_token":"a","refresh_token":"b"}"#;
    let err = api::parse_refresh_request(Some("application/json"), body).unwrap_err();
    assert_eq!((err.status(), err.code()), (400, "ERR_INVALID_REQUEST"));
}

#[test]
fn hostile_claims_json_is_malformed_not_a_panic() {
    let key = access_key();
    let deep = format!(
        r#"{{"sub":"u","exp":{},"x":{}1{}}}"#,
        exp(),
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let huge_number = r#"{"sub":"u","exp":1e400}"#.to_owned();
    let far_future = r#"{"sub":"u","exp":9223372036854775807}"#.to_owned();
    let negative = r#"{"sub":"u","exp":-9223372036854775808}"#.to_owned();
    let string_iat = format!(r#"{{"sub":"u","exp":{},"iat":"0"}}"#, exp());
    let null_exp = r#"{"sub":"u","exp":null}"#.to_owned();
    let not_object = r#"["sub","u"]"#.to_owned();
    for payload in [
        deep,
        huge_number,
        far_future,
        negative,
        string_iat,
        null_exp,
        not_object,
    ] {
        let token = raw_token(HEADER, &payload, Some(&key));
        let result = verify(&token);
        assert!(
            matches!(
                result.as_ref().map_err(Error::code),
                Err("ERR_TOKEN_MALFORMED" | "ERR_CLAIM_INVALID" | "ERR_TOKEN_EXPIRED")
            ),
            "{payload:.80}: {result:?}"
        );
    }
    // RFC 7519 §2 allows fractional NumericDates: accepted, rounded down (exp never extends).
    let fractional = raw_token(
        HEADER,
        &format!(r#"{{"sub":"u","exp":{}.9}}"#, exp()),
        Some(&key),
    );
    assert_eq!(verify(&fractional).unwrap().expires_at, exp());
    // An unsupported content type (CBOR claims) is refused, not guessed at.
    let cty = raw_token(
        r#"{"alg":"HS256","typ":"at+jwt","cty":"cbor"}"#,
        &format!(r#"{{"sub":"u","exp":{}}}"#, exp()),
        Some(&key),
    );
    assert_eq!(code(verify(&cty)), "ERR_TOKEN_MALFORMED");
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let key = access_key();
    let padding = "x".repeat(MAX_TOKEN_LEN);
    let payload = format!(r#"{{"sub":"u","exp":{},"pad":"{padding}"}}"#, exp());
    let token = raw_token(HEADER, &payload, Some(&key));
    assert!(token.len() > MAX_TOKEN_LEN);
    assert_eq!(code(verify(&token)), "ERR_TOKEN_MALFORMED");
    assert_eq!(code(decode_token(&token)), "ERR_TOKEN_MALFORMED");
    // Not even base64 is looked at: a huge run of invalid characters fails the same way.
    assert_eq!(code(verify(&"!".repeat(1 << 20))), "ERR_TOKEN_MALFORMED");
}
