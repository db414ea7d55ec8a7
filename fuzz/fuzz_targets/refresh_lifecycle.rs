//! Any bytes presented as a refresh token to a store holding a live session: rotate, verify
//! and revoke must refuse them without panicking and without harming the live session.
#![no_main]

use edge_tokens::{
    revoke_refresh_token, rotate_refresh_token, save_token, verify_refresh_token, ManualClock,
    MemoryStore, Payload, SecretKey, SessionConfig, SessionSettings,
};
use futures_executor::block_on;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (Ok(a), Ok(r), Ok(h)) = (
        SecretKey::new("fuzz-access-secret-fuzz-access-secret"),
        SecretKey::new("fuzz-refresh-secret-fuzz-refresh-secr"),
        SecretKey::new("fuzz-hash-key-fuzz-hash-key-fuzz-hash"),
    ) else {
        return;
    };
    let Ok(config) = SessionConfig::new(&a, &r, &h, SessionSettings::default()) else {
        return;
    };
    let clock = ManualClock::new(1_767_225_600);
    let store = MemoryStore::new(&clock);
    let text = String::from_utf8_lossy(data);
    block_on(async {
        let Ok(live) = save_token(&store, "victim", &Payload::new(), &config, &clock).await else {
            return;
        };
        if text == live.refresh_token {
            return;
        }
        assert!(rotate_refresh_token(&store, &text, &config, &clock)
            .await
            .is_err());
        assert!(verify_refresh_token(&store, &text, &config, &clock)
            .await
            .is_err());
        assert!(revoke_refresh_token(&store, &text, &config, &clock)
            .await
            .is_ok());
        // Garbage cannot end or advance the live session.
        assert!(
            verify_refresh_token(&store, &live.refresh_token, &config, &clock)
                .await
                .is_ok()
        );
    });
});
