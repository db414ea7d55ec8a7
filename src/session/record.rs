//! The stored session record, version 1 (`docs/storage-schema.md`).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Current schema version.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// What the store holds for one user: never a token, only its keyed hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SessionRecord {
    /// Schema version.
    pub v: u32,
    /// Hex HMAC-SHA256 of the live refresh token under the user's hash key.
    pub hash: String,
    /// Session id shared by all tokens of one login.
    pub sid: String,
    /// Rotation counter of the live refresh token.
    pub rot: u64,
    /// When the session started (login), seconds since the epoch.
    pub iat: i64,
    /// When the live refresh token was issued.
    pub rat: i64,
    /// When the live refresh token expires.
    pub exp: i64,
}

impl SessionRecord {
    pub(crate) fn parse(text: &str) -> Result<Self> {
        let record: Self = serde_json::from_str(text)
            .map_err(|e| Error::Internal(format!("stored session record is unreadable: {e}")))?;
        if record.v != SCHEMA_VERSION {
            return Err(Error::Internal(format!(
                "stored session record has unknown schema version {}",
                record.v
            )));
        }
        Ok(record)
    }

    pub(crate) fn to_json(&self) -> Result<String> {
        serde_json::to_string(self)
            .map_err(|e| Error::Internal(format!("session record not serializable: {e}")))
    }
}
