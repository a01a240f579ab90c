//! `PolicyEngine` for JavaScript.

use super::convert::{optional_string_arg, policy_arg, policy_text_arg, roles_arg, string_arg, throw, to_js, JsResult};
use super::pages::PageObjects;
use super::principal::JsPrincipal;
use crate::PolicyEngine;
use js_sys::Array;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A compiled policy.
#[wasm_bindgen(js_name = PolicyEngine)]
pub struct JsPolicyEngine {
    pub(crate) engine: PolicyEngine,
    pub(crate) pages: Rc<PageObjects>,
}

impl From<PolicyEngine> for JsPolicyEngine {
    fn from(engine: PolicyEngine) -> Self {
        JsPolicyEngine { engine, pages: Rc::default() }
    }
}

#[wasm_bindgen(js_class = PolicyEngine)]
impl JsPolicyEngine {
    /// Compiles a policy document given as an object.
    #[wasm_bindgen(constructor)]
    pub fn construct(policy: JsValue) -> JsResult<JsPolicyEngine> {
        policy_arg(&policy).map(Into::into)
    }

    /// A built-in catalog: `"twilio"` or `"voiceflow"`.
    pub fn builtin(name: JsValue) -> JsResult<JsPolicyEngine> {
        let name = string_arg(&name, "name")?;
        PolicyEngine::builtin(&name).map(Into::into).map_err(throw)
    }

    /// Compiles a policy document given as JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: JsValue) -> JsResult<JsPolicyEngine> {
        policy_text_arg(&text).map(Into::into)
    }

    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.engine.name().to_owned()
    }

    #[wasm_bindgen(js_name = canPerform)]
    pub fn can_perform(&self, roles: JsValue, scope: JsValue, action: JsValue) -> JsResult<bool> {
        let roles = roles_arg(&roles)?;
        let (scope, action) = (string_arg(&scope, "scope")?, string_arg(&action, "action")?);
        self.engine.can_perform(&roles, &scope, &action).map_err(throw)
    }

    #[wasm_bindgen(js_name = visibleConsolePages)]
    pub fn visible_console_pages(&self, roles: JsValue, scope: JsValue) -> JsResult<Array> {
        self.principal(roles)?.visible_console_pages(scope)
    }

    pub fn explain(&self, roles: JsValue, scope: JsValue, action: JsValue) -> JsResult<JsValue> {
        let roles = roles_arg(&roles)?;
        let (scope, action) = (string_arg(&scope, "scope")?, string_arg(&action, "action")?);
        to_js(&self.engine.explain(&roles, &scope, &action).map_err(throw)?)
    }

    /// The assignments a role input holds, as the engine reads them (`scope: null` where the role
    /// is held wherever the question asks): plain data, for a binding to compare by content.
    #[wasm_bindgen(js_name = assignmentsOf)]
    pub fn assignments_of(&self, roles: JsValue) -> JsResult<JsValue> {
        to_js(&roles_arg(&roles)?)
    }

    pub fn principal(&self, roles: JsValue) -> JsResult<JsPrincipal> {
        let principal = self.engine.principal(&roles_arg(&roles)?).map_err(throw)?;
        Ok(JsPrincipal::new(principal, self))
    }

    #[wasm_bindgen(js_name = rolesGranting)]
    pub fn roles_granting(&self, action: JsValue, scope: JsValue) -> JsResult<JsValue> {
        let (action, scope) = (string_arg(&action, "action")?, optional_string_arg(&scope, "scope")?);
        to_js(&self.engine.roles_granting(&action, scope.as_deref()).map_err(throw)?)
    }

    #[wasm_bindgen(js_name = checkAssignments)]
    pub fn check_assignments(&self, roles: JsValue) -> JsResult<JsValue> {
        to_js(&self.engine.check_assignments(&roles_arg(&roles)?).map_err(throw)?)
    }

    /// The seat class, or `null`.
    #[wasm_bindgen(js_name = billingSeat)]
    pub fn billing_seat(&self, roles: JsValue, scope: JsValue) -> JsResult<JsValue> {
        let roles = roles_arg(&roles)?;
        to_js(&self.engine.billing_seat(&roles, &string_arg(&scope, "scope")?).map_err(throw)?)
    }

    pub fn roles(&self) -> JsResult<JsValue> {
        to_js(self.engine.roles())
    }

    pub fn actions(&self) -> Vec<String> {
        self.engine.actions().into_iter().map(String::from).collect()
    }

    pub fn pages(&self) -> JsResult<Array> {
        Ok(self.pages.all(&self.engine)?.iter().collect())
    }

    #[wasm_bindgen(js_name = scopeKinds)]
    pub fn scope_kinds(&self) -> Vec<String> {
        self.engine.scope_kinds().to_vec()
    }
}
