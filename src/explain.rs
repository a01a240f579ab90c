//! Explanations: not just "access denied", but which assignment and which grant pattern allowed
//! an action, which deny blocked it, or what would be needed.

use crate::compile::pattern_matches;
use crate::engine::{Assignment, PolicyEngine};
use crate::error::Result;
use crate::json::{JsonObject, ToJson};

/// The answer to "may these assignments do this action here, and why?".
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub allowed: bool,
    pub action: String,
    pub scope: String,
    /// One sentence a person can read.
    pub reason: String,
    /// The assignments in force at the scope (held there or above), whatever they grant.
    pub applicable: Vec<AssignmentView>,
    /// Each grant pattern that allows the action, and the assignment that carries it.
    pub granted_by: Vec<Because>,
    /// Each deny pattern that blocks the action.
    pub denied_by: Vec<Because>,
    /// For a denial: the roles that, held at the scope, would allow it.
    pub would_grant: Vec<String>,
}

/// An assignment as explanations show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentView {
    pub role: String,
    /// `None`: held wherever the question asks.
    pub scope: Option<String>,
}

/// One pattern that decided: held through `assignment`, declared by role `via` (the assigned
/// role itself, or one it inherits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Because {
    pub assignment: AssignmentView,
    pub via: String,
    pub pattern: String,
}

pub(crate) fn explain(engine: &PolicyEngine, assignments: &[Assignment], scope: &str, action: &str) -> Result<Decision> {
    let p = &*engine.policy;
    let target = p.scope(scope)?;
    p.action(action)?; // an unknown action is an error, not a silent denial
    let held = p.resolve(assignments, Some(target))?;
    let (mut applicable, mut granted_by, mut denied_by) = (Vec::new(), Vec::new(), Vec::new());
    for (h, a) in held.iter().zip(assignments) {
        if !h.scope.is_none_or(|s| s.contains(&target)) {
            continue;
        }
        let view = AssignmentView { role: a.role.clone(), scope: a.scope.clone() };
        for r in p.lineage(h.role) {
            let role = &p.doc.roles[r as usize];
            let matching = |patterns: &[String]| -> Vec<Because> {
                patterns
                    .iter()
                    .filter(|pat| pattern_matches(pat, action))
                    .map(|pat| Because { assignment: view.clone(), via: role.id.clone(), pattern: pat.clone() })
                    .collect()
            };
            granted_by.extend(matching(&role.grants));
            let kind = &p.doc.scope_kinds[h.kind(target)];
            for (_, patterns) in role.grants_at.iter().filter(|(k, _)| k == kind) {
                granted_by.extend(matching(patterns));
            }
            denied_by.extend(matching(&role.denies));
        }
        applicable.push(view);
    }
    let allowed = !granted_by.is_empty() && denied_by.is_empty();
    debug_assert_eq!(allowed, engine.can_perform(assignments, scope, action).unwrap_or(false));
    let would_grant: Vec<String> = if allowed {
        Vec::new()
    } else {
        engine.roles_granting(action, Some(scope))?.into_iter().map(|r| r.id.clone()).collect()
    };
    let reason = reason(allowed, action, scope, &applicable, &granted_by, &denied_by, &would_grant);
    Ok(Decision {
        allowed,
        action: action.to_owned(),
        scope: scope.to_owned(),
        reason,
        applicable,
        granted_by,
        denied_by,
        would_grant,
    })
}

fn describe(a: &AssignmentView) -> String {
    match &a.scope {
        Some(s) => format!("`{}` at `{s}`", a.role),
        None => format!("`{}`", a.role),
    }
}

fn reason(
    allowed: bool,
    action: &str,
    scope: &str,
    applicable: &[AssignmentView],
    granted_by: &[Because],
    denied_by: &[Because],
    would_grant: &[String],
) -> String {
    // "`role` at `scope` grants `pattern` (inherited from `other`)"
    let because = |b: &Because, verb: &str| {
        let through = if b.via == b.assignment.role { String::new() } else { format!(" (inherited from `{}`)", b.via) };
        format!("{} {verb} `{}`{through}", describe(&b.assignment), b.pattern)
    };
    if allowed {
        return format!("`{action}` is allowed at `{scope}`: {}.", because(&granted_by[0], "grants"));
    }
    if let Some(d) = denied_by.first() {
        return format!("`{action}` is denied at `{scope}`: {}, and a deny overrides every grant.", because(d, "denies"));
    }
    let held = if applicable.is_empty() {
        "no role is held at this scope or above it".to_owned()
    } else {
        let list: Vec<String> = applicable.iter().map(describe).collect();
        format!("none of the roles in force here ({}) grants it", list.join(", "))
    };
    let ask = match would_grant {
        [] => " No role grants it at this scope.".to_owned(),
        roles if roles.len() <= 3 => format!(" Roles that would: {}.", roles.join(", ")),
        roles => format!(" Roles that would: {}, and {} more.", roles[..3].join(", "), roles.len() - 3),
    };
    format!("`{action}` is denied at `{scope}`: {held}.{ask}")
}

impl ToJson for Decision {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out)
            .field("allowed", &self.allowed)
            .field("action", &self.action)
            .field("scope", &self.scope)
            .field("reason", &self.reason)
            .field("applicable", &self.applicable)
            .field("grantedBy", &self.granted_by)
            .field("deniedBy", &self.denied_by)
            .field("wouldGrant", &self.would_grant)
            .end();
    }
}

impl ToJson for AssignmentView {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out).field("role", &self.role).field("scope", &self.scope).end();
    }
}

impl ToJson for Because {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out).field("assignment", &self.assignment).field("via", &self.via).field("pattern", &self.pattern).end();
    }
}
