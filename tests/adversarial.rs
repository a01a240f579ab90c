//! Hostile and oversized inputs, natively: each gives a `RolegateError` with the right code and a
//! message of bounded length, or the correct answer, and the engine keeps answering afterwards.
//! Also replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and crash reproducers
//! (`fuzz/regressions/<target>/`) through the fuzz targets' own assertions, without nightly.
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser's is tests/web_adversarial.rs

mod reference;
#[path = "../fuzz/src/targets.rs"]
mod targets;

use rolegate::{Assignment, ErrorCode, PolicyEngine, RolegateError};
use std::path::Path;

const ORG: &str = "organization:acme";
const AC1: &str = "organization:acme/account:AC1";

fn small() -> PolicyEngine {
    PolicyEngine::from_json(include_str!("fixtures/small.json")).unwrap()
}

fn fixture() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/small.json")).unwrap()
}

/// The error, checked for its code and for a message short enough to show a person.
#[track_caller]
fn fails<T: std::fmt::Debug>(result: Result<T, RolegateError>, code: ErrorCode) -> RolegateError {
    let err = result.expect_err("an error");
    assert_eq!(err.code(), code, "{err}");
    assert!(!err.message().is_empty());
    assert!(err.message().len() < 600, "a {}-byte message: {}…", err.message().len(), &err.message()[..200]);
    err
}

/// The engine still answers a few known questions correctly.
#[track_caller]
fn still_works(engine: &PolicyEngine) {
    let roles = [Assignment::at("studio-editor", AC1)];
    assert!(engine.can_perform(&roles, AC1, "studio.flow.update").unwrap());
    assert!(!engine.can_perform(&roles, ORG, "studio.flow.update").unwrap());
    assert!(engine.principal(&roles).unwrap().can_perform(&format!("{AC1}/subaccount:S"), "studio.flow.read").unwrap());
}

// ---------------------------------------------------------------------------------------------
// The fuzz corpus

fn replay(dir: &str, target: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for base in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(base).join(dir)) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "fuzz input {} fails", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn the_fuzz_corpus_replays_cleanly() {
    assert!(replay("policy_json", targets::policy_json) >= 10);
    assert!(replay("scope_parse", targets::scope_parse) >= 10);
    assert!(replay("api_sequence", targets::api_sequence) >= 10);
}

// ---------------------------------------------------------------------------------------------
// Policy text

#[test]
fn deeply_nested_json_is_a_parse_error_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
        let deep = format!("{{\"name\": {}1{}}}", open.repeat(200_000), close.repeat(200_000));
        let err = fails(PolicyEngine::from_json(&deep), ErrorCode::PolicyParse);
        assert!(err.message().contains("nested"), "{err}");
    }
    // Just past the limit, where a real policy could never go, and just within it.
    let nested = |depth: usize| format!("{{\"name\": \"x\", \"extra\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
    fails(PolicyEngine::from_json(&nested(rolegate::MAX_DEPTH + 1)), ErrorCode::PolicyParse);
    fails(PolicyEngine::from_json(&nested(rolegate::MAX_DEPTH - 2)), ErrorCode::PolicyInvalid);
}

#[test]
fn text_that_is_not_a_policy_object_is_refused_with_its_code() {
    for text in [
        "",
        " ",
        "{",
        "{\"name\": }",
        "\u{feff}{}",
        "{}garbage",
        "[1, 2",
        "{\"a\" 1}",
        "{'a': 1}",
        "[1,]",
        "01",
        "\"\t\"",
        "nul",
        "{\"a\":1,}",
        "1e400",
    ] {
        let code = PolicyEngine::from_json(text).unwrap_err().code();
        assert_eq!(code, ErrorCode::PolicyParse, "{text:?}");
    }
    for text in ["[]", "42", "-0.5e+3", "\"policy\"", "true", "null", "{}"] {
        let err = fails(PolicyEngine::from_json(text), ErrorCode::PolicyInvalid);
        assert!(!err.problems().is_empty());
    }
}

#[test]
fn prototype_keys_are_unknown_keys_and_constructor_is_an_ordinary_role_id() {
    let mut doc = fixture();
    doc["__proto__"] = serde_json::json!({ "roles": [] });
    doc["roles"][0]["constructor"] = serde_json::json!({ "prototype": { "grants": ["*"] } });
    let err = fails(PolicyEngine::from_json(&doc.to_string()), ErrorCode::PolicyInvalid);
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"/__proto__") && paths.contains(&"/roles/0/constructor"), "{paths:?}");

    let mut doc = fixture();
    assert_eq!(doc["roles"][4]["id"], "auditor");
    doc["roles"][4]["id"] = "constructor".into();
    doc["roles"][0]["inherits"] = serde_json::json!(["constructor"]);
    // No longer confined to Studio, nor are the Studio roles that inherit it.
    for role in 0..3 {
        doc["roles"][role]["product"] = serde_json::Value::Null;
    }
    let engine = PolicyEngine::from_json(&doc.to_string()).unwrap();
    let held = [Assignment::at("constructor", AC1)];
    assert!(engine.can_perform(&held, AC1, "users.member.invite").unwrap());
    assert!(!engine.can_perform(&held, AC1, "billing.invoice.read").unwrap(), "its deny holds");
    let viewer = [Assignment::at("studio-viewer", AC1)];
    assert!(engine.can_perform(&viewer, AC1, "users.member.invite").unwrap(), "inherited from `constructor`");
    fails(engine.can_perform(&[Assignment::at("__proto__", AC1)], AC1, "studio.flow.read"), ErrorCode::UnknownRole);
    fails(engine.can_perform(&[Assignment::at("to-string", AC1)], AC1, "studio.flow.read"), ErrorCode::UnknownRole);
}

/// A policy of about 10 MB: 2,400 actions with 4 KB descriptions and a role per action. It loads
/// and answers exactly.
#[test]
fn a_ten_megabyte_policy_loads_and_answers() {
    let mut doc = fixture();
    let description = "d".repeat(4000);
    let actions = doc["actions"].as_array_mut().unwrap();
    for i in 0..2400 {
        actions.push(serde_json::json!({ "id": format!("bulk.item{i}.read"), "description": description }));
    }
    let roles = doc["roles"].as_array_mut().unwrap();
    for i in 0..2400 {
        roles.push(serde_json::json!({
            "id": format!("bulk-{i}"), "name": format!("Bulk {i}"), "description": description,
            "scopes": ["account"], "grants": [format!("bulk.item{i}.read")],
        }));
    }
    let text = doc.to_string();
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let engine = PolicyEngine::from_json(&text).unwrap();
    let holder = [Assignment::at("bulk-1234", AC1)];
    assert!(engine.can_perform(&holder, AC1, "bulk.item1234.read").unwrap());
    assert!(!engine.can_perform(&holder, AC1, "bulk.item1235.read").unwrap());
    let granting: Vec<&str> =
        engine.roles_granting("bulk.item7.read", Some(AC1)).unwrap().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(granting, ["owner", "auditor", "bulk-7"]);
    still_works(&engine);
}

/// Thousands of broken references: every problem is reported, each with its pointer, and the
/// "did you mean" search does not turn the error into a quadratic wait.
#[test]
fn a_large_policy_full_of_mistakes_reports_every_problem() {
    let mut doc = fixture();
    let roles = doc["roles"].as_array_mut().unwrap();
    let first = roles.len();
    for i in 0..20_000 {
        roles.push(serde_json::json!({
            "id": format!("broken-{i}"), "name": "Broken", "scopes": ["account"],
            "grants": [format!("studio.flow.reed{i}")], "inherits": [format!("studio-viewr-{i}")],
        }));
    }
    let err = fails(PolicyEngine::from_json(&doc.to_string()), ErrorCode::PolicyInvalid);
    assert_eq!(err.problems().len(), 40_000);
    assert_eq!(err.problems()[0].path, format!("/roles/{first}/grants/0"));
    assert_eq!(err.problems()[1].path, format!("/roles/{first}/inherits/0"));
}

#[test]
fn oversized_strings_in_a_policy_are_refused_with_short_messages() {
    let huge = "x".repeat(1 << 20);
    let mut doc = fixture();
    doc["name"] = huge.clone().into();
    doc["roles"][0]["id"] = huge.clone().into();
    doc["actions"][0] = format!("studio.{huge}").into();
    doc["pages"][0]["title"] = huge.clone().into();
    let err = fails(PolicyEngine::from_json(&doc.to_string()), ErrorCode::PolicyInvalid);
    for p in err.problems() {
        assert!(p.message.len() < 600, "{}: {} bytes", p.path, p.message.len());
    }
}

// ---------------------------------------------------------------------------------------------
// Questions

#[test]
fn a_megabyte_scope_is_a_bad_scope_with_a_short_message() {
    let engine = small();
    let roles = [Assignment::at("studio-viewer", AC1)];
    let principal = engine.principal(&roles).unwrap();
    for huge in [
        format!("organization:{}", "a".repeat(1 << 20)),
        format!("{AC1}/{}", "subaccount:S/".repeat(80_000)),
        "/".repeat(1 << 20),
        "organization:acme".repeat(60_000),
    ] {
        fails(engine.can_perform(&roles, &huge, "studio.flow.read"), ErrorCode::BadScope);
        fails(principal.can_perform(&huge, "studio.flow.read"), ErrorCode::BadScope);
        fails(engine.explain(&roles, &huge, "studio.flow.read"), ErrorCode::BadScope);
        fails(engine.visible_console_pages(&roles, Some(&huge)), ErrorCode::BadScope);
        fails(engine.roles_granting("studio.flow.read", Some(&huge)), ErrorCode::BadScope);
        fails(engine.billing_seat(&roles, &huge), ErrorCode::BadScope);
        fails(engine.principal(&[Assignment::at("studio-viewer", huge.clone())]), ErrorCode::BadScope);
        fails(engine.check_assignments(&[Assignment::at("studio-viewer", huge.clone())]), ErrorCode::BadScope);
    }
    still_works(&engine);
}

#[test]
fn huge_role_and_action_ids_are_unknown_with_short_messages() {
    let engine = small();
    let huge = "studio-viewer".repeat(100_000);
    fails(engine.can_perform(&[Assignment::at(huge.clone(), AC1)], AC1, "studio.flow.read"), ErrorCode::UnknownRole);
    fails(engine.principal(&[Assignment::role(huge.clone())]), ErrorCode::UnknownRole);
    let action = "studio.flow.read".repeat(100_000);
    fails(engine.can_perform(&[Assignment::at("studio-viewer", AC1)], AC1, &action), ErrorCode::UnknownAction);
    fails(engine.roles_granting(&action, None), ErrorCode::UnknownAction);
    fails(PolicyEngine::builtin(&huge), ErrorCode::BadArgument);
    still_works(&engine);
}

#[test]
fn unicode_look_alikes_and_nul_bytes_are_refused_not_confused() {
    let engine = small();
    let viewer = [Assignment::at("studio-viewer", AC1)];
    // Scope ids and kinds: Cyrillic `а`, fullwidth `Ａ`, a zero-width space, a NUL, a combining mark.
    for scope in [
        "organization:\u{0430}cme/account:AC1",
        "organization:acme/account:\u{FF21}C1",
        "organization:acme/account:AC1\u{200B}",
        "organization:acme/account:AC1\0",
        "organization:acme\0/account:AC1",
        "organizatio\u{0301}n:acme",
        "org\u{0430}nization:acme",
        "organization:acme/account:AC\u{0661}",
    ] {
        fails(engine.can_perform(&viewer, scope, "studio.flow.read"), ErrorCode::BadScope);
        fails(engine.principal(&[Assignment::at("studio-viewer", scope)]), ErrorCode::BadScope);
    }
    // Role ids: a Unicode hyphen, a Cyrillic `о`, a trailing NUL. Close enough for a suggestion.
    for role in ["studio\u{2010}viewer", "studi\u{043E}-viewer", "studio-viewer\0", "Studio-Viewer"] {
        let err =
            fails(engine.can_perform(&[Assignment::at(role, AC1)], AC1, "studio.flow.read"), ErrorCode::UnknownRole);
        assert_eq!(err.help(), Some("did you mean `studio-viewer`?"), "{role:?}: {err}");
    }
    for action in [
        "studio.flow.read\0",
        "studio\u{2024}flow.read",
        "studio.flow.r\u{0435}ad",
        "STUDIO.FLOW.READ",
        "studio.flow.*",
    ] {
        fails(engine.can_perform(&viewer, AC1, action), ErrorCode::UnknownAction);
        fails(engine.roles_granting(action, None), ErrorCode::UnknownAction);
    }
    still_works(&engine);
}

/// 100,000 assignments answer exactly as a few do.
#[test]
fn a_hundred_thousand_assignments_answer_correctly() {
    let engine = small();
    let mut roles: Vec<Assignment> =
        (0..100_000).map(|i| Assignment::at("studio-viewer", format!("organization:acme/account:AC{i}"))).collect();
    roles.push(Assignment::at("billing-manager", "organization:acme/account:AC77777"));
    let principal = engine.principal(&roles).unwrap();
    for (scope, action, expected) in [
        ("organization:acme/account:AC99999/subaccount:S", "studio.flow.read", true),
        ("organization:acme/account:AC100000", "studio.flow.read", false),
        ("organization:acme", "studio.flow.read", false),
        ("organization:acme/account:AC5", "studio.flow.update", false),
        ("organization:acme/account:AC77777", "billing.invoice.read", true),
        ("organization:acme/account:AC7777", "billing.invoice.read", false),
    ] {
        assert_eq!(engine.can_perform(&roles, scope, action).unwrap(), expected, "{scope} {action}");
        assert_eq!(principal.can_perform(scope, action).unwrap(), expected, "{scope} {action}");
        assert_eq!(engine.explain(&roles, scope, action).unwrap().allowed, expected, "{scope} {action}");
    }
    let pages: Vec<&str> = principal.visible_console_pages(None).unwrap().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(pages, ["home", "studio", "billing"]);
    assert_eq!(engine.billing_seat(&roles, "organization:acme").unwrap().as_deref(), Some("free"));
    assert!(engine.check_assignments(&roles).unwrap().is_empty());
}

/// Combination rules over many assignments: each rule is checked against the others, and that
/// must not become a quadratic wait on a long list.
#[test]
fn check_assignments_on_a_hundred_thousand_assignments_finds_every_violation() {
    let engine = small();
    let mut roles: Vec<Assignment> =
        (0..50_000).map(|i| Assignment::at("owner", format!("organization:acme/account:AC{i}"))).collect();
    roles.extend(
        (0..50_000).map(|i| Assignment::at("sub-editor", format!("organization:acme/account:AC{i}/subaccount:S"))),
    );
    roles.push(Assignment::at("billing-manager", "organization:acme/account:AC3"));
    let violations = engine.check_assignments(&roles).unwrap();
    let held_alone: Vec<usize> = violations.iter().filter(|v| v.code == "HELD_ALONE").map(|v| v.index).collect();
    assert_eq!(held_alone, [3]);
    let requires: Vec<usize> = violations.iter().filter(|v| v.code == "REQUIRES_ROLE_ABOVE").map(|v| v.index).collect();
    assert_eq!(requires.len(), 49_999);
    assert!(!requires.contains(&50_003), "billing-manager at AC3 is above subaccount S of AC3");
}

#[test]
fn an_error_leaves_the_engine_answering_as_before() {
    let engine = small();
    let before: Vec<bool> = ["studio.flow.read", "studio.flow.update", "billing.invoice.read"]
        .iter()
        .map(|a| engine.can_perform(&[Assignment::at("studio-editor", AC1)], AC1, a).unwrap())
        .collect();
    for _ in 0..3 {
        let _ = engine.can_perform(&[Assignment::at("nobody", AC1)], AC1, "studio.flow.read");
        let _ = engine.can_perform(&[Assignment::at("owner", ORG)], ORG, "studio.flow.read");
        let _ = engine.explain(&[], "organization:", "x.y");
        let _ = engine.visible_console_pages(&[Assignment::role("owner")], Some(ORG));
        let _ = engine.principal(&[Assignment::at("studio-viewer", "organization:acme/")]);
    }
    let after: Vec<bool> = ["studio.flow.read", "studio.flow.update", "billing.invoice.read"]
        .iter()
        .map(|a| engine.can_perform(&[Assignment::at("studio-editor", AC1)], AC1, a).unwrap())
        .collect();
    assert_eq!(before, after);
    still_works(&engine);
}

#[test]
fn unknown_is_denied_never_allowed() {
    let engine = small();
    // No assignment at all, an empty list, roles elsewhere: denied, not an error.
    assert!(!engine.can_perform(&[], AC1, "studio.flow.read").unwrap());
    assert!(!engine.explain(&[], AC1, "studio.flow.read").unwrap().allowed);
    assert!(!engine.principal(&[]).unwrap().can_perform(AC1, "studio.flow.read").unwrap());
    let pages: Vec<&str> = engine.visible_console_pages(&[], None).unwrap().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(pages, ["home"], "only the page with no requirement");
    // A wildcard-looking action is not a wildcard in a question.
    fails(engine.can_perform(&[Assignment::at("owner", AC1)], AC1, "*"), ErrorCode::UnknownAction);
}
