//! `MemoryStore` for JavaScript: the core's KV-faithful in-memory store behind KV's methods.

use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{js_err, JsClock};
use crate::Store as _;

type Inner = crate::MemoryStore<JsClock>;

/// An in-memory store with Workers KV's methods and rules (TTL ≥ 60 s, keys ≤ 512 bytes).
#[wasm_bindgen]
pub struct MemoryStore {
    inner: Rc<Inner>,
}

fn ttl_of(options: &JsValue) -> Result<u64, JsValue> {
    let ttl = Reflect::get(options, &"expirationTtl".into()).unwrap_or(JsValue::UNDEFINED);
    match ttl.as_f64() {
        // KV rounds nothing: a fractional or negative TTL is refused like any other bad TTL.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(n as u64),
        None if ttl.is_undefined() => Ok(u64::MAX / 2),
        _ => Err(js_err(crate::Error::InvalidRequest(
            "expirationTtl must be a whole number of seconds".into(),
        ))),
    }
}

fn store_err(e: crate::StoreError) -> JsValue {
    js_err(crate::Error::from(e))
}

#[wasm_bindgen]
impl MemoryStore {
    /// An empty store.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self {
            inner: Rc::new(Inner::new(JsClock)),
        }
    }

    /// Like `KVNamespace.get(key)`.
    #[wasm_bindgen(unchecked_return_type = "Promise<string | null>")]
    pub fn get(&self, key: String) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            let value = inner.get(&key).await.map_err(store_err)?;
            Ok(value.map_or(JsValue::NULL, JsValue::from))
        })
    }

    /// Like `KVNamespace.put(key, value, { expirationTtl })`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn put(
        &self,
        key: String,
        value: String,
        #[wasm_bindgen(unchecked_param_type = "{ expirationTtl?: number }")] options: JsValue,
    ) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            let ttl = ttl_of(&options)?;
            inner.put(&key, &value, ttl).await.map_err(store_err)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Like `KVNamespace.delete(key)`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, key: String) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            inner.delete(&key).await.map_err(store_err)?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Like `KVNamespace.list({ prefix })`, all keys in one page.
    #[wasm_bindgen(
        unchecked_return_type = "Promise<{ keys: { name: string }[]; list_complete: boolean }>"
    )]
    pub fn list(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ prefix?: string }")] options: JsValue,
    ) -> Promise {
        let inner = Rc::clone(&self.inner);
        future_to_promise(async move {
            let prefix = Reflect::get(&options, &"prefix".into())
                .ok()
                .and_then(|p| p.as_string())
                .unwrap_or_default();
            let keys = Array::new();
            for name in inner.list(&prefix).await.map_err(store_err)? {
                let entry = Object::new();
                let _ = Reflect::set(&entry, &"name".into(), &name.into());
                keys.push(&entry);
            }
            let page = Object::new();
            let _ = Reflect::set(&page, &"keys".into(), &keys);
            let _ = Reflect::set(&page, &"list_complete".into(), &true.into());
            Ok(page.into())
        })
    }

    /// Number of live entries.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

impl Default for MemoryStore {
    fn default() -> Self {
        Self::new()
    }
}
