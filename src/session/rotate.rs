//! `rotate_refresh_token`: trade the live refresh token for a new pair.

use super::{check_presented, issue_pair, put_record, PairSpec, SessionConfig, TokenPair};
use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// Verifies `refresh_token` like [`super::verify_refresh_token`], then issues a new pair in
/// the same session with the same custom claims and makes the new refresh token the live one.
/// The presented token is retired. Presented again within the grace period
/// ([`crate::SessionSettings::grace_period`]) it gets the identical new pair back; later, or once
/// its successor has been rotated too, it is reuse and ends the session.
///
/// # Errors
/// As [`super::verify_refresh_token`], plus store failures while writing.
pub async fn rotate_refresh_token<S: Store + ?Sized>(
    store: &S,
    refresh_token: &str,
    config: &SessionConfig,
    clock: &dyn Clock,
) -> Result<TokenPair> {
    let live = check_presented(store, refresh_token, config, clock).await?;
    if let Some(pair) = live.successor {
        // The token was rotated moments ago: hand out that rotation's pair again, no write.
        return Ok(pair);
    }
    let predecessor = live.record.hash.clone();
    let spec = PairSpec {
        user_id: &live.user_id,
        custom: &live.claims.custom,
        sid: live.record.sid.clone(),
        rot: live.record.rot.saturating_add(1),
        started_at: live.record.iat,
        predecessor: Some(&predecessor),
    };
    let (pair, record) = issue_pair(config, spec, clock)?;
    put_record(store, &live.store_key, &record, clock).await?;
    Ok(pair)
}
