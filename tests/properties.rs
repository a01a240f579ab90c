//! Properties of the contract, stated on the engine's own answers (no reference evaluator) over
//! random policies and principals: monotonicity, containment by whole segments, deny overriding,
//! order independence, and reverse queries (pages, roles granting) consistent with forward ones.
//!
//! A longer run: `PROPTEST_CASES=100000 cargo test --release --test properties`.
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser suite is tests/web.rs

mod reference;

use proptest::prelude::*;
use reference::generate::{self, Bytes, IDS};
use rolegate::{Assignment, ErrorCode, PolicyDocument, PolicyEngine, Requirement, RoleInfo};

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default_cases);
    // `prop_assume!` skips policies without a suitable role; allow as many skips as cases.
    ProptestConfig {
        cases,
        max_global_rejects: cases.max(1024),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..600)
}

/// A random policy, its engine, and a principal the engine accepts (unknown roles and roles at
/// kinds they cannot be held at are dropped: these properties are about answers, not errors).
fn setup(bytes: &[u8]) -> (PolicyDocument, PolicyEngine, Vec<Assignment>, Bytes<'_>) {
    let mut b = Bytes::new(bytes);
    let doc = generate::policy(&mut b);
    let engine = PolicyEngine::from_document(&doc).expect("a generated policy compiles");
    let assignments = generate::assignments(&doc, &mut b, 5)
        .into_iter()
        .filter(|a| a.scope.is_some() && engine.principal(std::slice::from_ref(a)).is_ok())
        .collect();
    (doc, engine, assignments, b)
}

/// The scopes the properties look at: every path of up to three levels over the id pool.
fn scopes(doc: &PolicyDocument) -> Vec<String> {
    generate::all_scopes(&doc.scope_kinds).into_iter().filter(|s| s.matches('/').count() < 3).collect()
}

fn kind_index(scope: &str) -> usize {
    scope.matches('/').count()
}

fn holdable(doc: &PolicyDocument, role: &RoleInfo, scope: &str) -> bool {
    role.scopes.contains(&doc.scope_kinds[kind_index(scope)])
}

/// The roles `role` inherits, transitively, and itself.
fn lineage<'d>(doc: &'d PolicyDocument, role: &'d RoleInfo) -> Vec<&'d RoleInfo> {
    let mut out = vec![role];
    let mut i = 0;
    while i < out.len() {
        for parent in &out[i].inherits {
            let parent = doc.roles.iter().find(|r| &r.id == parent).unwrap();
            if !out.iter().any(|r| r.id == parent.id) {
                out.push(parent);
            }
        }
        i += 1;
    }
    out
}

/// A scope of the role's kinds built from the bytes.
fn scope_for(doc: &PolicyDocument, role: &RoleInfo, b: &mut Bytes) -> String {
    let kind = b.pick(&role.scopes);
    let depth = 1 + doc.scope_kinds.iter().position(|k| k == kind).unwrap();
    generate::scope_path(&doc.scope_kinds, depth, b)
}

fn can(engine: &PolicyEngine, roles: &[Assignment], scope: &str, action: &str) -> bool {
    engine.can_perform(roles, scope, action).unwrap_or_else(|e| panic!("{roles:?} at {scope} doing {action}: {e}"))
}

fn page_ids(engine: &PolicyEngine, roles: &[Assignment], scope: Option<&str>) -> Vec<String> {
    engine.visible_console_pages(roles, scope).unwrap().into_iter().map(|p| p.id.clone()).collect()
}

proptest! {
    #![proptest_config(config(600))]

    /// Adding an assignment of a role that denies nothing (itself or through inheritance) never
    /// takes a permission or a page away.
    #[test]
    fn adding_a_role_without_denies_never_removes_a_permission(bytes in bytes()) {
        let (doc, engine, before, mut b) = setup(&bytes);
        let candidates: Vec<&RoleInfo> =
            doc.roles.iter().filter(|r| lineage(&doc, r).iter().all(|l| l.denies.is_empty())).collect();
        prop_assume!(!candidates.is_empty());
        let role = *b.pick(&candidates);
        let mut after = before.clone();
        after.insert(b.below(after.len() + 1), Assignment::at(role.id.clone(), scope_for(&doc, role, &mut b)));
        for scope in scopes(&doc) {
            for action in &doc.actions {
                if can(&engine, &before, &scope, &action.id) {
                    prop_assert!(can(&engine, &after, &scope, &action.id), "{action:?} at {scope} lost by adding {:?}", after);
                }
            }
            let (was, now) = (page_ids(&engine, &before, Some(&scope)), page_ids(&engine, &after, Some(&scope)));
            prop_assert!(was.iter().all(|p| now.contains(p)), "pages at {scope}: {was:?} then {now:?}");
        }
        let (was, now) = (page_ids(&engine, &before, None), page_ids(&engine, &after, None));
        prop_assert!(was.iter().all(|p| now.contains(p)), "pages: {was:?} then {now:?}");
    }

    /// A role held at S answers the same at S and at every descendant of S, and allows nothing at
    /// S's parent, at a sibling, or at a scope whose path merely starts with the same characters.
    #[test]
    fn a_grant_holds_below_its_scope_and_nowhere_else(bytes in bytes()) {
        let (doc, engine, _, mut b) = setup(&bytes);
        let role = b.pick(&doc.roles).clone();
        let held = scope_for(&doc, &role, &mut b);
        let roles = [Assignment::at(role.id.clone(), held.clone())];
        let depth = held.split('/').count();
        let (parent, last) = held.rsplit_once('/').map_or((None, held.as_str()), |(p, l)| (Some(p), l));
        let (kind, id) = last.split_once(':').unwrap();
        let join = |segment: String| parent.map_or(segment.clone(), |p| format!("{p}/{segment}"));

        let mut descendants = vec![held.clone()];
        for level in depth..doc.scope_kinds.len() {
            let deeper = format!("{}/{}:{}", descendants.last().unwrap(), doc.scope_kinds[level], b.pick(&IDS));
            descendants.push(deeper);
        }
        let mut outside: Vec<String> = ["1", "B", "-x", ".", "~", "@", "+"].iter().map(|s| join(format!("{kind}:{id}{s}"))).collect();
        outside.extend(IDS.iter().filter(|other| **other != id).map(|other| join(format!("{kind}:{other}"))));
        if id.len() > 1 {
            outside.push(join(format!("{kind}:{}", &id[..id.len() - 1])));
        }
        let ancestors: Vec<&str> = held.match_indices('/').map(|(i, _)| &held[..i]).collect();

        for action in &doc.actions {
            let here = can(&engine, &roles, &held, &action.id);
            let lineage = lineage(&doc, &role);
            let matches = |p: &String| p == "*" || p == &action.id || (p.ends_with(".*") && action.id.starts_with(&p[..p.len() - 1]));
            let grants = lineage.iter().any(|r| {
                r.grants.iter().any(matches) || r.grants_at.iter().any(|(k, list)| k == kind && list.iter().any(matches))
            });
            let denies = lineage.iter().any(|r| r.denies.iter().any(matches));
            prop_assert_eq!(here, grants && !denies, "{} at {}: {}", role.id, held, action.id);
            for d in &descendants {
                prop_assert_eq!(can(&engine, &roles, d, &action.id), here, "descendant {} of {}", d, held);
            }
            for o in outside.iter().map(String::as_str).chain(ancestors.iter().copied()) {
                prop_assert!(!can(&engine, &roles, o, &action.id), "{} held at {} allows {} at {}", role.id, held, action.id, o);
            }
        }
    }

    /// A role that denies an action, held at S, blocks it at S and below whatever else is held.
    #[test]
    fn a_deny_overrides_every_grant_below_it(bytes in bytes()) {
        let (doc, engine, mut roles, mut b) = setup(&bytes);
        let deniers: Vec<&RoleInfo> = doc.roles.iter().filter(|r| !r.denies.is_empty()).collect();
        prop_assume!(!deniers.is_empty());
        let denier = *b.pick(&deniers);
        let held = scope_for(&doc, denier, &mut b);
        roles.insert(b.below(roles.len() + 1), Assignment::at(denier.id.clone(), held.clone()));
        let denied = engine.actions().into_iter().filter(|a| {
            denier.denies.iter().any(|p| p == "*" || p == a || (p.ends_with(".*") && a.starts_with(&p[..p.len() - 1])))
        });
        for action in denied {
            for scope in scopes(&doc).iter().filter(|s| **s == held || s.starts_with(&format!("{held}/"))) {
                prop_assert!(!can(&engine, &roles, scope, action), "{} denies {} at {}, yet allowed at {}", denier.id, action, held, scope);
            }
        }
    }

    /// The order of the assignments, and repeating one, change nothing.
    #[test]
    fn assignment_order_and_repetition_do_not_matter(bytes in bytes()) {
        let (doc, engine, roles, mut b) = setup(&bytes);
        let mut shuffled = roles.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, b.below(i + 1));
        }
        if let Some(first) = roles.first() {
            shuffled.push(first.clone());
        }
        for scope in scopes(&doc) {
            for action in &doc.actions {
                prop_assert_eq!(can(&engine, &roles, &scope, &action.id), can(&engine, &shuffled, &scope, &action.id));
            }
        }
        prop_assert_eq!(page_ids(&engine, &roles, None), page_ids(&engine, &shuffled, None));
    }

    /// A page is listed at a scope iff its requirement holds there, action by action; without a
    /// scope, iff it holds at the scope of one of the assignments. Every way of asking agrees.
    #[test]
    fn pages_are_listed_iff_their_requirement_holds(bytes in bytes()) {
        let (doc, engine, roles, _) = setup(&bytes);
        let principal = engine.principal(&roles).unwrap();
        let holds = |scope: &str, requires: &Option<Requirement>| match requires {
            None => true,
            Some(Requirement::AnyOf(list)) => list.iter().any(|a| can(&engine, &roles, scope, a)),
            Some(Requirement::AllOf(list)) => list.iter().all(|a| can(&engine, &roles, scope, a)),
        };
        for scope in scopes(&doc) {
            let expected: Vec<String> = doc.pages.iter().filter(|p| holds(&scope, &p.requires)).map(|p| p.id.clone()).collect();
            prop_assert_eq!(&page_ids(&engine, &roles, Some(&scope)), &expected, "at {}", scope);
            let via_principal: Vec<String> = principal.visible_console_pages(Some(&scope)).unwrap().iter().map(|p| p.id.clone()).collect();
            prop_assert_eq!(&via_principal, &expected);
            for action in &doc.actions {
                let answer = can(&engine, &roles, &scope, &action.id);
                prop_assert_eq!(principal.can_perform(&scope, &action.id).unwrap(), answer);
                prop_assert_eq!(engine.explain(&roles, &scope, &action.id).unwrap().allowed, answer);
            }
        }
        let expected: Vec<String> = doc
            .pages
            .iter()
            .filter(|p| p.requires.is_none() || roles.iter().any(|a| holds(a.scope.as_deref().unwrap(), &p.requires)))
            .map(|p| p.id.clone())
            .collect();
        prop_assert_eq!(page_ids(&engine, &roles, None), expected);
    }

    /// A role is in `roles_granting(action, scope)` iff holding it alone at the scope or at one of
    /// its ancestors (a kind it can be held at) allows the action there; without a scope, iff
    /// holding it at some scope allows it.
    #[test]
    fn roles_granting_lists_exactly_the_roles_whose_holding_allows(bytes in bytes()) {
        let (doc, engine, _, _) = setup(&bytes);
        // The all-`A` path of each depth: what a role allows depends on the kind it is held at,
        // not on the ids.
        let paths: Vec<String> = (1..=doc.scope_kinds.len())
            .map(|depth| doc.scope_kinds[..depth].iter().map(|k| format!("{k}:A")).collect::<Vec<_>>().join("/"))
            .collect();
        let allows_when_held_at = |role: &RoleInfo, held: &str, asked: &str, action: &str| {
            holdable(&doc, role, held) && can(&engine, &[Assignment::at(role.id.clone(), held.to_string())], asked, action)
        };
        for (depth, scope) in paths.iter().enumerate() {
            for action in &doc.actions {
                let listed: Vec<&str> = engine.roles_granting(&action.id, Some(scope)).unwrap().iter().map(|r| r.id.as_str()).collect();
                for role in &doc.roles {
                    let allows = paths[..=depth].iter().any(|held| allows_when_held_at(role, held, scope, &action.id));
                    prop_assert_eq!(listed.contains(&role.id.as_str()), allows, "{} at {} for {}", role.id, scope, action.id);
                    if !holdable(&doc, role, scope) {
                        let alone = [Assignment::at(role.id.clone(), scope.clone())];
                        prop_assert_eq!(engine.can_perform(&alone, scope, &action.id).unwrap_err().code(), ErrorCode::NotAssignable);
                    }
                }
            }
        }
        for action in &doc.actions {
            let listed: Vec<&str> = engine.roles_granting(&action.id, None).unwrap().iter().map(|r| r.id.as_str()).collect();
            for role in &doc.roles {
                let somewhere = paths.iter().any(|held| allows_when_held_at(role, held, held, &action.id));
                prop_assert_eq!(listed.contains(&role.id.as_str()), somewhere, "{} for {}", role.id, action.id);
            }
        }
    }
}
