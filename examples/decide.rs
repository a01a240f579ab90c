//! Answers questions natively, for tests that compare the native crate with the wasm build
//! (tests/node/differential.test.mjs). Reads one case per line of standard input:
//!
//! `{ "policy": "<JSON text>", "roles": <role input>, "questions": [[scope, action], ...] }`
//!
//! and prints one line per case: `{ "error": { code, errors } }` when the policy does not load,
//! else `{ "answers": [...] }`, for each question an object of every query's answer or error code.

use rolegate::{PolicyEngine, RoleInput, RolegateError};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

fn outcome<T: serde::Serialize>(result: Result<T, RolegateError>) -> Value {
    match result {
        Ok(value) => json!({ "value": value }),
        Err(e) => json!({ "code": e.code() }),
    }
}

fn main() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        let case: Value = serde_json::from_str(&line?).expect("a case is JSON");
        let text = case["policy"].as_str().expect("policy text");
        let engine = match PolicyEngine::from_json(text) {
            Ok(engine) => engine,
            Err(e) => {
                writeln!(out, "{}", json!({ "error": { "code": e.code(), "errors": e.problems() } }))?;
                continue;
            }
        };
        let roles = serde_json::from_value::<RoleInput>(case["roles"].clone()).map(|r| r.0);
        let answers: Vec<Value> = case["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| {
                let (scope, action) = (q[0].as_str().unwrap_or_default(), q[1].as_str().unwrap_or_default());
                let Ok(roles) = &roles else {
                    return json!({ "roles": "BAD_ARGUMENT" });
                };
                let pages = engine.visible_console_pages(roles, Some(scope)).map(|p| p.iter().map(|p| &p.id).collect::<Vec<_>>());
                let explained = engine.explain(roles, scope, action).map(|d| (d.allowed, d.reason));
                let granting = engine.roles_granting(action, Some(scope)).map(|r| r.iter().map(|r| &r.id).collect::<Vec<_>>());
                json!({
                    "canPerform": outcome(engine.can_perform(roles, scope, action)),
                    "principal": outcome(engine.principal(roles).and_then(|p| p.can_perform(scope, action))),
                    "pages": outcome(pages),
                    "explain": outcome(explained),
                    "rolesGranting": outcome(granting),
                    "billingSeat": outcome(engine.billing_seat(roles, scope)),
                    "violations": outcome(engine.check_assignments(roles).map(|v| v.iter().map(|v| v.code.clone()).collect::<Vec<_>>())),
                })
            })
            .collect();
        writeln!(out, "{}", json!({ "answers": answers }))?;
    }
    Ok(())
}
