//! # edge-tokens
//!
//! JWT access and refresh tokens for edge runtimes. The core signs and verifies HS256/384/512
//! tokens with [jwt-compact](https://docs.rs/jwt-compact), hashes refresh tokens with a secret
//! HMAC key, and runs the refresh-token lifecycle (save, verify, rotate, revoke) against any
//! [`Store`] with Workers KV's shape. It does no I/O and reads no clock of its own: the store
//! and the [`Clock`] are handed in.
//!
//! ```
//! use edge_tokens::*;
//! let key = JwtKey::from_bytes("an-access-secret-of-at-least-32-bytes", Algorithm::HS256)?;
//! let mut payload = Payload::new();
//! payload.insert("sub".into(), "user-1".into());
//! let token = generate_access_token(&payload, &key, &SignOptions::default(), &SystemClock)?;
//! let claims = verify_access_token(&token, &key, &VerifyOptions::default(), &SystemClock)?;
//! assert_eq!(claims.subject.as_deref(), Some("user-1"));
//! # Ok::<(), edge_tokens::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod api;
mod claims;
mod clock;
mod decode;
mod duration;
mod error;
mod hash;
mod keys;
mod memory_store;
mod options;
mod random;
mod session;
mod sign;
mod store;
mod strict_json;
mod token_kind;
mod verify;

#[cfg(all(feature = "npm", target_arch = "wasm32"))]
mod npm;
#[cfg(all(feature = "worker", target_arch = "wasm32"))]
mod worker;

/// The README's Rust examples run as doctests, so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use claims::{Audience, Payload, VerifiedClaims, RESERVED_CLAIMS, SESSION_CLAIMS};
#[cfg(not(target_arch = "wasm32"))]
pub use clock::SystemClock;
pub use clock::{Clock, FnClock, ManualClock};
pub use decode::{decode_token, DecodedToken};
pub use duration::{parse_duration, MAX_LIFETIME_SECS};
pub use error::{Error, Result};
pub use hash::{hash_token, hashes_equal, HashKey};
pub use keys::{Algorithm, JwtKey, SecretKey, MIN_SECRET_LEN};
pub use memory_store::MemoryStore;
pub use options::{SignOptions, VerifyOptions, DEFAULT_ACCESS_TTL, DEFAULT_REFRESH_TTL};
pub use session::{
    revoke_refresh_token, revoke_user, rotate_refresh_token, save_token, verify_refresh_token,
    SessionConfig, SessionSettings, TokenPair, DEFAULT_GRACE_PERIOD, MAX_GRACE_PERIOD,
    MAX_USER_ID_LEN,
};
pub use sign::{generate_access_token, generate_refresh_token};
pub use store::{Store, StoreError, MAX_KEY_LEN, MIN_EXPIRATION_TTL};
pub use token_kind::TokenKind;
pub use verify::{verify_access_token, MAX_TOKEN_LEN};
