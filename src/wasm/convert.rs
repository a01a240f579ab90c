//! Values across the boundary. A caller's structured value (a policy object, a role input) is read
//! once: the platform's structured clone makes a plain-data copy of it, so that no getter or Proxy
//! trap of the caller's runs while Rust reads, and serde-wasm-bindgen deserializes the copy by the
//! crate's own rules (`reader`, `assignment`). Answers go back through serde-wasm-bindgen's
//! JSON-compatible serializer: plain objects, `null` for what is absent. Errors go back as data
//! (`{ code, message, help, errors }`), which the package turns into its `RolegateError` class.

use crate::assignment::{read_roles, Assignment, ScopeValue};
use crate::error::{ErrorCode, RolegateError};
use crate::PolicyEngine;
use js_sys::{Array, JsString};
use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::{Deserializer, Serializer};
use wasm_bindgen::prelude::*;

pub(crate) type JsResult<T> = Result<T, JsValue>;

// Every call that can run the caller's code (a getter, a Proxy trap) is an import marked `catch`:
// an exception thrown there becomes a `BAD_ARGUMENT` instead of unwinding through Rust frames,
// which would leave the shadow stack unbalanced.
#[wasm_bindgen]
extern "C" {
    /// The platform's structured clone: own enumerable data of plain objects and arrays (getters
    /// read once), refusing functions, symbols and Proxies.
    #[wasm_bindgen(catch, js_name = structuredClone)]
    fn structured_clone(value: &JsValue) -> JsResult<JsValue>;

    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> JsResult<bool>;
}

/// What a structured value must be, for messages.
const PLAIN: &str = "pass arrays, plain objects and strings (a reactive Proxy from Vue, MobX or Svelte needs its plain value first, such as Vue's toRaw)";

/// The largest policy text `fromJson` reads, in UTF-16 units.
const MAX_POLICY_TEXT: u32 = 64 << 20;

/// Answers are serialized as JSON would have them: maps as objects, absent values as `null`.
const ANSWERS: Serializer = Serializer::json_compatible();

/// A `RolegateError` as the value thrown to JavaScript: its serialized form.
pub(crate) fn throw(err: RolegateError) -> JsValue {
    err.serialize(&ANSWERS).unwrap_or_else(|e| e.into())
}

pub(crate) fn bad_argument(message: String) -> JsValue {
    throw(RolegateError::new(ErrorCode::BadArgument, message))
}

/// An answer as a fresh JavaScript value.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    value.serialize(&ANSWERS).map_err(Into::into)
}

fn is_array(value: &JsValue) -> bool {
    is_array_checked(value).unwrap_or(false)
}

/// What a value is, as a person would name it in a message.
pub(crate) fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// The message of a thrown value (a JavaScript `Error`'s, without its name).
fn message_of(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| "it could not be copied".into())
}

// ---------------------------------------------------------------------------------------------
// Arguments

pub(crate) fn string_arg(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| bad_argument(format!("`{name}` must be a string, got {}", type_of(value))))
}

pub(crate) fn optional_string_arg(value: &JsValue, name: &str) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_arg(value, name).map(Some)
    }
}

/// A `RoleInput`: a role id, an assignment `{ role, scope }`, or an array of either.
pub(crate) fn roles_arg(value: &JsValue) -> JsResult<Vec<Assignment>> {
    if let Some(role) = value.as_string() {
        return Ok(vec![Assignment::role(role)]);
    }
    let plain = structured_clone(value).map_err(|thrown| {
        bad_argument(format!("`roles` could not be copied as plain data ({}); {PLAIN}", message_of(&thrown)))
    })?;
    // Checked before reading: a sparse array can claim any length.
    if let Some(list) = plain.dyn_ref::<Array>() {
        if list.length() as usize > crate::MAX_ASSIGNMENTS {
            let limit = crate::MAX_ASSIGNMENTS;
            return Err(bad_argument(format!("`roles` has {} items; the limit is {limit}", list.length())));
        }
    }
    read_roles::<_, JsScope>(Deserializer::from(plain)).map_err(|e| bad_argument(message_of(&e.into())))
}

/// An assignment's `scope` as JavaScript gives it. `undefined` is not `null` here: it is most
/// often a scope read from a field that is not there, and would hold the role at every scope.
struct JsScope(JsValue);

impl<'de> Deserialize<'de> for JsScope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(deserializer).map(JsScope)
    }
}

impl ScopeValue<'_> for JsScope {
    fn into_scope(self) -> Result<Option<String>, String> {
        match self.0.as_string() {
            Some(scope) => Ok(Some(scope)),
            None if self.0.is_null() => Ok(None),
            None => Err(format!(
                "must be a scope path, got {}; for a role held wherever the question asks, leave `scope` out or make it null",
                type_of(&self.0)
            )),
        }
    }
}

/// A policy document given as an object.
pub(crate) fn policy_arg(value: &JsValue) -> JsResult<PolicyEngine> {
    if value.is_string() {
        return Err(bad_argument(
            "`new PolicyEngine(policy)` takes the document as an object; use `PolicyEngine.fromJson(text)` for JSON text"
                .into(),
        ));
    }
    if !value.is_object() || is_array(value) {
        return Err(bad_argument(format!("a policy document must be an object, got {}", type_of(value))));
    }
    let plain = structured_clone(value).map_err(|thrown| {
        let why = format!("the object could not be copied as plain data ({}); {PLAIN}", message_of(&thrown));
        throw(RolegateError::not_json(String::new(), why))
    })?;
    let read = crate::reader::read_tree(Deserializer::from(plain))
        .map_err(|e| throw(RolegateError::not_json(e.at, message_of(&e.error.into()))))?;
    PolicyEngine::from_read(read).map_err(throw)
}

/// A policy document given as JSON text.
pub(crate) fn policy_text_arg(value: &JsValue) -> JsResult<PolicyEngine> {
    let Some(text) = value.dyn_ref::<JsString>() else {
        return Err(bad_argument(format!("`PolicyEngine.fromJson(text)` takes a string, got {}", type_of(value))));
    };
    if text.length() > MAX_POLICY_TEXT {
        return Err(bad_argument(format!(
            "the policy text is {} characters; the limit is {MAX_POLICY_TEXT}",
            text.length()
        )));
    }
    // A lone surrogate has no UTF-8 form: copied into Rust it would silently become U+FFFD.
    if !text.is_well_formed() {
        return Err(throw(RolegateError::not_json(
            String::new(),
            "the text has a lone surrogate (it is not valid Unicode)".into(),
        )));
    }
    PolicyEngine::from_json(&String::from(text)).map_err(throw)
}
