//! Success bodies of the HTTP API.

use serde::Serialize;

use crate::session::TokenPair;

/// The token response of `POST /v1/tokens` and `POST /v1/tokens/refresh`
/// (the shape of RFC 6749 §5.1, plus the refresh token's lifetime).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TokenResponse {
    /// The access token.
    pub access_token: String,
    /// The refresh token.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_expires_in: u64,
}

impl From<TokenPair> for TokenResponse {
    fn from(pair: TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: "Bearer",
            expires_in: pair.expires_in,
            refresh_expires_in: pair.refresh_expires_in,
        }
    }
}

/// Serializes a response body.
///
/// # Errors
/// [`crate::Error::Internal`] if `value` cannot be serialized (a bug).
pub fn json_body<T: Serialize + ?Sized>(value: &T) -> crate::Result<String> {
    serde_json::to_string(value)
        .map_err(|e| crate::Error::Internal(format!("response serialization: {e}")))
}
