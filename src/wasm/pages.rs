//! The policy's pages as JavaScript objects: made once per engine, frozen with everything in them,
//! and shared by every answer, so that a page list costs no conversion and no caller's change to
//! a page reaches the next answer.

use super::convert::{to_js, JsResult};
use crate::PolicyEngine;
use js_sys::{Array, Object};
use std::cell::OnceCell;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
pub(crate) struct PageObjects(OnceCell<Vec<JsValue>>);

impl PageObjects {
    pub fn all(&self, engine: &PolicyEngine) -> JsResult<&[JsValue]> {
        if self.0.get().is_none() {
            let pages = engine.pages().iter().map(|p| to_js(p).map(deep_freeze)).collect::<JsResult<_>>()?;
            let _ = self.0.set(pages);
        }
        Ok(self.0.get().map(Vec::as_slice).unwrap_or_default())
    }

    /// The pages at `indices`, as a new array.
    pub fn select(&self, engine: &PolicyEngine, indices: Vec<usize>) -> JsResult<Array> {
        let all = self.all(engine)?;
        Ok(indices.into_iter().filter_map(|i| all.get(i)).collect())
    }
}

/// `value` frozen with everything in it (a page's `requires` and its list of actions too).
fn deep_freeze(value: JsValue) -> JsValue {
    if value.is_object() {
        for inner in Object::values(value.unchecked_ref::<Object>()).iter() {
            deep_freeze(inner);
        }
        Object::freeze(value.unchecked_ref::<Object>());
    }
    value
}
