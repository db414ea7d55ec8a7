//! Secret keys and the HMAC algorithms they are bound to.
//!
//! A [`SecretKey`] cannot be built from fewer than 32 bytes, and a [`JwtKey`] binds a key to one
//! algorithm whose minimum is the hash output size (RFC 7518 §3.2), so a weak key is
//! unrepresentable. The HMAC state is keyed once at construction: signing or verifying clones
//! the prepared state instead of re-hashing the key every call.

use core::fmt;
use std::borrow::Cow;

use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};
use smallvec::SmallVec;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The shortest secret accepted anywhere, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// Secret bytes for signing or hashing: at least [`MIN_SECRET_LEN`] bytes, wiped on drop,
/// never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey {
    bytes: Zeroizing<Vec<u8>>,
}

impl SecretKey {
    /// Takes raw key bytes. Strings are taken as their UTF-8 bytes.
    ///
    /// # Errors
    /// [`Error::Config`] when the key is shorter than [`MIN_SECRET_LEN`] bytes.
    pub fn new(bytes: impl AsRef<[u8]>) -> Result<Self> {
        let bytes = bytes.as_ref();
        if bytes.len() < MIN_SECRET_LEN {
            return Err(Error::Config(format!(
                "secret is {} bytes; at least {MIN_SECRET_LEN} are required",
                bytes.len()
            )));
        }
        Ok(Self {
            bytes: Zeroizing::new(bytes.to_vec()),
        })
    }

    /// The key bytes. Kept crate-private so secrets only leave through HMAC.
    pub(crate) fn expose(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of key bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: an empty key cannot be constructed. Present for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// The JWS algorithms edge-tokens signs and verifies with. `none` does not exist here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    #[default]
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
}

impl Algorithm {
    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        match self {
            Self::HS256 => "HS256",
            Self::HS384 => "HS384",
            Self::HS512 => "HS512",
        }
    }

    /// Parses an `alg` name; anything but the three HMAC names is refused.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for an unknown or unsupported name.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "HS256" => Ok(Self::HS256),
            "HS384" => Ok(Self::HS384),
            "HS512" => Ok(Self::HS512),
            _ => Err(Error::InvalidRequest(format!(
                "unsupported algorithm {name:?}; use HS256, HS384 or HS512"
            ))),
        }
    }

    /// The shortest key this algorithm accepts: the hash output size, and never under 32 bytes.
    pub fn min_key_len(self) -> usize {
        match self {
            Self::HS256 => 32,
            Self::HS384 => 48,
            Self::HS512 => 64,
        }
    }
}

/// Keyed HMAC state, ready to be cloned for each message.
#[derive(Clone)]
pub(crate) enum MacState {
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
}

impl MacState {
    fn new(algorithm: Algorithm, key: &[u8]) -> Result<Self> {
        // HMAC accepts keys of any length, so these never fail; map defensively anyway.
        let bad = |_| Error::Internal("HMAC refused a key".into());
        Ok(match algorithm {
            Algorithm::HS256 => Self::Sha256(Hmac::new_from_slice(key).map_err(bad)?),
            Algorithm::HS384 => Self::Sha384(Hmac::new_from_slice(key).map_err(bad)?),
            Algorithm::HS512 => Self::Sha512(Hmac::new_from_slice(key).map_err(bad)?),
        })
    }

    fn tag(&self, message: &[u8]) -> MacSignature {
        fn run<M: Mac + Clone>(state: &M, message: &[u8]) -> MacSignature {
            let mut mac = state.clone();
            mac.update(message);
            MacSignature(SmallVec::from_slice(&mac.finalize().into_bytes()))
        }
        match self {
            Self::Sha256(m) => run(m, message),
            Self::Sha384(m) => run(m, message),
            Self::Sha512(m) => run(m, message),
        }
    }

    /// Constant-time comparison of `tag` against the MAC of `message`.
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        fn run<M: Mac + Clone>(state: &M, message: &[u8], tag: &[u8]) -> bool {
            let mut mac = state.clone();
            mac.update(message);
            mac.verify_slice(tag).is_ok()
        }
        match self {
            Self::Sha256(m) => run(m, message, tag),
            Self::Sha384(m) => run(m, message, tag),
            Self::Sha512(m) => run(m, message, tag),
        }
    }
}

/// A signature produced by [`JwtKey`]; its length depends on the algorithm.
#[derive(Clone)]
pub(crate) struct MacSignature(SmallVec<[u8; 64]>);

impl jwt_compact::AlgorithmSignature for MacSignature {
    fn try_from_slice(slice: &[u8]) -> anyhow::Result<Self> {
        Ok(Self(SmallVec::from_slice(slice)))
    }

    fn as_bytes(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.0)
    }
}

/// jwt-compact's view of a [`JwtKey`]: the algorithm name is fixed by the key, never by the token.
pub(crate) struct BoundAlgorithm(pub(crate) Algorithm);

impl jwt_compact::Algorithm for BoundAlgorithm {
    type SigningKey = MacState;
    type VerifyingKey = MacState;
    type Signature = MacSignature;

    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.0.name())
    }

    fn sign(&self, signing_key: &MacState, message: &[u8]) -> MacSignature {
        signing_key.tag(message)
    }

    fn verify_signature(&self, signature: &MacSignature, key: &MacState, message: &[u8]) -> bool {
        key.verify(message, &signature.0)
    }
}

/// A secret bound to one algorithm and keyed once: the prepared form used on the hot path.
#[derive(Clone)]
pub struct JwtKey {
    algorithm: Algorithm,
    state: MacState,
}

impl JwtKey {
    /// Binds `secret` to `algorithm`.
    ///
    /// # Errors
    /// [`Error::Config`] when the secret is shorter than the algorithm's hash output.
    pub fn new(secret: &SecretKey, algorithm: Algorithm) -> Result<Self> {
        if secret.len() < algorithm.min_key_len() {
            return Err(Error::Config(format!(
                "{} needs a secret of at least {} bytes, got {}",
                algorithm.name(),
                algorithm.min_key_len(),
                secret.len()
            )));
        }
        Ok(Self {
            algorithm,
            state: MacState::new(algorithm, secret.expose())?,
        })
    }

    /// Shorthand for `JwtKey::new(&SecretKey::new(bytes)?, algorithm)`.
    ///
    /// # Errors
    /// [`Error::Config`] for a short secret.
    pub fn from_bytes(bytes: impl AsRef<[u8]>, algorithm: Algorithm) -> Result<Self> {
        Self::new(&SecretKey::new(bytes)?, algorithm)
    }

    /// The algorithm this key signs and verifies with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The raw MAC of `message` under this key (the JWS signature of a signing input).
    pub fn mac(&self, message: &[u8]) -> Vec<u8> {
        self.state.tag(message).0.to_vec()
    }

    pub(crate) fn parts(&self) -> (BoundAlgorithm, &MacState) {
        (BoundAlgorithm(self.algorithm), &self.state)
    }
}

impl fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtKey")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_cannot_be_constructed() {
        assert_eq!(SecretKey::new([7u8; 31]).unwrap_err().code(), "ERR_CONFIG");
        assert!(SecretKey::new([7u8; 32]).is_ok());
        let s48 = SecretKey::new([7u8; 40]).unwrap();
        assert_eq!(
            JwtKey::new(&s48, Algorithm::HS384).unwrap_err().code(),
            "ERR_CONFIG"
        );
        assert!(JwtKey::new(&s48, Algorithm::HS256).is_ok());
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let key = SecretKey::new("a-very-secret-value-that-is-long-enough").unwrap();
        assert!(!format!("{key:?}").contains("secret-value"));
    }

    #[test]
    fn unknown_algorithms_are_refused() {
        for name in ["none", "None", "RS256", "hs256", ""] {
            assert_eq!(
                Algorithm::from_name(name).unwrap_err().code(),
                "ERR_INVALID_REQUEST"
            );
        }
    }
}
