//! Credentials on requests: the `Authorization: Bearer` header and the issuer API key.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use crate::error::{Error, Result};
use crate::keys::{SecretKey, MIN_SECRET_LEN};

/// The credential of an `Authorization: Bearer <credential>` header (RFC 6750 §2.1; the scheme
/// name is case-insensitive).
///
/// # Errors
/// 401 `ERR_UNAUTHORIZED` when the header is missing or not a Bearer credential.
pub fn bearer_credential(authorization: Option<&str>) -> Result<&str, ApiError> {
    let unauthorized = |m: &str| ApiError::from(Error::Unauthorized(m.to_owned()));
    let header = authorization.ok_or_else(|| unauthorized("missing Authorization header"))?;
    let (scheme, credential) = header
        .trim()
        .split_once(' ')
        .ok_or_else(|| unauthorized("Authorization must be `Bearer <token>`"))?;
    let credential = credential.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || credential.is_empty() {
        return Err(unauthorized("Authorization must be `Bearer <token>`"));
    }
    Ok(credential)
}

/// The issuer API key: whoever holds it may mint sessions for any user.
#[derive(Clone)]
pub struct ApiKey {
    digest: [u8; 32],
}

impl ApiKey {
    /// Accepts a key of at least 32 bytes.
    ///
    /// # Errors
    /// [`Error::Config`] for a shorter key.
    pub fn new(key: &str) -> Result<Self> {
        if key.len() < MIN_SECRET_LEN {
            return Err(Error::Config(format!(
                "the issuer API key must be at least {MIN_SECRET_LEN} bytes"
            )));
        }
        Ok(Self {
            digest: Sha256::digest(key.as_bytes()).into(),
        })
    }

    /// The key from an already checked secret.
    pub fn from_secret(secret: &SecretKey) -> Self {
        Self {
            digest: Sha256::digest(secret.expose()).into(),
        }
    }

    /// Whether `presented` is the key. Compares fixed-length digests in constant time, so
    /// neither the content nor the length of the key leaks through timing.
    pub fn matches(&self, presented: &str) -> bool {
        let presented: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        presented.ct_eq(&self.digest).into()
    }

    /// Checks the `Authorization` header of an issuer request.
    ///
    /// # Errors
    /// 401 `ERR_UNAUTHORIZED` when the header is missing or the key is wrong.
    pub fn check(&self, authorization: Option<&str>) -> Result<(), ApiError> {
        let presented = bearer_credential(authorization)?;
        if self.matches(presented) {
            Ok(())
        } else {
            Err(Error::Unauthorized("wrong issuer API key".into()).into())
        }
    }
}

impl core::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("ApiKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_header_forms() {
        assert_eq!(bearer_credential(Some("Bearer abc")).unwrap(), "abc");
        assert_eq!(bearer_credential(Some("bearer  abc ")).unwrap(), "abc");
        for bad in [
            None,
            Some(""),
            Some("Basic abc"),
            Some("Bearer"),
            Some("Bearer  "),
        ] {
            assert_eq!(
                bearer_credential(bad).unwrap_err().code(),
                "ERR_UNAUTHORIZED"
            );
        }
    }

    #[test]
    fn api_key_matches_only_itself() {
        let key = ApiKey::new("issuer-key-issuer-key-issuer-key-1").unwrap();
        assert!(key
            .check(Some("Bearer issuer-key-issuer-key-issuer-key-1"))
            .is_ok());
        assert!(key
            .check(Some("Bearer issuer-key-issuer-key-issuer-key-2"))
            .is_err());
        assert!(key
            .check(Some("Bearer issuer-key-issuer-key-issuer-key-"))
            .is_err());
        assert!(key.check(None).is_err());
        assert!(ApiKey::new("short").is_err());
        assert!(!format!("{key:?}").contains("issuer"));
    }
}
