//! `verify_access_token`, and the checks every verification shares.
//!
//! Order matters: size, structure, header (`typ`, `alg`, `crit`, `kid`), then the signature,
//! and only then the claims JSON, so an attacker's payload is never parsed before it is
//! authenticated.

use jwt_compact::UntrustedToken;
use serde::Deserialize;

use crate::claims::{Registered, VerifiedClaims};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::keys::JwtKey;
use crate::options::VerifyOptions;
use crate::token_kind::TokenKind;

/// Tokens longer than this are refused before any decoding.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// Header fields jwt-compact does not model but a verifier must look at.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct HeaderExtras {
    /// RFC 7515 §4.1.11: extensions the recipient must understand. edge-tokens understands none.
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

/// Verifies an access token: `typ` must be `at+jwt` (RFC 9068 §4), `alg` must be the key's,
/// the signature must match, `exp` must be present and in the future, and `iss`/`aud` must
/// match `options` when set.
///
/// # Errors
/// The token's problem as an [`Error`] with its code: malformed, invalid, expired, not yet
/// valid, or a claim mismatch.
pub fn verify_access_token(
    token: &str,
    key: &JwtKey,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<VerifiedClaims> {
    verify_token(TokenKind::Access, token, key, options, clock)
}

/// Refuses oversized input before any decoding work is spent on it.
pub(crate) fn check_token_len(token: &str) -> Result<()> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(Error::TokenMalformed(format!(
            "token is longer than {MAX_TOKEN_LEN} bytes"
        )));
    }
    Ok(())
}

fn parse_untrusted(token: &str) -> Result<UntrustedToken<'_, HeaderExtras>> {
    check_token_len(token)?;
    let untrusted =
        UntrustedToken::try_from(token).map_err(|e| Error::TokenMalformed(e.to_string()))?;
    // The header decoded fine above, so it is the first part of a three-part token.
    if !part_has_unique_keys(token.split('.').next().unwrap_or_default()) {
        return Err(Error::TokenMalformed("header repeats a key".into()));
    }
    Ok(untrusted)
}

/// Whether a base64url part of a token decodes to JSON without repeated keys.
pub(crate) fn part_has_unique_keys(part: &str) -> bool {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(part).is_ok_and(|json| crate::strict_json::has_unique_keys(&json))
}

pub(crate) fn verify_token(
    kind: TokenKind,
    token: &str,
    key: &JwtKey,
    options: &VerifyOptions,
    clock: &dyn Clock,
) -> Result<VerifiedClaims> {
    let untrusted = parse_untrusted(token)?;
    let header = untrusted.header();
    if !header
        .token_type
        .as_deref()
        .is_some_and(|t| kind.accepts(t))
    {
        return Err(Error::TokenInvalid(format!("expected typ {}", kind.typ())));
    }
    if untrusted.algorithm() != key.algorithm().name() {
        return Err(Error::TokenInvalid(format!(
            "expected alg {}",
            key.algorithm().name()
        )));
    }
    if header.other_fields.crit.is_some() {
        return Err(Error::TokenInvalid("unsupported critical header".into()));
    }
    if let Some(expected) = &options.key_id {
        if header.key_id.as_deref() != Some(expected.as_str()) {
            return Err(Error::TokenInvalid("unknown kid".into()));
        }
    }
    // The structure was checked by the parser: exactly three parts, so a last dot exists.
    let signing_input = token
        .rfind('.')
        .map(|i| &token[..i])
        .ok_or_else(|| Error::TokenMalformed("missing signature".into()))?;
    let (_, state) = key.parts();
    if !state.verify(signing_input.as_bytes(), untrusted.signature_bytes()) {
        return Err(Error::TokenInvalid("signature mismatch".into()));
    }
    let claims = untrusted
        .deserialize_claims_unchecked::<Registered>()
        .map_err(|e| Error::TokenMalformed(e.to_string()))?;
    // Authenticated now, but still refused if a key repeats: another reader of the same token
    // might pick the other value.
    if !part_has_unique_keys(token.split('.').nth(1).unwrap_or_default()) {
        return Err(Error::TokenMalformed("payload repeats a key".into()));
    }

    let now = clock.now();
    let leeway = i64::try_from(options.leeway).unwrap_or(i64::MAX);
    let exp = claims
        .expiration
        .map(|t| t.timestamp())
        .ok_or_else(|| Error::ClaimInvalid("`exp` is missing".into()))?;
    let iat = claims.issued_at.map(|t| t.timestamp());
    let nbf = claims.not_before.map(|t| t.timestamp());
    if now > exp.saturating_add(leeway) {
        return Err(Error::TokenExpired);
    }
    let limit = now.saturating_add(leeway);
    if nbf.is_some_and(|t| t > limit) || iat.is_some_and(|t| t > limit) {
        return Err(Error::TokenNotYetValid);
    }
    let registered = claims.custom;
    if let Some(issuer) = &options.issuer {
        if registered.iss.as_ref() != Some(issuer) {
            return Err(Error::ClaimInvalid("`iss` does not match".into()));
        }
    }
    if let Some(audience) = &options.audience {
        if !registered
            .aud
            .as_ref()
            .is_some_and(|a| a.contains(audience))
        {
            return Err(Error::ClaimInvalid("`aud` does not match".into()));
        }
    }
    Ok(VerifiedClaims::from_parts(registered, exp, iat, nbf))
}
