//! A principal: a list of assignments compiled once, for many decisions. Assignments are grouped
//! by scope, each group's roles folded into one allow set and one deny set, so a decision is one
//! table lookup per level of the target scope and two bit tests.

use crate::assignment::Assignment;
use crate::bitset::BitSet;
use crate::compile::{Compiled, CompiledRequirement};
use crate::error::Result;
use crate::index::SortedMap;
use crate::model::ConsolePage;
use crate::scope::Scope;
use std::sync::Arc;

/// A compiled list of assignments (see [`crate::PolicyEngine::principal`]).
#[derive(Clone, Debug)]
pub struct Principal {
    policy: Arc<Compiled>,
    /// Each distinct scope held at, and the grants of the roles held exactly there.
    scopes: SortedMap<Permissions>,
    /// Roles held without a scope, folded per scope kind. `Err(role)`: that role cannot be held
    /// at this kind, so a question at such a scope is an error, as it is for `can_perform`.
    unscoped_by_kind: Vec<std::result::Result<Permissions, u32>>,
    /// All roles held without a scope, whatever the kind (for pages with no scope asked).
    unscoped: Option<Permissions>,
}

/// Everything a principal may do at one scope, resolved once: for many decisions at the same
/// place (a page's buttons), each a pair of bit tests. See [`Principal::permissions_at`].
#[derive(Clone, Debug)]
pub struct Permissions {
    allow: BitSet,
    deny: BitSet,
}

/// An action resolved to its dense index (see [`crate::PolicyEngine::action_id`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ActionId(pub(crate) u32);

impl ActionId {
    /// The action's position in the policy's `actions()`.
    pub fn index(self) -> u32 {
        self.0
    }
}

impl Permissions {
    fn empty(actions: usize) -> Self {
        Permissions { allow: BitSet::new(actions), deny: BitSet::new(actions) }
    }

    fn add(&mut self, other: &Permissions) {
        self.allow.union_with(&other.allow);
        self.deny.union_with(&other.deny);
    }

    /// Adds what `role` grants and denies when held at scope kind `kind`.
    fn add_role(&mut self, policy: &Compiled, role: u32, kind: usize) {
        let r = &policy.roles[role as usize];
        self.allow.union_with(r.allow_at(kind));
        self.deny.set_all(&r.deny);
    }

    #[inline]
    pub(crate) fn allows_index(&self, action: u32) -> bool {
        self.allow.get(action) && !self.deny.get(action)
    }

    /// Is the action allowed here? Two bit tests.
    #[inline]
    pub fn allows(&self, action: ActionId) -> bool {
        self.allows_index(action.0)
    }

    fn satisfies(&self, requirement: &Option<CompiledRequirement>) -> bool {
        match requirement {
            None => true,
            Some(CompiledRequirement::AnyOf(actions)) => actions.iter().any(|&a| self.allows_index(a)),
            Some(CompiledRequirement::AllOf(actions)) => actions.iter().all(|&a| self.allows_index(a)),
        }
    }
}

impl Principal {
    pub(crate) fn new(policy: Arc<Compiled>, assignments: &[Assignment]) -> Result<Principal> {
        let held = policy.resolve(assignments)?;
        let n = policy.doc.actions.len();
        let kinds = policy.doc.scope_kinds.len();
        let mut unscoped: Option<Permissions> = None;
        let mut unscoped_roles = Vec::new();
        let mut scoped = Vec::new();
        for h in &held {
            match h.scope {
                Some(s) => {
                    let mut p = Permissions::empty(n);
                    p.add_role(&policy, h.role, s.kind_index());
                    scoped.push((Box::from(s.as_str()), p));
                }
                None => {
                    // Held wherever a page asks: at every kind it can be held at.
                    let all = unscoped.get_or_insert_with(|| Permissions::empty(n));
                    for kind in (0..kinds).filter(|&k| policy.roles[h.role as usize].assignable_at(k)) {
                        all.add_role(&policy, h.role, kind);
                    }
                    unscoped_roles.push(h.role);
                }
            }
        }
        let scopes = SortedMap::build(scoped, |into, more| into.add(&more));
        let unscoped_by_kind = (0..kinds)
            .map(|kind| {
                let mut g = Permissions::empty(n);
                for &r in &unscoped_roles {
                    if !policy.roles[r as usize].assignable_at(kind) {
                        return Err(r);
                    }
                    g.add_role(&policy, r, kind);
                }
                Ok(g)
            })
            .collect();
        Ok(Principal { policy, scopes, unscoped_by_kind, unscoped })
    }

    /// Is `action` allowed at `scope`? Errors come in the order every query checks them
    /// (`resolve`): the scope, a role given without a scope that cannot be held there, the action.
    pub fn can_perform(&self, scope: &str, action: &str) -> Result<bool> {
        let target = self.policy.scope(scope)?;
        let unscoped = self.unscoped_at(target)?;
        Ok(self.decide(target, unscoped, self.policy.action(action)?))
    }

    /// [`Principal::can_perform`] for an action resolved beforehand ([`Principal::action_id`]), for
    /// many decisions about one action. An id of another policy's is never allowed by mistake only
    /// if it is out of range: resolve ids on this principal's engine.
    pub fn can_perform_id(&self, scope: &str, action: ActionId) -> Result<bool> {
        let target = self.policy.scope(scope)?;
        let unscoped = self.unscoped_at(target)?;
        Ok(self.decide(target, unscoped, action.0))
    }

    fn decide(&self, target: Scope<'_>, unscoped: &Permissions, action: u32) -> bool {
        let (mut allowed, mut denied) = (unscoped.allow.get(action), unscoped.deny.get(action));
        for s in target.self_and_ancestors() {
            if let Some(g) = self.scopes.get(s) {
                allowed |= g.allow.get(action);
                denied |= g.deny.get(action);
            }
        }
        allowed && !denied
    }

    /// Is `action` allowed at the scope of at least one assignment (roles held wherever asked count
    /// at every kind they can be held at)? What [`Principal::visible_console_pages`] asks of each
    /// page when no scope is given: "may this user do it anywhere?".
    pub fn can_perform_anywhere(&self, action: &str) -> Result<bool> {
        let action = self.policy.action(action)?;
        Ok(self.grants_at_each_held_scope().iter().any(|g| g.allows_index(action)))
    }

    /// Everything this principal may do at `scope`, for many decisions there.
    pub fn permissions_at(&self, scope: &str) -> Result<Permissions> {
        self.grants_at(self.policy.scope(scope)?)
    }

    /// Resolves an action id once, for [`Permissions::allows`].
    pub fn action_id(&self, action: &str) -> Result<ActionId> {
        self.policy.action(action).map(ActionId)
    }

    /// The pages visible at `scope`, or with no scope, at the scope of at least one assignment.
    pub fn visible_console_pages(&self, scope: Option<&str>) -> Result<Vec<&ConsolePage>> {
        let ids = self.visible_page_indices(scope)?;
        Ok(ids.into_iter().map(|i| &self.policy.doc.pages[i]).collect())
    }

    /// Like [`Principal::visible_console_pages`], as indices into the policy's pages (for hosts
    /// that keep their own page objects, such as the JavaScript bindings).
    pub fn visible_page_indices(&self, scope: Option<&str>) -> Result<Vec<usize>> {
        let candidates = match scope {
            Some(s) => vec![self.grants_at(self.policy.scope(s)?)?],
            None => self.grants_at_each_held_scope(),
        };
        let requirements = &self.policy.requirements;
        Ok((0..requirements.len())
            .filter(|&i| requirements[i].is_none() || candidates.iter().any(|g| g.satisfies(&requirements[i])))
            .collect())
    }

    fn unscoped_at(&self, target: Scope<'_>) -> Result<&Permissions> {
        match &self.unscoped_by_kind[target.kind_index()] {
            Ok(g) => Ok(g),
            Err(role) => Err(self.policy.not_assignable(*role, target)),
        }
    }

    /// Everything in force at `target`: roles held there or above, and unscoped roles.
    fn grants_at(&self, target: Scope<'_>) -> Result<Permissions> {
        let mut g = self.unscoped_at(target)?.clone();
        for s in target.self_and_ancestors() {
            if let Some(held) = self.scopes.get(s) {
                g.add(held);
            }
        }
        Ok(g)
    }

    /// For each scope held at: what is in force there (with unscoped roles, held wherever a page
    /// asks). With only unscoped roles, just those.
    fn grants_at_each_held_scope(&self) -> Vec<Permissions> {
        let n = self.policy.doc.actions.len();
        let mut out: Vec<Permissions> = self
            .scopes
            .keys()
            .map(|s| {
                let mut g = self.unscoped.clone().unwrap_or_else(|| Permissions::empty(n));
                for ancestor in crate::scope::self_and_ancestors(s) {
                    if let Some(held) = self.scopes.get(ancestor) {
                        g.add(held);
                    }
                }
                g
            })
            .collect();
        if out.is_empty() {
            out.extend(self.unscoped.clone());
        }
        out
    }
}
