//! JavaScript values for the browser suites (tests/web.rs, tests/web_adversarial.rs), made as
//! JavaScript makes them.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

pub fn js(v: &str) -> JsValue {
    JsValue::from_str(v)
}

/// `{ role, scope }`.
pub fn assignment(role: &str, scope: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &js("role"), &js(role)).unwrap();
    Reflect::set(&o, &js("scope"), &js(scope)).unwrap();
    o.into()
}

/// A JavaScript array of `items`.
pub fn list(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

/// `v[key]`.
pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &js(key)).unwrap()
}
