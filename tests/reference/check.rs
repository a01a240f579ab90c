//! The assertions every differential case goes through, shared by `tests/differential.rs`, the
//! corpus replay in `tests/adversarial.rs` and the fuzz targets: every question the engine
//! answers (directly, through a `Principal`, through `explain`, as pages, as roles granting) must
//! equal the reference evaluator's answer, error codes included.
#![allow(dead_code)]

use super::generate::Case;
use super::{RefResult, Reference};
use rolegate::{Assignment, ErrorCode, PolicyDocument, PolicyEngine, RolegateError};
use std::fmt::Debug;

fn code<T>(r: Result<T, RolegateError>) -> Result<T, ErrorCode> {
    r.map_err(|e| {
        assert!(!e.message().is_empty(), "an error without a message: {e:?}");
        e.code()
    })
}

/// The engine's answer equals the reference's, or its error is one the reference expects.
#[track_caller]
fn agree<T: PartialEq + Debug>(
    engine: Result<T, ErrorCode>,
    reference: RefResult<T>,
    what: &str,
    context: &dyn Fn() -> String,
) {
    match (&engine, &reference) {
        (Ok(a), Ok(b)) if a == b => {}
        (Err(code), Err(expected)) if expected.allows(*code) => {}
        _ => panic!("{what}: the engine says {engine:?}, the reference {reference:?}; {}", context()),
    }
}

fn ids<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    items.into_iter().cloned().collect()
}

/// Compiles the case's policy (it is valid by construction) and checks every question.
pub fn check_case(case: &Case) {
    let engine = PolicyEngine::from_document(&case.doc)
        .unwrap_or_else(|e| panic!("a generated policy must compile: {e}\n{:#?}", case.doc));
    check_engine(&engine, &case.doc, &case.assignments, &case.queries);
}

/// Checks an engine against the reference for one principal and a list of questions.
pub fn check_engine(
    engine: &PolicyEngine,
    doc: &PolicyDocument,
    assignments: &[Assignment],
    queries: &[(String, String)],
) {
    let r = Reference::new(doc);
    let ctx = || format!("assignments {assignments:?}");

    let principal = code(engine.principal(assignments));
    agree(principal.as_ref().map(|_| ()).map_err(|c| *c), r.principal(assignments), "principal", &ctx);

    for (scope, action) in queries {
        let q = || format!("{} at {scope:?}, action {action:?}", ctx());
        let expected = r.can_perform(assignments, scope, action);
        let direct = code(engine.can_perform(assignments, scope, action));
        agree(direct, expected.clone(), "can_perform", &q);

        let explained = code(engine.explain(assignments, scope, action));
        agree(explained.as_ref().map(|d| d.allowed).map_err(|c| *c), expected, "explain().allowed", &q);
        if let Ok(d) = &explained {
            let applicable: Vec<(String, Option<String>)> =
                d.applicable.iter().map(|a| (a.role.clone(), a.scope.clone())).collect();
            assert_eq!(applicable, r.applicable(assignments, scope), "explain().applicable: {}", q());
            if d.allowed {
                assert!(
                    !d.granted_by.is_empty() && d.denied_by.is_empty(),
                    "an allowed decision names its grant: {}",
                    q()
                );
                assert!(d.would_grant.is_empty(), "{}", q());
            } else {
                // No role overrides a deny: none is suggested while one blocks the action.
                let would_grant =
                    if d.denied_by.is_empty() { r.roles_granting(action, Some(scope)).unwrap() } else { Vec::new() };
                assert_eq!(d.would_grant, would_grant, "explain().would_grant: {}", q());
                assert!(
                    d.granted_by.is_empty() || !d.denied_by.is_empty(),
                    "a denial with grants names a deny: {}",
                    q()
                );
            }
            for because in d.granted_by.iter().chain(&d.denied_by) {
                assert!(
                    Reference::pattern_matches(&because.pattern, action),
                    "explain names a pattern that does not match: {}",
                    q()
                );
            }
            assert!(!d.reason.is_empty());
        }

        if let Ok(p) = &principal {
            agree(
                code(p.can_perform(scope, action)),
                r.principal_can_perform(assignments, scope, action),
                "Principal::can_perform",
                &q,
            );
            // The resolved form for many decisions at one scope: the same answers.
            let resolved = code(p.permissions_at(scope))
                .and_then(|perms| code(engine.action_id(action)).map(|id| perms.allows(id)));
            agree(resolved, r.principal_can_perform(assignments, scope, action), "Permissions::allows", &q);
            let pages = code(p.visible_console_pages(Some(scope))).map(|v| ids(v.iter().map(|p| &p.id)));
            agree(pages, r.visible_pages(assignments, Some(scope)), "Principal::visible_console_pages", &q);
            agree(
                code(p.can_perform_anywhere(action)),
                r.principal_can_perform_anywhere(assignments, action),
                "Principal::can_perform_anywhere",
                &q,
            );
        }
        let pages = code(engine.visible_console_pages(assignments, Some(scope))).map(|v| ids(v.iter().map(|p| &p.id)));
        agree(pages, r.visible_pages(assignments, Some(scope)), "visible_console_pages", &q);

        let granting = code(engine.roles_granting(action, Some(scope))).map(|v| ids(v.iter().map(|r| &r.id)));
        agree(granting, r.roles_granting(action, Some(scope)), "roles_granting", &q);

        agree(code(engine.billing_seat(assignments, scope)), r.billing_seat(assignments, scope), "billing_seat", &q);
    }

    let pages = code(engine.visible_console_pages(assignments, None)).map(|v| ids(v.iter().map(|p| &p.id)));
    agree(pages, r.visible_pages(assignments, None), "visible_console_pages without a scope", &ctx);
    if let Ok(p) = &principal {
        let pages = code(p.visible_console_pages(None)).map(|v| ids(v.iter().map(|p| &p.id)));
        agree(pages, r.visible_pages(assignments, None), "Principal::visible_console_pages(None)", &ctx);
    }
    for action in &doc.actions {
        if let Ok(p) = &principal {
            agree(
                code(p.can_perform_anywhere(&action.id)),
                r.principal_can_perform_anywhere(assignments, &action.id),
                "Principal::can_perform_anywhere",
                &|| format!("{}, action {:?}", ctx(), action.id),
            );
        }
        let granting = code(engine.roles_granting(&action.id, None)).map(|v| ids(v.iter().map(|r| &r.id)));
        agree(granting, r.roles_granting(&action.id, None), "roles_granting without a scope", &|| action.id.clone());
    }
    let violations = code(engine.check_assignments(assignments))
        .map(|v| v.iter().map(|v| (v.code.clone(), v.index)).collect::<Vec<_>>());
    agree(violations, r.violations(assignments), "check_assignments", &ctx);
}
