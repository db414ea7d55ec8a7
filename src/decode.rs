//! `decode_token`: read a token's header and payload without verifying anything.

use serde_json::Value;

use crate::claims::Payload;
use crate::error::{Error, Result};
use crate::verify::check_token_len;

/// Header and payload of a token, **unverified**: for display and debugging only.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedToken {
    /// The JOSE header as sent.
    pub header: Payload,
    /// The claims as sent.
    pub payload: Payload,
}

/// Splits and decodes a token without checking its signature or claims. Never use the result
/// for an access decision.
///
/// # Errors
/// [`Error::TokenMalformed`] when the token is oversized, not three base64url parts, or its
/// header or payload is not a JSON object.
pub fn decode_token(token: &str) -> Result<DecodedToken> {
    check_token_len(token)?;
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::TokenMalformed("a JWT has three parts".into()));
    };
    Ok(DecodedToken {
        header: decode_part("header", header)?,
        payload: decode_part("payload", payload)?,
    })
}

fn decode_part(name: &str, part: &str) -> Result<Payload> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let bytes = Base64UrlUnpadded::decode_vec(part)
        .map_err(|_| Error::TokenMalformed(format!("{name} is not base64url")))?;
    if !crate::strict_json::has_unique_keys(&bytes) {
        return Err(Error::TokenMalformed(format!(
            "{name} is not JSON or repeats a key"
        )));
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::TokenMalformed(format!(
            "{name} is not a JSON object"
        ))),
    }
}
