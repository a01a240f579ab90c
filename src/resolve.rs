//! Names and assignments resolved against a compiled policy, and the one order in which every
//! query checks them, so that the same bad input gives the same error whichever method is asked
//! (docs/design.md, "Errors"): each assignment (its role, its scope, whether the role can be held
//! there), then the target scope, then each role given without a scope against the target's kind,
//! and the action last.

use crate::assignment::Assignment;
use crate::compile::Compiled;
use crate::error::{ErrorCode, Result, RolegateError};
use crate::scope::{truncate, Scope};
use crate::suggest::did_you_mean;

/// An assignment whose role and scope have been resolved against the policy.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Held<'a> {
    pub role: u32,
    /// `None`: held wherever the question asks.
    pub scope: Option<Scope<'a>>,
}

impl Held<'_> {
    /// The scope kind the role is held at, for a question asked at `target`.
    pub fn kind(&self, target: Scope<'_>) -> usize {
        self.scope.unwrap_or(target).kind_index()
    }

    /// Whether the assignment is in force at `target`: held there, above it, or wherever asked.
    pub fn reaches(&self, target: &Scope<'_>) -> bool {
        self.scope.is_none_or(|s| s.contains(target))
    }
}

impl Compiled {
    pub(crate) fn scope<'a>(&self, text: &'a str) -> Result<Scope<'a>> {
        Scope::parse(text, &self.doc.scope_kinds)
    }

    pub(crate) fn action(&self, id: &str) -> Result<u32> {
        self.action_index.get(id).copied().ok_or_else(|| {
            self.unknown(ErrorCode::UnknownAction, "action", id, &mut self.doc.actions.iter().map(|a| a.id.as_str()))
        })
    }

    pub(crate) fn role(&self, id: &str) -> Result<u32> {
        self.role_index.get(id).copied().ok_or_else(|| {
            self.unknown(ErrorCode::UnknownRole, "role", id, &mut self.doc.roles.iter().map(|r| r.id.as_str()))
        })
    }

    /// `UNKNOWN_ACTION` or `UNKNOWN_ROLE`, with a "did you mean" among the names `known`.
    fn unknown(&self, code: ErrorCode, what: &str, id: &str, known: &mut dyn Iterator<Item = &str>) -> RolegateError {
        let message = format!("unknown {what} `{}` in policy `{}`", truncate(id), self.doc.name);
        RolegateError::new(code, message).with_help(did_you_mean(id, known))
    }

    /// Resolves the assignments, each on its own: role, scope, and whether the role can be held
    /// at a scope of that kind.
    pub(crate) fn resolve<'a>(&self, assignments: &'a [Assignment]) -> Result<Vec<Held<'a>>> {
        assignments
            .iter()
            .map(|a| {
                let role = self.role(&a.role)?;
                let scope = a.scope.as_deref().map(|s| self.scope(s)).transpose()?;
                if let Some(s) = scope {
                    self.assignable(role, s)?;
                }
                Ok(Held { role, scope })
            })
            .collect()
    }

    /// The assignments and the target scope of a question, in the order every query checks them;
    /// the action is the caller's to check last.
    pub(crate) fn question<'a>(
        &self,
        assignments: &'a [Assignment],
        scope: &'a str,
    ) -> Result<(Vec<Held<'a>>, Scope<'a>)> {
        let held = self.resolve(assignments)?;
        let target = self.scope(scope)?;
        for h in held.iter().filter(|h| h.scope.is_none()) {
            self.assignable(h.role, target)?;
        }
        Ok((held, target))
    }

    /// `NOT_ASSIGNABLE` unless `role` can be held at scopes of `at`'s kind.
    pub(crate) fn assignable(&self, role: u32, at: Scope<'_>) -> Result<()> {
        if self.roles[role as usize].assignable_at(at.kind_index()) {
            Ok(())
        } else {
            Err(self.not_assignable(role, at))
        }
    }

    /// `NOT_ASSIGNABLE`: `role` held at `at`, of a kind it cannot be held at.
    pub(crate) fn not_assignable(&self, role: u32, at: Scope<'_>) -> RolegateError {
        let info = &self.doc.roles[role as usize];
        let message = format!(
            "role `{}` cannot be held at {} scope `{}`; it can be held at: {}",
            info.id,
            self.doc.scope_kinds[at.kind_index()],
            truncate(at.as_str()),
            info.scopes.join(", ")
        );
        RolegateError::new(ErrorCode::NotAssignable, message)
    }
}
