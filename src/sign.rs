//! `generate_access_token` and `generate_refresh_token`.

use chrono::{DateTime, Utc};
use jwt_compact::{AlgorithmExt, Claims, Header};

use crate::claims::{Payload, Registered, TimeOverrides};
use crate::clock::Clock;
use crate::duration::checked_lifetime;
use crate::error::{Error, Result};
use crate::keys::JwtKey;
use crate::options::SignOptions;
use crate::random::random_id;
use crate::token_kind::TokenKind;

/// Signs an access token (`typ: at+jwt`) carrying `payload`, plus `iat`, `exp` and a random `jti`.
///
/// # Errors
/// [`Error::InvalidRequest`] when the payload sets `exp`, `iat`, `nbf` or `jti` (unless
/// [`SignOptions::allow_reserved_claims`]), gives a registered claim the wrong type, or
/// contradicts `options`.
pub fn generate_access_token(
    payload: &Payload,
    key: &JwtKey,
    options: &SignOptions,
    clock: &dyn Clock,
) -> Result<String> {
    generate(TokenKind::Access, payload, key, options, clock)
}

/// Signs a refresh token (`typ: rt+jwt`); use a different key than for access tokens.
///
/// # Errors
/// As [`generate_access_token`].
pub fn generate_refresh_token(
    payload: &Payload,
    key: &JwtKey,
    options: &SignOptions,
    clock: &dyn Clock,
) -> Result<String> {
    generate(TokenKind::Refresh, payload, key, options, clock)
}

fn generate(
    kind: TokenKind,
    payload: &Payload,
    key: &JwtKey,
    options: &SignOptions,
    clock: &dyn Clock,
) -> Result<String> {
    let (mut claims, times) = Registered::from_payload(payload, options.allow_reserved_claims)?;
    merge_option("iss", &mut claims.iss, options.issuer.as_ref())?;
    merge_option("aud", &mut claims.aud, options.audience.as_ref())?;
    let lifetime = checked_lifetime(options.expires_in.unwrap_or(kind.default_ttl()))?;
    sign_claims(
        kind,
        key,
        claims,
        times,
        lifetime,
        options.key_id.as_deref(),
        clock,
    )
}

fn merge_option<T: Clone + PartialEq>(
    name: &str,
    slot: &mut Option<T>,
    wanted: Option<&T>,
) -> Result<()> {
    match (slot.as_ref(), wanted) {
        (Some(have), Some(want)) if have != want => Err(Error::InvalidRequest(format!(
            "claim `{name}` in the payload contradicts the options"
        ))),
        (None, Some(want)) => {
            *slot = Some(want.clone());
            Ok(())
        }
        _ => Ok(()),
    }
}

fn timestamp(secs: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| Error::InvalidRequest(format!("timestamp {secs} is out of range")))
}

/// Signs already-typed claims; the session lifecycle calls this directly.
pub(crate) fn sign_claims(
    kind: TokenKind,
    key: &JwtKey,
    mut claims: Registered,
    times: TimeOverrides,
    lifetime: u64,
    key_id: Option<&str>,
    clock: &dyn Clock,
) -> Result<String> {
    let issued_at = times.iat.unwrap_or_else(|| clock.now());
    let lifetime = i64::try_from(lifetime).map_err(|_| Error::InvalidRequest("lifetime".into()))?;
    let expires_at = times.exp.unwrap_or(issued_at.saturating_add(lifetime));
    if claims.jti.is_none() {
        claims.jti = Some(random_id()?);
    }
    let mut jwt_claims = Claims::new(claims);
    jwt_claims.issued_at = Some(timestamp(issued_at)?);
    jwt_claims.expiration = Some(timestamp(expires_at)?);
    if let Some(nbf) = times.nbf {
        jwt_claims.not_before = Some(timestamp(nbf)?);
    }
    let mut header = Header::empty().with_token_type(kind.typ());
    if let Some(kid) = key_id {
        header = header.with_key_id(kid);
    }
    let (algorithm, state) = key.parts();
    algorithm
        .token(&header, &jwt_claims, state)
        .map_err(|e| Error::InvalidRequest(format!("claims cannot be serialized: {e}")))
}
