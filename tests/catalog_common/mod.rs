//! Helpers shared by the catalog tests (`catalog_twilio.rs`, `catalog_voiceflow.rs`): everything
//! here asks the engine, never the JSON.
#![allow(dead_code)]

use rolegate::{Assignment, ErrorCode, PolicyEngine};
use std::collections::BTreeSet;

/// A built-in catalog, loaded through the same loader as any user's policy.
pub fn engine(name: &str) -> PolicyEngine {
    PolicyEngine::builtin(name).unwrap_or_else(|e| panic!("built-in catalog `{name}` does not load: {e:?}"))
}

pub fn at(role: &str, scope: &str) -> Assignment {
    Assignment::at(role, scope)
}

/// Is `action` allowed at `scope` for these assignments (panics on an error).
pub fn can(e: &PolicyEngine, held: &[Assignment], scope: &str, action: &str) -> bool {
    e.can_perform(held, scope, action).unwrap_or_else(|err| panic!("can_perform({held:?}, {scope}, {action}): {err:?}"))
}

/// `role` held at `held_at` may do `action` at `scope`.
pub fn role_can(e: &PolicyEngine, role: &str, held_at: &str, scope: &str, action: &str) -> bool {
    can(e, &[at(role, held_at)], scope, action)
}

/// Every declared action the assignments allow at `scope`.
pub fn allowed(e: &PolicyEngine, held: &[Assignment], scope: &str) -> BTreeSet<String> {
    e.actions().into_iter().filter(|a| can(e, held, scope, a)).map(str::to_owned).collect()
}

/// Every declared action `role`, held at `scope`, allows there.
pub fn role_allows(e: &PolicyEngine, role: &str, scope: &str) -> BTreeSet<String> {
    allowed(e, &[at(role, scope)], scope)
}

/// Asserts each action is allowed (or, with `expect == false`, denied) for `role` held at `scope`.
pub fn assert_role(e: &PolicyEngine, role: &str, scope: &str, actions: &[&str], expect: bool) {
    for action in actions {
        assert_eq!(
            role_can(e, role, scope, scope, action),
            expect,
            "`{role}` at `{scope}`: `{action}` should be {}",
            if expect { "allowed" } else { "denied" }
        );
    }
}

/// `a ⊂ b` strictly, with a readable failure.
pub fn assert_strict_subset(a: &BTreeSet<String>, b: &BTreeSet<String>, what: &str) {
    let missing: Vec<_> = a.difference(b).collect();
    assert!(missing.is_empty(), "{what}: not a subset, missing {missing:?}");
    assert!(a.len() < b.len(), "{what}: the sets are equal, expected a strict subset");
}

pub fn assert_subset(a: &BTreeSet<String>, b: &BTreeSet<String>, what: &str) {
    let missing: Vec<_> = a.difference(b).collect();
    assert!(missing.is_empty(), "{what}: not a subset, missing {missing:?}");
}

/// The ids of the pages visible to `held`, at `scope` or (with `None`) at the scope of each assignment.
pub fn page_ids(e: &PolicyEngine, held: &[Assignment], scope: Option<&str>) -> Vec<String> {
    e.visible_console_pages(held, scope)
        .unwrap_or_else(|err| panic!("visible_console_pages({held:?}, {scope:?}): {err:?}"))
        .into_iter()
        .map(|p| p.id.clone())
        .collect()
}

pub fn role_ids(roles: &[&rolegate::RoleInfo]) -> BTreeSet<String> {
    roles.iter().map(|r| r.id.clone()).collect()
}

pub fn roles_granting(e: &PolicyEngine, action: &str, scope: Option<&str>) -> BTreeSet<String> {
    role_ids(&e.roles_granting(action, scope).unwrap_or_else(|err| panic!("roles_granting({action}): {err:?}")))
}

pub fn assert_not_assignable(e: &PolicyEngine, role: &str, scope: &str) {
    let action = e.actions()[0].to_owned();
    let err = e
        .can_perform(&[at(role, scope)], scope, &action)
        .expect_err(&format!("`{role}` should not be assignable at `{scope}`"));
    assert_eq!(err.code(), ErrorCode::NotAssignable, "`{role}` at `{scope}`: {err:?}");
    let err = e.check_assignments(&[at(role, scope)]).expect_err("check_assignments should refuse it too");
    assert_eq!(err.code(), ErrorCode::NotAssignable);
}

pub fn assert_assignable(e: &PolicyEngine, role: &str, scope: &str) {
    let action = e.actions()[0].to_owned();
    e.can_perform(&[at(role, scope)], scope, &action)
        .unwrap_or_else(|err| panic!("`{role}` should be assignable at `{scope}`: {err:?}"));
    assert_eq!(e.check_assignments(&[at(role, scope)]).unwrap(), vec![], "`{role}` alone at `{scope}` breaks no rule");
}

/// Violation codes reported for these assignments, as `(code, role)`.
pub fn violations(e: &PolicyEngine, held: &[Assignment]) -> Vec<(String, String)> {
    e.check_assignments(held)
        .unwrap_or_else(|err| panic!("check_assignments({held:?}): {err:?}"))
        .into_iter()
        .map(|v| (v.code, v.role))
        .collect()
}

/// Does the page's requirement hold at `scope`, asked action by action through `can_perform`?
pub fn requirement_holds(e: &PolicyEngine, held: &[Assignment], scope: &str, page: &rolegate::ConsolePage) -> bool {
    match &page.requires {
        None => true,
        Some(rolegate::Requirement::AnyOf(actions)) => actions.iter().any(|a| can(e, held, scope, a)),
        Some(rolegate::Requirement::AllOf(actions)) => actions.iter().all(|a| can(e, held, scope, a)),
    }
}

/// The property: `visible_console_pages` agrees with `can_perform` on every page, at each query
/// scope and with no scope (a page visible iff its requirement holds at the scope of at least
/// one assignment), through the engine and through a compiled principal.
pub fn assert_pages_agree_with_can_perform(e: &PolicyEngine, held: &[Assignment], query_scopes: &[&str]) {
    let principal = e.principal(held).unwrap();
    for &scope in query_scopes {
        let expected: Vec<String> =
            e.pages().iter().filter(|p| requirement_holds(e, held, scope, p)).map(|p| p.id.clone()).collect();
        assert_eq!(page_ids(e, held, Some(scope)), expected, "pages of {held:?} at `{scope}`");
        let via_principal: Vec<String> =
            principal.visible_console_pages(Some(scope)).unwrap().into_iter().map(|p| p.id.clone()).collect();
        assert_eq!(via_principal, expected, "principal pages of {held:?} at `{scope}`");
        for page in e.pages() {
            if let Some(req) = &page.requires {
                for action in req.actions() {
                    assert_eq!(
                        principal.can_perform(scope, action).unwrap(),
                        can(e, held, scope, action),
                        "principal vs engine: {held:?} {scope} {action}"
                    );
                }
            }
        }
    }
    let held_scopes: Vec<&str> = held.iter().filter_map(|a| a.scope.as_deref()).collect();
    let expected: Vec<String> = e
        .pages()
        .iter()
        .filter(|p| held_scopes.iter().any(|s| requirement_holds(e, held, s, p)))
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(page_ids(e, held, None), expected, "pages of {held:?} with no scope");
}

/// A small deterministic generator (xorshift) for property tests without extra dependencies.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// The scopes among `candidates` whose kind (the last segment's) is one of `kinds`.
pub fn scopes_of_kinds<'a>(candidates: &[&'a str], kinds: &[String]) -> Vec<&'a str> {
    candidates
        .iter()
        .copied()
        .filter(|s| {
            let last = s.rsplit('/').next().unwrap_or(s);
            let kind = last.split(':').next().unwrap_or("");
            kinds.iter().any(|k| k == kind)
        })
        .collect()
}

/// docs/catalogs.md has a section for the catalog naming every role, scope kind and page id, so a
/// reader sees what a role may do without opening the JSON.
pub fn assert_documented(e: &PolicyEngine) {
    let docs = include_str!("../../docs/catalogs.md");
    let heading = format!("## `{}`", e.name());
    let start = docs.find(&heading).unwrap_or_else(|| panic!("docs/catalogs.md has no section {heading}"));
    let section = &docs[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    for role in e.roles() {
        assert!(section.contains(&format!("| `{}` |", role.id)), "docs: role `{}` missing from {heading}", role.id);
    }
    for kind in e.scope_kinds() {
        assert!(section.contains(&format!("`{kind}`")), "docs: scope kind `{kind}` missing from {heading}");
    }
    for page in e.pages() {
        assert!(section.contains(&format!("`{}`", page.id)), "docs: page `{}` missing from {heading}", page.id);
    }
    for action in e.actions() {
        assert!(section.contains(&format!("| `{action}` |")), "docs: action `{action}` missing from {heading}");
    }
}

/// Every page, in order, requires exactly the one action the table names for it.
pub fn assert_page_requirements(e: &PolicyEngine, table: &[(&str, &str)]) {
    let pages: Vec<(&str, Vec<String>)> = e
        .pages()
        .iter()
        .map(|p| (p.id.as_str(), p.requires.as_ref().map(|r| r.actions().to_vec()).unwrap_or_default()))
        .collect();
    let expected: Vec<(&str, Vec<String>)> = table.iter().map(|(p, a)| (*p, vec![a.to_string()])).collect();
    assert_eq!(pages, expected);
}
