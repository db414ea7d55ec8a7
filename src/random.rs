//! Random identifiers for `jti` and session ids.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::error::{Error, Result};

/// 128 random bits, base64url without padding (22 characters).
pub(crate) fn random_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Internal(format!("random source failed: {e}")))?;
    Ok(Base64UrlUnpadded::encode_string(&bytes))
}
