//! Explanations: not just "access denied", but which assignment and which grant pattern allowed
//! an action, which deny blocked it, or what would be needed.

use crate::compile::pattern_matches;
use crate::engine::{Assignment, PolicyEngine};
use crate::error::Result;
use crate::json::{JsonObject, ToJson};
use crate::text::{push_number, text, Join, Piece};

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
    /// For a denial no deny caused: the roles that, held at the scope or above it, would allow it
    /// (empty when a deny blocks the action: no further role overrides a deny).
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

pub(crate) fn explain(
    engine: &PolicyEngine,
    assignments: &[Assignment],
    scope: &str,
    action: &str,
) -> Result<Decision> {
    let p = &*engine.policy;
    // Checked in `can_perform`'s order, so that both report the same error for the same input.
    p.resolve(assignments, None)?;
    let target = p.scope(scope)?;
    let held = p.resolve(assignments, Some(target))?;
    let action_id = p.action(action)?; // an unknown action is an error, not a silent denial
    let (mut applicable, mut granted_by, mut denied_by) = (Vec::new(), Vec::new(), Vec::new());
    for (h, a) in held.iter().zip(assignments) {
        if !h.scope.is_none_or(|s| s.contains(&target)) {
            continue;
        }
        let view = AssignmentView { role: a.role.clone(), scope: a.scope.clone() };
        let kind = &p.doc.scope_kinds[h.kind(target)];
        for r in p.lineage(h.role) {
            let role = &p.doc.roles[r as usize];
            let matching = |into: &mut Vec<Because>, patterns: &[String]| {
                for pattern in patterns.iter().filter(|pat| pattern_matches(pat, action)) {
                    into.push(Because { assignment: view.clone(), via: role.id.clone(), pattern: pattern.clone() });
                }
            };
            matching(&mut granted_by, &role.grants);
            for (_, patterns) in role.grants_at.iter().filter(|(k, _)| k == kind) {
                matching(&mut granted_by, patterns);
            }
            matching(&mut denied_by, &role.denies);
        }
        applicable.push(view);
    }
    let allowed = !granted_by.is_empty() && denied_by.is_empty();
    debug_assert_eq!(allowed, engine.can_perform(assignments, scope, action).unwrap_or(false));
    let would_grant: Vec<String> = if allowed || !denied_by.is_empty() {
        Vec::new()
    } else {
        engine.roles_granting(action, Some(scope))?.into_iter().map(|r| r.id.clone()).collect()
    };
    // Where each role would have to be held, when that is above the scope asked about (Voiceflow's
    // Owner runs the organization only when held there, not at a workspace inside it).
    let kind = target.kind_index();
    let suggested: Vec<Suggested> = would_grant
        .iter()
        .map(|id| {
            let role = p.role_index.get(id).map(|&r| &p.roles[r as usize]);
            let narrowest =
                role.and_then(|r| (0..=kind).rev().find(|&k| r.assignable_at(k) && r.grants_at(action_id, k)));
            let above = narrowest.filter(|&k| k != kind).map(|k| p.doc.scope_kinds[k].as_str());
            Suggested(id, above)
        })
        .collect();
    let reason = reason(allowed, action, scope, &applicable, &granted_by, &denied_by, &suggested);
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

/// A role that would grant a denied action, and the scope kind above the one asked about where it
/// would have to be held, if it would: "owner (held at the organization level)".
struct Suggested<'a>(&'a str, Option<&'a str>);

impl Piece for Suggested<'_> {
    fn push_to(&self, out: &mut String) {
        out.push_str(self.0);
        if let Some(kind) = self.1 {
            out.push_str(" (held at the ");
            out.push_str(kind);
            out.push_str(" level)");
        }
    }
}

/// "`role`", or "`role` at `scope`".
impl Piece for AssignmentView {
    fn push_to(&self, out: &mut String) {
        out.push('`');
        out.push_str(&self.role);
        out.push('`');
        if let Some(scope) = &self.scope {
            out.push_str(" at `");
            out.push_str(scope);
            out.push('`');
        }
    }
}

/// A deciding pattern and its verb: "`role` at `scope` grants `pattern` (inherited from `other`)".
struct Cause<'a>(&'a Because, &'a str);

impl Piece for Cause<'_> {
    fn push_to(&self, out: &mut String) {
        let Cause(b, verb) = self;
        b.assignment.push_to(out);
        out.push(' ');
        out.push_str(verb);
        out.push_str(" `");
        out.push_str(&b.pattern);
        out.push('`');
        if b.via != b.assignment.role {
            out.push_str(" (inherited from `");
            out.push_str(&b.via);
            out.push_str("`)");
        }
    }
}

fn reason(
    allowed: bool,
    action: &str,
    scope: &str,
    applicable: &[AssignmentView],
    granted_by: &[Because],
    denied_by: &[Because],
    would_grant: &[Suggested],
) -> String {
    if let (true, Some(g)) = (allowed, granted_by.first()) {
        return text!('`', action, "` is allowed at `", scope, "`: ", Cause(g, "grants"), '.');
    }
    if let Some(d) = denied_by.first() {
        return text!(
            '`',
            action,
            "` is denied at `",
            scope,
            "`: ",
            Cause(d, "denies"),
            ", and a deny overrides every grant."
        );
    }
    let mut out = text!('`', action, "` is denied at `", scope, "`: ");
    if applicable.is_empty() {
        out.push_str("no role is held at this scope or above it");
    } else {
        out.push_str("none of the roles in force here (");
        Join(applicable, ", ").push_to(&mut out);
        out.push_str(") grants it");
    }
    if would_grant.is_empty() {
        out.push_str(". No role grants it at this scope.");
    } else {
        out.push_str(". Roles that would, held at this scope or above it: ");
        Join(would_grant.get(..3).unwrap_or(would_grant), ", ").push_to(&mut out);
        if would_grant.len() > 3 {
            out.push_str(", and ");
            push_number(&mut out, (would_grant.len() - 3) as u64);
            out.push_str(" more");
        }
        out.push('.');
    }
    out
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
        JsonObject::new(out)
            .field("assignment", &self.assignment)
            .field("via", &self.via)
            .field("pattern", &self.pattern)
            .end();
    }
}
