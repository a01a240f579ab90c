//! Combination rules for role-assignment UIs: a role held alone, a role that needs another one
//! above it. These never change a decision; they say what an assignment screen should refuse.

use crate::compile::Compiled;
use crate::engine::Held;
use crate::index::SortedMap;
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
    // The roles held at each scope (roles held without a scope under ""), so that each rule looks
    // at one scope's group, or at its few ancestors', never at the whole list again.
    let by_scope = SortedMap::build(
        held.iter().map(|h| (Box::from(h.scope.map_or("", |s| s.as_str())), vec![h.role])),
        |into, more| into.extend(more),
    );
    let mut out = Vec::new();
    for (i, h) in held.iter().enumerate() {
        let rule = &policy.roles[h.role as usize];
        let scope = h.scope.map(|s| s.as_str());
        let at = scope.map(|s| format!(" at `{s}`")).unwrap_or_default();
        if rule.held_alone {
            let mut others: Vec<u32> =
                by_scope.get(scope.unwrap_or("")).into_iter().flatten().copied().filter(|&r| r != h.role).collect();
            others.sort_unstable();
            others.dedup();
            if !others.is_empty() {
                let names: Vec<String> = others.iter().take(5).map(|&o| format!("`{}`", role_id(o))).collect();
                let more = if others.len() > 5 { format!(" and {} more", others.len() - 5) } else { String::new() };
                out.push(Violation {
                    code: "HELD_ALONE".into(),
                    index: i,
                    role: role_id(h.role).into(),
                    scope: scope.map(Into::into),
                    message: format!(
                        "`{}` is held alone{at}, but {}{more} is held there too; remove one of them",
                        role_id(h.role),
                        names.join(", ")
                    ),
                });
            }
        }
        let Some(target) = h.scope else { continue };
        for (kind, needed) in &rule.requires_above {
            if *kind != target.kind_index() {
                continue;
            }
            let above = crate::scope::self_and_ancestors(target.as_str()).skip(1);
            let satisfied = above.filter_map(|s| by_scope.get(s)).flatten().any(|r| needed.contains(r));
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
