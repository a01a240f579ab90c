//! The JavaScript API in real browsers (`wasm-pack test --headless --chrome` / `--firefox`):
//! every export called as JavaScript calls it, with `JsValue` arguments, and thrown errors read
//! back as the `RolegateError` objects JavaScript sees.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, JSON};
use rolegate::wasm::{self, JsPolicyEngine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod web_common;
use web_common::{assignment, get, js, list, thrown_code};

wasm_bindgen_test_configure!(run_in_browser);

const AC1: &str = "organization:acme/account:AC1";
const SA1: &str = "organization:acme/account:AC1/subaccount:SA1";
const AC2: &str = "organization:acme/account:AC2";

fn twilio() -> JsPolicyEngine {
    JsPolicyEngine::builtin(js("twilio")).expect("the twilio catalog loads")
}

/// The `code` of a thrown rolegate error, after checking it is one.
fn code_of(err: JsValue) -> String {
    thrown_code(&err)
}

#[wasm_bindgen_test]
fn can_perform_allows_granted_actions_and_denies_the_rest() {
    let e = twilio();
    let roles = list(&[assignment("studio-viewer", AC1)]);
    assert!(e.can_perform(roles.clone(), js(SA1), js("studio.flow.read")).unwrap());
    assert!(!e.can_perform(roles.clone(), js(SA1), js("studio.flow.update")).unwrap());
    assert!(!e.can_perform(roles, js(AC2), js("studio.flow.read")).unwrap());
}

#[wasm_bindgen_test]
fn role_input_is_a_role_id_an_assignment_or_an_array_of_either() {
    let e = twilio();
    assert!(e.can_perform(js("studio-admin"), js(AC1), js("studio.flow.update")).unwrap());
    assert!(e.can_perform(assignment("studio-admin", AC1), js(SA1), js("studio.flow.update")).unwrap());
    let mixed = list(&[js("studio-viewer"), assignment("developer", AC2)]);
    assert!(e.can_perform(mixed.clone(), js(AC1), js("studio.flow.read")).unwrap());
    assert!(!e.can_perform(mixed, js(AC1), js("studio.flow.update")).unwrap());
}

#[wasm_bindgen_test]
fn wrong_javascript_types_are_bad_arguments_not_type_errors() {
    let e = twilio();
    let ok_roles = list(&[assignment("studio-viewer", AC1)]);
    let bad_values = [JsValue::NULL, JsValue::UNDEFINED, JsValue::from_f64(5.0), Object::new().into(), JsValue::TRUE];
    for bad in &bad_values {
        assert_eq!(
            code_of(e.can_perform(ok_roles.clone(), bad.clone(), js("studio.flow.read")).unwrap_err()),
            "BAD_ARGUMENT"
        );
        assert_eq!(code_of(e.can_perform(ok_roles.clone(), js(AC1), bad.clone()).unwrap_err()), "BAD_ARGUMENT");
        assert_eq!(code_of(e.can_perform(bad.clone(), js(AC1), js("studio.flow.read")).unwrap_err()), "BAD_ARGUMENT");
    }
    let no_role = Object::new();
    Reflect::set(&no_role, &js("scope"), &js(AC1)).unwrap();
    assert_eq!(code_of(e.principal(no_role.into()).err().unwrap()), "BAD_ARGUMENT");
    assert_eq!(code_of(JsPolicyEngine::builtin(JsValue::from_f64(1.0)).err().unwrap()), "BAD_ARGUMENT");
    assert_eq!(code_of(JsPolicyEngine::from_json(JsValue::NULL).err().unwrap()), "BAD_ARGUMENT");
    assert_eq!(code_of(JsPolicyEngine::construct(js("{}")).err().unwrap()), "BAD_ARGUMENT");
}

#[wasm_bindgen_test]
fn unknown_names_and_bad_scopes_have_their_codes_and_a_did_you_mean() {
    let e = twilio();
    let err = e.can_perform(js("studio-admn"), js(AC1), js("studio.flow.read")).unwrap_err();
    assert_eq!(get(&err, "help").as_string().as_deref(), Some("did you mean `studio-admin`?"));
    assert_eq!(code_of(err), "UNKNOWN_ROLE");
    assert_eq!(
        code_of(e.can_perform(js("studio-admin"), js(AC1), js("studio.flow.raed")).unwrap_err()),
        "UNKNOWN_ACTION"
    );
    assert_eq!(
        code_of(e.can_perform(js("studio-admin"), js("account:AC1"), js("studio.flow.read")).unwrap_err()),
        "BAD_SCOPE"
    );
    let owner_at_org = assignment("owner", "organization:acme");
    assert_eq!(code_of(e.can_perform(owner_at_org, js(AC1), js("studio.flow.read")).unwrap_err()), "NOT_ASSIGNABLE");
    assert_eq!(code_of(JsPolicyEngine::builtin(js("twillio")).err().unwrap()), "BAD_ARGUMENT");
}

#[wasm_bindgen_test]
fn a_bad_policy_reports_every_problem_with_its_json_pointer() {
    let text = r#"{"name": "x", "scopeKinds": ["org"], "actions": ["a.b"],
        "roles": [{"id": "r", "name": "R", "scopes": ["orgg"], "grants": ["a.c"]}], "pages": []}"#;
    let err = JsPolicyEngine::from_json(js(text)).err().unwrap();
    let errors: Array = get(&err, "errors").dyn_into().unwrap();
    let paths: Vec<String> = errors.iter().map(|p| get(&p, "path").as_string().unwrap()).collect();
    assert_eq!(paths, ["/roles/0/scopes/0", "/roles/0/grants/0"]);
    assert_eq!(code_of(err), "POLICY_INVALID");
    assert_eq!(code_of(JsPolicyEngine::from_json(js("{ nope")).err().unwrap()), "POLICY_PARSE");
}

#[wasm_bindgen_test]
fn a_policy_object_compiles_like_its_json_text() {
    let text = r#"{"name": "mini", "scopeKinds": ["org", "team"], "actions": ["docs.page.read", "docs.page.edit"],
        "roles": [{"id": "reader", "name": "Reader", "scopes": ["org", "team"], "grants": ["docs.page.read"]},
                  {"id": "writer", "name": "Writer", "scopes": ["team"], "grants": ["docs.*"], "inherits": ["reader"]}],
        "pages": [{"id": "docs", "title": "Docs", "path": "/docs", "section": "Docs", "scopeKind": "team",
                   "requires": {"anyOf": ["docs.page.read"]}}]}"#;
    let object = JSON::parse(text).unwrap();
    let e = JsPolicyEngine::construct(object).unwrap();
    assert_eq!(e.name(), "mini");
    assert!(e.can_perform(assignment("writer", "org:o/team:t"), js("org:o/team:t"), js("docs.page.edit")).unwrap());
    assert!(!e.can_perform(assignment("reader", "org:o"), js("org:o/team:t"), js("docs.page.edit")).unwrap());
    assert_eq!(e.scope_kinds(), ["org", "team"]);
}

#[wasm_bindgen_test]
fn deeply_nested_objects_are_refused_without_a_trap() {
    let mut text = String::from("{\"name\": ");
    text.push_str(&"[".repeat(5000));
    text.push_str(&"]".repeat(5000));
    text.push('}');
    assert_eq!(code_of(JsPolicyEngine::from_json(js(&text)).err().unwrap()), "POLICY_PARSE");
    assert!(twilio().can_perform(js("studio-admin"), js(AC1), js("studio.flow.read")).unwrap(), "still working");
}

#[wasm_bindgen_test]
fn visible_console_pages_are_page_objects_in_navigation_order() {
    let e = twilio();
    let pages = e.visible_console_pages(list(&[assignment("studio-viewer", AC1)]), js(AC1)).unwrap();
    let ids: Vec<String> = pages.iter().map(|p| get(&p, "id").as_string().unwrap()).collect();
    assert!(ids.contains(&"studio.flows".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("billing")), "{ids:?}");
    let first = pages.get(0);
    for key in ["title", "path", "section", "scopeKind"] {
        assert!(get(&first, key).is_string(), "{key}");
    }
    assert!(get(&first, "parent").is_null() || get(&first, "parent").is_string());
    let all = e.pages().unwrap();
    let order: Vec<String> =
        all.iter().map(|p| get(&p, "id").as_string().unwrap()).filter(|id| ids.contains(id)).collect();
    assert_eq!(order, ids, "navigation order");
}

#[wasm_bindgen_test]
fn explain_says_why() {
    let e = twilio();
    let d = e.explain(list(&[assignment("studio-viewer", AC1)]), js(AC1), js("studio.flow.update")).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::FALSE);
    let would: Array = get(&d, "wouldGrant").dyn_into().unwrap();
    assert!(would.iter().any(|r| r.as_string().as_deref() == Some("studio-admin")));
    assert!(get(&d, "reason").as_string().unwrap().contains("studio.flow.update"));
    let d = e.explain(list(&[assignment("studio-admin", AC1)]), js(SA1), js("studio.flow.update")).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::TRUE);
    let by: Array = get(&d, "grantedBy").dyn_into().unwrap();
    assert_eq!(get(&by.get(0), "pattern").as_string().as_deref(), Some("studio.*"));
}

#[wasm_bindgen_test]
fn a_principal_answers_like_can_perform_on_its_assignments() {
    let e = twilio();
    let roles = list(&[assignment("studio-viewer", AC1), assignment("developer", AC2)]);
    let p = e.principal(roles.clone()).unwrap();
    for scope in [AC1, SA1, AC2, "organization:acme"] {
        for action in e.actions() {
            let expected = e.can_perform(roles.clone(), js(scope), js(&action)).unwrap();
            assert_eq!(p.can_perform(js(scope), js(&action)).unwrap(), expected, "{scope} {action}");
        }
    }
    assert_eq!(code_of(p.can_perform(js("nope"), js("studio.flow.read")).unwrap_err()), "BAD_SCOPE");
    assert_eq!(code_of(p.can_perform(js(AC1), js("studio.flow.raed")).unwrap_err()), "UNKNOWN_ACTION");
}

#[wasm_bindgen_test]
fn can_perform_anywhere_asks_at_each_assignments_scope() {
    let e = twilio();
    let roles = list(&[assignment("studio-viewer", AC1), assignment("developer", AC2)]);
    let p = e.principal(roles.clone()).unwrap();
    let mut some_allowed = false;
    for action in e.actions() {
        let at = |scope: &str| e.can_perform(roles.clone(), js(scope), js(&action)).unwrap();
        let expected = at(AC1) || at(AC2);
        some_allowed |= expected;
        assert_eq!(p.can_perform_anywhere(js(&action)).unwrap(), expected, "{action}");
    }
    assert!(some_allowed);
    assert_eq!(code_of(p.can_perform_anywhere(js("studio.flow.raed")).unwrap_err()), "UNKNOWN_ACTION");
    assert_eq!(code_of(p.can_perform_anywhere(JsValue::NULL).unwrap_err()), "BAD_ARGUMENT");
}

#[wasm_bindgen_test]
fn assignments_of_gives_the_assignments_as_plain_data_however_written() {
    let e = twilio();
    // Keys in another order, and one beside `scope` that is ignored.
    let written =
        JSON::parse(r#"["studio-viewer", {"scope":"organization:acme","role":"developer","note":1}]"#).unwrap();
    let read = JSON::stringify(&e.assignments_of(written).unwrap()).unwrap();
    assert_eq!(
        read.as_string().unwrap(),
        r#"[{"role":"studio-viewer","scope":null},{"role":"developer","scope":"organization:acme"}]"#
    );
    assert_eq!(code_of(e.assignments_of(JsValue::from_f64(1.0)).unwrap_err()), "BAD_ARGUMENT");
}

#[wasm_bindgen_test]
fn roles_granting_check_assignments_and_billing_seat() {
    let e = twilio();
    let roles: Array = e.roles_granting(js("studio.flow.update"), js(AC1)).unwrap().dyn_into().unwrap();
    let ids: Vec<String> = roles.iter().map(|r| get(&r, "id").as_string().unwrap()).collect();
    assert!(ids.contains(&"studio-admin".to_owned()) && !ids.contains(&"studio-viewer".to_owned()), "{ids:?}");
    let v: Array = e
        .check_assignments(list(&[assignment("owner", AC1), assignment("developer", AC1)]))
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(get(&v.get(0), "code").as_string().as_deref(), Some("HELD_ALONE"));
    let vf = JsPolicyEngine::builtin(js("voiceflow")).unwrap();
    let w1 = "organization:acme/workspace:W1";
    let roles = list(&[assignment("viewer", w1), assignment("editor", "organization:acme/workspace:W1/project:P1")]);
    assert_eq!(vf.billing_seat(roles, js(w1)).unwrap().as_string().as_deref(), Some("editor"));
    assert_eq!(
        vf.billing_seat(list(&[assignment("viewer", w1)]), js(w1)).unwrap().as_string().as_deref(),
        Some("free")
    );
    // No seat is `null`, as the types say (not `undefined`).
    assert!(vf.billing_seat(list(&[]), js(w1)).unwrap().is_null());
}

#[wasm_bindgen_test]
fn the_default_engine_is_the_twilio_catalog() {
    let e = wasm::default_engine().unwrap();
    assert_eq!(e.name(), "twilio");
    assert!(e.can_perform(list(&[assignment("studio-admin", AC1)]), js(AC1), js("studio.flow.update")).unwrap());
    // A new engine each time: the package holds the one its module-level functions use.
    assert_eq!(first_action(&e), first_action(&wasm::default_engine().unwrap()));
}

fn first_action(e: &JsPolicyEngine) -> String {
    e.actions().remove(0)
}
