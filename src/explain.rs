//! Explanations: not just "access denied", but which assignment and which grant pattern allowed
//! an action, which deny blocked it, or what would be needed.

use crate::assignment::Assignment;
use crate::compile::{pattern_matches, Compiled};
use crate::error::Result;
use serde::Serialize;
use std::fmt;

/// The answer to "may these assignments do this action here, and why?".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssignmentView {
    pub role: String,
    /// `None`: held wherever the question asks.
    pub scope: Option<String>,
}

/// One pattern that decided: held through `assignment`, declared by role `via` (the assigned
/// role itself, or one it inherits).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Because {
    pub assignment: AssignmentView,
    pub via: String,
    pub pattern: String,
}

pub(crate) fn explain(p: &Compiled, assignments: &[Assignment], scope: &str, action: &str) -> Result<Decision> {
    let (held, target) = p.question(assignments, scope)?;
    let action_id = p.action(action)?; // an unknown action is an error, not a silent denial
    let (mut applicable, mut granted_by, mut denied_by) = (Vec::new(), Vec::new(), Vec::new());
    for (h, a) in held.iter().zip(assignments) {
        if !h.reaches(&target) {
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
    let would_grant: Vec<u32> = if allowed || !denied_by.is_empty() {
        Vec::new()
    } else {
        p.roles_granting(action_id, Some(target.kind_index())).collect()
    };
    // Where each role would have to be held, when that is above the scope asked about (Voiceflow's
    // Owner runs the organization only when held there, not at a workspace inside it).
    let kind = target.kind_index();
    let suggested: Vec<Suggested> = would_grant
        .iter()
        .map(|&r| {
            let role = &p.roles[r as usize];
            let narrowest = (0..=kind).rev().find(|&k| role.assignable_at(k) && role.grants_at(action_id, k));
            let above = narrowest.filter(|&k| k != kind).map(|k| p.doc.scope_kinds[k].as_str());
            Suggested(&p.doc.roles[r as usize].id, above)
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
        would_grant: suggested.iter().map(|s| s.0.to_owned()).collect(),
    })
}

/// A role that would grant a denied action, and the scope kind above the one asked about where it
/// would have to be held, if it would: "owner (held at the organization level)".
struct Suggested<'a>(&'a str, Option<&'a str>);

impl fmt::Display for Suggested<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        match self.1 {
            Some(kind) => write!(f, " (held at the {kind} level)"),
            None => Ok(()),
        }
    }
}

/// "`role`", or "`role` at `scope`".
impl fmt::Display for AssignmentView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.role)?;
        match &self.scope {
            Some(scope) => write!(f, " at `{scope}`"),
            None => Ok(()),
        }
    }
}

/// A deciding pattern and its verb: "`role` at `scope` grants `pattern` (inherited from `other`)".
struct Cause<'a>(&'a Because, &'a str);

impl fmt::Display for Cause<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Cause(b, verb) = self;
        write!(f, "{} {verb} `{}`", b.assignment, b.pattern)?;
        if b.via != b.assignment.role {
            write!(f, " (inherited from `{}`)", b.via)?;
        }
        Ok(())
    }
}

/// `items`, joined by ", ".
fn join<T: fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
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
        return format!("`{action}` is allowed at `{scope}`: {}.", Cause(g, "grants"));
    }
    if let Some(d) = denied_by.first() {
        return format!("`{action}` is denied at `{scope}`: {}, and a deny overrides every grant.", Cause(d, "denies"));
    }
    let missing = if applicable.is_empty() {
        "no role is held at this scope or above it".to_owned()
    } else {
        format!("none of the roles in force here ({}) grants it", join(applicable))
    };
    let instead = match would_grant.len() {
        0 => ". No role grants it at this scope.".to_owned(),
        n if n > 3 => format!(
            ". Roles that would, held at this scope or above it: {}, and {} more.",
            join(&would_grant[..3]),
            n - 3
        ),
        _ => format!(". Roles that would, held at this scope or above it: {}.", join(would_grant)),
    };
    format!("`{action}` is denied at `{scope}`: {missing}{instead}")
}
