//! The one error type of the crate.
//!
//! Every failure maps to a stable `code` string (the contract in `docs/`), an HTTP status and
//! a JavaScript error `name`, so the Rust API, the npm package and the Worker agree on what
//! went wrong. Messages describe the problem for a human and never carry secret material:
//! no key bytes, no token text, no stored hash.

use core::fmt;

/// Everything that can go wrong in edge-tokens.
///
/// Variants are grouped by phase: parsing an untrusted token, checking its signature and claims,
/// the refresh-token lifecycle against the store, and the caller's input and configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Not a JWT: wrong structure, bad base64 or JSON, oversized, or a claim of the wrong JSON
    /// type (for example a string `exp`).
    TokenMalformed(String),
    /// Signature, `alg`, `typ` or `kid` do not match what the verifier expects.
    TokenInvalid(String),
    /// `exp` has passed, leeway included.
    TokenExpired,
    /// `nbf` or `iat` lies in the future, leeway included.
    TokenNotYetValid,
    /// A registered claim (`iss`, `aud`, `sub`, …) is missing or does not match.
    ClaimInvalid(String),
    /// The refresh token is genuine but no longer the live one of its user
    /// (logged out, or superseded by a newer login).
    RefreshTokenRevoked,
    /// A refresh token that had already been rotated came back; its session has been revoked.
    RefreshTokenReused,
    /// The caller's input is unusable: bad payload, reserved claim, bad option.
    InvalidRequest(String),
    /// Missing or wrong credentials (used by the Worker for API keys and bearer tokens).
    Unauthorized(String),
    /// The store refused a write because of its rate limit; retry after the given seconds.
    RateLimited {
        /// Seconds after which a retry may succeed.
        retry_after: u32,
    },
    /// The store failed or answered something unusable.
    StoreUnavailable(String),
    /// A secret is missing, too short or reused, or another setting is unusable.
    Config(String),
    /// A bug in edge-tokens. The message is for logs, not for callers.
    Internal(String),
}

/// Shorthand used throughout the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    /// The stable error code, e.g. `ERR_TOKEN_EXPIRED`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::TokenMalformed(_) => "ERR_TOKEN_MALFORMED",
            Self::TokenInvalid(_) => "ERR_TOKEN_INVALID",
            Self::TokenExpired => "ERR_TOKEN_EXPIRED",
            Self::TokenNotYetValid => "ERR_TOKEN_NOT_YET_VALID",
            Self::ClaimInvalid(_) => "ERR_CLAIM_INVALID",
            Self::RefreshTokenRevoked => "ERR_REFRESH_TOKEN_REVOKED",
            Self::RefreshTokenReused => "ERR_REFRESH_TOKEN_REUSED",
            Self::InvalidRequest(_) => "ERR_INVALID_REQUEST",
            Self::Unauthorized(_) => "ERR_UNAUTHORIZED",
            Self::RateLimited { .. } => "ERR_RATE_LIMITED",
            Self::StoreUnavailable(_) => "ERR_STORE_UNAVAILABLE",
            Self::Config(_) => "ERR_CONFIG",
            Self::Internal(_) => "ERR_INTERNAL",
        }
    }

    /// The HTTP status the Worker answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::TokenMalformed(_) | Self::InvalidRequest(_) => 400,
            Self::TokenInvalid(_)
            | Self::TokenExpired
            | Self::TokenNotYetValid
            | Self::ClaimInvalid(_)
            | Self::RefreshTokenRevoked
            | Self::RefreshTokenReused
            | Self::Unauthorized(_) => 401,
            Self::RateLimited { .. } => 429,
            Self::StoreUnavailable(_) => 503,
            Self::Config(_) | Self::Internal(_) => 500,
        }
    }

    /// The `name` of the JavaScript `Error` thrown by the npm package.
    pub fn js_name(&self) -> &'static str {
        match self {
            Self::TokenMalformed(_) => "TokenMalformedError",
            Self::TokenInvalid(_) => "TokenInvalidError",
            Self::TokenExpired => "TokenExpiredError",
            Self::TokenNotYetValid => "TokenNotYetValidError",
            Self::ClaimInvalid(_) => "ClaimInvalidError",
            Self::RefreshTokenRevoked => "RefreshTokenRevokedError",
            Self::RefreshTokenReused => "RefreshTokenReusedError",
            Self::InvalidRequest(_) => "InvalidRequestError",
            Self::Unauthorized(_) => "UnauthorizedError",
            Self::RateLimited { .. } => "RateLimitedError",
            Self::StoreUnavailable(_) => "StoreUnavailableError",
            Self::Config(_) => "ConfigError",
            Self::Internal(_) => "InternalError",
        }
    }

    /// The OAuth 2.0 error word (RFC 6749 §5.2, RFC 6750 §3.1) for HTTP responses.
    pub fn oauth_error(&self) -> &'static str {
        match self {
            Self::TokenMalformed(_) | Self::InvalidRequest(_) => "invalid_request",
            Self::RefreshTokenRevoked | Self::RefreshTokenReused => "invalid_grant",
            Self::TokenInvalid(_)
            | Self::TokenExpired
            | Self::TokenNotYetValid
            | Self::ClaimInvalid(_) => "invalid_token",
            Self::Unauthorized(_) => "unauthorized",
            Self::RateLimited { .. } => "slow_down",
            Self::StoreUnavailable(_) => "temporarily_unavailable",
            Self::Config(_) | Self::Internal(_) => "server_error",
        }
    }

    /// Whether the detail of this error may be shown to an untrusted caller.
    /// Configuration and internal errors keep their detail for the logs.
    pub fn is_public(&self) -> bool {
        !matches!(
            self,
            Self::Config(_) | Self::Internal(_) | Self::StoreUnavailable(_)
        )
    }

    /// Text for an untrusted caller: the detail for caller mistakes, a generic sentence otherwise.
    pub fn public_message(&self) -> String {
        if self.is_public() {
            self.to_string()
        } else {
            match self {
                Self::StoreUnavailable(_) => "the token store is unavailable".to_owned(),
                Self::Config(_) => "the server is misconfigured".to_owned(),
                _ => "internal error".to_owned(),
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TokenMalformed(m) => write!(f, "malformed token: {m}"),
            Self::TokenInvalid(m) => write!(f, "invalid token: {m}"),
            Self::TokenExpired => f.write_str("token has expired"),
            Self::TokenNotYetValid => f.write_str("token is not yet valid"),
            Self::ClaimInvalid(m) => write!(f, "invalid claim: {m}"),
            Self::RefreshTokenRevoked => f.write_str("refresh token has been revoked"),
            Self::RefreshTokenReused => {
                f.write_str("refresh token was already used; the session has been revoked")
            }
            Self::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Self::Unauthorized(m) => write!(f, "unauthorized: {m}"),
            Self::RateLimited { retry_after } => {
                write!(f, "rate limited by the store; retry after {retry_after} s")
            }
            Self::StoreUnavailable(m) => write!(f, "store unavailable: {m}"),
            Self::Config(m) => write!(f, "configuration error: {m}"),
            Self::Internal(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_statuses_line_up() {
        let all = [
            (
                Error::TokenMalformed(String::new()),
                "ERR_TOKEN_MALFORMED",
                400,
            ),
            (Error::TokenInvalid(String::new()), "ERR_TOKEN_INVALID", 401),
            (Error::TokenExpired, "ERR_TOKEN_EXPIRED", 401),
            (Error::TokenNotYetValid, "ERR_TOKEN_NOT_YET_VALID", 401),
            (Error::ClaimInvalid(String::new()), "ERR_CLAIM_INVALID", 401),
            (Error::RefreshTokenRevoked, "ERR_REFRESH_TOKEN_REVOKED", 401),
            (Error::RefreshTokenReused, "ERR_REFRESH_TOKEN_REUSED", 401),
            (
                Error::InvalidRequest(String::new()),
                "ERR_INVALID_REQUEST",
                400,
            ),
            (Error::Unauthorized(String::new()), "ERR_UNAUTHORIZED", 401),
            (
                Error::RateLimited { retry_after: 1 },
                "ERR_RATE_LIMITED",
                429,
            ),
            (
                Error::StoreUnavailable(String::new()),
                "ERR_STORE_UNAVAILABLE",
                503,
            ),
            (Error::Config(String::new()), "ERR_CONFIG", 500),
            (Error::Internal(String::new()), "ERR_INTERNAL", 500),
        ];
        let mut names = std::collections::HashSet::new();
        for (err, code, status) in all {
            assert_eq!(err.code(), code);
            assert_eq!(err.http_status(), status);
            assert!(err.js_name().ends_with("Error"));
            assert!(
                names.insert(err.js_name()),
                "duplicate js name {}",
                err.js_name()
            );
        }
    }

    #[test]
    fn internal_detail_stays_private() {
        let err = Error::Config("ACCESS_TOKEN_SECRET is shorter than 32 bytes".into());
        assert!(!err.public_message().contains("ACCESS_TOKEN_SECRET"));
        let err = Error::ClaimInvalid("`iss` does not match".into());
        assert!(err.public_message().contains("iss"));
    }
}
