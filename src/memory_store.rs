//! An in-memory [`Store`] that keeps Workers KV's rules, so code tested against it behaves the
//! same against KV: TTL under 60 s refused, keys up to 512 bytes, values up to 25 MiB,
//! entries vanish at expiry.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::clock::Clock;
use crate::store::{Store, StoreError, MAX_KEY_LEN, MIN_EXPIRATION_TTL};

const MAX_VALUE_LEN: usize = 25 * 1024 * 1024;

/// A process-local store for tests, single-node servers and demos.
#[derive(Debug)]
pub struct MemoryStore<C> {
    clock: C,
    entries: Mutex<BTreeMap<String, (String, i64)>>,
}

impl<C: Clock> MemoryStore<C> {
    /// An empty store whose expiry follows `clock`.
    pub fn new(clock: C) -> Self {
        Self {
            clock,
            entries: Mutex::new(BTreeMap::new()),
        }
    }

    /// Runs `f` on the map and the current time. Expiry is judged per key by readers, so the
    /// single-key operations stay O(log n); whole-map walks also drop what has expired.
    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<String, (String, i64)>, i64) -> T) -> T {
        // A poisoned lock only means another thread panicked mid-operation; the map itself is
        // always consistent because every operation is a single insert, remove or read.
        let mut guard = match self.entries.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(&mut guard, self.clock.now())
    }

    /// The live entries, after dropping expired ones.
    fn live<T>(&self, f: impl FnOnce(&BTreeMap<String, (String, i64)>) -> T) -> T {
        self.with(|m, now| {
            m.retain(|_, (_, expires)| *expires > now);
            f(m)
        })
    }

    /// Number of live entries.
    pub fn len(&self) -> usize {
        self.live(BTreeMap::len)
    }

    /// Whether no live entry exists.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every live entry as `(key, value)`, for inspection in tests.
    pub fn entries(&self) -> Vec<(String, String)> {
        self.live(|m| m.iter().map(|(k, (v, _))| (k.clone(), v.clone())).collect())
    }
}

fn check_key(key: &str) -> Result<(), StoreError> {
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(StoreError::Rejected(format!(
            "key length {} is outside 1..={MAX_KEY_LEN}",
            key.len()
        )));
    }
    Ok(())
}

impl<C: Clock> Store for MemoryStore<C> {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        check_key(key)?;
        Ok(self.with(|m, now| {
            m.get(key)
                .filter(|(_, expires)| *expires > now)
                .map(|(v, _)| v.clone())
        }))
    }

    async fn put(&self, key: &str, value: &str, expiration_ttl: u64) -> Result<(), StoreError> {
        check_key(key)?;
        if expiration_ttl < MIN_EXPIRATION_TTL {
            return Err(StoreError::Rejected(format!(
                "expirationTtl {expiration_ttl} is under {MIN_EXPIRATION_TTL} seconds"
            )));
        }
        if value.len() > MAX_VALUE_LEN {
            return Err(StoreError::Rejected("value larger than 25 MiB".into()));
        }
        let ttl = i64::try_from(expiration_ttl).unwrap_or(i64::MAX);
        self.with(|m, now| m.insert(key.to_owned(), (value.to_owned(), now.saturating_add(ttl))));
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        check_key(key)?;
        self.with(|m, _| m.remove(key));
        Ok(())
    }

    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.live(|m| {
            m.keys()
                .filter(|k| k.starts_with(prefix))
                .cloned()
                .collect()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use futures_executor::block_on;

    #[test]
    fn keeps_kv_rules() {
        let clock = ManualClock::new(1_000);
        let store = MemoryStore::new(&clock);
        block_on(async {
            assert!(matches!(
                store.put("k", "v", 59).await,
                Err(StoreError::Rejected(_))
            ));
            assert!(store.put(&"k".repeat(513), "v", 60).await.is_err());
            store.put("k", "v", 60).await.unwrap();
            assert_eq!(store.get("k").await.unwrap().as_deref(), Some("v"));
            clock.advance(59);
            assert_eq!(store.list("").await.unwrap(), vec!["k".to_owned()]);
            clock.advance(1);
            assert_eq!(store.get("k").await.unwrap(), None);
            store.delete("missing").await.unwrap();
        });
    }
}
