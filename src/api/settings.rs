//! The service configuration, read from environment variables (Worker secrets and `[vars]`).

use super::auth::ApiKey;
use crate::duration::{parse_duration, parse_period};
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::session::{SessionConfig, SessionSettings};

/// The secrets, in the order they are checked.
pub const ENV_SECRETS: [&str; 4] = [
    "ACCESS_TOKEN_SECRET",
    "REFRESH_TOKEN_SECRET",
    "TOKEN_HASH_KEY",
    "ISSUER_API_KEY",
];

/// Everything a request handler needs: the prepared session configuration and the issuer key.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Keys, lifetimes, issuer and audience of the token lifecycle.
    pub session: SessionConfig,
    /// The key that authorizes `POST /v1/tokens` and `POST /v1/users/{id}/revoke`.
    pub issuer_api_key: ApiKey,
}

impl ServiceConfig {
    /// Reads the configuration through `lookup` (variable name → value; empty counts as unset).
    ///
    /// # Errors
    /// [`Error::Config`] naming the variable that is missing, too short, reused or unparsable.
    /// Messages name variables, never their values.
    pub fn from_env(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        let mut secrets: Vec<SecretKey> = Vec::with_capacity(ENV_SECRETS.len());
        for name in ENV_SECRETS {
            let value = get(name).ok_or_else(|| Error::Config(format!("{name} is not set")))?;
            let key = SecretKey::new(value.as_bytes()).map_err(|e| named(name, &e))?;
            if let Some(earlier) = secrets
                .iter()
                .position(|seen| *seen == key)
                .and_then(|i| ENV_SECRETS.get(i))
            {
                return Err(Error::Config(format!(
                    "{name} must differ from {earlier}: each secret has one job"
                )));
            }
            secrets.push(key);
        }
        let [access, refresh, hash, issuer_key] = secrets.as_slice() else {
            return Err(Error::Internal("secret count".into()));
        };
        let ttl = |name: &str| -> Result<Option<u64>> {
            get(name)
                .map(|v| parse_duration(&v).map_err(|e| named(name, &e)))
                .transpose()
        };
        let settings = SessionSettings {
            issuer: get("ISSUER"),
            audience: get("AUDIENCE"),
            access_ttl: ttl("ACCESS_TOKEN_TTL")?,
            refresh_ttl: ttl("REFRESH_TOKEN_TTL")?,
            grace_period: get("REFRESH_GRACE_PERIOD")
                .map(|v| parse_period(&v).map_err(|e| named("REFRESH_GRACE_PERIOD", &e)))
                .transpose()?,
            ..SessionSettings::default()
        };
        let session = SessionConfig::new(access, refresh, hash, settings)?;
        Ok(Self {
            session,
            issuer_api_key: ApiKey::from_secret(issuer_key),
        })
    }
}

/// Re-labels an error with the variable it came from, keeping only the rule that was broken.
fn named(name: &str, err: &Error) -> Error {
    let detail = match err {
        Error::Config(m) | Error::InvalidRequest(m) => m.as_str(),
        _ => "unusable value",
    };
    Error::Config(format!("{name}: {detail}"))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    const GOOD: [(&str, &str); 4] = [
        (
            "ACCESS_TOKEN_SECRET",
            "access-secret-access-secret-access-1",
        ),
        (
            "REFRESH_TOKEN_SECRET",
            "refresh-secret-refresh-secret-refre",
        ),
        ("TOKEN_HASH_KEY", "hash-key-hash-key-hash-key-hash-key-"),
        ("ISSUER_API_KEY", "issuer-key-issuer-key-issuer-key-is"),
    ];

    fn config_error(pairs: &[(&str, &str)]) -> String {
        match ServiceConfig::from_env(env(pairs)) {
            Err(Error::Config(m)) => m,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn reads_secrets_and_vars() {
        let mut pairs = GOOD.to_vec();
        pairs.extend([
            ("ISSUER", "https://auth.test"),
            ("ACCESS_TOKEN_TTL", "5m"),
            ("REFRESH_TOKEN_TTL", ""),
            ("REFRESH_GRACE_PERIOD", "20s"),
        ]);
        let config = ServiceConfig::from_env(env(&pairs)).unwrap();
        assert_eq!(config.session.access_ttl(), 300);
        assert_eq!(config.session.grace_period(), 20);
        assert_eq!(config.session.refresh_ttl(), crate::DEFAULT_REFRESH_TTL);
        assert_eq!(
            config.session.verify_options().issuer.as_deref(),
            Some("https://auth.test")
        );
    }

    #[test]
    fn errors_name_the_variable_never_the_value() {
        for missing in ENV_SECRETS {
            let pairs: Vec<_> = GOOD
                .iter()
                .copied()
                .filter(|(k, _)| *k != missing)
                .collect();
            assert!(config_error(&pairs).contains(missing));
        }
        let mut pairs = GOOD.to_vec();
        pairs[2] = ("TOKEN_HASH_KEY", "too-short-value");
        let message = config_error(&pairs);
        assert!(message.contains("TOKEN_HASH_KEY") && !message.contains("too-short-value"));

        let mut pairs = GOOD.to_vec();
        pairs[3] = ("ISSUER_API_KEY", GOOD[0].1);
        let message = config_error(&pairs);
        assert!(message.contains("ISSUER_API_KEY") && message.contains("ACCESS_TOKEN_SECRET"));
        assert!(!message.contains(GOOD[0].1));

        let mut pairs = GOOD.to_vec();
        pairs.push(("REFRESH_TOKEN_TTL", "soon"));
        assert!(config_error(&pairs).contains("REFRESH_TOKEN_TTL"));
        let mut pairs = GOOD.to_vec();
        pairs.push(("REFRESH_TOKEN_TTL", "30s"));
        assert!(config_error(&pairs).contains("refreshTtl"));
    }
}
