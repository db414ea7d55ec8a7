//! The refresh-token lifecycle against a [`Store`]: save, verify, rotate, revoke.
//!
//! One record per user holds the keyed hash of the user's live refresh token, its session id
//! and rotation counter. Every refresh token carries `sid` and `rot` (signed), which is what
//! tells a token superseded by a newer login (different `sid`: revoked) from a retired token of
//! the live session coming back (same `sid`, older `rot`: reuse, the session dies).

mod config;
mod record;
mod revoke;
mod rotate;
mod save;
mod verify_refresh;

pub use config::{SessionConfig, SessionSettings, DEFAULT_GRACE_PERIOD, MAX_GRACE_PERIOD};
pub use revoke::{revoke_refresh_token, revoke_user};
pub use rotate::rotate_refresh_token;
pub use save::save_token;
pub use verify_refresh::verify_refresh_token;

use serde::Serialize;

use crate::claims::{Payload, Registered, TimeOverrides, VerifiedClaims};
use crate::clock::{Clock, ManualClock};
use crate::error::{Error, Result};
use crate::hashes_equal;
use crate::sign::sign_claims;
use crate::store::{Store, MIN_EXPIRATION_TTL};
use crate::token_kind::TokenKind;
use crate::verify::verify_token;
use record::{SessionRecord, SCHEMA_VERSION};

/// The longest user id accepted, in bytes.
pub const MAX_USER_ID_LEN: usize = 256;

/// An access token and a refresh token issued together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    /// The access token (`typ: at+jwt`).
    pub access_token: String,
    /// The refresh token (`typ: rt+jwt`); only its hash is stored.
    pub refresh_token: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_expires_in: u64,
}

fn check_user_id(user_id: &str) -> Result<()> {
    if user_id.is_empty() || user_id.len() > MAX_USER_ID_LEN {
        return Err(Error::InvalidRequest(format!(
            "user id must be 1 to {MAX_USER_ID_LEN} bytes"
        )));
    }
    Ok(())
}

/// What a session's next pair is made of.
struct PairSpec<'a> {
    user_id: &'a str,
    custom: &'a Payload,
    sid: String,
    rot: u64,
    started_at: i64,
    /// The stored hash of the refresh token this pair replaces (rotation only). The new
    /// tokens' ids derive from it, so everything in the pair is a function of the predecessor
    /// and the rotation time: the grace period can re-sign the identical pair.
    predecessor: Option<&'a str>,
}

/// Signs a pair and the record that makes its refresh token the live one.
fn issue_pair(
    config: &SessionConfig,
    spec: PairSpec<'_>,
    clock: &dyn Clock,
) -> Result<(TokenPair, SessionRecord)> {
    let now = clock.now();
    let user_key = config.hash_key.user_key(spec.user_id)?;
    let derived_id = |label: &str| spec.predecessor.map(|p| user_key.derive_id(label, p));
    let mut claims = Registered {
        sub: Some(spec.user_id.to_owned()),
        sid: Some(spec.sid.clone()),
        iss: config.sign.issuer.clone(),
        aud: config.sign.audience.clone(),
        jti: derived_id("access"),
        custom: spec.custom.clone(),
        ..Registered::default()
    };
    let times = TimeOverrides {
        iat: Some(now),
        ..TimeOverrides::default()
    };
    let access_token = sign_claims(
        TokenKind::Access,
        &config.access_key,
        claims.clone(),
        times,
        config.access_ttl,
        None,
        clock,
    )?;
    claims.rot = Some(spec.rot);
    claims.jti = derived_id("refresh");
    let refresh_token = sign_claims(
        TokenKind::Refresh,
        &config.refresh_key,
        claims,
        times,
        config.refresh_ttl,
        None,
        clock,
    )?;
    let record = SessionRecord {
        v: SCHEMA_VERSION,
        hash: user_key.hash(&refresh_token),
        sid: spec.sid,
        rot: spec.rot,
        iat: spec.started_at,
        rat: now,
        exp: now.saturating_add(i64::try_from(config.refresh_ttl).unwrap_or(i64::MAX)),
    };
    let pair = TokenPair {
        access_token,
        refresh_token,
        expires_in: config.access_ttl,
        refresh_expires_in: config.refresh_ttl,
    };
    Ok((pair, record))
}

/// Writes `record` with a TTL of its remaining lifetime, never under KV's minimum.
async fn put_record<S: Store + ?Sized>(
    store: &S,
    key: &str,
    record: &SessionRecord,
    clock: &dyn Clock,
) -> Result<()> {
    let remaining = u64::try_from(record.exp.saturating_sub(clock.now())).unwrap_or(0);
    store
        .put(key, &record.to_json()?, remaining.max(MIN_EXPIRATION_TTL))
        .await?;
    Ok(())
}

/// A refresh token that is the live one of its user's session, or the one its last rotation
/// retired, presented again within the grace period.
struct LiveToken {
    claims: VerifiedClaims,
    user_id: String,
    store_key: String,
    record: SessionRecord,
    /// For the just-retired token: the pair its rotation issued, re-signed identically.
    successor: Option<TokenPair>,
}

/// Verifies a presented refresh token against its signature, its claims and the store.
/// A retired token of the live session revokes that session (reuse detection).
async fn check_presented<S: Store + ?Sized>(
    store: &S,
    refresh_token: &str,
    config: &SessionConfig,
    clock: &dyn Clock,
) -> Result<LiveToken> {
    let claims = verify_token(
        TokenKind::Refresh,
        refresh_token,
        &config.refresh_key,
        &config.verify,
        clock,
    )?;
    let (Some(user_id), Some(sid), Some(rot)) = (
        claims.subject.clone(),
        claims.session_id.clone(),
        claims.rotation,
    ) else {
        return Err(Error::ClaimInvalid(
            "refresh token lacks `sub`, `sid` or `rot`".into(),
        ));
    };
    check_user_id(&user_id).map_err(|_| Error::ClaimInvalid("`sub` is unusable".into()))?;
    let store_key = config.hash_key.store_key(&user_id);
    let Some(text) = store.get(&store_key).await? else {
        return Err(Error::RefreshTokenRevoked);
    };
    let record = SessionRecord::parse(&text)?;
    let presented = config.hash_key.user_key(&user_id)?.hash(refresh_token);
    if hashes_equal(&presented, &record.hash) {
        return Ok(LiveToken {
            claims,
            user_id,
            store_key,
            record,
            successor: None,
        });
    }
    if record.sid != sid {
        // A token of an earlier login: that session was replaced, not attacked.
        return Err(Error::RefreshTokenRevoked);
    }
    if rot.checked_add(1) == Some(record.rot) && in_grace(&record, config, clock) {
        // Rotated away moments ago, most likely by a second tab refreshing with the same token.
        // Re-sign what that rotation issued; it hashes to the stored hash only if this token
        // really is the live token's predecessor, so the session keeps one live refresh token.
        let spec = PairSpec {
            user_id: &user_id,
            custom: &claims.custom,
            sid,
            rot: record.rot,
            started_at: record.iat,
            predecessor: Some(&presented),
        };
        let (pair, successor) = issue_pair(config, spec, &ManualClock::new(record.rat))?;
        if !hashes_equal(&successor.hash, &record.hash) {
            // A sibling from two rotations racing each other (or changed settings): not the
            // live token's ancestor, but no sign of theft either.
            return Err(Error::RefreshTokenRevoked);
        }
        return Ok(LiveToken {
            claims,
            user_id,
            store_key,
            record,
            successor: Some(pair),
        });
    }
    if rot < record.rot {
        // A token this session already rotated away came back: whoever holds the live one
        // may be the thief or the victim, so neither keeps the session (RFC 9700 §4.14.2).
        store.delete(&store_key).await?;
        return Err(Error::RefreshTokenReused);
    }
    Err(Error::RefreshTokenRevoked)
}

/// Whether the live token was issued at most `grace_period` seconds ago. A rotation time in
/// the future (clocks of two edge locations disagreeing) counts as just now.
fn in_grace(record: &SessionRecord, config: &SessionConfig, clock: &dyn Clock) -> bool {
    config.grace_period > 0
        && clock.now().saturating_sub(record.rat)
            <= i64::try_from(config.grace_period).unwrap_or(i64::MAX)
}
