//! Any JavaScript object with KV's method shapes, seen as a core [`Store`].

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{Error, Result, Store, StoreError};

/// A KV namespace binding, a `MemoryStore`, or a hand-written adapter.
pub(crate) struct JsStore(JsValue);

impl JsStore {
    /// Checks that `value` has `get`, `put` and `delete` methods.
    pub(crate) fn new(value: JsValue) -> Result<Self> {
        for method in ["get", "put", "delete"] {
            let f = Reflect::get(&value, &method.into()).unwrap_or(JsValue::UNDEFINED);
            if !f.is_function() {
                return Err(Error::InvalidRequest(format!(
                    "store must have a {method}() method like a Workers KV namespace"
                )));
            }
        }
        Ok(Self(value))
    }

    async fn call(&self, method: &str, args: &Array) -> Result<JsValue, StoreError> {
        let f: Function = Reflect::get(&self.0, &method.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| StoreError::Unavailable(format!("store has no {method}() method")))?;
        let returned = f.apply(&self.0, args).map_err(|e| failure(method, &e))?;
        // Sync adapters are fine too: a non-promise is taken as the resolved value.
        let promise = Promise::resolve(&returned);
        JsFuture::from(promise)
            .await
            .map_err(|e| failure(method, &e))
    }
}

fn failure(method: &str, err: &JsValue) -> StoreError {
    let message = Reflect::get(err, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into());
    StoreError::from_failure(method, &message)
}

impl Store for JsStore {
    async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let value = self.call("get", &Array::of1(&key.into())).await?;
        if value.is_null() || value.is_undefined() {
            return Ok(None);
        }
        value
            .as_string()
            .map(Some)
            .ok_or_else(|| StoreError::Unavailable("store get() returned a non-string".into()))
    }

    async fn put(&self, key: &str, value: &str, expiration_ttl: u64) -> Result<(), StoreError> {
        let options = Object::new();
        // TTLs are at most ten years in seconds: exact as an f64.
        #[allow(clippy::cast_precision_loss)]
        let ttl = expiration_ttl as f64;
        let _ = Reflect::set(&options, &"expirationTtl".into(), &ttl.into());
        self.call("put", &Array::of3(&key.into(), &value.into(), &options))
            .await
            .map(|_| ())
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.call("delete", &Array::of1(&key.into()))
            .await
            .map(|_| ())
    }

    async fn list(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut names = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let options = Object::new();
            let _ = Reflect::set(&options, &"prefix".into(), &prefix.into());
            if let Some(c) = &cursor {
                let _ = Reflect::set(&options, &"cursor".into(), &c.into());
            }
            let page = self.call("list", &Array::of1(&options)).await?;
            let keys: Array = Reflect::get(&page, &"keys".into())
                .ok()
                .and_then(|k| k.dyn_into().ok())
                .ok_or_else(|| StoreError::Unavailable("store list() returned no keys".into()))?;
            for entry in keys.iter() {
                if let Some(name) = Reflect::get(&entry, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                {
                    names.push(name);
                }
            }
            let complete = Reflect::get(&page, &"list_complete".into())
                .map(|v| v.as_bool() != Some(false))
                .unwrap_or(true);
            cursor = Reflect::get(&page, &"cursor".into())
                .ok()
                .and_then(|c| c.as_string());
            if complete || cursor.is_none() {
                return Ok(names);
            }
        }
    }
}
