//! One value of each shape that crosses into JavaScript, with every optional field present, as
//! serde serializes it: what `examples/shapes.rs` prints for the TypeScript declarations to be
//! checked against (tests/js/types.test.mjs), and what tests/shapes.rs reads back. Each sample is
//! a struct literal, so a field added to a type must be given here to compile.

use rolegate::{
    ActionInfo, Assignment, AssignmentView, Because, ConsolePage, Constraints, Decision, PolicyDocument, Problem,
    Requirement, RoleInfo, Violation,
};
use serde_json::{json, Value};

pub fn role() -> RoleInfo {
    RoleInfo {
        id: "studio-admin".into(),
        name: "Studio Admin".into(),
        description: "Runs Studio.".into(),
        role_type: "built-in".into(),
        product: Some("studio".into()),
        group: Some("Studio".into()),
        scopes: vec!["org".into(), "account".into()],
        grants: vec!["studio.flow.read".into()],
        grants_at: vec![("account".into(), vec!["studio.*".into()])],
        inherits: vec!["studio-viewer".into()],
        denies: vec!["studio.flow.delete".into()],
        seat: Some("editor".into()),
        constraints: constraints(),
    }
}

pub fn constraints() -> Constraints {
    Constraints { held_alone: true, requires_above: vec![("account".into(), vec!["owner".into()])] }
}

pub fn page() -> ConsolePage {
    ConsolePage {
        id: "studio.flows".into(),
        title: "Flows".into(),
        path: "/studio/flows".into(),
        section: "Studio".into(),
        parent: Some("studio".into()),
        scope_kind: "account".into(),
        requires: Some(Requirement::AnyOf(vec!["studio.flow.read".into()])),
    }
}

pub fn action() -> ActionInfo {
    ActionInfo { id: "studio.flow.read".into(), description: Some("See flows.".into()) }
}

/// A valid document: every kind of item, every optional field present.
pub fn document() -> PolicyDocument {
    let viewer = RoleInfo {
        id: "studio-viewer".into(),
        grants_at: vec![],
        inherits: vec![],
        denies: vec![],
        constraints: Constraints::default(),
        ..role()
    };
    let owner = RoleInfo {
        id: "owner".into(),
        product: None,
        grants: vec!["*".into()],
        grants_at: vec![],
        inherits: vec![],
        denies: vec![],
        constraints: Constraints { held_alone: true, requires_above: vec![] },
        ..role()
    };
    let parent = ConsolePage { id: "studio".into(), parent: None, requires: None, ..page() };
    PolicyDocument {
        schema: Some("./policy.schema.json".into()),
        name: "sample".into(),
        description: "Every field.".into(),
        scope_kinds: vec!["org".into(), "account".into()],
        seats: vec!["free".into(), "editor".into()],
        actions: vec![
            action(),
            ActionInfo { id: "studio.flow.update".into(), description: None },
            ActionInfo { id: "studio.flow.delete".into(), description: None },
        ],
        roles: vec![owner, viewer, role()],
        pages: vec![
            parent,
            page(),
            ConsolePage {
                id: "studio.admin".into(),
                requires: Some(Requirement::AllOf(vec!["studio.flow.update".into()])),
                ..page()
            },
        ],
    }
}

fn view() -> AssignmentView {
    AssignmentView { role: "studio-admin".into(), scope: Some("org:o/account:a".into()) }
}

fn because() -> Because {
    Because { assignment: view(), via: "studio-viewer".into(), pattern: "studio.*".into() }
}

/// Each shape's sample, under its Rust name, with the TypeScript names that declare it.
pub fn samples() -> Vec<(&'static str, &'static [&'static str], Value)> {
    let decision = Decision {
        allowed: false,
        action: "studio.flow.update".into(),
        scope: "org:o/account:a".into(),
        reason: "`studio.flow.update` is denied.".into(),
        applicable: vec![view()],
        granted_by: vec![because()],
        denied_by: vec![because()],
        would_grant: vec!["owner".into()],
    };
    let violation = Violation {
        code: "HELD_ALONE".into(),
        index: 0,
        role: "owner".into(),
        scope: Some("org:o".into()),
        message: "`owner` is held alone.".into(),
    };
    let problem = Problem { path: "/roles/0".into(), message: "is required".into() };
    let error = json!({ "code": "POLICY_INVALID", "message": "invalid policy", "help": "did you mean `x`?", "errors": [problem] });
    let value = |v: &dyn erased::Serialize| v.to_json();
    vec![
        ("Decision", &["Decision"][..], value(&decision)),
        ("AssignmentView", &["AssignmentView"], value(&view())),
        ("Because", &["DecidingPattern"], value(&because())),
        ("RoleInfo", &["RoleInfo", "RoleDeclaration"], value(&role())),
        ("Constraints", &["RoleConstraints", "RoleConstraintsDeclaration"], value(&constraints())),
        ("ConsolePage", &["ConsolePage", "PageDeclaration"], value(&page())),
        ("Requirement::AnyOf", &["PageRequirement"], value(&Requirement::AnyOf(vec!["a.b".into()]))),
        ("Requirement::AllOf", &["PageRequirement"], value(&Requirement::AllOf(vec!["a.b".into()]))),
        ("ActionInfo", &["ActionDeclaration"], value(&action())),
        ("PolicyDocument", &["PolicyDocument"], value(&document())),
        ("Violation", &["Violation"], value(&violation)),
        ("Assignment", &["Assignment"], value(&Assignment::at("owner", "org:o"))),
        ("Problem", &["PolicyProblem"], value(&problem)),
        ("RolegateError", &["RolegateError"], rolegate_error(error)),
    ]
}

/// The error as the wasm module throws it: a serialized `RolegateError`, read back from a real one
/// so that its keys are the type's.
fn rolegate_error(expected: Value) -> Value {
    let err = rolegate::PolicyEngine::from_json("{}").expect_err("an empty document is invalid");
    let mut real = serde_json::to_value(&err).expect("an error serializes");
    // The values of the sample, the keys of the type (help is null for this one).
    if let (Some(real), Some(expected)) = (real.as_object_mut(), expected.as_object()) {
        assert_eq!(real.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
        *real = expected.clone();
    }
    real
}

/// Serialization behind one trait object, for the list above.
mod erased {
    pub trait Serialize {
        fn to_json(&self) -> serde_json::Value;
    }

    impl<T: serde::Serialize> Serialize for T {
        fn to_json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("a sample serializes")
        }
    }
}
