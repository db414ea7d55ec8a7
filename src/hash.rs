//! `hash_token`, the per-user key derivations of the storage schema, and constant-time
//! comparison of hashes.

use base64ct::{Base64UrlUnpadded, Encoding};
use core::fmt;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};
use crate::keys::SecretKey;

/// A secret HMAC-SHA256 key, keyed once, for hashing refresh tokens and deriving store keys.
#[derive(Clone)]
pub struct HashKey {
    state: Hmac<Sha256>,
}

impl HashKey {
    /// Prepares `secret` for hashing.
    ///
    /// # Errors
    /// Only if HMAC refuses the key, which it never does; kept fallible so no panic path exists.
    pub fn new(secret: &SecretKey) -> Result<Self> {
        Self::from_raw(secret.expose())
    }

    /// Shorthand for `HashKey::new(&SecretKey::new(bytes)?)`.
    ///
    /// # Errors
    /// [`Error::Config`] when the key is shorter than 32 bytes.
    pub fn from_bytes(bytes: impl AsRef<[u8]>) -> Result<Self> {
        Self::new(&SecretKey::new(bytes)?)
    }

    fn from_raw(bytes: &[u8]) -> Result<Self> {
        Ok(Self {
            state: Hmac::new_from_slice(bytes)
                .map_err(|_| Error::Internal("HMAC refused a key".into()))?,
        })
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.state.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }

    /// Store key of a user: `rt:` + base64url(HMAC(hashKey, "user:" + userId)).
    pub(crate) fn store_key(&self, user_id: &str) -> String {
        let digest = self.mac(&[b"user:", user_id.as_bytes()]);
        let mut key = String::with_capacity(3 + 43);
        key.push_str("rt:");
        key.push_str(&Base64UrlUnpadded::encode_string(&digest));
        key
    }

    /// The key a user's refresh tokens are hashed under: HMAC(hashKey, "hash:" + userId).
    pub(crate) fn user_key(&self, user_id: &str) -> Result<HashKey> {
        Self::from_raw(&self.mac(&[b"hash:", user_id.as_bytes()]))
    }

    /// A token id (16 bytes, base64url) derived from `input` under this key, labelled so ids
    /// for different purposes never coincide. Rotation derives the successor's ids from the
    /// predecessor's hash, which makes the successor reproducible during the grace period.
    pub(crate) fn derive_id(&self, label: &str, input: &str) -> String {
        let digest = self.mac(&[b"id:", label.as_bytes(), b":", input.as_bytes()]);
        let (id, _) = digest.split_at(16);
        Base64UrlUnpadded::encode_string(id)
    }

    /// Lowercase hex HMAC-SHA256 of `token` under this key.
    pub fn hash(&self, token: &str) -> String {
        to_hex(&self.mac(&[token.as_bytes()]))
    }
}

impl fmt::Debug for HashKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HashKey(<redacted>)")
    }
}

/// HMAC-SHA256 of `token` under `key`, lowercase hex (64 characters): byte for byte what
/// Node's `createHmac('sha256', key).update(token).digest('hex')` prints.
pub fn hash_token(token: &str, key: &HashKey) -> String {
    key.hash(token)
}

/// Compares two hashes in time independent of where they differ.
pub fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    fn digit(nibble: u8) -> char {
        char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        })
    }
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b & 0x0f));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_hmac_sha256_vector() {
        // Key 32 x 0x0b, message "Hi There"; value printed by both
        // `openssl dgst -sha256 -mac HMAC` and Node's `createHmac`.
        let key = HashKey::from_bytes([0x0b; 32]).unwrap();
        assert_eq!(
            hash_token("Hi There", &key),
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"
        );
    }

    #[test]
    fn store_keys_hide_the_user_and_have_fixed_length() {
        let key = HashKey::from_bytes([1u8; 32]).unwrap();
        let a = key.store_key("alice@example.com");
        let b = key.store_key(&"x".repeat(10_000));
        assert!(a.starts_with("rt:") && !a.contains("alice"));
        assert_eq!(a.len(), 46);
        assert_eq!(b.len(), 46);
        assert_ne!(a, key.store_key("bob"));
    }

    #[test]
    fn constant_time_equality() {
        assert!(hashes_equal("abc", "abc"));
        assert!(!hashes_equal("abc", "abd"));
        assert!(!hashes_equal("abc", "abcd"));
    }
}
