//! Differential testing: random policies, principals and questions, answered by the compiled
//! engine (directly, through a `Principal`, through `explain`, as visible pages, as roles granting,
//! as billing seats and violations) and by the naive reference evaluator in `reference/`; every
//! answer and every error code must agree.
//!
//! `make test` runs 3,000 + 300 cases; a longer run: `PROPTEST_CASES=100000 cargo test --release
//! --test differential` (100,000 + 5,000).
#![cfg(not(target_arch = "wasm32"))] // native suite; the browser suite is tests/web.rs

mod reference;

use proptest::prelude::*;
use reference::check::check_case;
use reference::generate::{self, Bytes};
use reference::Reference;
use rolegate::{Assignment, PolicyEngine};

/// `default_cases` per property, or `PROPTEST_CASES / divisor` when that is set (the exhaustive
/// property asks a hundred times more questions per case).
fn config(default_cases: u32, divisor: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(default_cases, |n| (n / divisor).max(1));
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(3000, 1))]

    /// A random policy, principal and eight questions; everything asked of the engine agrees
    /// with the reference.
    #[test]
    fn the_engine_agrees_with_the_reference(bytes in prop::collection::vec(any::<u8>(), 0..700)) {
        check_case(&generate::case(&bytes));
    }
}

proptest! {
    #![proptest_config(config(300, 20))]

    /// Every scope of the policy against every action, for one principal: the exhaustive version
    /// of the property above on smaller numbers of cases.
    #[test]
    fn the_engine_agrees_with_the_reference_everywhere(bytes in prop::collection::vec(any::<u8>(), 0..500)) {
        let mut b = Bytes::new(&bytes);
        let doc = generate::policy(&mut b);
        let assignments = generate::assignments(&doc, &mut b, 6);
        let scopes = generate::all_scopes(&doc.scope_kinds);
        let scopes: Vec<String> = scopes.into_iter().filter(|s| s.matches('/').count() < 3).collect();
        let queries: Vec<(String, String)> = scopes
            .iter()
            .flat_map(|s| doc.actions.iter().map(move |a| (s.clone(), a.id.clone())))
            .collect();
        let engine = PolicyEngine::from_document(&doc).expect("a generated policy compiles");
        reference::check::check_engine(&engine, &doc, &assignments, &queries);
    }
}

/// The reference evaluator itself, on cases whose answers are written by hand: a wrong
/// reference would make the differential tests worthless.
#[test]
fn the_reference_answers_the_fixture_as_written() {
    let engine = PolicyEngine::from_json(include_str!("fixtures/small.json")).unwrap();
    let r = Reference::new(engine.document());
    let ac1 = "organization:acme/account:AC1";
    let roles = [Assignment::at("studio-editor", ac1)];
    assert_eq!(r.can_perform(&roles, ac1, "studio.flow.read"), Ok(true), "inherited from studio-viewer");
    assert_eq!(r.can_perform(&roles, &format!("{ac1}/subaccount:S"), "studio.flow.update"), Ok(true));
    assert_eq!(r.can_perform(&roles, "organization:acme/account:AC10", "studio.flow.read"), Ok(false));
    assert_eq!(r.can_perform(&roles, "organization:acme", "studio.flow.read"), Ok(false));
    assert_eq!(r.can_perform(&roles, ac1, "studio.flow.delete"), Ok(false));
    let auditor = [Assignment::at("auditor", ac1)];
    assert_eq!(r.can_perform(&auditor, ac1, "users.member.invite"), Ok(true));
    assert_eq!(r.can_perform(&auditor, ac1, "billing.invoice.read"), Ok(false), "denied");
    let both = [Assignment::at("auditor", "organization:acme"), Assignment::at("billing-manager", ac1)];
    assert_eq!(r.can_perform(&both, ac1, "billing.invoice.read"), Ok(false), "a deny above overrides a grant here");
    assert_eq!(r.visible_pages(&roles, Some(ac1)).unwrap(), ["home", "studio", "studio.editor"]);
    assert_eq!(r.roles_granting("studio.flow.delete", None).unwrap(), ["studio-admin", "owner"]);
    assert!(r.can_perform(&roles, "organization:acme/", "studio.flow.read").is_err());
    assert!(Reference::pattern_matches("studio.*", "studio.flow.read"));
    assert!(!Reference::pattern_matches("studio.*", "studios.flow.read"));
}
