//! The fuzz targets' bodies. Each takes arbitrary bytes and panics only when rolegate breaks its
//! contract: a panic inside rolegate, an error with the wrong code, or an answer that differs from
//! the reference evaluator. Shared with `tests/adversarial.rs`, which replays `fuzz/corpus/`.
//! The module refers to the reference evaluator as `crate::reference`, which both includers have.

use crate::reference::check::{check_case, check_engine};
use crate::reference::generate::{self, Bytes};
use crate::reference::Reference;
use rolegate::{Assignment, ErrorCode, PolicyEngine, Scope};
use std::sync::OnceLock;

/// How deep a JSON text nests (brackets outside strings), to tell what the loader must accept.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for c in text.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// `PolicyEngine::from_json` on arbitrary text: a policy loads, or fails with `POLICY_PARSE` or
/// `POLICY_INVALID` and every problem carries a JSON pointer. A policy that loads answers like the
/// reference, and its document, written back to JSON, loads again to the same document.
pub fn policy_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The text's lists are read as it is parsed; a tree of the same text, read whole, must come
    // to the same document, or the same problems.
    if let Ok(tree) = serde_json::from_str::<serde_json::Value>(text) {
        match (PolicyEngine::from_json(text), PolicyEngine::from_deserializer(tree)) {
            (Ok(streamed), Ok(whole)) => assert_eq!(streamed.document(), whole.document()),
            // A tree's objects have their keys sorted: the same problems, maybe not in one order.
            // A parse error of the text says where in it; the tree's cannot.
            (Err(streamed), Err(whole)) => {
                let sorted = |e: &rolegate::RolegateError| {
                    let mut p = e.problems().to_vec();
                    if e.code() == ErrorCode::PolicyParse {
                        p.iter_mut().for_each(|p| p.message.clear());
                    }
                    p.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
                    (e.code(), p)
                };
                assert_eq!(sorted(&streamed), sorted(&whole))
            }
            (streamed, whole) => panic!("read as parsed: {:?}; read whole: {:?}", streamed.err(), whole.err()),
        }
    }
    match PolicyEngine::from_json(text) {
        Ok(engine) => {
            let doc = engine.document().clone();
            let written = serde_json::to_string(&doc).expect("a document serializes");
            let again = PolicyEngine::from_json(&written)
                .unwrap_or_else(|e| panic!("a loaded document, written back, fails: {e}\n{written}"));
            assert_eq!(again.document(), &doc, "the document changes through JSON");
            // Each role held at the root, and at the deepest kind it can be held at; questions at
            // a few scopes of every depth.
            let kinds = &doc.scope_kinds;
            let path = |depth: usize, id: &str| {
                kinds[..depth].iter().map(|k| format!("{k}:{id}")).collect::<Vec<_>>().join("/")
            };
            let mut assignments = Vec::new();
            for role in doc.roles.iter().take(8) {
                if let Some(deepest) = kinds.iter().rposition(|k| role.scopes.contains(k)) {
                    assignments.push(Assignment::at(role.id.clone(), path(deepest + 1, "A")));
                }
            }
            let mut queries = Vec::new();
            for depth in 1..=kinds.len().min(4) {
                for action in doc.actions.iter().take(16) {
                    queries.push((path(depth, "A"), action.id.clone()));
                    queries.push((path(depth, "B"), action.id.clone()));
                }
            }
            check_engine(&engine, &doc, &assignments, &queries);
        }
        Err(e) => {
            assert!(!e.message().is_empty());
            match e.code() {
                ErrorCode::PolicyParse => {
                    let valid = serde_json::from_str::<serde_json::Value>(text).is_ok();
                    assert!(!valid || nesting(text) > rolegate::MAX_DEPTH, "valid JSON refused as unparsable: {e}");
                }
                // The reader is serde_json's: what it refuses never gets past it.
                _ if serde_json::from_str::<serde_json::Value>(text).is_err() => {
                    panic!("text serde_json refuses was read, then refused with {e}")
                }
                ErrorCode::PolicyInvalid => {
                    assert!(!e.problems().is_empty(), "POLICY_INVALID without problems: {e}");
                    for p in e.problems() {
                        assert!(p.path.is_empty() || p.path.starts_with('/'), "not a JSON pointer: {p:?}");
                        assert!(!p.message.is_empty());
                    }
                }
                other => panic!("from_json failed with {other}: {e}"),
            }
        }
    }
}

fn twilio() -> &'static PolicyEngine {
    static ENGINE: OnceLock<PolicyEngine> = OnceLock::new();
    ENGINE.get_or_init(|| PolicyEngine::builtin("twilio").expect("the twilio catalog loads"))
}

/// `Scope::parse` with the Twilio kinds on arbitrary text: it agrees with the reference parser;
/// an error is `BAD_SCOPE` with a short message; a parsed scope contains itself and is contained
/// by each of its ancestors, which parse too. The engine refuses exactly the same scopes.
pub fn scope_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let engine = twilio();
    let kinds = engine.scope_kinds();
    let reference = Reference::new(engine.document());
    let parsed = Scope::parse(&text, kinds);
    match (&parsed, reference.parse_scope(&text)) {
        (Ok(scope), Ok(segments)) => {
            assert_eq!(scope.depth(), segments.len());
            assert_eq!(scope.kind_index(), segments.len() - 1);
            assert_eq!(scope.as_str(), text);
            assert!(scope.contains(scope));
            let ancestors: Vec<&str> = scope.self_and_ancestors().collect();
            assert_eq!(ancestors.len(), scope.depth());
            for (i, a) in ancestors.iter().enumerate() {
                let a = Scope::parse(a, kinds).expect("an ancestor parses");
                assert_eq!(a.depth(), scope.depth() - i);
                assert!(a.contains(scope));
                assert_eq!(scope.contains(&a), i == 0);
            }
        }
        (Err(e), Err(code)) => {
            assert_eq!(e.code(), code);
            assert!(e.message().len() < 1024, "a {}-byte message for a {}-byte scope", e.message().len(), text.len());
        }
        (p, r) => panic!("Scope::parse({text:?}) = {p:?}, the reference says {r:?}"),
    }
    let answer = engine.can_perform(&[Assignment::role("owner")], &text, "studio.flow.read");
    assert_eq!(answer.is_err_and(|e| e.code() == ErrorCode::BadScope), parsed.is_err(), "can_perform at {text:?}");
}

fn small() -> &'static PolicyEngine {
    static ENGINE: OnceLock<PolicyEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        PolicyEngine::from_json(include_str!("../../tests/fixtures/small.json")).expect("the fixture loads")
    })
}

/// A sequence of questions on a policy: the small fixture, a built-in catalog or a generated
/// policy (chosen by the first byte); a principal and questions drawn from the rest. Every answer
/// (engine, principal, explain, pages, roles granting, seats, violations) agrees with the
/// reference, so in particular principal == engine == explain().allowed and pages follow
/// can_perform.
pub fn api_sequence(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    let engine = match selector % 8 {
        0 | 1 => small(),
        2 => twilio(),
        _ => return check_case(&generate::case(rest)),
    };
    let doc = engine.document();
    let mut b = Bytes::new(rest);
    let mut assignments = generate::assignments(doc, &mut b, 6);
    // The generated scopes use a pool of ids; now and then hold a role at a fixture's scope.
    for a in assignments.iter_mut() {
        if b.chance(20) {
            a.scope = a.scope.take().map(|s| s.replace(":A", ":acme"));
        }
    }
    let queries = generate::queries(doc, &mut b, 12);
    check_engine(engine, doc, &assignments, &queries);
}
