//! The storage boundary: anything with Workers KV's method shapes.

use crate::error::Error;

/// KV refuses an `expirationTtl` below this many seconds; edge-tokens never asks for less.
pub const MIN_EXPIRATION_TTL: u64 = 60;
/// KV's longest key, in bytes.
pub const MAX_KEY_LEN: usize = 512;

/// Why a store operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreError {
    /// Too many writes (KV allows one per second per key).
    RateLimited {
        /// Seconds to wait before retrying.
        retry_after: u32,
    },
    /// The store could not be reached or failed.
    Unavailable(String),
    /// The store refused the request itself (bad key or TTL): a bug on our side.
    Rejected(String),
}

impl StoreError {
    /// Classifies a failed store call from its error message. Workers KV reports its per-key
    /// write limit (one write per second) as an error whose message carries 429; everything else
    /// means the store could not do the work.
    pub fn from_failure(operation: &str, message: &str) -> Self {
        if message.contains("429") || message.to_ascii_lowercase().contains("too many requests") {
            return Self::RateLimited { retry_after: 1 };
        }
        Self::Unavailable(format!("store {operation}() failed: {message}"))
    }
}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::RateLimited { retry_after } => Error::RateLimited { retry_after },
            StoreError::Unavailable(m) => Error::StoreUnavailable(m),
            StoreError::Rejected(m) => Error::Internal(format!("store rejected a request: {m}")),
        }
    }
}

/// A key-value store with KV's semantics: string keys and values, writes with a time to live.
///
/// Futures need not be `Send`: on wasm32 they hold JavaScript promises.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// The value under `key`, or `None`.
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`, expiring after `expiration_ttl` seconds (at least 60).
    async fn put(&self, key: &str, value: &str, expiration_ttl: u64) -> Result<(), StoreError>;
    /// Removes `key`; removing a missing key succeeds.
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
    /// All keys starting with `prefix`, in lexicographic order.
    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError>;
}

impl<S: Store + ?Sized> Store for &S {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key).await
    }
    async fn put(&self, key: &str, value: &str, expiration_ttl: u64) -> Result<(), StoreError> {
        (**self).put(key, value, expiration_ttl).await
    }
    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        (**self).delete(key).await
    }
    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        (**self).list(prefix).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_write_limit_becomes_rate_limited_and_the_rest_unavailable() {
        let limited = StoreError::from_failure("put", "KV PUT failed: 429 Too Many Requests");
        assert_eq!(limited, StoreError::RateLimited { retry_after: 1 });
        let err = Error::from(limited);
        assert_eq!((err.code(), err.http_status()), ("ERR_RATE_LIMITED", 429));
        assert!(matches!(
            StoreError::from_failure("put", "too many requests"),
            StoreError::RateLimited { .. }
        ));

        let down = Error::from(StoreError::from_failure("get", "network connection lost"));
        assert_eq!(
            (down.code(), down.http_status()),
            ("ERR_STORE_UNAVAILABLE", 503)
        );
        assert!(!down.public_message().contains("network"));
    }
}
