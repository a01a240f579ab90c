//! The JavaScript bindings. This module converts values and errors and holds no policy logic:
//! every question goes to the engine. Arguments arrive as `JsValue` so that a wrong type from
//! JavaScript becomes a `RolegateError` with code `BAD_ARGUMENT`, never a glue `TypeError` or trap.

use crate::engine::Assignment;
use crate::error::{ErrorCode, RolegateError};
use crate::json::ToJson;
use crate::text::text;
use crate::{Permissions, PolicyEngine, Principal};
use js_sys::{Array, Object, Reflect, JSON};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsValue>;

// Every read of a caller's value that can run the caller's code (a getter, a Proxy trap) goes
// through an import marked `catch`: an exception thrown there becomes a `BAD_ARGUMENT` instead of
// unwinding through Rust frames, which would leave a borrow held and the shadow stack unbalanced.
#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_checked(value: &JsValue) -> JsResult<bool>;

    /// `Object.keys`, which runs a Proxy's trap.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> JsResult<Array>;
}

fn is_array(value: &JsValue) -> bool {
    is_array_checked(value).unwrap_or(false)
}

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

// ---------------------------------------------------------------------------------------------
// Errors

/// A `RolegateError` as a JavaScript `Error`: `name`, `code`, `message`, `help`, `errors`.
fn throw(err: RolegateError) -> JsValue {
    let e = js_sys::Error::new(err.message());
    e.set_name("RolegateError");
    let problems = to_js(err.problems());
    set(&e, "code", &err.code().as_str().into());
    set(&e, "help", &err.help().map_or(JsValue::NULL, JsValue::from));
    set(&e, "errors", &problems);
    e.into()
}

/// `target[key] = value` on an object of ours (an `Error` just made): it cannot throw.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

fn bad_argument(message: String) -> JsValue {
    throw(RolegateError::new(ErrorCode::BadArgument, message))
}

fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments

fn string_arg(value: &JsValue, name: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| bad_argument(text!('`', name, "` must be a string, got ", type_of(value))))
}

fn optional_string_arg(value: &JsValue, name: &str) -> JsResult<Option<String>> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        string_arg(value, name).map(Some)
    }
}

/// The most assignments one call takes; far beyond any real user, small enough to stay bounded.
const MAX_ASSIGNMENTS: u32 = 1_000_000;

/// A `RoleInput`: a role id, an `{ role, scope }` object, or an array of either.
fn roles_arg(value: &JsValue) -> JsResult<Vec<Assignment>> {
    if !is_array(value) {
        return assignment_arg(value, "roles").map(|a| vec![a]);
    }
    let unreadable = |what: &str| bad_argument(text!('`', what, "` could not be read"));
    let length = Reflect::get(value, &"length".into()).map_err(|_| unreadable("roles.length"))?;
    let length = length.as_f64().filter(|l| *l >= 0.0).ok_or_else(|| unreadable("roles.length"))?;
    if length > MAX_ASSIGNMENTS as f64 {
        // An integer, not the f64: formatting floats would cost the wasm build 14 KB.
        return Err(bad_argument(text!("`roles` has ", length as u64, " items; the limit is ", MAX_ASSIGNMENTS)));
    }
    (0..length as u32)
        .map(|i| {
            let name = text!("roles[", i, ']');
            let item = Reflect::get_u32(value, i).map_err(|_| unreadable(&name))?;
            assignment_arg(&item, &name)
        })
        .collect()
}

fn assignment_arg(value: &JsValue, name: &str) -> JsResult<Assignment> {
    if let Some(role) = value.as_string() {
        return Ok(Assignment::role(role));
    }
    if !value.is_object() || is_array(value) {
        return Err(bad_argument(text!(
            '`',
            name,
            "` must be a role id or an assignment { role, scope }, got ",
            type_of(value)
        )));
    }
    let role = field(value, name, "role")?.unwrap_or(JsValue::UNDEFINED);
    let role = string_arg(&role, &text!(name, ".role"))?;
    let scope = match field(value, name, "scope")? {
        // `null`: held wherever the question asks, as documented.
        Some(scope) if scope.is_null() => None,
        // `undefined` is refused: most often a scope read from a field that is not there, which
        // would otherwise hold the role at every scope.
        Some(scope) => Some(scope.as_string().ok_or_else(|| {
            bad_argument(text!(
                '`',
                name,
                ".scope` must be a scope path, got ",
                type_of(&scope),
                "; for a role held wherever the question asks, leave `scope` out or make it null"
            ))
        })?),
        None => {
            only_role(value, name)?;
            None
        }
    };
    Ok(Assignment { role, scope })
}

/// The value of `key` of an assignment, if it has one: its own, or its class's (a getter), but
/// not one only `Object.prototype` has: a `role` planted there must not turn a malformed
/// assignment into a role.
fn field(value: &JsValue, name: &str, key: &str) -> JsResult<Option<JsValue>> {
    let unreadable = || bad_argument(text!('`', name, '.', key, "` could not be read"));
    let k = JsValue::from(key);
    let own = |object: &JsValue| {
        Reflect::get_own_property_descriptor(object.unchecked_ref::<Object>(), &k).map(|d| !d.is_undefined())
    };
    let present = own(value).map_err(|_| unreadable())?
        || (Reflect::has(value, &k).map_err(|_| unreadable())?
            && !own(&Object::get_prototype_of(&Object::new())).unwrap_or(true));
    if !present {
        return Ok(None);
    }
    Reflect::get(value, &k).map(Some).map_err(|_| unreadable())
}

/// An assignment without `scope` is held wherever the question asks: one with another key
/// instead (`scopePath`, `scope_id`) is refused, not read as held everywhere.
fn only_role(value: &JsValue, name: &str) -> JsResult<()> {
    let keys = object_keys(value).map_err(|_| bad_argument(text!("the keys of `", name, "` could not be read")))?;
    let Some(key) = keys.iter().filter_map(|k| k.as_string()).find(|k| k != "role") else {
        return Ok(());
    };
    Err(bad_argument(text!(
        '`',
        name,
        "` has `",
        crate::scope::truncate(&key),
        "` and no `scope`; an assignment is { role, scope } (without `scope`, a role is held wherever the question asks)"
    )))
}

/// A policy document given as a JavaScript object. `JSON.stringify` turns it into the text the
/// engine reads, so that an object and its JSON text are read by the very same parser; what is
/// not plain data (a cycle, a BigInt) fails there.
fn document_arg(value: &JsValue) -> JsResult<PolicyEngine> {
    if value.is_string() {
        return Err(bad_argument("`new PolicyEngine(policy)` takes the document as an object; use `PolicyEngine.fromJson(text)` for JSON text".into()));
    }
    if !value.is_object() || is_array(value) {
        return Err(bad_argument(text!("a policy document must be an object, got ", type_of(value))));
    }
    let text = JSON::stringify(value).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        let message = text!("the policy object is not plain JSON data: ", why);
        let problem = crate::Problem { path: String::new(), message: message.clone() };
        throw(RolegateError::new(ErrorCode::PolicyParse, message).with_problems(vec![problem]))
    })?;
    PolicyEngine::from_json(&String::from(text)).map_err(throw)
}

/// The largest JSON text `fromJson` reads.
const MAX_POLICY_TEXT: u32 = 64 << 20;

fn parse_json_text(text: &JsValue) -> JsResult<PolicyEngine> {
    let Some(s) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(bad_argument(text!("`PolicyEngine.fromJson(text)` takes a string, got ", type_of(text))));
    };
    if s.length() > MAX_POLICY_TEXT {
        return Err(bad_argument(text!(
            "the policy text is ",
            s.length(),
            " characters; the limit is ",
            MAX_POLICY_TEXT
        )));
    }
    PolicyEngine::from_json(&String::from(s)).map_err(throw)
}

/// `fromJson` for a text the package's JavaScript has already checked (a string within the
/// limit) and encoded as UTF-8: the platform's `TextEncoder` is far quicker than the glue's
/// string copy, which walks a long text a character at a time in JavaScript.
fn parse_json_bytes(bytes: &[u8]) -> JsResult<PolicyEngine> {
    // At most 3 bytes of UTF-8 for each UTF-16 unit of a text within the limit.
    let limit = 3 * MAX_POLICY_TEXT as usize;
    if bytes.len() > limit {
        return Err(bad_argument(text!("the policy text is ", bytes.len(), " bytes; the limit is ", limit)));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| bad_argument("the policy text is not UTF-8".into()))?;
    PolicyEngine::from_json(text).map_err(throw)
}

// ---------------------------------------------------------------------------------------------
// Results

/// An answer as a fresh JavaScript value: the engine writes JSON, `JSON.parse` builds the objects
/// (one boundary crossing, however large the answer). `write_json`, not `to_json`: the default
/// method is one more copy per type in the wasm build.
fn to_js<T: ToJson + ?Sized>(value: &T) -> JsValue {
    let mut text = String::new();
    value.write_json(&mut text);
    JSON::parse(&text).unwrap_or(JsValue::NULL)
}

/// `value` frozen with everything in it (a page's `requires` and its list of actions too): a
/// page object is shared by every answer, so no caller's change may reach the next one.
fn deep_freeze(value: JsValue) -> JsValue {
    if value.is_object() {
        for inner in Object::values(value.unchecked_ref::<Object>()).iter() {
            deep_freeze(inner);
        }
        Object::freeze(value.unchecked_ref::<Object>());
    }
    value
}

/// The policy's pages as frozen JS objects, made once per engine and shared by every answer.
#[derive(Default)]
struct PageObjects(OnceCell<Vec<JsValue>>);

impl PageObjects {
    fn get(&self, engine: &PolicyEngine) -> &[JsValue] {
        self.0.get_or_init(|| engine.pages().iter().map(|p| deep_freeze(to_js(p))).collect())
    }

    fn select(&self, engine: &PolicyEngine, indices: Vec<usize>) -> Array {
        let all = self.get(engine);
        indices.into_iter().map(|i| all[i].clone()).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// PolicyEngine

/// A compiled policy.
#[wasm_bindgen(js_name = PolicyEngine)]
pub struct JsPolicyEngine {
    engine: PolicyEngine,
    pages: Rc<PageObjects>,
}

impl JsPolicyEngine {
    fn new(engine: PolicyEngine) -> Self {
        JsPolicyEngine { engine, pages: Rc::default() }
    }

    fn shared(&self) -> Self {
        JsPolicyEngine { engine: self.engine.clone(), pages: self.pages.clone() }
    }
}

#[wasm_bindgen(js_class = PolicyEngine)]
impl JsPolicyEngine {
    /// Compiles a policy document given as an object.
    #[wasm_bindgen(constructor)]
    pub fn construct(policy: JsValue) -> JsResult<JsPolicyEngine> {
        document_arg(&policy).map(Self::new)
    }

    /// A built-in catalog: `"twilio"` or `"voiceflow"`.
    pub fn builtin(name: JsValue) -> JsResult<JsPolicyEngine> {
        let name = string_arg(&name, "name")?;
        PolicyEngine::builtin(&name).map(Self::new).map_err(throw)
    }

    /// `fromJson` with the text as UTF-8 bytes, for the package's own `fromJson` (not in the
    /// types).
    #[wasm_bindgen(js_name = fromJsonBytes, skip_typescript)]
    pub fn from_json_bytes(bytes: &[u8]) -> JsResult<JsPolicyEngine> {
        parse_json_bytes(bytes).map(Self::new)
    }

    /// Compiles a policy document given as JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: JsValue) -> JsResult<JsPolicyEngine> {
        parse_json_text(&text).map(Self::new)
    }

    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.engine.name().to_owned()
    }

    #[wasm_bindgen(js_name = canPerform)]
    pub fn can_perform(&self, roles: JsValue, scope: JsValue, action: JsValue) -> JsResult<bool> {
        let roles = roles_arg(&roles)?;
        self.engine.can_perform(&roles, &string_arg(&scope, "scope")?, &string_arg(&action, "action")?).map_err(throw)
    }

    #[wasm_bindgen(js_name = visibleConsolePages)]
    pub fn visible_console_pages(&self, roles: JsValue, scope: JsValue) -> JsResult<Array> {
        self.principal(roles)?.visible_console_pages(scope)
    }

    pub fn explain(&self, roles: JsValue, scope: JsValue, action: JsValue) -> JsResult<JsValue> {
        let roles = roles_arg(&roles)?;
        let decision = self
            .engine
            .explain(&roles, &string_arg(&scope, "scope")?, &string_arg(&action, "action")?)
            .map_err(throw)?;
        Ok(to_js(&decision))
    }

    pub fn principal(&self, roles: JsValue) -> JsResult<JsPrincipal> {
        let roles = roles_arg(&roles)?;
        let principal = self.engine.principal(&roles).map_err(throw)?;
        Ok(JsPrincipal { principal, engine: self.shared(), slots: RefCell::default() })
    }

    #[wasm_bindgen(js_name = rolesGranting)]
    pub fn roles_granting(&self, action: JsValue, scope: JsValue) -> JsResult<JsValue> {
        let scope = optional_string_arg(&scope, "scope")?;
        let roles = self.engine.roles_granting(&string_arg(&action, "action")?, scope.as_deref()).map_err(throw)?;
        Ok(to_js(&roles))
    }

    #[wasm_bindgen(js_name = checkAssignments)]
    pub fn check_assignments(&self, roles: JsValue) -> JsResult<JsValue> {
        let roles = roles_arg(&roles)?;
        Ok(to_js(&self.engine.check_assignments(&roles).map_err(throw)?))
    }

    /// The seat class, or `null` (as the types say; an `Option` would reach JavaScript as
    /// `undefined`).
    #[wasm_bindgen(js_name = billingSeat)]
    pub fn billing_seat(&self, roles: JsValue, scope: JsValue) -> JsResult<JsValue> {
        let roles = roles_arg(&roles)?;
        let seat = self.engine.billing_seat(&roles, &string_arg(&scope, "scope")?).map_err(throw)?;
        Ok(seat.map_or(JsValue::NULL, JsValue::from))
    }

    pub fn roles(&self) -> JsValue {
        to_js(self.engine.roles())
    }

    /// The action ids, in declaration order. A `Vec<String>`, which the glue turns into an array:
    /// returning a JavaScript array made in wasm (`JsValue`) saved 0.7 KB gzipped, but Node 20's
    /// V8 then crashed now and then (a fatal error in its deoptimizer, with JS-to-wasm call
    /// inlining on) in a loop calling `actions()`, as tests/node/fast-path.test.mjs does.
    pub fn actions(&self) -> Vec<String> {
        self.engine.actions().into_iter().map(String::from).collect()
    }

    pub fn pages(&self) -> Array {
        self.pages.get(&self.engine).iter().collect()
    }

    /// The scope kinds, root first (a `Vec<String>`, as `actions()` says why).
    #[wasm_bindgen(js_name = scopeKinds)]
    pub fn scope_kinds(&self) -> Vec<String> {
        self.engine.scope_kinds().to_vec()
    }
}

// ---------------------------------------------------------------------------------------------
// Principal

/// Assignments compiled once, for many checks.
#[wasm_bindgen(js_name = Principal)]
pub struct JsPrincipal {
    principal: Principal,
    engine: JsPolicyEngine,
    /// Permissions at the scopes the JavaScript fast path has interned (`scopeSlot`), so that a
    /// repeated scope string neither crosses the boundary nor is parsed again.
    slots: RefCell<Slots>,
}

/// Interned scopes. Slot numbers are never reused: after `clearSlots` the old numbers are stale,
/// and `canPerformAt` says so instead of answering for another scope.
#[derive(Default)]
struct Slots {
    /// The number of `permissions[0]`.
    first: u32,
    permissions: Vec<Permissions>,
}

/// `canPerformAt` answers: denied, allowed, or "that slot is not (or no longer) interned".
const DENIED: u8 = 0;
const ALLOWED: u8 = 1;
const STALE_SLOT: u8 = 2;

#[wasm_bindgen(js_class = Principal)]
impl JsPrincipal {
    #[wasm_bindgen(js_name = canPerform)]
    pub fn can_perform(&self, scope: JsValue, action: JsValue) -> JsResult<bool> {
        self.principal.can_perform(&string_arg(&scope, "scope")?, &string_arg(&action, "action")?).map_err(throw)
    }

    /// Interns a scope for `canPerformAt`: the slot of this principal's permissions there.
    #[wasm_bindgen(js_name = scopeSlot)]
    pub fn scope_slot(&self, scope: JsValue) -> JsResult<u32> {
        let permissions = self.principal.permissions_at(&string_arg(&scope, "scope")?).map_err(throw)?;
        let mut slots = self.slots.borrow_mut();
        slots.permissions.push(permissions);
        Ok(slots.first.wrapping_add(slots.permissions.len() as u32 - 1))
    }

    /// Forgets every interned scope (the fast path bounds its table this way). Their slot
    /// numbers are not given out again.
    #[wasm_bindgen(js_name = clearSlots)]
    pub fn clear_slots(&self) {
        let mut slots = self.slots.borrow_mut();
        slots.first = slots.first.wrapping_add(slots.permissions.len() as u32);
        slots.permissions.clear();
    }

    /// Interns an action for `canPerformAt`: its index in the policy's actions.
    #[wasm_bindgen(js_name = actionIndex)]
    pub fn action_index(&self, action: JsValue) -> JsResult<u32> {
        Ok(self.principal.action_id(&string_arg(&action, "action")?).map_err(throw)?.index())
    }

    /// The decision for an interned scope and action: 1 allowed, 0 denied (an action index out of
    /// range included), 2 the slot is not interned (never given, or cleared): intern it again.
    #[wasm_bindgen(js_name = canPerformAt)]
    pub fn can_perform_at(&self, slot: u32, action: u32) -> u8 {
        let slots = self.slots.borrow();
        match slots.permissions.get(slot.wrapping_sub(slots.first) as usize) {
            Some(p) if p.allows_index(action) => ALLOWED,
            Some(_) => DENIED,
            None => STALE_SLOT,
        }
    }

    #[wasm_bindgen(js_name = visibleConsolePages)]
    pub fn visible_console_pages(&self, scope: JsValue) -> JsResult<Array> {
        let scope = optional_string_arg(&scope, "scope")?;
        let indices = self.principal.visible_page_indices(scope.as_deref()).map_err(throw)?;
        Ok(self.engine.pages.select(&self.engine.engine, indices))
    }
}

// ---------------------------------------------------------------------------------------------
// The default engine of the module-level functions

thread_local! {
    static DEFAULT_ENGINE: RefCell<Option<JsPolicyEngine>> = const { RefCell::new(None) };
}

/// Runs `f` on (a handle to) the default engine, made on first use. The cell is not borrowed
/// while `f` runs: `f` reads the caller's arguments, whose getters may call `setDefaultEngine`.
fn with_default<T>(f: impl FnOnce(&JsPolicyEngine) -> JsResult<T>) -> JsResult<T> {
    let current = DEFAULT_ENGINE.try_with(|cell| Some(cell.try_borrow().ok()?.as_ref()?.shared()));
    let engine = match current {
        Ok(Some(engine)) => engine,
        _ => {
            let engine = JsPolicyEngine::builtin(crate::catalogs::DEFAULT.into())?;
            set_default_engine(&engine);
            engine
        }
    };
    f(&engine)
}

/// `canPerform` on the default engine (the built-in `twilio` catalog unless replaced).
#[wasm_bindgen(js_name = canPerform)]
pub fn can_perform(roles: JsValue, scope: JsValue, action: JsValue) -> JsResult<bool> {
    with_default(|e| e.can_perform(roles, scope, action))
}

/// `visibleConsolePages` on the default engine.
#[wasm_bindgen(js_name = visibleConsolePages)]
pub fn visible_console_pages(roles: JsValue, scope: JsValue) -> JsResult<Array> {
    with_default(|e| e.visible_console_pages(roles, scope))
}

/// Replaces the default engine. The engine passed was already compiled, so this cannot leave the
/// default half-replaced: a policy that failed to load never became an engine.
#[wasm_bindgen(js_name = setDefaultEngine)]
pub fn set_default_engine(engine: &JsPolicyEngine) {
    let _ = DEFAULT_ENGINE.try_with(|cell| cell.try_borrow_mut().map(|mut slot| *slot = Some(engine.shared())));
}

/// The default engine (for reading its catalog, roles and pages).
#[wasm_bindgen(js_name = defaultEngine)]
pub fn default_engine() -> JsResult<JsPolicyEngine> {
    with_default(|e| Ok(e.shared()))
}
