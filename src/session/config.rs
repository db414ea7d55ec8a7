//! The prepared configuration of the refresh-token lifecycle.

use core::fmt;

use crate::duration::checked_lifetime;
use crate::error::{Error, Result};
use crate::hash::HashKey;
use crate::keys::{Algorithm, JwtKey, SecretKey};
use crate::options::{SignOptions, VerifyOptions, DEFAULT_ACCESS_TTL, DEFAULT_REFRESH_TTL};
use crate::store::MIN_EXPIRATION_TTL;

/// Tunables of a [`SessionConfig`]; every field has a secure default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SessionSettings {
    /// Signing algorithm for both tokens. Default HS256.
    pub algorithm: Algorithm,
    /// Access-token lifetime in seconds. Default 15 minutes.
    pub access_ttl: Option<u64>,
    /// Refresh-token lifetime in seconds, at least 60 (KV's minimum TTL). Default 30 days.
    pub refresh_ttl: Option<u64>,
    /// `iss` written on and required of every token.
    pub issuer: Option<String>,
    /// `aud` written on and required of every token.
    pub audience: Option<String>,
    /// Clock skew tolerated when verifying, in seconds. Default 0.
    pub leeway: u64,
    /// Seconds after a rotation during which the refresh token it retired is still answered
    /// with the same successor pair instead of counting as reuse (two tabs refreshing at once).
    /// Default [`DEFAULT_GRACE_PERIOD`]; 0 turns it off; at most [`MAX_GRACE_PERIOD`].
    pub grace_period: Option<u64>,
}

/// Default grace period for the refresh token a rotation just retired, in seconds.
pub const DEFAULT_GRACE_PERIOD: u64 = 15;
/// The longest grace period accepted: beyond this a retired token is a liability, not a race.
pub const MAX_GRACE_PERIOD: u64 = 300;

impl SessionSettings {
    /// Sets the algorithm.
    #[must_use]
    pub fn algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }
    /// Sets the access-token lifetime.
    #[must_use]
    pub fn access_ttl(mut self, secs: u64) -> Self {
        self.access_ttl = Some(secs);
        self
    }
    /// Sets the refresh-token lifetime.
    #[must_use]
    pub fn refresh_ttl(mut self, secs: u64) -> Self {
        self.refresh_ttl = Some(secs);
        self
    }
    /// Sets `iss`.
    #[must_use]
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }
    /// Sets `aud`.
    #[must_use]
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }
    /// Sets the leeway.
    #[must_use]
    pub fn leeway(mut self, secs: u64) -> Self {
        self.leeway = secs;
        self
    }
    /// Sets the grace period for the just-retired refresh token (0 turns it off).
    #[must_use]
    pub fn grace_period(mut self, secs: u64) -> Self {
        self.grace_period = Some(secs);
        self
    }
}

/// Three distinct secrets, keyed once, plus the settings: everything the lifecycle operations
/// need. Build it once and reuse it; construction does the key checks and HMAC set-up.
#[derive(Clone)]
pub struct SessionConfig {
    pub(crate) access_key: JwtKey,
    pub(crate) refresh_key: JwtKey,
    pub(crate) hash_key: HashKey,
    pub(crate) access_ttl: u64,
    pub(crate) refresh_ttl: u64,
    pub(crate) grace_period: u64,
    pub(crate) sign: SignOptions,
    pub(crate) verify: VerifyOptions,
}

impl SessionConfig {
    /// Checks and prepares the secrets.
    ///
    /// # Errors
    /// [`Error::Config`] when a secret is too short for the algorithm, two secrets are equal,
    /// or a lifetime is out of range.
    pub fn new(
        access_secret: &SecretKey,
        refresh_secret: &SecretKey,
        hash_key: &SecretKey,
        settings: SessionSettings,
    ) -> Result<Self> {
        if access_secret == refresh_secret
            || access_secret == hash_key
            || refresh_secret == hash_key
        {
            return Err(Error::Config(
                "accessSecret, refreshSecret and hashKey must be three different secrets".into(),
            ));
        }
        let access_ttl = checked_lifetime(settings.access_ttl.unwrap_or(DEFAULT_ACCESS_TTL))
            .map_err(|e| Error::Config(format!("accessTtl: {e}")))?;
        let refresh_ttl = checked_lifetime(settings.refresh_ttl.unwrap_or(DEFAULT_REFRESH_TTL))
            .map_err(|e| Error::Config(format!("refreshTtl: {e}")))?;
        if refresh_ttl < MIN_EXPIRATION_TTL {
            return Err(Error::Config(format!(
                "refreshTtl must be at least {MIN_EXPIRATION_TTL} seconds (the store's minimum)"
            )));
        }
        let grace_period = settings.grace_period.unwrap_or(DEFAULT_GRACE_PERIOD);
        if grace_period > MAX_GRACE_PERIOD || grace_period >= refresh_ttl {
            return Err(Error::Config(format!(
                "gracePeriod must be at most {MAX_GRACE_PERIOD} seconds and shorter than refreshTtl"
            )));
        }
        let named = |name: &str, e: Error| Error::Config(format!("{name}: {e}"));
        let sign = SignOptions {
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone().map(crate::claims::Audience::One),
            ..SignOptions::default()
        };
        let verify = VerifyOptions {
            issuer: settings.issuer,
            audience: settings.audience,
            leeway: settings.leeway,
            ..VerifyOptions::default()
        };
        Ok(Self {
            access_key: JwtKey::new(access_secret, settings.algorithm)
                .map_err(|e| named("accessSecret", e))?,
            refresh_key: JwtKey::new(refresh_secret, settings.algorithm)
                .map_err(|e| named("refreshSecret", e))?,
            hash_key: HashKey::new(hash_key)?,
            access_ttl,
            refresh_ttl,
            grace_period,
            sign,
            verify,
        })
    }

    /// The key access tokens are signed with, for verifying them.
    pub fn access_key(&self) -> &JwtKey {
        &self.access_key
    }

    /// The options access tokens are verified with (`iss`, `aud`, leeway).
    pub fn verify_options(&self) -> &VerifyOptions {
        &self.verify
    }

    /// Access-token lifetime in seconds.
    pub fn access_ttl(&self) -> u64 {
        self.access_ttl
    }

    /// Refresh-token lifetime in seconds.
    pub fn refresh_ttl(&self) -> u64 {
        self.refresh_ttl
    }

    /// Grace period for the just-retired refresh token, in seconds.
    pub fn grace_period(&self) -> u64 {
        self.grace_period
    }

    /// The store key of `user_id` (see `docs/storage-schema.md`).
    pub fn store_key(&self, user_id: &str) -> String {
        self.hash_key.store_key(user_id)
    }
}

impl fmt::Debug for SessionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionConfig")
            .field("algorithm", &self.access_key.algorithm())
            .field("access_ttl", &self.access_ttl)
            .field("refresh_ttl", &self.refresh_ttl)
            .field("grace_period", &self.grace_period)
            .field("issuer", &self.verify.issuer)
            .field("audience", &self.verify.audience)
            .finish_non_exhaustive()
    }
}
