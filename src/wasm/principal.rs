//! `Principal` for JavaScript: assignments compiled once, for many checks.

use super::convert::{optional_string_arg, string_arg, throw, JsResult};
use super::engine::JsPolicyEngine;
use super::pages::PageObjects;
use crate::{PolicyEngine, Principal};
use js_sys::Array;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Principal)]
pub struct JsPrincipal {
    principal: Principal,
    /// The engine's page objects, and the engine to make them from.
    engine: PolicyEngine,
    pages: Rc<PageObjects>,
}

impl JsPrincipal {
    pub(crate) fn new(principal: Principal, engine: &JsPolicyEngine) -> Self {
        JsPrincipal { principal, engine: engine.engine.clone(), pages: engine.pages.clone() }
    }
}

#[wasm_bindgen(js_class = Principal)]
impl JsPrincipal {
    #[wasm_bindgen(js_name = canPerform)]
    pub fn can_perform(&self, scope: JsValue, action: JsValue) -> JsResult<bool> {
        let (scope, action) = (string_arg(&scope, "scope")?, string_arg(&action, "action")?);
        self.principal.can_perform(&scope, &action).map_err(throw)
    }

    /// Whether the action is allowed at the scope of at least one assignment.
    #[wasm_bindgen(js_name = canPerformAnywhere)]
    pub fn can_perform_anywhere(&self, action: JsValue) -> JsResult<bool> {
        self.principal.can_perform_anywhere(&string_arg(&action, "action")?).map_err(throw)
    }

    /// `canPerform` when both arguments are strings, which then cross as UTF-8 with no `JsValue`
    /// to convert (the package's `Principal` calls it then, and `canPerform` otherwise).
    #[wasm_bindgen(js_name = canPerformStrings, skip_typescript)]
    pub fn can_perform_strings(&self, scope: &str, action: &str) -> JsResult<bool> {
        self.principal.can_perform(scope, action).map_err(throw)
    }

    /// The index of an action the principal has been asked about, so that the package passes the
    /// number, not the string, from then on (`canPerformIndexed`).
    #[wasm_bindgen(js_name = actionIndex, skip_typescript)]
    pub fn action_index(&self, action: &str) -> JsResult<u32> {
        self.principal.action_id(action).map(|a| a.index()).map_err(throw)
    }

    /// `canPerform` for an action given by its index (`actionIndex`): one string crosses, not two.
    #[wasm_bindgen(js_name = canPerformIndexed, skip_typescript)]
    pub fn can_perform_indexed(&self, scope: &str, action: u32) -> JsResult<bool> {
        self.principal.can_perform_id(scope, crate::ActionId(action)).map_err(throw)
    }

    #[wasm_bindgen(js_name = visibleConsolePages)]
    pub fn visible_console_pages(&self, scope: JsValue) -> JsResult<Array> {
        let scope = optional_string_arg(&scope, "scope")?;
        let indices = self.principal.visible_page_indices(scope.as_deref()).map_err(throw)?;
        self.pages.select(&self.engine, indices)
    }
}
