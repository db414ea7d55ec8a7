//! Request bodies: media type, size cap, then JSON validated field by field.
//!
//! Fields are read from a parsed JSON object by hand instead of deriving `Deserialize`: serde's
//! messages quote the offending value, which may be a token, and a hand-written check can name
//! the field and the rule without echoing anything the caller sent.

use serde_json::{Map, Value};

use super::error::ApiError;
use crate::claims::Payload;
use crate::error::Error;

/// The largest request body accepted, in bytes. A refresh token is at most 8 KiB
/// (`MAX_TOKEN_LEN`), and claims end up inside tokens, so bodies are small.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// `POST /v1/tokens`: who to log in and the custom claims of the session.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct IssueRequest {
    /// The user id; becomes `sub`.
    pub user_id: String,
    /// Custom claims carried by every token of the session (default none).
    pub claims: Payload,
}

/// `POST /v1/tokens/refresh`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshRequest {
    /// The refresh token to rotate.
    pub refresh_token: String,
}

/// `POST /v1/tokens/revoke` (RFC 7009).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RevokeRequest {
    /// The refresh token whose session ends.
    pub refresh_token: String,
}

/// Refuses a declared `Content-Length` over [`MAX_BODY_BYTES`] before the body is read.
///
/// # Errors
/// 413 when the declared length is too large, 400 when it is not a number.
pub fn check_content_length(header: Option<&str>) -> Result<(), ApiError> {
    let Some(value) = header else {
        return Ok(());
    };
    match value.trim().parse::<u64>() {
        Ok(len) if len > MAX_BODY_BYTES as u64 => Err(ApiError::body_too_large(MAX_BODY_BYTES)),
        Ok(_) => Ok(()),
        Err(_) => Err(invalid("Content-Length is not a number")),
    }
}

/// Parses the body of `POST /v1/tokens`.
///
/// # Errors
/// 415 for a non-JSON media type, 413 for an oversized body, 400 for anything else wrong.
pub fn parse_issue_request(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<IssueRequest, ApiError> {
    let mut fields = json_object(content_type, body, &["user_id", "claims"])?;
    let user_id = required_string(&mut fields, "user_id")?;
    let claims = match fields.remove("claims") {
        None | Some(Value::Null) => Payload::new(),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(invalid("`claims` must be a JSON object")),
    };
    Ok(IssueRequest { user_id, claims })
}

/// Parses the body of `POST /v1/tokens/refresh`. `grant_type`, when sent (OAuth clients do),
/// must be `refresh_token`.
///
/// # Errors
/// As [`parse_issue_request`].
pub fn parse_refresh_request(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<RefreshRequest, ApiError> {
    let mut fields = json_object(content_type, body, &["refresh_token", "grant_type"])?;
    match fields.remove("grant_type") {
        None => {}
        Some(Value::String(g)) if g == "refresh_token" => {}
        Some(_) => return Err(invalid("`grant_type` must be \"refresh_token\"")),
    }
    Ok(RefreshRequest {
        refresh_token: required_string(&mut fields, "refresh_token")?,
    })
}

/// Parses the body of `POST /v1/tokens/revoke`. `token_type_hint` (RFC 7009 §2.1) is accepted
/// and, as the RFC allows, ignored: only refresh tokens can be revoked here.
///
/// # Errors
/// As [`parse_issue_request`].
pub fn parse_revoke_request(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<RevokeRequest, ApiError> {
    let mut fields = json_object(content_type, body, &["refresh_token", "token_type_hint"])?;
    if !matches!(
        fields.remove("token_type_hint"),
        None | Some(Value::String(_))
    ) {
        return Err(invalid("`token_type_hint` must be a string"));
    }
    Ok(RevokeRequest {
        refresh_token: required_string(&mut fields, "refresh_token")?,
    })
}

/// Decodes one percent-encoded path segment (a user id in `/v1/users/{user_id}/revoke`).
///
/// # Errors
/// 400 for a broken escape or bytes that are not UTF-8.
pub fn percent_decode_segment(segment: &str) -> Result<String, ApiError> {
    let bad = || invalid("path segment is not valid percent-encoded UTF-8");
    let mut out = Vec::with_capacity(segment.len());
    let mut bytes = segment.bytes();
    while let Some(b) = bytes.next() {
        if b == b'%' {
            let hi = bytes.next().and_then(hex_value).ok_or_else(bad)?;
            let lo = bytes.next().and_then(hex_value).ok_or_else(bad)?;
            out.push(hi << 4 | lo);
        } else {
            out.push(b);
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn invalid(message: &str) -> ApiError {
    ApiError::from(Error::InvalidRequest(message.to_owned()))
}

/// `application/json`, optionally with `charset=utf-8`; anything else is 415.
fn check_media_type(content_type: Option<&str>) -> Result<(), ApiError> {
    let Some(value) = content_type else {
        return Err(ApiError::unsupported_media_type());
    };
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(ApiError::unsupported_media_type());
    }
    for param in parts {
        let (name, val) = param.split_once('=').unwrap_or((param, ""));
        if name.trim().eq_ignore_ascii_case("charset")
            && !val.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        {
            return Err(ApiError::unsupported_media_type());
        }
    }
    Ok(())
}

/// The body as a JSON object holding only `allowed` fields.
fn json_object(
    content_type: Option<&str>,
    body: &[u8],
    allowed: &[&str],
) -> Result<Map<String, Value>, ApiError> {
    check_media_type(content_type)?;
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::body_too_large(MAX_BODY_BYTES));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid("request body is empty"));
    }
    // serde_json refuses nesting deeper than 128 levels, so hostile depth costs nothing.
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Err(invalid("request body is not valid JSON"));
    };
    if !crate::strict_json::has_unique_keys(body) {
        return Err(invalid("request body repeats a key"));
    }
    let Value::Object(fields) = value else {
        return Err(invalid("request body must be a JSON object"));
    };
    if fields.keys().any(|k| !allowed.contains(&k.as_str())) {
        return Err(invalid(&format!(
            "unknown field in request body; allowed: {}",
            allowed.join(", ")
        )));
    }
    Ok(fields)
}

fn required_string(fields: &mut Map<String, Value>, name: &str) -> Result<String, ApiError> {
    match fields.remove(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(invalid(&format!("`{name}` must not be empty"))),
        None | Some(Value::Null) => Err(invalid(&format!("`{name}` is required"))),
        Some(_) => Err(invalid(&format!("`{name}` must be a string"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: Option<&str> = Some("application/json");

    #[test]
    fn issue_request_reads_user_and_claims() {
        let req = parse_issue_request(
            Some("Application/JSON; charset=UTF-8"),
            br#"{"user_id":"u1","claims":{"role":"admin"}}"#,
        )
        .unwrap();
        assert_eq!(req.user_id, "u1");
        assert_eq!(req.claims["role"], "admin");
        let req = parse_issue_request(JSON, br#"{"user_id":"u1"}"#).unwrap();
        assert!(req.claims.is_empty());
    }

    #[test]
    fn media_type_and_size_are_checked_first() {
        let body = br#"{"user_id":"u1"}"#;
        for ct in [
            None,
            Some("text/plain"),
            Some("application/json; charset=latin1"),
        ] {
            assert_eq!(parse_issue_request(ct, body).unwrap_err().status(), 415);
        }
        let big = format!(r#"{{"user_id":"{}"}}"#, "x".repeat(MAX_BODY_BYTES));
        assert_eq!(
            parse_issue_request(JSON, big.as_bytes())
                .unwrap_err()
                .status(),
            413
        );
        assert_eq!(
            check_content_length(Some("16385")).unwrap_err().status(),
            413
        );
        assert!(check_content_length(Some("16384")).is_ok());
        assert_eq!(
            check_content_length(Some("lots")).unwrap_err().status(),
            400
        );
    }

    #[test]
    fn bad_bodies_are_400_without_echoing_values() {
        let secret_looking = "eyJhbGciOiJIUzI1NiJ9.secret.value";
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"not json".to_vec(),
            b"[1,2]".to_vec(),
            br#"{"user_id":""}"#.to_vec(),
            br#"{"claims":{}}"#.to_vec(),
            format!(r#"{{"user_id":["{secret_looking}"]}}"#).into_bytes(),
            format!(r#"{{"user_id":"u","claims":"{secret_looking}"}}"#).into_bytes(),
            format!(r#"{{"user_id":"u","{secret_looking}":1}}"#).into_bytes(),
            format!("{}1{}", "[".repeat(200), "]".repeat(200)).into_bytes(),
        ];
        for body in cases {
            let err = parse_issue_request(JSON, &body).unwrap_err();
            assert_eq!((err.status(), err.code()), (400, "ERR_INVALID_REQUEST"));
            assert!(!err.body().contains(secret_looking), "{}", err.body());
        }
    }

    #[test]
    fn refresh_and_revoke_accept_their_oauth_companions() {
        let req = parse_refresh_request(
            JSON,
            br#"{"grant_type":"refresh_token","refresh_token":"t"}"#,
        )
        .unwrap();
        assert_eq!(req.refresh_token, "t");
        assert!(
            parse_refresh_request(JSON, br#"{"grant_type":"password","refresh_token":"t"}"#)
                .is_err()
        );
        let req =
            parse_revoke_request(JSON, br#"{"refresh_token":"t","token_type_hint":"x"}"#).unwrap();
        assert_eq!(req.refresh_token, "t");
        assert!(parse_revoke_request(JSON, br#"{"token":"t"}"#).is_err());
        assert!(parse_refresh_request(JSON, br#"{"refresh_token":7}"#).is_err());
    }

    #[test]
    fn path_segments_are_percent_decoded() {
        assert_eq!(percent_decode_segment("a%40b.c%2Fd").unwrap(), "a@b.c/d");
        assert_eq!(percent_decode_segment("%C3%A9").unwrap(), "é");
        for bad in ["%", "%4", "%zz", "%ff"] {
            assert_eq!(percent_decode_segment(bad).unwrap_err().status(), 400);
        }
    }
}
