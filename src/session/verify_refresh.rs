//! `verify_refresh_token`.

use super::{check_presented, SessionConfig};
use crate::claims::VerifiedClaims;
use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// Verifies a refresh token: signature, `typ: rt+jwt`, expiry and `iss`/`aud`, then that its
/// keyed hash is the one stored for its user (compared in constant time).
///
/// # Errors
/// The token's own problem, [`crate::Error::RefreshTokenRevoked`] when it is not the live
/// token, [`crate::Error::RefreshTokenReused`] when it is a retired token of the live session
/// (which is then revoked), or a store failure.
pub async fn verify_refresh_token<S: Store + ?Sized>(
    store: &S,
    refresh_token: &str,
    config: &SessionConfig,
    clock: &dyn Clock,
) -> Result<VerifiedClaims> {
    Ok(check_presented(store, refresh_token, config, clock)
        .await?
        .claims)
}
