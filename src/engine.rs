//! The engine: a compiled policy and the questions it answers.

use crate::compile::{compile, Compiled};
use crate::document::{self, ConsolePage, PolicyDocument, RoleInfo};
use crate::error::{ErrorCode, Result, RolegateError};
use crate::explain::{self, Decision};
use crate::json::{Json, JsonError};
use crate::principal::Principal;
use crate::scope::{truncate, Scope};
use crate::suggest::did_you_mean;
use crate::text::{text, Join};
use crate::violations::{self, Violation};
use std::sync::Arc;

/// A role held at a scope. With no scope, the role is held wherever the question asks: at the
/// queried scope, or, for `visible_console_pages` without one, wherever a page asks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Assignment {
    pub role: String,
    pub scope: Option<String>,
}

impl Assignment {
    /// `role` held at `scope`.
    pub fn at(role: impl Into<String>, scope: impl Into<String>) -> Self {
        Assignment { role: role.into(), scope: Some(scope.into()) }
    }

    /// `role` held wherever the question asks.
    pub fn role(role: impl Into<String>) -> Self {
        Assignment { role: role.into(), scope: None }
    }
}

/// A compiled policy. Cheap to clone (the compiled form is shared), `Send` and `Sync`, so a
/// server can hold one for all requests.
#[derive(Clone, Debug)]
pub struct PolicyEngine {
    pub(crate) policy: Arc<Compiled>,
}

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
}

/// `POLICY_PARSE` for a text that is not JSON: where it stops being JSON, and why.
fn not_json(e: JsonError) -> RolegateError {
    // `JsonError`'s `Display`, written without `core::fmt`.
    let message = text!(e.message, " at line ", e.line, " column ", e.column);
    RolegateError::new(ErrorCode::PolicyParse, text!("the policy is not valid JSON: ", message))
        .with_problems(vec![crate::Problem { path: String::new(), message }])
}

impl PolicyEngine {
    /// Compiles a policy document given as JSON text.
    pub fn from_json(text: &str) -> Result<PolicyEngine> {
        Self::from_read(document::read_text(text).map_err(not_json)?)
    }

    /// One of the built-in catalogs: `"twilio"` or `"voiceflow"`.
    pub fn builtin(name: &str) -> Result<PolicyEngine> {
        Self::from_json(crate::catalogs::source(name)?)
    }

    /// Compiles a policy document given as a JSON value tree.
    pub fn from_value(value: &Json) -> Result<PolicyEngine> {
        Self::from_tree(value.clone())
    }

    /// Reads and compiles a tree it may take apart.
    fn from_tree(value: Json) -> Result<PolicyEngine> {
        Self::from_read(document::read(value))
    }

    fn from_read(doc: std::result::Result<PolicyDocument, Vec<crate::Problem>>) -> Result<PolicyEngine> {
        Self::from_document(doc.map_err(RolegateError::invalid_policy)?)
    }

    /// Compiles an already read policy document.
    pub fn from_document(doc: PolicyDocument) -> Result<PolicyEngine> {
        let policy = compile(doc).map_err(RolegateError::invalid_policy)?;
        Ok(PolicyEngine { policy: Arc::new(policy) })
    }

    /// Is `action` allowed at `scope` for these assignments? No allocation: each assignment is
    /// checked in place against the target scope. Errors come in the order a [`Principal`] finds
    /// them: the assignments, the scope, a role that cannot be held there, the action.
    pub fn can_perform(&self, assignments: &[Assignment], scope: &str, action: &str) -> Result<bool> {
        let p = &*self.policy;
        for a in assignments {
            p.held(a, None)?;
        }
        let target = p.scope(scope)?;
        for a in assignments.iter().filter(|a| a.scope.is_none()) {
            p.held(a, Some(target))?;
        }
        let action = p.action(action)?;
        let (mut allowed, mut denied) = (false, false);
        for a in assignments {
            let held = p.held(a, Some(target))?;
            if held.scope.is_none_or(|s| s.contains(&target)) {
                let role = &p.roles[held.role as usize];
                allowed |= role.allow_at(held.kind(target)).get(action);
                denied |= role.deny.get(action);
            }
        }
        Ok(allowed && !denied)
    }

    /// The console pages these assignments may see, in navigation order: at `scope`, or with no
    /// scope, at the scope of at least one assignment.
    pub fn visible_console_pages(&self, assignments: &[Assignment], scope: Option<&str>) -> Result<Vec<&ConsolePage>> {
        let principal = self.principal(assignments)?;
        let ids = principal.visible_page_indices(scope)?;
        Ok(ids.into_iter().map(|i| &self.policy.doc.pages[i]).collect())
    }

    /// Compiles a list of assignments once, for many decisions.
    pub fn principal(&self, assignments: &[Assignment]) -> Result<Principal> {
        Principal::new(self.policy.clone(), assignments)
    }

    /// Allowed or not, and why: the assignments and patterns that granted it, the denies that
    /// blocked it, or for a denial, the roles that would have granted it.
    pub fn explain(&self, assignments: &[Assignment], scope: &str, action: &str) -> Result<Decision> {
        explain::explain(self, assignments, scope, action)
    }

    /// The roles whose holding allows `action`: for "ask for access" UIs. With a scope, the roles
    /// that can be held there or above it (a grant reaches every scope below it).
    pub fn roles_granting(&self, action: &str, scope: Option<&str>) -> Result<Vec<&RoleInfo>> {
        let p = &*self.policy;
        let action = p.action(action)?;
        let kind = scope.map(|s| p.scope(s)).transpose()?.map(|s| s.kind_index());
        Ok(p.roles
            .iter()
            .zip(&p.doc.roles)
            .filter(|(r, _)| {
                let deepest = kind.unwrap_or(p.doc.scope_kinds.len() - 1);
                (0..=deepest).any(|k| r.assignable_at(k) && r.grants_at(action, k))
            })
            .map(|(_, info)| info)
            .collect())
    }

    /// How these assignments break the policy's combination rules (held alone, roles required
    /// above); empty when they combine. For role-assignment UIs.
    pub fn check_assignments(&self, assignments: &[Assignment]) -> Result<Vec<Violation>> {
        let held = self.policy.resolve(assignments, None)?;
        Ok(violations::check(&self.policy, &held))
    }

    /// The dearest billing seat class these assignments take in `scope`: counting assignments at
    /// the scope, above it and below it (a project grant inside a workspace counts). `None` when
    /// no role there carries a seat.
    pub fn billing_seat(&self, assignments: &[Assignment], scope: &str) -> Result<Option<String>> {
        let p = &*self.policy;
        // Checked in `can_perform`'s order; a role given without a scope must be one that can be
        // held at `scope`.
        p.resolve(assignments, None)?;
        let target = p.scope(scope)?;
        let held = p.resolve(assignments, Some(target))?;
        let dearest = held
            .iter()
            .filter(|h| h.scope.is_none_or(|s| s.contains(&target) || target.contains(&s)))
            .filter_map(|h| p.roles[h.role as usize].seat)
            .max();
        Ok(dearest.map(|s| p.doc.seats[s].clone()))
    }

    /// Resolves an action id once, for [`crate::Permissions::allows`].
    pub fn action_id(&self, action: &str) -> Result<crate::ActionId> {
        self.policy.action(action).map(crate::principal::ActionId)
    }

    pub fn name(&self) -> &str {
        &self.policy.doc.name
    }

    pub fn roles(&self) -> &[RoleInfo] {
        &self.policy.doc.roles
    }

    pub fn actions(&self) -> Vec<&str> {
        self.policy.doc.actions.iter().map(|a| a.id.as_str()).collect()
    }

    pub fn pages(&self) -> &[ConsolePage] {
        &self.policy.doc.pages
    }

    pub fn scope_kinds(&self) -> &[String] {
        &self.policy.doc.scope_kinds
    }

    /// The document this engine was compiled from.
    pub fn document(&self) -> &PolicyDocument {
        &self.policy.doc
    }
}

/// Name resolution against the compiled policy, shared by every query.
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
        RolegateError::new(code, text!("unknown ", what, " `", truncate(id), "` in policy `", self.doc.name, '`'))
            .with_help(did_you_mean(id, known))
    }

    /// Resolves one assignment. A role without a scope is checked against `target` (the scope
    /// of the question), if there is one.
    pub(crate) fn held<'a>(&self, a: &'a Assignment, target: Option<Scope<'_>>) -> Result<Held<'a>> {
        let role = self.role(&a.role)?;
        let scope = a.scope.as_deref().map(|s| self.scope(s)).transpose()?;
        let at: Option<(usize, &str)> = match (scope, target) {
            (Some(s), _) => Some((s.kind_index(), s.as_str())),
            (None, Some(t)) => Some((t.kind_index(), t.as_str())),
            (None, None) => None,
        };
        if let Some((kind, text)) = at {
            if !self.roles[role as usize].assignable_at(kind) {
                return Err(self.not_assignable(role, kind, text));
            }
        }
        Ok(Held { role, scope })
    }

    /// `NOT_ASSIGNABLE`: `role` held at `scope`, of a kind it cannot be held at.
    pub(crate) fn not_assignable(&self, role: u32, kind: usize, scope: &str) -> RolegateError {
        let info = &self.doc.roles[role as usize];
        RolegateError::new(
            ErrorCode::NotAssignable,
            text!(
                "role `",
                info.id,
                "` cannot be held at ",
                self.doc.scope_kinds[kind],
                " scope `",
                truncate(scope),
                "`; it can be held at: ",
                Join(&info.scopes, ", ")
            ),
        )
    }

    pub(crate) fn resolve<'a>(
        &self,
        assignments: &'a [Assignment],
        target: Option<Scope<'_>>,
    ) -> Result<Vec<Held<'a>>> {
        assignments.iter().map(|a| self.held(a, target)).collect()
    }
}
