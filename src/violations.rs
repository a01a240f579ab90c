//! Combination rules for role-assignment UIs: a role held alone, a role that needs another one
//! above it. These never change a decision; they say what an assignment screen should refuse.

use crate::compile::Compiled;
use crate::resolve::Held;
use serde::Serialize;

/// One broken combination rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    // The roles held at each scope (roles held without a scope under ""), sorted by scope, so that
    // each rule looks at one scope's run, or at its few ancestors', never at the whole list again.
    // (The pair type is the one `SortedMap` sorts: the wasm build holds one copy of that sort.)
    let mut by_scope: Vec<(Box<str>, u32)> =
        held.iter().map(|h| (Box::from(h.scope.map_or("", |s| s.as_str())), h.role)).collect();
    by_scope.sort_unstable();
    let mut out = Vec::new();
    for (i, h) in held.iter().enumerate() {
        let rule = &policy.roles[h.role as usize];
        let scope = h.scope.map(|s| s.as_str());
        let role = role_id(h.role);
        let mut violation = |code: &str, message: String| {
            out.push(Violation {
                code: code.into(),
                index: i,
                role: role.into(),
                scope: scope.map(Into::into),
                message,
            });
        };
        if rule.held_alone {
            // The other roles held there, each once, in role order: marked, then read in order.
            let mut held_there = vec![false; policy.roles.len()];
            for r in roles_at(&by_scope, scope.unwrap_or("")) {
                if let Some(mark) = held_there.get_mut(r as usize) {
                    *mark = r != h.role;
                }
            }
            // "`a`, `b`, `c`, `d`, `e` and 3 more"
            let others: Vec<String> =
                (0..).zip(&held_there).filter(|(_, &held)| held).map(|(r, _)| format!("`{}`", role_id(r))).collect();
            let mut named = others.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
            if others.len() > 5 {
                named = format!("{named} and {} more", others.len() - 5);
            }
            if !others.is_empty() {
                let remedy = if others.len() > 1 {
                    format!(" are held there too; remove them or `{role}`")
                } else {
                    " is held there too; remove one of them".into()
                };
                violation("HELD_ALONE", format!("`{role}` is held alone{}, but {named}{remedy}", at(scope)));
            }
        }
        let Some(target) = h.scope else { continue };
        for (kind, needed) in &rule.requires_above {
            if *kind != target.kind_index() {
                continue;
            }
            let above = crate::scope::self_and_ancestors(target.as_str()).skip(1);
            let satisfied = above.flat_map(|s| roles_at(&by_scope, s)).any(|r| needed.contains(&r));
            if !satisfied {
                let needed: Vec<String> = needed.iter().map(|&r| format!("`{}`", role_id(r))).collect();
                let message = format!(
                    "`{role}`{} is granted at the {} level only to a member who holds {} above it",
                    at(scope),
                    policy.doc.scope_kinds[*kind],
                    needed.join(" or ")
                );
                violation("REQUIRES_ROLE_ABOVE", message);
            }
        }
    }
    out
}

/// The roles held at `scope`: a run of the sorted pairs.
fn roles_at<'a>(by_scope: &'a [(Box<str>, u32)], scope: &'a str) -> impl Iterator<Item = u32> + 'a {
    let start = by_scope.partition_point(|(s, _)| **s < *scope);
    by_scope.iter().skip(start).take_while(move |(s, _)| **s == *scope).map(|&(_, r)| r)
}

/// " at `scope`" for an assignment held at a scope; nothing for one held wherever asked.
fn at(scope: Option<&str>) -> String {
    scope.map(|s| format!(" at `{s}`")).unwrap_or_default()
}
