//! The npm package's API (feature `npm`): parse JavaScript arguments, call the core, format.
//! Names are the contract's camelCase twins of the core functions.

mod convert;
mod js_store;
mod memory_store;

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::{HashKey, JwtKey, SessionConfig};
use convert::{js_err, JsClock};
use js_store::JsStore;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

type JsResult<T> = Result<T, JsValue>;

/// Signs an access token (`typ: at+jwt`).
#[wasm_bindgen(js_name = generateAccessToken)]
pub fn generate_access_token(
    #[wasm_bindgen(unchecked_param_type = "Claims")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Secret")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignOptions")] options: Option<JsValue>,
) -> JsResult<String> {
    sign(crate::generate_access_token, payload, &secret, options)
}

/// Signs a refresh token (`typ: rt+jwt`); use a different secret than for access tokens.
#[wasm_bindgen(js_name = generateRefreshToken)]
pub fn generate_refresh_token(
    #[wasm_bindgen(unchecked_param_type = "Claims")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Secret")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignOptions")] options: Option<JsValue>,
) -> JsResult<String> {
    sign(crate::generate_refresh_token, payload, &secret, options)
}

type SignFn =
    fn(&crate::Payload, &JwtKey, &crate::SignOptions, &dyn crate::Clock) -> crate::Result<String>;

fn sign(
    f: SignFn,
    payload: JsValue,
    secret: &JsValue,
    options: Option<JsValue>,
) -> JsResult<String> {
    let run = || {
        let (options, algorithm) = convert::sign_options(options.unwrap_or_default())?;
        let key = JwtKey::new(&convert::secret(secret, "secret")?, algorithm)?;
        f(&convert::payload(payload)?, &key, &options, &JsClock)
    };
    run().map_err(js_err)
}

/// Verifies an access token and returns its claims.
#[wasm_bindgen(js_name = verifyAccessToken, unchecked_return_type = "VerifiedClaims")]
pub fn verify_access_token(
    token: &str,
    #[wasm_bindgen(unchecked_param_type = "Secret")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions")] options: Option<JsValue>,
) -> JsResult<JsValue> {
    let run = || {
        let (options, algorithm) = convert::verify_options(options.unwrap_or_default())?;
        let key = JwtKey::new(&convert::secret(&secret, "secret")?, algorithm)?;
        let claims = crate::verify_access_token(token, &key, &options, &JsClock)?;
        convert::to_js(&claims.into_json())
    };
    run().map_err(js_err)
}

/// Decodes a token's header and payload **without verifying anything**: display only.
#[wasm_bindgen(js_name = decodeToken, unchecked_return_type = "DecodedToken")]
pub fn decode_token(token: &str) -> JsResult<JsValue> {
    let run = || {
        let decoded = crate::decode_token(token)?;
        let out = serde_json::json!({ "header": decoded.header, "payload": decoded.payload });
        convert::to_js(&out)
    };
    run().map_err(js_err)
}

/// HMAC-SHA256 of `token` under `key`, lowercase hex.
#[wasm_bindgen(js_name = hashToken)]
pub fn hash_token(
    token: &str,
    #[wasm_bindgen(unchecked_param_type = "Secret")] key: JsValue,
) -> JsResult<String> {
    let key = convert::secret(&key, "key")
        .and_then(|k| HashKey::new(&k))
        .map_err(js_err)?;
    Ok(crate::hash_token(token, &key))
}

/// Runs a store operation as a Promise once its store and configuration are ready; argument
/// errors reject the promise rather than throw, like every other failure of an async call.
fn run_with_store<F, Fut>(
    store: JsValue,
    config: crate::Result<Rc<SessionConfig>>,
    op: F,
) -> Promise
where
    F: FnOnce(JsStore, Rc<SessionConfig>) -> Fut + 'static,
    Fut: std::future::Future<Output = JsResult<JsValue>> + 'static,
{
    let ready = JsStore::new(store).and_then(|store| Ok((store, config?)));
    future_to_promise(async move {
        let (store, config) = ready.map_err(js_err)?;
        op(store, config).await
    })
}

fn fresh_config(config: JsValue) -> crate::Result<Rc<SessionConfig>> {
    convert::session_config(config).map(Rc::new)
}

/// Issues a pair for `userId` and stores the refresh token's hash, replacing the user's
/// previous session.
#[wasm_bindgen(js_name = saveToken, unchecked_return_type = "Promise<TokenPair>")]
pub fn save_token(
    #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
    #[wasm_bindgen(js_name = "userId")] user_id: String,
    #[wasm_bindgen(unchecked_param_type = "Claims")] payload: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
) -> Promise {
    let payload = convert::payload(payload);
    run_with_store(store, fresh_config(config), |store, config| async move {
        ops::save(&store, &user_id, payload.map_err(js_err)?, &config).await
    })
}

/// Verifies a refresh token against the store and returns its claims.
#[wasm_bindgen(js_name = verifyRefreshToken, unchecked_return_type = "Promise<VerifiedClaims>")]
pub fn verify_refresh_token(
    #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
    #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
) -> Promise {
    run_with_store(store, fresh_config(config), |store, config| async move {
        ops::verify(&store, &refresh_token, &config).await
    })
}

/// Trades a live refresh token for a new pair; the old one is retired.
#[wasm_bindgen(js_name = rotateRefreshToken, unchecked_return_type = "Promise<TokenPair>")]
pub fn rotate_refresh_token(
    #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
    #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
) -> Promise {
    run_with_store(store, fresh_config(config), |store, config| async move {
        ops::rotate(&store, &refresh_token, &config).await
    })
}

/// Ends the session of a refresh token; unknown tokens are not an error (RFC 7009).
#[wasm_bindgen(js_name = revokeRefreshToken, unchecked_return_type = "Promise<void>")]
pub fn revoke_refresh_token(
    #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
    #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
) -> Promise {
    run_with_store(store, fresh_config(config), |store, config| async move {
        ops::revoke(&store, &refresh_token, &config).await
    })
}

/// Ends every session of `userId`.
#[wasm_bindgen(js_name = revokeUser, unchecked_return_type = "Promise<void>")]
pub fn revoke_user(
    #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
    #[wasm_bindgen(js_name = "userId")] user_id: String,
    #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
) -> Promise {
    run_with_store(store, fresh_config(config), |store, config| async move {
        ops::revoke_user(&store, &user_id, &config).await
    })
}

/// A prepared configuration: secrets checked and keyed once, for many calls.
#[wasm_bindgen]
pub struct TokenService {
    config: Rc<SessionConfig>,
    /// The config's access-token options, built once rather than per signature.
    access_options: crate::SignOptions,
}

#[wasm_bindgen]
impl TokenService {
    /// Checks and prepares `config`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SessionConfig")] config: JsValue,
    ) -> JsResult<TokenService> {
        let config = convert::session_config(config).map_err(js_err)?;
        let mut access_options = config.sign.clone();
        access_options.expires_in = Some(config.access_ttl);
        Ok(Self {
            config: Rc::new(config),
            access_options,
        })
    }

    /// Signs an access token with the service's secret, issuer, audience and lifetime.
    #[wasm_bindgen(js_name = generateAccessToken)]
    pub fn generate_access_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Claims")] payload: JsValue,
    ) -> JsResult<String> {
        let run = || {
            crate::generate_access_token(
                &convert::payload(payload)?,
                &self.config.access_key,
                &self.access_options,
                &JsClock,
            )
        };
        run().map_err(js_err)
    }

    /// Verifies an access token with the service's secret, issuer and audience.
    #[wasm_bindgen(js_name = verifyAccessToken, unchecked_return_type = "VerifiedClaims")]
    pub fn verify_access_token(&self, token: &str) -> JsResult<JsValue> {
        let run = || {
            let claims = crate::verify_access_token(
                token,
                &self.config.access_key,
                &self.config.verify,
                &JsClock,
            )?;
            convert::to_js(&claims.into_json())
        };
        run().map_err(js_err)
    }

    /// `saveToken` with this service's configuration.
    #[wasm_bindgen(js_name = saveToken, unchecked_return_type = "Promise<TokenPair>")]
    pub fn save_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
        #[wasm_bindgen(js_name = "userId")] user_id: String,
        #[wasm_bindgen(unchecked_param_type = "Claims")] payload: JsValue,
    ) -> Promise {
        let payload = convert::payload(payload);
        run_with_store(
            store,
            Ok(Rc::clone(&self.config)),
            |store, config| async move {
                ops::save(&store, &user_id, payload.map_err(js_err)?, &config).await
            },
        )
    }

    /// `verifyRefreshToken` with this service's configuration.
    #[wasm_bindgen(js_name = verifyRefreshToken, unchecked_return_type = "Promise<VerifiedClaims>")]
    pub fn verify_refresh_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
        #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    ) -> Promise {
        run_with_store(
            store,
            Ok(Rc::clone(&self.config)),
            |store, config| async move { ops::verify(&store, &refresh_token, &config).await },
        )
    }

    /// `rotateRefreshToken` with this service's configuration.
    #[wasm_bindgen(js_name = rotateRefreshToken, unchecked_return_type = "Promise<TokenPair>")]
    pub fn rotate_refresh_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
        #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    ) -> Promise {
        run_with_store(
            store,
            Ok(Rc::clone(&self.config)),
            |store, config| async move { ops::rotate(&store, &refresh_token, &config).await },
        )
    }

    /// `revokeRefreshToken` with this service's configuration.
    #[wasm_bindgen(js_name = revokeRefreshToken, unchecked_return_type = "Promise<void>")]
    pub fn revoke_refresh_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
        #[wasm_bindgen(js_name = "refreshToken")] refresh_token: String,
    ) -> Promise {
        run_with_store(
            store,
            Ok(Rc::clone(&self.config)),
            |store, config| async move { ops::revoke(&store, &refresh_token, &config).await },
        )
    }

    /// `revokeUser` with this service's configuration.
    #[wasm_bindgen(js_name = revokeUser, unchecked_return_type = "Promise<void>")]
    pub fn revoke_user(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KVLike")] store: JsValue,
        #[wasm_bindgen(js_name = "userId")] user_id: String,
    ) -> Promise {
        run_with_store(
            store,
            Ok(Rc::clone(&self.config)),
            |store, config| async move { ops::revoke_user(&store, &user_id, &config).await },
        )
    }
}

/// The async bodies shared by the free functions and `TokenService`.
mod ops {
    use wasm_bindgen::JsValue;

    use super::convert::{js_err, to_js, JsClock};
    use super::js_store::JsStore;
    use crate::{Payload, SessionConfig};

    pub(super) async fn save(
        store: &JsStore,
        user_id: &str,
        payload: Payload,
        config: &SessionConfig,
    ) -> Result<JsValue, JsValue> {
        let pair = crate::save_token(store, user_id, &payload, config, &JsClock)
            .await
            .map_err(js_err)?;
        to_js(&pair).map_err(js_err)
    }

    pub(super) async fn verify(
        store: &JsStore,
        token: &str,
        config: &SessionConfig,
    ) -> Result<JsValue, JsValue> {
        let claims = crate::verify_refresh_token(store, token, config, &JsClock)
            .await
            .map_err(js_err)?;
        to_js(&claims.into_json()).map_err(js_err)
    }

    pub(super) async fn rotate(
        store: &JsStore,
        token: &str,
        config: &SessionConfig,
    ) -> Result<JsValue, JsValue> {
        let pair = crate::rotate_refresh_token(store, token, config, &JsClock)
            .await
            .map_err(js_err)?;
        to_js(&pair).map_err(js_err)
    }

    pub(super) async fn revoke(
        store: &JsStore,
        token: &str,
        config: &SessionConfig,
    ) -> Result<JsValue, JsValue> {
        crate::revoke_refresh_token(store, token, config, &JsClock)
            .await
            .map_err(js_err)?;
        Ok(JsValue::UNDEFINED)
    }

    pub(super) async fn revoke_user(
        store: &JsStore,
        user_id: &str,
        config: &SessionConfig,
    ) -> Result<JsValue, JsValue> {
        crate::revoke_user(store, user_id, config)
            .await
            .map_err(js_err)?;
        Ok(JsValue::UNDEFINED)
    }
}
