//! Conversions between JavaScript values and the core's types.

use js_sys::{Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::{
    Algorithm, Audience, Clock, Error, Payload, Result, SecretKey, SessionConfig, SessionSettings,
    SignOptions, VerifyOptions,
};

/// `Date.now()` in whole seconds: wasm32 has no system clock of its own.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JsClock;

impl Clock for JsClock {
    fn now(&self) -> i64 {
        // Date.now() is an integral number of milliseconds well inside i64.
        #[allow(clippy::cast_possible_truncation)]
        let secs = (js_sys::Date::now() / 1000.0).floor() as i64;
        secs
    }
}

/// Turns a core error into a thrown `Error` with `name` and `code`.
pub(crate) fn to_js_error(err: &Error) -> JsValue {
    let js = js_sys::Error::new(&err.to_string());
    js.set_name(err.js_name());
    let _ = Reflect::set(&js, &"code".into(), &err.code().into());
    if let Error::RateLimited { retry_after } = err {
        let _ = Reflect::set(&js, &"retryAfter".into(), &(*retry_after).into());
    }
    js.into()
}

pub(crate) fn js_err(err: Error) -> JsValue {
    to_js_error(&err)
}

/// A secret given as a string (UTF-8 bytes) or a `Uint8Array`.
pub(crate) fn secret(value: &JsValue, name: &str) -> Result<SecretKey> {
    if let Some(s) = value.as_string() {
        return SecretKey::new(s).map_err(|e| named(name, e));
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return SecretKey::new(bytes.to_vec()).map_err(|e| named(name, e));
    }
    Err(Error::Config(format!(
        "{name} must be a string or a Uint8Array"
    )))
}

fn named(name: &str, err: Error) -> Error {
    match err {
        Error::Config(m) => Error::Config(format!("{name}: {m}")),
        other => other,
    }
}

/// A lifetime given as seconds or as a duration string.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum JsDuration {
    Secs(f64),
    Text(String),
}

impl JsDuration {
    pub(crate) fn secs(&self) -> Result<u64> {
        match self {
            Self::Secs(n) if n.is_finite() && *n >= 1.0 && n.fract() == 0.0 => {
                // Range-checked above and below by checked_lifetime.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let secs = *n as u64;
                crate::duration::checked_lifetime(secs)
            }
            Self::Secs(n) => Err(Error::InvalidRequest(format!(
                "lifetime must be a positive whole number of seconds, got {n}"
            ))),
            Self::Text(t) => crate::parse_duration(t),
        }
    }

    /// A period that may be zero (the grace period); its owner checks the upper bound.
    pub(crate) fn period_secs(&self) -> Result<u64> {
        match self {
            Self::Secs(n) if *n == 0.0 => Ok(0),
            Self::Text(t) => crate::duration::parse_period(t),
            Self::Secs(_) => self.secs(),
        }
    }
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue, what: &str) -> Result<T> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| Error::InvalidRequest(format!("{what}: {e}")))
}

/// A payload object; `undefined`/`null` is an empty payload.
pub(crate) fn payload(value: JsValue) -> Result<Payload> {
    if !(value.is_undefined() || value.is_null() || value.is_object())
        || js_sys::Array::is_array(&value)
    {
        return Err(Error::InvalidRequest("payload must be an object".into()));
    }
    from_js(value, "payload")
}

/// Plain JS values (objects, not `Map`s) for claims and pairs.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::Internal(format!("cannot convert result: {e}")))
}

fn algorithm(name: Option<&str>) -> Result<Algorithm> {
    name.map_or(Ok(Algorithm::HS256), Algorithm::from_name)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsSignOptions {
    expires_in: Option<JsDuration>,
    issuer: Option<String>,
    audience: Option<Audience>,
    algorithm: Option<String>,
    key_id: Option<String>,
    #[serde(default)]
    allow_reserved_claims: bool,
}

/// Sign options and the algorithm they name.
pub(crate) fn sign_options(value: JsValue) -> Result<(SignOptions, Algorithm)> {
    let js: JsSignOptions = from_js(value, "options")?;
    let options = SignOptions {
        expires_in: js.expires_in.as_ref().map(JsDuration::secs).transpose()?,
        issuer: js.issuer,
        audience: js.audience,
        key_id: js.key_id,
        allow_reserved_claims: js.allow_reserved_claims,
    };
    Ok((options, algorithm(js.algorithm.as_deref())?))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsVerifyOptions {
    issuer: Option<String>,
    audience: Option<String>,
    algorithm: Option<String>,
    key_id: Option<String>,
    leeway: Option<u32>,
}

/// Verify options and the algorithm they expect.
pub(crate) fn verify_options(value: JsValue) -> Result<(VerifyOptions, Algorithm)> {
    let js: JsVerifyOptions = from_js(value, "options")?;
    let options = VerifyOptions {
        issuer: js.issuer,
        audience: js.audience,
        key_id: js.key_id,
        leeway: js.leeway.map_or(0, u64::from),
    };
    Ok((options, algorithm(js.algorithm.as_deref())?))
}

// Unknown fields are allowed here: a config is often assembled from an environment object.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsSessionSettings {
    access_ttl: Option<JsDuration>,
    refresh_ttl: Option<JsDuration>,
    issuer: Option<String>,
    audience: Option<String>,
    algorithm: Option<String>,
    leeway: Option<u32>,
    grace_period: Option<JsDuration>,
}

/// A session configuration object, checked and keyed.
pub(crate) fn session_config(value: JsValue) -> Result<SessionConfig> {
    if !value.is_object() {
        return Err(Error::Config(
            "config must be an object with accessSecret, refreshSecret and hashKey".into(),
        ));
    }
    let field = |name: &str| Reflect::get(&value, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let access = secret(&field("accessSecret"), "accessSecret")?;
    let refresh = secret(&field("refreshSecret"), "refreshSecret")?;
    let hash = secret(&field("hashKey"), "hashKey")?;
    let js: JsSessionSettings =
        from_js(value, "config").map_err(|e| Error::Config(e.to_string()))?;
    let mut settings = SessionSettings::default()
        .algorithm(algorithm(js.algorithm.as_deref()).map_err(|e| Error::Config(e.to_string()))?)
        .leeway(js.leeway.map_or(0, u64::from));
    if let Some(d) = &js.access_ttl {
        settings = settings.access_ttl(d.secs().map_err(|e| named("accessTtl", cfg(e)))?);
    }
    if let Some(d) = &js.refresh_ttl {
        settings = settings.refresh_ttl(d.secs().map_err(|e| named("refreshTtl", cfg(e)))?);
    }
    if let Some(d) = &js.grace_period {
        settings =
            settings.grace_period(d.period_secs().map_err(|e| named("gracePeriod", cfg(e)))?);
    }
    if let Some(i) = js.issuer {
        settings = settings.issuer(i);
    }
    if let Some(a) = js.audience {
        settings = settings.audience(a);
    }
    SessionConfig::new(&access, &refresh, &hash, settings)
}

fn cfg(err: Error) -> Error {
    Error::Config(err.to_string())
}
