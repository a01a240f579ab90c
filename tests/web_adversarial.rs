//! Hostile inputs through the JavaScript bindings, in real browsers (`wasm-pack test --headless
//! --chrome` / `--firefox`): every argument given every JavaScript type, prototype keys, deep and
//! self-referencing objects, a 10 MB policy, a 1 MB scope, look-alike and NUL characters, 100,000
//! assignments, calls after errors, and atomic replacement of the default engine. Each gives a
//! `RolegateError` with the right `code`, or the right answer. (The Node suite,
//! tests/node/adversarial.test.mjs, covers the same through the package's JavaScript layer.)
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Reflect, JSON};
use rolegate::wasm::JsPolicyEngine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod web_common;
use web_common::{assignment, get, js, list, thrown_code};

wasm_bindgen_test_configure!(run_in_browser);

const SMALL: &str = include_str!("fixtures/small.json");
const ORG: &str = "organization:acme";
const AC1: &str = "organization:acme/account:AC1";
const SA1: &str = "organization:acme/account:AC1/subaccount:SA1";

fn small() -> JsPolicyEngine {
    JsPolicyEngine::from_json(js(SMALL)).expect("the fixture loads")
}

fn parse(text: &str) -> JsValue {
    JSON::parse(text).expect("valid JSON")
}

/// The thrown value is a rolegate error with one of `codes` and a short message; returns it.
#[track_caller]
fn rolegate_error<T: std::fmt::Debug>(result: Result<T, JsValue>, codes: &[&str], what: &str) -> JsValue {
    let err = result.expect_err(what);
    let code = thrown_code(&err);
    assert!(
        codes.contains(&code.as_str()),
        "{what}: code {code}, expected one of {codes:?}: {:?}",
        get(&err, "message")
    );
    err
}

/// Answers of the fixture that must not change, whatever was thrown in between.
fn answers(engine: &JsPolicyEngine) -> String {
    let roles = list(&[assignment("studio-editor", AC1), assignment("billing-manager", AC1)]);
    let principal = engine.principal(roles.clone()).unwrap();
    let mut out = Vec::new();
    for action in ["studio.flow.read", "studio.flow.update", "studio.flow.delete", "billing.invoice.read"] {
        out.push(engine.can_perform(roles.clone(), js(AC1), js(action)).unwrap());
        out.push(engine.can_perform(roles.clone(), js(ORG), js(action)).unwrap());
        out.push(principal.can_perform(js(SA1), js(action)).unwrap());
    }
    let pages: Vec<String> = engine
        .visible_console_pages(roles, JsValue::UNDEFINED)
        .unwrap()
        .iter()
        .map(|p| get(&p, "id").as_string().unwrap())
        .collect();
    format!("{out:?} {pages:?}")
}

/// Every JavaScript type that is not a string.
fn not_strings() -> Vec<(&'static str, JsValue)> {
    vec![
        ("null", JsValue::NULL),
        ("undefined", JsValue::UNDEFINED),
        ("a number", JsValue::from_f64(42.0)),
        ("NaN", JsValue::from_f64(f64::NAN)),
        ("a boolean", JsValue::TRUE),
        ("an object", Object::new().into()),
        ("an array", list(&[js(AC1)])),
        ("a symbol", js_sys::Symbol::for_("scope").into()),
        ("a BigInt", js_sys::BigInt::from(10u32).into()),
        ("a function", Function::new_no_args("return 'organization:acme'").into()),
        (
            "a String object",
            Function::new_no_args("return new String('organization:acme')").call0(&JsValue::NULL).unwrap(),
        ),
    ]
}

#[wasm_bindgen_test]
fn every_string_argument_refuses_every_other_type() {
    let engine = small();
    let before = answers(&engine);
    let roles = list(&[assignment("studio-viewer", AC1)]);
    let principal = engine.principal(roles.clone()).unwrap();
    for (kind, bad) in not_strings() {
        let what = |call: &str| format!("{call} with {kind}");
        let codes = &["BAD_ARGUMENT"];
        rolegate_error(JsPolicyEngine::builtin(bad.clone()).map(|_| ()), codes, &what("builtin(name)"));
        rolegate_error(JsPolicyEngine::from_json(bad.clone()).map(|_| ()), codes, &what("fromJson(text)"));
        rolegate_error(
            engine.can_perform(roles.clone(), bad.clone(), js("studio.flow.read")),
            codes,
            &what("canPerform(scope)"),
        );
        rolegate_error(engine.can_perform(roles.clone(), js(AC1), bad.clone()), codes, &what("canPerform(action)"));
        rolegate_error(
            engine.explain(roles.clone(), bad.clone(), js("studio.flow.read")),
            codes,
            &what("explain(scope)"),
        );
        rolegate_error(engine.explain(roles.clone(), js(AC1), bad.clone()), codes, &what("explain(action)"));
        rolegate_error(engine.roles_granting(bad.clone(), JsValue::UNDEFINED), codes, &what("rolesGranting(action)"));
        rolegate_error(engine.billing_seat(roles.clone(), bad.clone()), codes, &what("billingSeat(scope)"));
        rolegate_error(
            principal.can_perform(bad.clone(), js("studio.flow.read")),
            codes,
            &what("principal.canPerform(scope)"),
        );
        rolegate_error(principal.can_perform(js(AC1), bad.clone()), codes, &what("principal.canPerform(action)"));
        if !bad.is_null() && !bad.is_undefined() {
            // Optional scopes: null and undefined mean "no scope".
            rolegate_error(
                engine.visible_console_pages(roles.clone(), bad.clone()),
                codes,
                &what("visibleConsolePages(scope)"),
            );
            rolegate_error(
                engine.roles_granting(js("studio.flow.read"), bad.clone()),
                codes,
                &what("rolesGranting(scope)"),
            );
            rolegate_error(
                principal.visible_console_pages(bad.clone()),
                codes,
                &what("principal.visibleConsolePages(scope)"),
            );
        }
    }
    assert_eq!(answers(&engine), before);
}

#[wasm_bindgen_test]
fn every_roles_argument_refuses_what_is_not_a_role_input() {
    let engine = small();
    let before = answers(&engine);
    let mut bad: Vec<(&str, JsValue)> =
        not_strings().into_iter().filter(|(kind, _)| *kind != "an array" && *kind != "a String object").collect();
    bad.push(("a role that is a number", parse(r#"{"role": 1, "scope": "organization:acme"}"#)));
    bad.push(("a scope that is a number", parse(r#"{"role": "owner", "scope": 5}"#)));
    bad.push(("a scope that is an array", parse(r#"{"role": "owner", "scope": ["organization:acme"]}"#)));
    bad.push(("an array holding null", parse("[null]")));
    bad.push(("an array holding a number", parse(r#"["owner", 3]"#)));
    bad.push(("an array holding an array", parse(r#"[["owner"]]"#)));
    for (kind, value) in bad {
        let codes = &["BAD_ARGUMENT"];
        let what = |call: &str| format!("{call} with {kind}");
        rolegate_error(engine.can_perform(value.clone(), js(AC1), js("studio.flow.read")), codes, &what("canPerform"));
        rolegate_error(
            engine.visible_console_pages(value.clone(), JsValue::UNDEFINED),
            codes,
            &what("visibleConsolePages"),
        );
        rolegate_error(engine.explain(value.clone(), js(AC1), js("studio.flow.read")), codes, &what("explain"));
        rolegate_error(engine.principal(value.clone()).map(|_| ()), codes, &what("principal"));
        rolegate_error(engine.check_assignments(value.clone()), codes, &what("checkAssignments"));
        rolegate_error(engine.billing_seat(value.clone(), js(AC1)), codes, &what("billingSeat"));
    }
    assert_eq!(answers(&engine), before);
}

#[wasm_bindgen_test]
fn a_policy_argument_must_be_a_document_object() {
    for (kind, value) in not_strings() {
        let codes: &[&str] = if kind == "an object" || kind == "a String object" {
            &["POLICY_INVALID", "POLICY_PARSE", "BAD_ARGUMENT"]
        } else {
            &["BAD_ARGUMENT"]
        };
        rolegate_error(JsPolicyEngine::construct(value).map(|_| ()), codes, &format!("new PolicyEngine({kind})"));
    }
    rolegate_error(JsPolicyEngine::construct(js(SMALL)).map(|_| ()), &["BAD_ARGUMENT"], "new PolicyEngine(text)");
}

#[wasm_bindgen_test]
fn prototype_keys_in_a_policy_are_unknown_keys_and_pollution_is_not_read() {
    let text = SMALL.replacen(
        r#""name": "small","#,
        r#""__proto__": {"roles": []}, "constructor": {"prototype": {}}, "name": "small","#,
        1,
    );
    for result in [JsPolicyEngine::from_json(js(&text)), JsPolicyEngine::construct(parse(&text))] {
        let err = rolegate_error(result.map(|_| ()), &["POLICY_INVALID"], "a policy with __proto__");
        let paths: Vec<String> =
            Array::from(&get(&err, "errors")).iter().map(|p| get(&p, "path").as_string().unwrap()).collect();
        assert!(paths.contains(&"/__proto__".to_string()) && paths.contains(&"/constructor".to_string()), "{paths:?}");
    }
    // Inherited properties are not part of a document.
    let prototype = Object::get_prototype_of(&Object::new().into());
    Reflect::set(&prototype, &js("grants"), &parse(r#"["*"]"#)).unwrap();
    Reflect::set(&prototype, &js("denies"), &parse("[]")).unwrap();
    let polluted = JsPolicyEngine::construct(parse(SMALL));
    Reflect::delete_property(&prototype, &js("grants")).unwrap();
    Reflect::delete_property(&prototype, &js("denies")).unwrap();
    let polluted = polluted.unwrap();
    assert_eq!(answers(&polluted), answers(&small()));
    let billing = list(&[assignment("billing-manager", AC1)]);
    assert!(!polluted.can_perform(billing, js(AC1), js("studio.flow.read")).unwrap());
    // An assignment's own keys are read, not a `__proto__` key's.
    let sneaky = parse(&format!(r#"{{"role": "studio-viewer", "scope": "{AC1}", "__proto__": {{"role": "owner"}}}}"#));
    assert!(!small().can_perform(sneaky, js(AC1), js("billing.invoice.read")).unwrap());
}

#[wasm_bindgen_test]
fn deep_and_self_referencing_policies_are_parse_errors() {
    let depth = 100_000;
    let deep = format!(r#"{{"name": {}{}}}"#, "[".repeat(depth), "]".repeat(depth));
    rolegate_error(JsPolicyEngine::from_json(js(&deep)).map(|_| ()), &["POLICY_PARSE"], "deep text");
    let mut nested: JsValue = Object::new().into();
    for _ in 0..depth {
        let outer = Object::new();
        Reflect::set(&outer, &js("a"), &nested).unwrap();
        nested = outer.into();
    }
    let doc = parse(SMALL);
    Reflect::set(&doc, &js("extra"), &nested).unwrap();
    rolegate_error(JsPolicyEngine::construct(doc).map(|_| ()), &["POLICY_PARSE"], "a deep object");
    let cyclic = parse(SMALL);
    Reflect::set(&get(&get(&cyclic, "roles"), "0"), &js("self"), &cyclic).unwrap();
    rolegate_error(
        JsPolicyEngine::construct(cyclic).map(|_| ()),
        &["POLICY_PARSE", "POLICY_INVALID"],
        "a cyclic object",
    );
}

#[wasm_bindgen_test]
fn a_ten_megabyte_policy_loads_and_answers() {
    // Built in JavaScript: a debug build of this test would spend its time in the loop instead.
    let build = Function::new_with_args(
        "text",
        "const doc = JSON.parse(text); const description = 'd'.repeat(4000);
         for (let i = 0; i < 2400; i++) {
           doc.actions.push({ id: `bulk.item${i}.read`, description });
           doc.roles.push({ id: `bulk-${i}`, name: `Bulk ${i}`, description, scopes: ['account'], grants: [`bulk.item${i}.read`] });
         }
         return JSON.stringify(doc);",
    );
    let text = build.call1(&JsValue::NULL, &js(SMALL)).unwrap().as_string().unwrap();
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let engine = JsPolicyEngine::from_json(js(&text)).unwrap();
    let holder = assignment("bulk-2000", AC1);
    assert!(engine.can_perform(holder.clone(), js(SA1), js("bulk.item2000.read")).unwrap());
    assert!(!engine.can_perform(holder, js(SA1), js("bulk.item2001.read")).unwrap());
    assert_eq!(engine.actions().len(), 2407);
}

#[wasm_bindgen_test]
fn a_megabyte_scope_is_a_bad_scope_with_a_short_message() {
    let engine = small();
    let roles = list(&[assignment("studio-viewer", AC1)]);
    let principal = engine.principal(roles.clone()).unwrap();
    for huge in [
        format!("organization:{}", "a".repeat(1 << 20)),
        "/".repeat(1 << 20),
        format!("{AC1}/{}", "subaccount:S/".repeat(90_000)),
    ] {
        let codes = &["BAD_SCOPE"];
        rolegate_error(engine.can_perform(roles.clone(), js(&huge), js("studio.flow.read")), codes, "canPerform");
        rolegate_error(principal.can_perform(js(&huge), js("studio.flow.read")), codes, "principal.canPerform");
        rolegate_error(engine.visible_console_pages(roles.clone(), js(&huge)), codes, "visibleConsolePages");
        rolegate_error(
            engine.principal(assignment("studio-viewer", &huge)).map(|_| ()),
            codes,
            "principal at a huge scope",
        );
    }
    rolegate_error(
        engine.can_perform(js(&"x".repeat(1 << 20)), js(AC1), js("studio.flow.read")),
        &["UNKNOWN_ROLE"],
        "a huge role",
    );
    assert!(principal.can_perform(js(SA1), js("studio.flow.read")).unwrap());
}

#[wasm_bindgen_test]
fn look_alikes_nul_bytes_and_lone_surrogates_are_refused() {
    let engine = small();
    let viewer = list(&[assignment("studio-viewer", AC1)]);
    for scope in [
        "organization:\u{0430}cme/account:AC1",
        "organization:acme/account:\u{FF21}C1",
        "organization:acme/account:AC1\u{200B}",
        "organization:acme/account:AC1\0",
        "org\u{0430}nization:acme",
    ] {
        rolegate_error(engine.can_perform(viewer.clone(), js(scope), js("studio.flow.read")), &["BAD_SCOPE"], scope);
    }
    // A lone surrogate cannot be written in a Rust string: make it in JavaScript.
    let lone = Function::new_no_args("return 'organization:acme/account:AC1\\uD800'").call0(&JsValue::NULL).unwrap();
    rolegate_error(
        engine.can_perform(viewer.clone(), lone, js("studio.flow.read")),
        &["BAD_SCOPE"],
        "a lone surrogate",
    );
    for role in ["studio\u{2010}viewer", "studi\u{043E}-viewer", "studio-viewer\0"] {
        let err = rolegate_error(
            engine.can_perform(assignment(role, AC1), js(AC1), js("studio.flow.read")),
            &["UNKNOWN_ROLE"],
            role,
        );
        assert!(get(&err, "help").as_string().is_some_and(|h| h.contains("studio-viewer")), "{role:?}");
    }
    for action in ["studio.flow.read\0", "studio.flow.r\u{0435}ad", "*"] {
        rolegate_error(engine.can_perform(viewer.clone(), js(AC1), js(action)), &["UNKNOWN_ACTION"], action);
    }
}

#[wasm_bindgen_test]
fn a_hundred_thousand_assignments_answer_correctly() {
    let engine = small();
    let build = Function::new_no_args(
        "const roles = [];
         for (let i = 0; i < 100000; i++) roles.push({ role: 'studio-viewer', scope: `organization:acme/account:AC${i}` });
         roles.push({ role: 'billing-manager', scope: 'organization:acme/account:AC77777' });
         return roles;",
    );
    let roles = build.call0(&JsValue::NULL).unwrap();
    let principal = engine.principal(roles.clone()).unwrap();
    for (scope, action, expected) in [
        ("organization:acme/account:AC99999/subaccount:S", "studio.flow.read", true),
        ("organization:acme/account:AC100000", "studio.flow.read", false),
        ("organization:acme", "studio.flow.read", false),
        ("organization:acme/account:AC77777", "billing.invoice.read", true),
        ("organization:acme/account:AC7777", "billing.invoice.read", false),
    ] {
        assert_eq!(principal.can_perform(js(scope), js(action)).unwrap(), expected, "{scope} {action}");
    }
    // The whole list through the engine's own entry point too (it reads the list each time).
    assert!(engine
        .can_perform(roles.clone(), js("organization:acme/account:AC12345"), js("studio.flow.read"))
        .unwrap());
    assert!(!engine.can_perform(roles, js("organization:acme/account:AC12345"), js("billing.invoice.read")).unwrap());
}

#[wasm_bindgen_test]
fn calls_after_thrown_errors_answer_as_before() {
    let engine = small();
    let before = answers(&engine);
    for _ in 0..3 {
        rolegate_error(
            engine.can_perform(js("nobody"), js(AC1), js("studio.flow.read")),
            &["UNKNOWN_ROLE"],
            "unknown role",
        );
        rolegate_error(
            engine.can_perform(js("owner"), js(ORG), js("studio.flow.read")),
            &["NOT_ASSIGNABLE"],
            "not assignable",
        );
        rolegate_error(
            engine.explain(list(&[]), js("organization:"), js("studio.flow.read")),
            &["BAD_SCOPE"],
            "bad scope",
        );
        rolegate_error(
            engine.can_perform(list(&[]), js(AC1), js("studio.flow.fly")),
            &["UNKNOWN_ACTION"],
            "unknown action",
        );
        assert_eq!(answers(&engine), before);
    }
}

/// A failed load changes nothing: every engine already loaded answers exactly as before.
#[wasm_bindgen_test]
fn a_failed_load_leaves_every_engine_answering_exactly_as_before() {
    let voiceflow = JsPolicyEngine::builtin(js("voiceflow")).unwrap();
    let roles = list(&[assignment("editor", "organization:o/workspace:w")]);
    let ask = || {
        let decisions: Vec<bool> = voiceflow
            .actions()
            .iter()
            .map(|a| voiceflow.can_perform(roles.clone(), js("organization:o/workspace:w/project:p"), js(a)).unwrap())
            .collect();
        let pages: Vec<String> = voiceflow
            .visible_console_pages(roles.clone(), JsValue::UNDEFINED)
            .unwrap()
            .iter()
            .map(|p| get(&p, "id").as_string().unwrap())
            .collect();
        format!("{decisions:?} {pages:?} {}", answers(&small()))
    };
    let before = ask();
    let mut cycle = parse(SMALL);
    Reflect::set(&get(&get(&cycle, "roles"), "1"), &js("inherits"), &parse(r#"["studio-admin"]"#)).unwrap();
    let failures: Vec<Result<JsPolicyEngine, JsValue>> = vec![
        JsPolicyEngine::from_json(js("{")),
        JsPolicyEngine::from_json(JSON::stringify(&cycle).unwrap().into()),
        JsPolicyEngine::construct(std::mem::replace(&mut cycle, JsValue::NULL)),
        JsPolicyEngine::builtin(js("twilo")),
        JsPolicyEngine::from_json(js("[]")),
    ];
    for failure in failures {
        rolegate_error(failure.map(|_| ()), &["POLICY_PARSE", "POLICY_INVALID", "BAD_ARGUMENT"], "a failed load");
        assert_eq!(ask(), before, "an engine changed after a failed load");
    }
}

/// A list whose element getter throws: the exception must become a RolegateError inside the
/// bindings, not unwind through wasm (which leaks a borrow and shadow stack each time, until
/// every engine traps).
#[wasm_bindgen_test]
fn a_throwing_list_element_is_a_bad_argument() {
    let engine = small();
    let before = answers(&engine);
    let throwing = Function::new_no_args(
        "const a = []; Object.defineProperty(a, 0, { get() { throw new Error('boom'); }, enumerable: true }); return a;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    for _ in 0..3000 {
        rolegate_error(engine.principal(throwing.clone()).map(|_| ()), &["BAD_ARGUMENT"], "a throwing element");
    }
    assert_eq!(answers(&engine), before);
    assert_eq!(answers(&small()), before);
}
