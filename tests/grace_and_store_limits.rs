//! Rotation under real-client conditions: concurrent refreshes (the grace period), racing
//! rotations, KV's minimum TTL and its per-key write limit.

mod common;

use std::cell::Cell;

use common::*;
use edge_tokens::*;
use futures_executor::block_on;
use serde_json::json;

fn config_with_grace(grace: u64) -> SessionConfig {
    SessionConfig::new(
        &SecretKey::new("access-secret-access-secret-access-1").unwrap(),
        &SecretKey::new("refresh-secret-refresh-secret-refresh-1").unwrap(),
        &SecretKey::new("hash-key-hash-key-hash-key-hash-key-1").unwrap(),
        SessionSettings::default()
            .refresh_ttl(3600)
            .grace_period(grace),
    )
    .unwrap()
}

fn role() -> Payload {
    payload(json!({"role": "admin"}))
}

#[test]
fn within_grace_the_retired_token_gets_the_identical_pair_and_nothing_is_written() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config(); // default grace period
        assert_eq!(cfg.grace_period(), DEFAULT_GRACE_PERIOD);
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        clock.advance(30);
        let next = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        let stored = store.entries();

        clock.advance(i64::try_from(DEFAULT_GRACE_PERIOD).unwrap());
        let again = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(again, next, "the second tab gets the same pair");
        assert_eq!(
            store.entries(),
            stored,
            "no second live refresh token was written"
        );
        // The retired token also verifies and revokes like the live one within the grace.
        let claims = verify_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(claims.rotation, Some(0));
        // The successor is live and rotates normally.
        let third = rotate_refresh_token(&store, &next.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_ne!(third.refresh_token, next.refresh_token);
    });
}

#[test]
fn after_the_grace_period_or_two_rotations_back_it_is_reuse() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config_with_grace(10);

        // Late: one second past the grace period.
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        let next = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        clock.advance(11);
        let late = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock).await;
        assert_eq!(code(late), "ERR_REFRESH_TOKEN_REUSED");
        let dead = rotate_refresh_token(&store, &next.refresh_token, &cfg, &clock).await;
        assert_eq!(code(dead), "ERR_REFRESH_TOKEN_REVOKED");

        // Two rotations back, even within the grace period.
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        let b = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        let c = rotate_refresh_token(&store, &b.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        let replay = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock).await;
        assert_eq!(code(replay), "ERR_REFRESH_TOKEN_REUSED");
        let dead = verify_refresh_token(&store, &c.refresh_token, &cfg, &clock).await;
        assert_eq!(code(dead), "ERR_REFRESH_TOKEN_REVOKED");
    });
}

#[test]
fn grace_zero_turns_it_off_and_limits_are_checked() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config_with_grace(0);
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        let replay = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock).await;
        assert_eq!(code(replay), "ERR_REFRESH_TOKEN_REUSED");
    });
    let too_long = SessionConfig::new(
        &SecretKey::new("access-secret-access-secret-access-1").unwrap(),
        &SecretKey::new("refresh-secret-refresh-secret-refresh-1").unwrap(),
        &SecretKey::new("hash-key-hash-key-hash-key-hash-key-1").unwrap(),
        SessionSettings::default().grace_period(MAX_GRACE_PERIOD + 1),
    );
    assert_eq!(code(too_long), "ERR_CONFIG");
}

#[test]
fn a_superseded_login_is_revoked_not_reused_even_within_grace() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        let old = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        let newer = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        let stale = rotate_refresh_token(&store, &old.refresh_token, &cfg, &clock).await;
        assert_eq!(code(stale), "ERR_REFRESH_TOKEN_REVOKED");
        assert!(
            rotate_refresh_token(&store, &newer.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );
    });
}

#[test]
fn racing_rotations_leave_one_live_token_and_the_session_alive() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        let before = store.entries();
        let (key, old_value) = before.first().cloned().unwrap();

        // Two requests read the record before either writes, a second apart.
        let first = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        store.put(&key, &old_value, 3600).await.unwrap();
        clock.advance(1);
        let second = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_ne!(first.refresh_token, second.refresh_token);

        // The record holds the last writer's token; the loser is merely revoked.
        let loser = verify_refresh_token(&store, &first.refresh_token, &cfg, &clock).await;
        assert_eq!(code(loser), "ERR_REFRESH_TOKEN_REVOKED");
        assert!(
            verify_refresh_token(&store, &second.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );
        // The shared predecessor, within grace, maps to the winner.
        let again = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(again, second);
    });
}

#[test]
fn a_refresh_token_with_under_60_seconds_left_still_rotates() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config_with_grace(10); // refresh TTL 3600
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        clock.advance(3600 - 5);
        // MemoryStore refuses TTLs under 60 like KV: the write would fail if we asked for 5.
        let next = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(next.refresh_expires_in, 3600);
        clock.advance(6);
        let expired = rotate_refresh_token(&store, &next.refresh_token, &cfg, &clock).await;
        assert!(expired.is_ok(), "the new token has a full lifetime");
    });
}

/// KV's per-key write limit: the first `failures` puts answer 429.
struct RateLimitedPuts<S> {
    inner: S,
    failures: Cell<u32>,
}

impl<S: Store> Store for RateLimitedPuts<S> {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key).await
    }
    async fn put(&self, key: &str, value: &str, ttl: u64) -> Result<(), StoreError> {
        if self.failures.get() > 0 {
            self.failures.set(self.failures.get() - 1);
            return Err(StoreError::from_failure(
                "put",
                "KV PUT failed: 429 Too Many Requests",
            ));
        }
        self.inner.put(key, value, ttl).await
    }
    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.inner.delete(key).await
    }
    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        self.inner.list(prefix).await
    }
}

#[test]
fn a_rate_limited_rotation_loses_nothing_and_can_be_retried() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = RateLimitedPuts {
            inner: MemoryStore::new(&clock),
            failures: Cell::new(0),
        };
        let cfg = config();
        let login = save_token(&store, "alice", &role(), &cfg, &clock)
            .await
            .unwrap();
        store.failures.set(1);
        let err = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap_err();
        assert_eq!(err, Error::RateLimited { retry_after: 1 });
        assert_eq!(err.http_status(), 429);
        // The session is intact: the same token is still the live one and the retry works.
        clock.advance(1);
        assert!(
            verify_refresh_token(&store, &login.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );
        let next = rotate_refresh_token(&store, &login.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert!(
            verify_refresh_token(&store, &next.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );
    });
}
