#![allow(dead_code)]
use edge_tokens::*;
use serde_json::Value;

pub const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

pub fn payload(v: Value) -> Payload {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

pub fn access_key() -> JwtKey {
    JwtKey::from_bytes("access-secret-access-secret-access-1", Algorithm::HS256).unwrap()
}

pub fn config() -> SessionConfig {
    SessionConfig::new(
        &SecretKey::new("access-secret-access-secret-access-1").unwrap(),
        &SecretKey::new("refresh-secret-refresh-secret-refresh-1").unwrap(),
        &SecretKey::new("hash-key-hash-key-hash-key-hash-key-1").unwrap(),
        SessionSettings::default()
            .issuer("https://auth.example")
            .audience("api")
            .access_ttl(900)
            .refresh_ttl(3600),
    )
    .unwrap()
}

/// Splits a token, lets `f` edit header and payload JSON, and re-signs with `key` (or keeps
/// the old signature when `key` is None).
pub fn forge(token: &str, key: Option<&JwtKey>, f: impl FnOnce(&mut Value, &mut Value)) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let parts: Vec<&str> = token.split('.').collect();
    let mut header: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(parts[0]).unwrap()).unwrap();
    let mut body: Value =
        serde_json::from_slice(&Base64UrlUnpadded::decode_vec(parts[1]).unwrap()).unwrap();
    f(&mut header, &mut body);
    let input = format!(
        "{}.{}",
        Base64UrlUnpadded::encode_string(header.to_string().as_bytes()),
        Base64UrlUnpadded::encode_string(body.to_string().as_bytes())
    );
    let sig = match key {
        Some(k) => Base64UrlUnpadded::encode_string(&k.mac(input.as_bytes())),
        None => parts[2].to_owned(),
    };
    format!("{input}.{sig}")
}

pub fn code<T: std::fmt::Debug>(r: Result<T>) -> &'static str {
    r.expect_err("expected an error").code()
}
