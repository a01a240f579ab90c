//! The rules of the contract (docs/design.md, "The contract"), each on a small policy written
//! for the purpose.
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser suite is tests/web.rs

use rolegate::{Assignment, ErrorCode, PolicyEngine, RolegateError};

const ORG: &str = "organization:acme";
const AC1: &str = "organization:acme/account:AC1";
const AC10: &str = "organization:acme/account:AC10";
const AC2: &str = "organization:acme/account:AC2";
const SA1: &str = "organization:acme/account:AC1/subaccount:SA1";

fn engine() -> PolicyEngine {
    PolicyEngine::from_json(include_str!("fixtures/small.json")).expect("the fixture policy loads")
}

fn at(role: &str, scope: &str) -> Assignment {
    Assignment::at(role, scope)
}

fn can(roles: &[Assignment], scope: &str, action: &str) -> bool {
    let e = engine();
    let direct = e.can_perform(roles, scope, action).unwrap();
    // Every way of asking gives the same answer.
    assert_eq!(direct, e.principal(roles).unwrap().can_perform(scope, action).unwrap(), "principal disagrees");
    assert_eq!(direct, e.explain(roles, scope, action).unwrap().allowed, "explain disagrees");
    direct
}

fn code(err: RolegateError) -> ErrorCode {
    err.code()
}

fn policy_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<PolicyEngine, RolegateError> {
    let mut doc: serde_json::Value = serde_json::from_str(include_str!("fixtures/small.json")).unwrap();
    edit(&mut doc);
    PolicyEngine::from_json(&doc.to_string())
}

#[test]
fn a_grant_holds_at_its_scope_and_every_descendant() {
    let roles = [at("studio-viewer", ORG)];
    for scope in [ORG, AC1, AC2, SA1] {
        assert!(can(&roles, scope, "studio.flow.read"), "{scope}");
    }
}

#[test]
fn containment_is_by_whole_segments_not_string_prefixes() {
    let roles = [at("studio-viewer", AC1)];
    assert!(can(&roles, AC1, "studio.flow.read"));
    assert!(!can(&roles, AC10, "studio.flow.read"), "AC1 must not contain AC10");
    assert!(!can(&roles, AC2, "studio.flow.read"), "no sibling");
    assert!(!can(&roles, ORG, "studio.flow.read"), "no parent");
    assert!(!can(&[at("studio-viewer", "organization:acme2")], AC1, "studio.flow.read"));
}

#[test]
fn grants_of_the_target_and_its_ancestors_are_united() {
    let roles = [at("studio-viewer", ORG), at("billing-manager", AC1)];
    assert!(can(&roles, SA1, "studio.flow.read"));
    assert!(can(&roles, SA1, "billing.invoice.read"));
    assert!(!can(&roles, AC2, "billing.invoice.read"));
    assert!(!can(&roles, SA1, "studio.flow.update"));
}

#[test]
fn inheritance_is_transitive() {
    let roles = [at("studio-admin", AC1)];
    for action in ["studio.flow.read", "studio.flow.update", "studio.flow.delete"] {
        assert!(can(&roles, AC1, action), "{action}");
    }
    assert!(!can(&[at("studio-editor", AC1)], AC1, "studio.flow.delete"));
}

#[test]
fn a_deny_overrides_every_grant_in_force() {
    let roles = [at("auditor", ORG), at("studio-admin", AC1)];
    assert!(!can(&roles, AC1, "studio.flow.delete"), "denied at org, granted at account: deny wins");
    assert!(!can(&roles, SA1, "billing.invoice.read"));
    assert!(can(&roles, AC1, "studio.flow.update"));
    assert!(can(&roles, ORG, "users.member.invite"));
}

#[test]
fn a_deny_elsewhere_does_not_block() {
    let roles = [at("auditor", AC2), at("studio-admin", AC1)];
    assert!(can(&roles, AC1, "studio.flow.delete"));
}

#[test]
fn grants_at_a_kind_apply_only_where_the_role_is_held_at_that_kind() {
    for role in ["lead", "deputy"] {
        assert!(can(&[at(role, ORG)], ORG, "org.settings.update"), "{role} held at the organization");
        assert!(can(&[at(role, ORG)], AC1, "org.settings.update"), "{role}: and below it");
        assert!(!can(&[at(role, AC1)], AC1, "org.settings.update"), "{role} held at an account");
        assert!(can(&[at(role, AC1)], AC1, "studio.flow.read"), "{role}: its other grants hold everywhere");
        assert!(can(&[Assignment::role(role)], ORG, "org.settings.update"));
        assert!(!can(&[Assignment::role(role)], AC1, "org.settings.update"));
    }
    let e = engine();
    assert_eq!(page_ids(e.visible_console_pages(&[at("lead", AC1)], None).unwrap()), ["home", "studio"]);
    assert_eq!(
        page_ids(e.visible_console_pages(&[at("lead", ORG)], None).unwrap()),
        ["home", "studio", "org.settings"]
    );
    let d = e.explain(&[at("deputy", ORG)], AC1, "org.settings.update").unwrap();
    assert_eq!((d.granted_by[0].via.as_str(), d.granted_by[0].pattern.as_str()), ("lead", "org.settings.update"));
    let ids: Vec<String> =
        e.roles_granting("org.settings.update", Some(AC1)).unwrap().into_iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, ["owner", "auditor", "lead", "deputy"]);
}

#[test]
fn a_grant_at_a_kind_the_role_cannot_be_held_at_is_a_policy_error() {
    let err = policy_with(|d| d["roles"][7]["grantsAt"] = serde_json::json!({ "subaccount": ["studio.flow.read"] }))
        .unwrap_err();
    assert_eq!(err.problems()[0].path, "/roles/7/grantsAt/subaccount");
}

#[test]
fn a_product_role_grants_only_actions_of_its_product() {
    // `studio` begins with `stud` and is another product.
    let policy = |grants: &str, grants_at: &str| {
        let text = r#"{"name": "p", "scopeKinds": ["org", "team"],
            "actions": ["stud.a.read", "studio.a.read", "stud.b.read", "studio.b.read"],
            "roles": [{"id": "r", "name": "R", "product": "stud", "scopes": ["org", "team"],
                       "grants": GRANTS, "grantsAt": GRANTS_AT}]}"#;
        PolicyEngine::from_json(&text.replace("GRANTS_AT", grants_at).replace("GRANTS", grants))
    };
    assert!(policy(r#"["stud.*"]"#, r#"{"team": ["stud.b.read"]}"#).is_ok());
    let problem = |grants: &str, grants_at: &str| {
        let err = policy(grants, grants_at).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PolicyInvalid);
        assert_eq!(err.problems().len(), 1, "{:?}", err.problems());
        (err.problems()[0].path.clone(), err.problems()[0].message.clone())
    };
    // The first action outside the product, in declaration order, whether granted everywhere or at
    // a kind.
    let (path, message) = problem(r#"["*"]"#, "{}");
    assert_eq!(path, "/roles/0/grants");
    assert!(message.contains("belongs to product `stud` but grants `studio.a.read`"), "{message}");
    let (path, message) = problem(r#"["stud.*"]"#, r#"{"team": ["studio.b.read"]}"#);
    assert_eq!(path, "/roles/0/grants");
    assert!(message.contains("but grants `studio.b.read`"), "{message}");
}

#[test]
fn the_outcome_does_not_depend_on_the_order_of_assignments() {
    let a = [at("auditor", ORG), at("studio-admin", AC1), at("billing-manager", AC1)];
    let mut b = a.clone();
    b.reverse();
    for action in engine().actions() {
        assert_eq!(can(&a, SA1, action), can(&b, SA1, action), "{action}");
    }
}

#[test]
fn what_is_not_granted_is_denied() {
    assert!(!can(&[], AC1, "studio.flow.read"));
    assert!(!can(&[at("billing-manager", AC1)], AC1, "studio.flow.read"));
}

#[test]
fn a_role_without_a_scope_is_held_at_the_queried_scope() {
    assert!(can(&[Assignment::role("studio-viewer")], SA1, "studio.flow.read"));
    assert!(can(&[Assignment::role("owner")], AC1, "org.settings.update"));
    let err = engine().can_perform(&[Assignment::role("owner")], ORG, "studio.flow.read").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAssignable);
}

#[test]
fn a_role_held_at_a_kind_it_cannot_be_held_at_is_not_assignable() {
    let e = engine();
    let err = e.can_perform(&[at("owner", ORG)], ORG, "studio.flow.read").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotAssignable);
    assert!(err.message().contains("account"), "{}", err.message());
    assert_eq!(code(e.principal(&[at("owner", SA1)]).unwrap_err()), ErrorCode::NotAssignable);
    assert_eq!(code(e.check_assignments(&[at("owner", SA1)]).unwrap_err()), ErrorCode::NotAssignable);
}

#[test]
fn unknown_names_are_errors_with_a_did_you_mean() {
    let e = engine();
    let err = e.can_perform(&[at("studio-admn", AC1)], AC1, "studio.flow.read").unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownRole);
    assert_eq!(err.help(), Some("did you mean `studio-admin`?"));
    let err = e.can_perform(&[at("studio-admin", AC1)], AC1, "studio.flow.updte").unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownAction);
    assert_eq!(err.help(), Some("did you mean `studio.flow.update`?"));
    assert_eq!(code(e.can_perform(&[], "account:AC1", "studio.flow.read").unwrap_err()), ErrorCode::BadScope);
    assert_eq!(
        code(e.can_perform(&[at("studio-admin", "org:acme")], AC1, "studio.flow.read").unwrap_err()),
        ErrorCode::BadScope
    );
    assert_eq!(code(e.roles_granting("nope.nope", None).unwrap_err()), ErrorCode::UnknownAction);
}

#[test]
fn principal_answers_like_the_engine_for_every_action_and_scope() {
    let e = engine();
    let roles =
        [at("auditor", ORG), at("studio-editor", AC1), Assignment::role("studio-viewer"), at("billing-manager", AC2)];
    let p = e.principal(&roles).unwrap();
    for scope in [ORG, AC1, AC2, AC10, SA1] {
        for action in e.actions() {
            assert_eq!(
                p.can_perform(scope, action).unwrap(),
                e.can_perform(&roles, scope, action).unwrap(),
                "{scope} {action}"
            );
        }
    }
}

fn page_ids(pages: Vec<&rolegate::ConsolePage>) -> Vec<&str> {
    pages.into_iter().map(|p| p.id.as_str()).collect()
}

#[test]
fn visible_pages_at_a_scope_follow_their_requirements_in_navigation_order() {
    let e = engine();
    let roles = [at("studio-viewer", ORG), at("billing-manager", AC1)];
    assert_eq!(page_ids(e.visible_console_pages(&roles, Some(AC1)).unwrap()), ["home", "studio", "billing"]);
    assert_eq!(page_ids(e.visible_console_pages(&roles, Some(AC2)).unwrap()), ["home", "studio"]);
    let editor = [at("studio-editor", AC1)];
    assert_eq!(page_ids(e.visible_console_pages(&editor, Some(AC1)).unwrap()), ["home", "studio", "studio.editor"]);
    assert_eq!(page_ids(e.visible_console_pages(&[], Some(AC1)).unwrap()), ["home"]);
}

#[test]
fn visible_pages_without_a_scope_hold_at_some_assignment() {
    let e = engine();
    let roles = [at("studio-viewer", AC2), at("billing-manager", AC1)];
    assert_eq!(page_ids(e.visible_console_pages(&roles, None).unwrap()), ["home", "studio", "billing"]);
    // allOf needs both actions at one scope: read at AC2 and update at AC1 do not combine.
    let split = [at("studio-viewer", AC2), at("sub-editor", SA1), at("studio-viewer", SA1)];
    assert_eq!(page_ids(e.visible_console_pages(&split, None).unwrap()), ["home", "studio", "studio.editor"]);
    let apart = [at("studio-viewer", AC2), at("auditor", AC1)];
    assert!(page_ids(e.visible_console_pages(&apart, None).unwrap()).contains(&"studio.editor"));
    assert_eq!(
        page_ids(e.visible_console_pages(&[Assignment::role("billing-manager")], None).unwrap()),
        ["home", "billing"]
    );
}

#[test]
fn explain_names_the_assignment_the_inherited_role_and_the_pattern() {
    let e = engine();
    let d = e.explain(&[at("studio-admin", ORG)], SA1, "studio.flow.read").unwrap();
    assert!(d.allowed);
    let b = &d.granted_by[0];
    assert_eq!(
        (b.assignment.role.as_str(), b.via.as_str(), b.pattern.as_str()),
        ("studio-admin", "studio-viewer", "studio.flow.read")
    );
    assert!(d.reason.contains("inherited from `studio-viewer`"), "{}", d.reason);
}

#[test]
fn explain_names_the_deny_that_blocked() {
    let d = engine().explain(&[at("auditor", ORG)], AC1, "billing.payment.update").unwrap();
    assert!(!d.allowed);
    assert_eq!(d.denied_by[0].pattern, "billing.*");
    assert!(!d.granted_by.is_empty(), "the grant that the deny overrode is shown too");
    assert!(d.reason.contains("denies `billing.*`"), "{}", d.reason);
}

#[test]
fn explain_of_a_denial_says_what_would_grant_it() {
    let d = engine().explain(&[at("studio-viewer", AC1)], AC1, "studio.flow.update").unwrap();
    assert!(!d.allowed && d.granted_by.is_empty());
    assert_eq!(d.would_grant, ["studio-editor", "studio-admin", "owner", "auditor"]);
    assert!(d.reason.contains("studio-editor"), "{}", d.reason);
    assert_eq!(d.applicable.len(), 1);
    // A role that grants it only held higher up says where: `lead` runs the organization's
    // settings only when held at the organization.
    let d = engine().explain(&[at("studio-viewer", AC1)], AC1, "org.settings.update").unwrap();
    assert!(d.would_grant.contains(&"lead".to_owned()), "{:?}", d.would_grant);
    assert!(d.reason.contains("lead (held at the organization level)"), "{}", d.reason);
    assert!(d.reason.contains("owner,") || d.reason.ends_with("owner."), "held here, no note: {}", d.reason);
    assert!(!d.reason.contains("owner (held"), "{}", d.reason);
    // Blocked by a deny, no role is suggested: holding another would not lift it.
    let d = engine().explain(&[at("auditor", AC1)], AC1, "studio.flow.delete").unwrap();
    assert!(!d.allowed && !d.denied_by.is_empty());
    assert!(d.would_grant.is_empty(), "{:?}", d.would_grant);
    assert!(!engine().roles_granting("studio.flow.delete", Some(AC1)).unwrap().is_empty());
}

#[test]
fn roles_granting_lists_exactly_the_roles_whose_holding_allows_the_action() {
    let e = engine();
    let ids = |v: Vec<&rolegate::RoleInfo>| v.into_iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(e.roles_granting("studio.flow.delete", None).unwrap()), ["studio-admin", "owner"]);
    // At a subaccount: roles held there, or above it (a grant reaches every scope below).
    assert_eq!(
        ids(e.roles_granting("studio.flow.update", Some(SA1)).unwrap()),
        ["studio-editor", "studio-admin", "owner", "auditor", "sub-editor"]
    );
    assert_eq!(
        ids(e.roles_granting("studio.flow.update", Some(ORG)).unwrap()),
        ["studio-editor", "studio-admin", "auditor"]
    );
    for role in e.roles() {
        // Listed iff holding the role at AC1, or at the organization above it, allows it there.
        let holdings = [("account", AC1), ("organization", ORG)];
        let allowed = holdings.iter().any(|(kind, scope)| {
            role.scopes.iter().any(|k| k == kind)
                && e.can_perform(&[at(&role.id, scope)], AC1, "billing.payment.update").unwrap()
        });
        let listed = e.roles_granting("billing.payment.update", Some(AC1)).unwrap().iter().any(|r| r.id == role.id);
        assert_eq!(allowed, listed, "{}", role.id);
    }
}

#[test]
fn check_assignments_reports_a_role_that_must_be_held_alone() {
    let e = engine();
    let v = e.check_assignments(&[at("owner", AC1), at("billing-manager", AC1)]).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].code.as_str(), v[0].role.as_str(), v[0].index), ("HELD_ALONE", "owner", 0));
    assert!(e.check_assignments(&[at("owner", AC1), at("billing-manager", AC2)]).unwrap().is_empty());
    assert!(v[0].message.contains("`billing-manager` is held there too"), "{}", v[0].message);
    let v = e.check_assignments(&[at("owner", AC1), at("billing-manager", AC1), at("studio-viewer", AC1)]).unwrap();
    assert_eq!(v.len(), 1);
    assert!(
        v[0].message.contains("`studio-viewer`, `billing-manager` are held there too; remove them or `owner`"),
        "{}",
        v[0].message
    );
}

#[test]
fn check_assignments_reports_a_role_that_needs_another_above_it() {
    let e = engine();
    let v = e.check_assignments(&[at("sub-editor", SA1)]).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].code, "REQUIRES_ROLE_ABOVE");
    assert!(e.check_assignments(&[at("studio-viewer", AC1), at("sub-editor", SA1)]).unwrap().is_empty());
    assert!(e.check_assignments(&[at("studio-viewer", ORG), at("sub-editor", SA1)]).unwrap().is_empty());
    assert_eq!(e.check_assignments(&[at("studio-viewer", AC2), at("sub-editor", SA1)]).unwrap().len(), 1, "not above");
    assert_eq!(
        e.check_assignments(&[at("studio-viewer", SA1), at("sub-editor", SA1)]).unwrap().len(),
        1,
        "same level is not above"
    );
}

#[test]
fn billing_seat_is_the_dearest_seat_in_the_scope() {
    let e = engine();
    assert_eq!(e.billing_seat(&[at("billing-manager", AC1)], AC1).unwrap().as_deref(), Some("free"));
    let roles = [at("billing-manager", AC1), at("studio-viewer", AC1), at("sub-editor", SA1)];
    assert_eq!(e.billing_seat(&roles, AC1).unwrap().as_deref(), Some("paid"), "a grant below counts");
    assert_eq!(e.billing_seat(&roles, AC2).unwrap(), None);
    assert_eq!(e.billing_seat(&[at("studio-viewer", AC1)], AC1).unwrap(), None);
    // A role given without a scope is held at the scope asked about: as `can_perform` does, one
    // that cannot be held there is refused.
    let unscoped = [Assignment::role("billing-manager")];
    assert_eq!(e.billing_seat(&unscoped, AC1).unwrap().as_deref(), Some("free"));
    assert_eq!(code(e.billing_seat(&unscoped, ORG).unwrap_err()), ErrorCode::NotAssignable);
    assert_eq!(code(e.can_perform(&unscoped, ORG, "billing.invoice.read").unwrap_err()), ErrorCode::NotAssignable);
}

#[test]
fn explain_reports_the_error_can_perform_reports() {
    let e = engine();
    let cases: [(&[Assignment], &str, &str); 4] = [
        (&[at("studio-admn", AC1)], "not a scope", "studio.flow.reed"),
        (&[at("studio-viewer", AC1)], "not a scope", "studio.flow.reed"),
        (&[Assignment::role("owner")], ORG, "studio.flow.reed"),
        (&[at("studio-viewer", AC1)], AC1, "studio.flow.reed"),
    ];
    let codes = cases.map(|(roles, scope, action)| {
        let want = code(e.can_perform(roles, scope, action).unwrap_err());
        assert_eq!(code(e.explain(roles, scope, action).unwrap_err()), want, "{roles:?} {scope} {action}");
        want
    });
    assert_eq!(
        codes,
        [ErrorCode::UnknownRole, ErrorCode::BadScope, ErrorCode::NotAssignable, ErrorCode::UnknownAction]
    );
}

#[test]
fn introspection_returns_the_document() {
    let e = engine();
    assert_eq!(e.scope_kinds(), ["organization", "account", "subaccount"]);
    assert_eq!(e.actions().len(), 7);
    assert_eq!(e.roles()[0].group.as_deref(), Some("Studio"));
    assert_eq!(e.pages()[2].parent.as_deref(), Some("studio"));
    assert_eq!(e.name(), "small");
}

// ------------------------------------------------------------------------------------------
// Policy errors

#[test]
fn invalid_json_is_a_parse_error_with_its_line() {
    let err = PolicyEngine::from_json("{\n  \"name\": \"x\",\n  oops\n}").unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyParse);
    assert!(err.message().contains("line 3"), "{}", err.message());
}

#[test]
fn a_syntax_error_inside_a_list_is_reported_as_the_first_problem_in_the_text() {
    // The lists are checked as they are read; whatever the reader met before or around the
    // error, or never read, the report is the one for the text's first syntax error.
    let cases = [
        // After a role with a problem of its own, and before a page with one.
        r#"{"name":"x","scopeKinds":["org"],"actions":["a.b"],"roles":[{"id":"Bad"},{"id":"r" "scopes":["org"]}],"pages":[{"id":"p"}]}"#,
        // In a list the reader refuses unread (a list where a string belongs).
        r#"{"name":[1,,2],"scopeKinds":["org"],"actions":["a.b"],"roles":[]}"#,
        // In the last list, after valid ones; and one that never closes.
        r#"{"name":"x","scopeKinds":["org"],"actions":["a.b"],"roles":[],"pages":[{"id":"p"},]}"#,
        r#"{"name":"x","scopeKinds":["org"],"actions":["a.b"],"roles":[{"id":"r"}"#,
        // Two errors: the one in `roles` comes first in the text, the reader reaches `actions` first.
        r#"{"name":"x","roles":[{"id":"r",}],"scopeKinds":["org"],"actions":["a.b" "c.d"]}"#,
        // A list the reader never reaches, under an unknown key.
        r#"{"name":"x","scopeKinds":["org"],"actions":["a.b"],"roles":[],"extra":[tru]}"#,
    ];
    for text in cases {
        let err = PolicyEngine::from_json(text).unwrap_err();
        // Where serde_json stops reading the text (its message depends on what it was reading).
        let want = serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        let at = format!("at line {} column {}", want.line(), want.column());
        assert_eq!(err.code(), ErrorCode::PolicyParse, "{text}");
        assert!(err.message().ends_with(&at), "{text}: {err}, serde_json stops {at}");
    }
}

#[test]
fn a_list_the_reader_does_not_finish_is_checked_and_its_problem_reported() {
    let base = r#""name":"x","scopeKinds":["org"],"roles":[{"id":"r","name":"R","scopes":["org"],"grants":["a.b"]}]"#;
    let many = format!("[{}\"a.b\"]", "\"a.b\",".repeat(100_000));
    let cases = [
        (format!(r#"{{{base},"actions":{many}}}"#), "/actions", "has 100001 items; the limit is 100000"),
        (format!(r#"{{{base},"actions":["a.b"],"extra":{many}}}"#), "/extra", "unknown key `extra`"),
        (
            format!(r#"{{"description":[1,[2],{{}}],{base},"actions":["a.b"]}}"#),
            "/description",
            "expected a string, found an array",
        ),
    ];
    for (text, path, message) in cases {
        let err = PolicyEngine::from_json(&text).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PolicyInvalid, "{path}: {err}");
        assert!(
            err.problems().iter().any(|p| p.path == path && p.message.contains(message)),
            "{path}: {:?}",
            err.problems()
        );
    }
}

#[test]
fn a_repeated_list_keeps_its_last_value_and_reports_only_its_problems() {
    // As `JSON.parse` keeps the last of a repeated key. The long lists are read as the text is
    // parsed, so the first `roles` is read before the second is met.
    let head = r#""name":"x","scopeKinds":["org"],"actions":["a.b"]"#;
    let good = r#"[{"id":"r","name":"R","scopes":["org"],"grants":["a.b"]}]"#;
    let bad = r#"[{"id":"Bad","name":"B","scopes":["org"]},{"id":"s","name":"S","scopes":["org"]}]"#;
    let engine = PolicyEngine::from_json(&format!(r#"{{{head},"roles":{bad},"roles":{good}}}"#)).unwrap();
    let ids: Vec<&str> = engine.roles().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r"]);
    let err = PolicyEngine::from_json(&format!(r#"{{{head},"roles":{good},"roles":{bad}}}"#)).unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/roles/0/id"], "{err}");
    let err = PolicyEngine::from_json(&format!(r#"{{{head},"roles":{bad},"roles":7}}"#)).unwrap_err();
    let problems: Vec<(&str, &str)> = err.problems().iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(problems, [("/roles", "expected an array, found a number")]);
}

#[test]
fn the_problems_of_the_lists_come_in_the_documents_order_of_keys_whatever_the_texts() {
    // Roles before actions in the text; the report names the actions' problem first, as it does
    // for a document given as an object (whose keys have no order that JSON promises).
    let text =
        r#"{"roles":[{"id":"Bad","name":"B","scopes":["org"]}],"name":"x","actions":["A..b"],"scopeKinds":["org"]}"#;
    let err = PolicyEngine::from_json(text).unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/actions/0", "/roles/0/id"], "{err}");
    let tree: serde_json::Value = serde_json::from_str(text).unwrap();
    let from_tree = PolicyEngine::from_deserializer(tree).unwrap_err();
    assert_eq!(from_tree.problems(), err.problems());
}

#[test]
fn a_policy_reports_every_problem_with_a_json_pointer() {
    let err = policy_with(|d| {
        d["roles"][0]["grants"] = serde_json::json!(["studio.flow.raed", 42]);
        d["roles"][1]["inherits"] = serde_json::json!(["studio-veiwer"]);
        d["roles"][2]["scopes"] = serde_json::json!(["acount"]);
        d["pages"][1]["requires"] = serde_json::json!({ "anyOf": ["studio.flow.nope"] });
        d["roles"][3]["grnts"] = serde_json::json!([]);
    })
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    // Shape problems first, then the references of what could be read: a role with a shape
    // problem is not compiled (its unknown grant pattern is not reported), the others are.
    let expected = [
        "/roles/0/grants/1",
        "/roles/3/grnts",
        "/roles/1/inherits/0",
        "/roles/2/scopes/0",
        "/pages/1/requires/anyOf/0",
    ];
    assert_eq!(paths, expected, "{:?}", err.problems());
    assert!(err.problems()[1].message.contains("did you mean `grants`"), "{:?}", err.problems());

    let err = policy_with(|d| {
        d["roles"][0]["grants"] = serde_json::json!(["studio.flow.raed"]);
        d["roles"][1]["inherits"] = serde_json::json!(["studio-veiwer"]);
        d["roles"][2]["scopes"] = serde_json::json!(["acount"]);
        d["pages"][1]["requires"] = serde_json::json!({ "anyOf": ["studio.flow.nope"] });
    })
    .unwrap_err();
    let problems: Vec<(&str, &str)> = err.problems().iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert_eq!(problems[0].0, "/roles/0/grants/0");
    assert!(problems[0].1.contains("did you mean `studio.flow.read`"), "{problems:?}");
    assert_eq!(problems[1], ("/roles/1/inherits/0", "unknown role `studio-veiwer`; did you mean `studio-viewer`?"));
    assert_eq!(problems[2].0, "/roles/2/scopes/0");
    assert_eq!(problems[3].0, "/pages/1/requires/anyOf/0");
}

#[test]
fn an_inheritance_cycle_is_a_policy_error() {
    let err = policy_with(|d| d["roles"][0]["inherits"] = serde_json::json!(["studio-admin"])).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    assert!(err.problems()[0].message.contains("cycle"), "{:?}", err.problems());
    assert!(
        err.problems()[0].message.contains("studio-viewer → studio-admin → studio-editor → studio-viewer"),
        "{:?}",
        err.problems()
    );
}

#[test]
fn a_pattern_must_match_a_declared_action_and_end_at_a_segment() {
    let err = policy_with(|d| d["roles"][3]["grants"] = serde_json::json!(["stud*", "video.*"])).unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/roles/3/grants/0"], "syntax first: {:?}", err.problems());
    let err = policy_with(|d| d["roles"][3]["grants"] = serde_json::json!(["video.*"])).unwrap_err();
    assert!(err.problems()[0].message.contains("matches no declared action"));
}

#[test]
fn a_product_role_grants_only_its_own_products_actions() {
    let err =
        policy_with(|d| d["roles"][0]["grants"] = serde_json::json!(["studio.flow.read", "billing.invoice.read"]))
            .unwrap_err();
    assert_eq!(err.problems()[0].path, "/roles/0/grants");
    assert!(err.problems()[0].message.contains("billing.invoice.read"));
}

#[test]
fn a_product_role_reaches_no_other_product_through_a_role_it_inherits() {
    // `billing-manager` has no product: it may grant billing actions, a Studio role inheriting it
    // may not.
    let err = policy_with(|d| d["roles"][1]["inherits"] = serde_json::json!(["studio-viewer", "billing-manager"]))
        .unwrap_err();
    let problems: Vec<(&str, &str)> = err.problems().iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].0, "/roles/1/inherits/1");
    assert!(
        problems[0].1.contains("inherits `billing.") && problems[0].1.contains("from `billing-manager`"),
        "{problems:?}"
    );
    // `studio-admin` inherits `studio-editor`, now beyond Studio: named as well.
    assert_eq!(problems[1].0, "/roles/2/inherits/0");
    assert!(problems[1].1.contains("from `studio-editor`"), "{problems:?}");
    // A role of the same product, or one without a product, inherits freely.
    policy_with(|d| d["roles"][1]["inherits"] = serde_json::json!(["studio-viewer"])).unwrap();
    policy_with(|d| d["roles"][7]["inherits"] = serde_json::json!(["lead", "billing-manager"])).unwrap();
}

#[test]
fn a_repeated_scope_kind_in_grants_at_or_requires_above_keeps_its_last_list() {
    // Written as text: a JSON object of the `serde_json` kind cannot hold a key twice.
    let fixture = include_str!("fixtures/small.json");
    let text = fixture.replacen(
        r#""grantsAt": { "organization": ["org.settings.update"] }"#,
        r#""grantsAt": {"organization": ["Not An Action"], "organization": ["org.settings.update"]}"#,
        1,
    );
    assert!(text != fixture, "the fixture's `lead` grants `org.settings.update` at the organization");
    let e = PolicyEngine::from_json(&text).expect("the earlier list is not read");
    let lead = [at("lead", ORG)];
    assert!(e.can_perform(&lead, ORG, "org.settings.update").unwrap());
    assert!(e.explain(&lead, ORG, "org.settings.update").unwrap().allowed);

    let text = fixture.replacen(
        r#""grantsAt": { "organization": ["org.settings.update"] }"#,
        r#""grantsAt": {"organization": ["org.settings.update"], "organization": ["studio.flow.read"]}"#,
        1,
    );
    let e = PolicyEngine::from_json(&text).unwrap();
    assert!(!e.can_perform(&lead, ORG, "org.settings.update").unwrap(), "the later list replaces the earlier");
    assert!(!e.explain(&lead, ORG, "org.settings.update").unwrap().allowed);

    let text = fixture.replacen(
        r#""requiresAbove": { "subaccount": ["studio-viewer", "billing-manager"] }"#,
        r#""requiresAbove": {"subaccount": ["studio-viewer"], "subaccount": ["studio-viewer", "billing-manager"]}"#,
        1,
    );
    assert!(text != fixture, "the fixture's `sub-editor` needs a role above it");
    let e = PolicyEngine::from_json(&text).unwrap();
    assert_eq!(e.check_assignments(&[at("sub-editor", SA1)]).unwrap().len(), 1, "one requirement, not two");
    assert!(e.check_assignments(&[at("billing-manager", AC1), at("sub-editor", SA1)]).unwrap().is_empty());
}

#[test]
fn a_requirement_with_neither_any_of_nor_all_of_is_refused_not_read_as_none() {
    let err = policy_with(|d| d["pages"][1]["requires"] = serde_json::json!({})).unwrap_err();
    let problems: Vec<(&str, &str)> = err.problems().iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "/pages/1/requires");
    assert!(problems[0].1.contains("neither `anyOf` nor `allOf`"), "{problems:?}");
}

#[test]
fn duplicates_and_dangling_references_are_policy_errors() {
    let err = policy_with(|d| {
        d["actions"][1] = serde_json::json!("studio.flow.read");
        d["roles"][1]["id"] = serde_json::json!("studio-viewer");
        d["pages"][2]["parent"] = serde_json::json!("billing");
        d["roles"][3]["seat"] = serde_json::json!("gold");
    })
    .unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path.as_str()).collect();
    // The repeated action is a plain string: the pointer names the item, not an `id` it lacks.
    for expected in ["/actions/1", "/roles/1/id", "/pages/2/parent", "/roles/3/seat"] {
        assert!(paths.contains(&expected), "{expected} missing from {paths:?}");
    }
}

#[test]
fn wrong_types_are_reported_where_they_are() {
    for (doc, path) in [
        ("[]", ""),
        (r#"{"name": 1, "scopeKinds": ["a"], "actions": [], "roles": []}"#, "/name"),
        (r#"{"name": "x", "scopeKinds": "a", "actions": [], "roles": []}"#, "/scopeKinds"),
        (
            r#"{"name": "x", "scopeKinds": ["a"], "actions": [], "roles": [{"id": "r", "name": "R", "scopes": ["a"], "constraints": {"heldAlone": "yes"}}]}"#,
            "/roles/0/constraints/heldAlone",
        ),
        (r#"{"name": "x", "scopeKinds": ["a"], "actions": [], "roles": [], "__proto__": {}}"#, "/__proto__"),
        (r#"{"scopeKinds": ["a"], "actions": [], "roles": []}"#, "/name"),
    ] {
        let err = PolicyEngine::from_json(doc).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PolicyInvalid, "{doc}");
        assert_eq!(err.problems()[0].path, path, "{doc}: {:?}", err.problems());
    }
}

#[test]
fn builtin_catalogs_load_and_an_unknown_one_is_a_bad_argument() {
    assert!(PolicyEngine::builtin("twilio").is_ok());
    assert!(PolicyEngine::builtin("voiceflow").is_ok());
    let err = PolicyEngine::builtin("twillio").unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadArgument);
    assert_eq!(err.help(), Some("did you mean `twilio`?"));
}

#[test]
fn more_scope_kinds_than_the_limit_are_refused_without_overflowing_a_kind_mask() {
    let err = policy_with(|doc| {
        let kinds: Vec<String> = (0..40).map(|i| format!("level{i}")).collect();
        let last = kinds.last().cloned().unwrap();
        doc["scopeKinds"] = serde_json::json!(kinds);
        // A role held at kind 39: its bit would not fit a 32-bit mask.
        doc["roles"][0]["scopes"] = serde_json::json!([last]);
    })
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    assert!(
        err.problems()
            .iter()
            .any(|p| p.path == "/scopeKinds" && p.message.contains("declares 40 kinds; the limit is 16")),
        "{err:?}"
    );
}
