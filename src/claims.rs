//! The claims edge-tokens reads and writes, and the rules for caller-supplied payloads.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A JSON object of claims, as given by the caller or returned after verification.
pub type Payload = Map<String, Value>;

/// Time claims a payload may only set when [`crate::SignOptions::allow_reserved_claims`] is on.
pub const RESERVED_CLAIMS: [&str; 4] = ["exp", "iat", "nbf", "jti"];

/// Claims the refresh-token lifecycle sets itself; a session payload may never carry them.
pub const SESSION_CLAIMS: [&str; 6] = ["sub", "sid", "rot", "iss", "aud", "typ"];

/// The `aud` claim: one audience or several (RFC 7519 §4.1.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// A single audience, serialized as a string.
    One(String),
    /// Several audiences, serialized as an array.
    Many(Vec<String>),
}

impl Audience {
    /// Whether `name` is one of the audiences.
    pub fn contains(&self, name: &str) -> bool {
        match self {
            Self::One(a) => a == name,
            Self::Many(list) => list.iter().any(|a| a == name),
        }
    }
}

/// The non-time claims of a token. Time claims live in jwt-compact's `Claims` wrapper, which
/// only accepts JSON numbers for them: a string `exp` fails to parse instead of being skipped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Registered {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Audience>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jti: Option<String>,
    /// Session id: shared by every token of one login and its rotations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Rotation counter of a refresh token within its session (0 at login).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rot: Option<u64>,
    #[serde(flatten)]
    pub custom: Payload,
}

/// Time claims a caller set explicitly (only with `allow_reserved_claims`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TimeOverrides {
    pub exp: Option<i64>,
    pub iat: Option<i64>,
    pub nbf: Option<i64>,
}

fn string_claim(name: &str, value: Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s),
        _ => Err(Error::InvalidRequest(format!(
            "claim `{name}` must be a string"
        ))),
    }
}

fn time_claim(name: &str, value: &Value) -> Result<i64> {
    value
        .as_i64()
        .ok_or_else(|| Error::InvalidRequest(format!("claim `{name}` must be an integer")))
}

impl Registered {
    /// Splits a caller's payload into typed registered claims and custom claims.
    pub(crate) fn from_payload(
        payload: &Payload,
        allow_reserved: bool,
    ) -> Result<(Self, TimeOverrides)> {
        let mut claims = Self::default();
        let mut times = TimeOverrides::default();
        for (name, value) in payload {
            if RESERVED_CLAIMS.contains(&name.as_str()) && !allow_reserved {
                return Err(Error::InvalidRequest(format!(
                    "claim `{name}` is set by edge-tokens; remove it from the payload"
                )));
            }
            match name.as_str() {
                "exp" => times.exp = Some(time_claim(name, value)?),
                "iat" => times.iat = Some(time_claim(name, value)?),
                "nbf" => times.nbf = Some(time_claim(name, value)?),
                "jti" => claims.jti = Some(string_claim(name, value.clone())?),
                "iss" => claims.iss = Some(string_claim(name, value.clone())?),
                "sub" => claims.sub = Some(string_claim(name, value.clone())?),
                "sid" => claims.sid = Some(string_claim(name, value.clone())?),
                "aud" => {
                    claims.aud = Some(serde_json::from_value(value.clone()).map_err(|_| {
                        Error::InvalidRequest(
                            "claim `aud` must be a string or an array of strings".into(),
                        )
                    })?);
                }
                "rot" => {
                    claims.rot = Some(value.as_u64().ok_or_else(|| {
                        Error::InvalidRequest("claim `rot` must be a non-negative integer".into())
                    })?);
                }
                _ => {
                    claims.custom.insert(name.clone(), value.clone());
                }
            }
        }
        Ok((claims, times))
    }

    /// Refuses payload claims the session lifecycle owns.
    pub(crate) fn check_session_payload(payload: &Payload) -> Result<()> {
        for name in payload.keys() {
            if RESERVED_CLAIMS.contains(&name.as_str()) || SESSION_CLAIMS.contains(&name.as_str()) {
                return Err(Error::InvalidRequest(format!(
                    "claim `{name}` is set by edge-tokens; remove it from the payload"
                )));
            }
        }
        Ok(())
    }
}

/// Claims of a token whose signature, type and registered claims have been checked.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct VerifiedClaims {
    /// `sub`.
    pub subject: Option<String>,
    /// `iss`.
    pub issuer: Option<String>,
    /// `aud`.
    pub audience: Option<Audience>,
    /// `exp`, seconds since the epoch. Always present: tokens without it are refused.
    pub expires_at: i64,
    /// `iat`.
    pub issued_at: Option<i64>,
    /// `nbf`.
    pub not_before: Option<i64>,
    /// `jti`.
    pub token_id: Option<String>,
    /// `sid`: the session this token belongs to.
    pub session_id: Option<String>,
    /// `rot`: the rotation counter of a refresh token.
    pub rotation: Option<u64>,
    /// Every other claim, untouched.
    pub custom: Payload,
}

impl VerifiedClaims {
    pub(crate) fn from_parts(
        registered: Registered,
        expires_at: i64,
        issued_at: Option<i64>,
        not_before: Option<i64>,
    ) -> Self {
        Self {
            subject: registered.sub,
            issuer: registered.iss,
            audience: registered.aud,
            expires_at,
            issued_at,
            not_before,
            token_id: registered.jti,
            session_id: registered.sid,
            rotation: registered.rot,
            custom: registered.custom,
        }
    }

    /// All claims as one JSON object, the shape JavaScript callers receive.
    pub fn to_json(&self) -> Payload {
        self.clone().into_json()
    }

    /// As [`Self::to_json`], reusing the custom claims instead of copying them.
    pub fn into_json(self) -> Payload {
        let mut out = self.custom;
        let mut put = |name: &str, value: Option<Value>| {
            if let Some(v) = value {
                out.insert(name.to_owned(), v);
            }
        };
        put("iss", self.issuer.map(Value::String));
        put("sub", self.subject.map(Value::String));
        put(
            "aud",
            self.audience.and_then(|a| serde_json::to_value(a).ok()),
        );
        put("exp", Some(Value::from(self.expires_at)));
        put("iat", self.issued_at.map(Value::from));
        put("nbf", self.not_before.map(Value::from));
        put("jti", self.token_id.map(Value::String));
        put("sid", self.session_id.map(Value::String));
        put("rot", self.rotation.map(Value::from));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Payload {
        match v {
            Value::Object(m) => m,
            _ => Payload::new(),
        }
    }

    #[test]
    fn reserved_claims_are_refused_unless_allowed() {
        for name in RESERVED_CLAIMS {
            let payload = obj(json!({ name: 5 }));
            let err = Registered::from_payload(&payload, false).unwrap_err();
            assert_eq!(err.code(), "ERR_INVALID_REQUEST");
        }
        let payload = obj(json!({"exp": 100, "iat": 50, "jti": "x"}));
        let (claims, times) = Registered::from_payload(&payload, true).unwrap();
        assert_eq!(times.exp, Some(100));
        assert_eq!(claims.jti.as_deref(), Some("x"));
    }

    #[test]
    fn registered_claims_are_type_checked() {
        for bad in [json!({"iss": 1}), json!({"aud": [1]}), json!({"rot": -1})] {
            let err = Registered::from_payload(&obj(bad), false).unwrap_err();
            assert_eq!(err.code(), "ERR_INVALID_REQUEST");
        }
        let err = Registered::from_payload(&obj(json!({"exp": "9999999999"})), true).unwrap_err();
        assert_eq!(err.code(), "ERR_INVALID_REQUEST");
    }

    #[test]
    fn session_payloads_cannot_set_lifecycle_claims() {
        for name in ["sub", "sid", "rot", "exp", "jti"] {
            let err = Registered::check_session_payload(&obj(json!({ name: "x" }))).unwrap_err();
            assert_eq!(err.code(), "ERR_INVALID_REQUEST");
        }
        assert!(Registered::check_session_payload(&obj(json!({"role": "admin"}))).is_ok());
    }
}
