//! `revoke_refresh_token` and `revoke_user`.

use super::{check_user_id, SessionConfig};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::store::Store;

use super::check_presented;

/// Ends the session of `refresh_token` (RFC 7009). A token that is unknown, expired, forged or
/// already revoked is not an error: the outcome the caller wants already holds. Store failures
/// are still reported, because then the session may still be alive.
///
/// # Errors
/// Store failures only.
pub async fn revoke_refresh_token<S: Store + ?Sized>(
    store: &S,
    refresh_token: &str,
    config: &SessionConfig,
    clock: &dyn Clock,
) -> Result<()> {
    match check_presented(store, refresh_token, config, clock).await {
        Ok(live) => {
            store.delete(&live.store_key).await?;
            Ok(())
        }
        Err(e @ (Error::RateLimited { .. } | Error::StoreUnavailable(_) | Error::Internal(_))) => {
            Err(e)
        }
        Err(_) => Ok(()),
    }
}

/// Ends every session of `user_id` ("log out everywhere").
///
/// # Errors
/// [`Error::InvalidRequest`] for an unusable user id; store failures.
pub async fn revoke_user<S: Store + ?Sized>(
    store: &S,
    user_id: &str,
    config: &SessionConfig,
) -> Result<()> {
    check_user_id(user_id)?;
    store.delete(&config.store_key(user_id)).await?;
    Ok(())
}
