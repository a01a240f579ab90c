//! JavaScript values for the browser suites (tests/web.rs, tests/web_adversarial.rs), made as
//! JavaScript makes them.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

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

/// The `code` of what a call threw, after checking it is a rolegate error as the wasm module throws
/// it: plain data `{ code, message, help, errors }` (the package turns it into its RolegateError
/// class), with a message a person can read and every problem in `errors`.
#[track_caller]
pub fn thrown_code(err: &JsValue) -> String {
    assert!(err.is_object() && !err.is_instance_of::<js_sys::Error>(), "not an error as data: {err:?}");
    let message = get(err, "message").as_string().unwrap_or_default();
    assert!(!message.is_empty() && message.len() < 600, "a {}-byte message: {err:?}", message.len());
    let help = get(err, "help");
    assert!(help.is_null() || help.is_string(), "help is a string or null: {err:?}");
    assert!(Array::is_array(&get(err, "errors")), "errors is an array: {err:?}");
    get(err, "code").as_string().expect("a code")
}
