//! Combination rules for role-assignment UIs: a role held alone, a role that needs another one
//! above it. These never change a decision; they say what an assignment screen should refuse.

use crate::compile::Compiled;
use crate::engine::Held;
use crate::json::{JsonObject, ToJson};

/// One broken combination rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// `HELD_ALONE` or `REQUIRES_ROLE_ABOVE`.
    pub code: String,
    /// Index of the offending assignment in the list given.
    pub index: usize,
    pub role: String,
    pub scope: Option<String>,
    pub message: String,
}

pub(crate) fn check(policy: &Compiled, held: &[Held<'_>]) -> Vec<Violation> {
    let role_id = |r: u32| policy.doc.roles[r as usize].id.as_str();
    let mut out = Vec::new();
    for (i, h) in held.iter().enumerate() {
        let rule = &policy.roles[h.role as usize];
        let scope = h.scope.map(|s| s.as_str());
        let at = scope.map(|s| format!(" at `{s}`")).unwrap_or_default();
        if rule.held_alone {
            let others: Vec<&str> = held
                .iter()
                .enumerate()
                .filter(|&(j, o)| j != i && o.scope.map(|s| s.as_str()) == scope && o.role != h.role)
                .map(|(_, o)| role_id(o.role))
                .collect();
            if !others.is_empty() {
                out.push(Violation {
                    code: "HELD_ALONE".into(),
                    index: i,
                    role: role_id(h.role).into(),
                    scope: scope.map(Into::into),
                    message: format!(
                        "`{}` is held alone{at}, but {} is held there too; remove one of them",
                        role_id(h.role),
                        others.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        }
        let Some(target) = h.scope else { continue };
        for (kind, needed) in &rule.requires_above {
            if *kind != target.kind_index() {
                continue;
            }
            let satisfied = held.iter().any(|o| {
                needed.contains(&o.role) && o.scope.is_some_and(|s| s.depth() < target.depth() && s.contains(&target))
            });
            if !satisfied {
                let names: Vec<String> = needed.iter().map(|&r| format!("`{}`", role_id(r))).collect();
                out.push(Violation {
                    code: "REQUIRES_ROLE_ABOVE".into(),
                    index: i,
                    role: role_id(h.role).into(),
                    scope: scope.map(Into::into),
                    message: format!(
                        "`{}`{at} is granted at the {} level only to a member who holds {} above it",
                        role_id(h.role),
                        policy.doc.scope_kinds[*kind],
                        names.join(" or ")
                    ),
                });
            }
        }
    }
    out
}

impl ToJson for Violation {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out)
            .field("code", &self.code)
            .field("index", &self.index)
            .field("role", &self.role)
            .field("scope", &self.scope)
            .field("message", &self.message)
            .end();
    }
}
