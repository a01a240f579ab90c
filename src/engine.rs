//! The engine: a compiled policy and the questions it answers.

use crate::assignment::Assignment;
use crate::compile::{compile, Compiled};
use crate::error::{Result, RolegateError};
use crate::explain::{self, Decision};
use crate::model::{ConsolePage, PolicyDocument, RoleInfo};
use crate::principal::{ActionId, Principal};
use crate::reader::{self, Read};
use crate::violations::{self, Violation};
use std::sync::Arc;

/// A compiled policy. Cheap to clone (the compiled form is shared), `Send` and `Sync`, so a
/// server can hold one for all requests.
#[derive(Clone, Debug)]
pub struct PolicyEngine {
    pub(crate) policy: Arc<Compiled>,
}

impl PolicyEngine {
    /// Compiles a policy document given as JSON text.
    pub fn from_json(text: &str) -> Result<PolicyEngine> {
        Self::from_read(reader::read_json(text)?)
    }

    /// Compiles a policy document from any serde deserializer: a `serde_json::Value`, YAML, or a
    /// JavaScript object through serde-wasm-bindgen. A failure of the deserializer itself (not
    /// JSON data, nested too deep) is `POLICY_PARSE`.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<PolicyEngine> {
        let read = reader::read_tree(deserializer).map_err(|e| RolegateError::not_json(e.at, e.error.to_string()))?;
        Self::from_read(read)
    }

    /// Compiles a document built in Rust. It is read as a document given as data is: its shape is
    /// checked (names, lengths) as well as its references.
    pub fn from_document(doc: &PolicyDocument) -> Result<PolicyEngine> {
        let value = serde_json::to_value(doc).map_err(|e| RolegateError::not_json(String::new(), e.to_string()))?;
        Self::from_deserializer(value)
    }

    /// One of the built-in catalogs: `"twilio"` or `"voiceflow"`.
    pub fn builtin(name: &str) -> Result<PolicyEngine> {
        Self::from_json(crate::catalogs::source(name)?)
    }

    pub(crate) fn from_read(read: Read) -> Result<PolicyEngine> {
        let policy = compile(read).map_err(RolegateError::invalid_policy)?;
        Ok(PolicyEngine { policy: Arc::new(policy) })
    }

    /// Is `action` allowed at `scope` for these assignments? True when an assignment at the scope
    /// or above it grants it and none denies it.
    pub fn can_perform(&self, assignments: &[Assignment], scope: &str, action: &str) -> Result<bool> {
        let p = &*self.policy;
        let (held, target) = p.question(assignments, scope)?;
        let action = p.action(action)?;
        let (mut allowed, mut denied) = (false, false);
        for h in held.iter().filter(|h| h.reaches(&target)) {
            let role = &p.roles[h.role as usize];
            allowed |= role.allow_at(h.kind(target)).get(action);
            denied |= role.deny.get(action);
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
        explain::explain(&self.policy, assignments, scope, action)
    }

    /// The roles whose holding allows `action`: for "ask for access" UIs. With a scope, the roles
    /// that can be held there or above it (a grant reaches every scope below it).
    pub fn roles_granting(&self, action: &str, scope: Option<&str>) -> Result<Vec<&RoleInfo>> {
        let p = &*self.policy;
        let action = p.action(action)?;
        let kind = scope.map(|s| p.scope(s)).transpose()?.map(|s| s.kind_index());
        Ok(p.roles_granting(action, kind).map(|r| &p.doc.roles[r as usize]).collect())
    }

    /// How these assignments break the policy's combination rules (held alone, roles required
    /// above); empty when they combine. For role-assignment UIs.
    pub fn check_assignments(&self, assignments: &[Assignment]) -> Result<Vec<Violation>> {
        let held = self.policy.resolve(assignments)?;
        Ok(violations::check(&self.policy, &held))
    }

    /// The dearest billing seat class these assignments take in `scope`: counting assignments at
    /// the scope, above it and below it (a project grant inside a workspace counts). `None` when
    /// no role there carries a seat.
    pub fn billing_seat(&self, assignments: &[Assignment], scope: &str) -> Result<Option<String>> {
        let p = &*self.policy;
        let (held, target) = p.question(assignments, scope)?;
        let dearest = held
            .iter()
            .filter(|h| h.reaches(&target) || h.scope.is_some_and(|s| target.contains(&s)))
            .filter_map(|h| p.roles[h.role as usize].seat)
            .max();
        Ok(dearest.map(|s| p.doc.seats[s].clone()))
    }

    /// Resolves an action id once, for [`crate::Permissions::allows`].
    pub fn action_id(&self, action: &str) -> Result<ActionId> {
        self.policy.action(action).map(ActionId)
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
