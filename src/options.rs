//! Options for signing and verifying, each one declarative struct with secure defaults.

use crate::claims::Audience;

/// Default lifetime of an access token: 15 minutes.
pub const DEFAULT_ACCESS_TTL: u64 = 15 * 60;
/// Default lifetime of a refresh token: 30 days.
pub const DEFAULT_REFRESH_TTL: u64 = 30 * 24 * 3600;

/// How to sign a token.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct SignOptions {
    /// Lifetime in seconds; `None` means the default of the token kind.
    pub expires_in: Option<u64>,
    /// `iss` to set.
    pub issuer: Option<String>,
    /// `aud` to set.
    pub audience: Option<Audience>,
    /// `kid` header to set.
    pub key_id: Option<String>,
    /// Let the payload set `exp`, `iat`, `nbf` and `jti` itself. Off by default: a payload
    /// copied from user input must not choose its own expiry.
    pub allow_reserved_claims: bool,
}

impl SignOptions {
    /// Sets the lifetime in seconds.
    #[must_use]
    pub fn expires_in(mut self, secs: u64) -> Self {
        self.expires_in = Some(secs);
        self
    }

    /// Sets `iss`.
    #[must_use]
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// Sets a single `aud`.
    #[must_use]
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(Audience::One(audience.into()));
        self
    }

    /// Sets the `kid` header.
    #[must_use]
    pub fn key_id(mut self, key_id: impl Into<String>) -> Self {
        self.key_id = Some(key_id.into());
        self
    }
}

/// What a token must satisfy to be accepted, beyond its signature and type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Required `iss`, when set.
    pub issuer: Option<String>,
    /// Required member of `aud`, when set.
    pub audience: Option<String>,
    /// Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. Default 0.
    pub leeway: u64,
    /// Required `kid` header, when set. Compared as an opaque string.
    pub key_id: Option<String>,
}

impl VerifyOptions {
    /// Requires `iss`.
    #[must_use]
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// Requires `aud` to contain `audience`.
    #[must_use]
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// Tolerates `secs` of clock skew.
    #[must_use]
    pub fn leeway(mut self, secs: u64) -> Self {
        self.leeway = secs;
        self
    }
}
