//! `save_token`: start a session at login.

use super::{check_user_id, issue_pair, put_record, PairSpec, SessionConfig, TokenPair};
use crate::claims::{Payload, Registered};
use crate::clock::Clock;
use crate::error::Result;
use crate::random::random_id;
use crate::store::Store;

/// Issues a fresh access/refresh pair for `user_id` carrying `payload`'s custom claims, and
/// stores the refresh token's hash in place of the user's previous record, which ends any
/// earlier session of that user.
///
/// # Errors
/// [`crate::Error::InvalidRequest`] for an empty or overlong user id or a payload that sets
/// lifecycle claims (`sub`, `sid`, `exp`, …); store failures as their codes.
pub async fn save_token<S: Store + ?Sized>(
    store: &S,
    user_id: &str,
    payload: &Payload,
    config: &SessionConfig,
    clock: &dyn Clock,
) -> Result<TokenPair> {
    check_user_id(user_id)?;
    Registered::check_session_payload(payload)?;
    let spec = PairSpec {
        user_id,
        custom: payload,
        sid: random_id()?,
        rot: 0,
        started_at: clock.now(),
        predecessor: None,
    };
    let (pair, record) = issue_pair(config, spec, clock)?;
    // One write replaces the old record: KV allows one write per second per key, so a
    // delete followed by a put would spend two.
    put_record(store, &config.store_key(user_id), &record, clock).await?;
    Ok(pair)
}
