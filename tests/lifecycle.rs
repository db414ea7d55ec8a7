//! The refresh-token lifecycle against the in-memory store, with a fixed clock.

mod common;

use common::*;
use edge_tokens::*;
use futures_executor::block_on;
use serde_json::json;

#[test]
fn save_verify_supersede_rotate_reuse_revoke() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        let p = payload(json!({"role": "admin"}));

        // Login, then a second login of the same user supersedes the first.
        let first = save_token(&store, "alice", &p, &cfg, &clock).await.unwrap();
        assert_eq!((first.expires_in, first.refresh_expires_in), (900, 3600));
        let claims = verify_refresh_token(&store, &first.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(claims.subject.as_deref(), Some("alice"));
        assert_eq!(claims.custom["role"], json!("admin"));
        let bob = save_token(&store, "bob", &Payload::new(), &cfg, &clock)
            .await
            .unwrap();
        clock.advance(1);
        let second = save_token(&store, "alice", &p, &cfg, &clock).await.unwrap();
        assert_eq!(
            code(verify_refresh_token(&store, &first.refresh_token, &cfg, &clock).await),
            "ERR_REFRESH_TOKEN_REVOKED"
        );
        // The superseded token did not harm the newer session or another user.
        assert!(
            verify_refresh_token(&store, &second.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );
        assert!(
            verify_refresh_token(&store, &bob.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );

        // Rotate A -> B -> C; the access token keeps the custom claims.
        let a = second.refresh_token.clone();
        clock.advance(10);
        let b = rotate_refresh_token(&store, &a, &cfg, &clock)
            .await
            .unwrap();
        let access = verify_access_token(
            &b.access_token,
            cfg.access_key(),
            cfg.verify_options(),
            &clock,
        )
        .unwrap();
        assert_eq!(access.custom["role"], json!("admin"));
        assert_eq!(access.subject.as_deref(), Some("alice"));
        let sid_a = decode_token(&a).unwrap().payload["sid"].clone();
        assert_eq!(access.session_id.as_deref(), sid_a.as_str());
        clock.advance(10);
        let c = rotate_refresh_token(&store, &b.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert!(verify_refresh_token(&store, &c.refresh_token, &cfg, &clock)
            .await
            .is_ok());

        // A comes back: reuse; the whole session dies, C included.
        assert_eq!(
            code(rotate_refresh_token(&store, &a, &cfg, &clock).await),
            "ERR_REFRESH_TOKEN_REUSED"
        );
        assert_eq!(
            code(verify_refresh_token(&store, &c.refresh_token, &cfg, &clock).await),
            "ERR_REFRESH_TOKEN_REVOKED"
        );
        assert!(
            verify_refresh_token(&store, &bob.refresh_token, &cfg, &clock)
                .await
                .is_ok()
        );

        // Revoke: garbage is fine, a live token ends its session.
        revoke_refresh_token(&store, "not-a-token", &cfg, &clock)
            .await
            .unwrap();
        revoke_refresh_token(&store, &bob.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(
            code(verify_refresh_token(&store, &bob.refresh_token, &cfg, &clock).await),
            "ERR_REFRESH_TOKEN_REVOKED"
        );
        assert!(store.is_empty());
    });
}

#[test]
fn store_holds_only_hashes_under_opaque_keys() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        let pair = save_token(&store, "carol@example.com", &Payload::new(), &cfg, &clock)
            .await
            .unwrap();
        let entries = store.entries();
        assert_eq!(entries.len(), 1);
        let (key, value) = &entries[0];
        assert_eq!(key, &cfg.store_key("carol@example.com"));
        assert!(key.starts_with("rt:") && key.len() == 46 && !key.contains("carol"));
        assert!(!value.contains(&pair.refresh_token));
        assert!(!value.contains(&pair.access_token));
        let record: serde_json::Value = serde_json::from_str(value).unwrap();
        assert_eq!(record["v"], json!(1));
        assert_eq!(record["rot"], json!(0));
        assert_eq!(record["hash"].as_str().unwrap().len(), 64);
        assert_eq!(record["exp"], json!(NOW + 3600));
    });
}

#[test]
fn expiry_and_ttl() {
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        let pair = save_token(&store, "dave", &Payload::new(), &cfg, &clock)
            .await
            .unwrap();
        // 30 s before expiry the record is still there (TTL floor of 60 s not undercut) and
        // rotation still works.
        clock.advance(3600 - 30);
        let next = rotate_refresh_token(&store, &pair.refresh_token, &cfg, &clock)
            .await
            .unwrap();
        clock.advance(3601);
        assert_eq!(
            code(verify_refresh_token(&store, &next.refresh_token, &cfg, &clock).await),
            "ERR_TOKEN_EXPIRED"
        );
    });
}

#[test]
fn config_and_input_errors() {
    let s = |t: &str| SecretKey::new(t).unwrap();
    let same = SessionConfig::new(
        &s("same-secret-same-secret-same-secret-1"),
        &s("same-secret-same-secret-same-secret-1"),
        &s("hash-key-hash-key-hash-key-hash-key-1"),
        SessionSettings::default(),
    );
    assert_eq!(code(same), "ERR_CONFIG");
    let short_ttl = SessionConfig::new(
        &s("access-secret-access-secret-access-1"),
        &s("refresh-secret-refresh-secret-refresh-1"),
        &s("hash-key-hash-key-hash-key-hash-key-1"),
        SessionSettings::default().refresh_ttl(59),
    );
    assert_eq!(code(short_ttl), "ERR_CONFIG");
    assert_eq!(code(SecretKey::new("short")), "ERR_CONFIG");
    block_on(async {
        let clock = ManualClock::new(NOW);
        let store = MemoryStore::new(&clock);
        let cfg = config();
        assert_eq!(
            code(save_token(&store, "", &Payload::new(), &cfg, &clock).await),
            "ERR_INVALID_REQUEST"
        );
        for claim in ["sub", "exp", "sid", "rot"] {
            let p = payload(json!({ claim: "x" }));
            assert_eq!(
                code(save_token(&store, "eve", &p, &cfg, &clock).await),
                "ERR_INVALID_REQUEST"
            );
        }
        // An access token is not a refresh token.
        let pair = save_token(&store, "eve", &Payload::new(), &cfg, &clock)
            .await
            .unwrap();
        assert_eq!(
            code(verify_refresh_token(&store, &pair.access_token, &cfg, &clock).await),
            "ERR_TOKEN_INVALID"
        );
        revoke_user(&store, "eve", &cfg).await.unwrap();
        assert_eq!(
            code(verify_refresh_token(&store, &pair.refresh_token, &cfg, &clock).await),
            "ERR_REFRESH_TOKEN_REVOKED"
        );
    });
}
