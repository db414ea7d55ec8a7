//! The `REFRESH_TOKENS` KV namespace as a core [`Store`].

use ::worker::js_sys::Reflect;
use ::worker::{KvError, KvStore};

use crate::{Store, StoreError};

/// The KV binding that holds one session record per user.
pub(super) const BINDING: &str = "REFRESH_TOKENS";

pub(super) struct KvSessionStore(pub(super) KvStore);

/// KV errors arrive as JavaScript exceptions; their message tells a rate limit (429) from an
/// outage. Messages name keys at most, and keys are HMACs, so they are safe to log.
fn failure(operation: &str, err: KvError) -> StoreError {
    let message = match err {
        KvError::JavaScript(value) => Reflect::get(&value, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "unknown JavaScript error".into()),
        other => other.to_string(),
    };
    StoreError::from_failure(operation, &message)
}

impl Store for KvSessionStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key).text().await.map_err(|e| failure("get", e))
    }

    async fn put(&self, key: &str, value: &str, expiration_ttl: u64) -> Result<(), StoreError> {
        self.0
            .put(key, value)
            .map_err(|e| failure("put", e))?
            .expiration_ttl(expiration_ttl)
            .execute()
            .await
            .map_err(|e| failure("put", e))
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.0.delete(key).await.map_err(|e| failure("delete", e))
    }

    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut names = Vec::new();
        let mut cursor = None;
        loop {
            let mut request = self.0.list().prefix(prefix.to_owned());
            if let Some(c) = cursor.take() {
                request = request.cursor(c);
            }
            let page = request.execute().await.map_err(|e| failure("list", e))?;
            names.extend(page.keys.into_iter().map(|k| k.name));
            match page.cursor {
                Some(next) if !page.list_complete => cursor = Some(next),
                _ => return Ok(names),
            }
        }
    }
}
