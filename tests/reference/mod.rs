//! A deliberately naive reference evaluator, written straight from the contract (docs/design.md)
//! and sharing no code with the engine: scope paths are split into segments and compared segment by
//! segment, inheritance is followed by recursion with a visited set, patterns are matched by
//! string prefix, and every question loops over every assignment. A role's `grantsAt` patterns
//! count only where it is held at a scope of that kind (an assignment's own scope; for a role
//! held without a scope, the scope asked, or with none asked, any kind it can be held at). It is slow on purpose: its
//! only job is to be obviously right, so that the compiled engine can be checked against it.
//!
//! A question with several problems (an unknown role and a malformed scope) may be refused for
//! any of them: the reference returns every error code that applies, and the engine's must be one
//! of them, so that a wrong code is caught as well as a wrong answer.
#![allow(dead_code)]

pub mod check;
pub mod generate;

use rolegate::{Assignment, ErrorCode, PolicyDocument, Requirement, RoleInfo};
use std::collections::BTreeSet;

/// The errors a question may fail with. The contract does not say which of several problems is
/// reported first, so the engine's error must be one of these; an answer when there are none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Errors(pub Vec<ErrorCode>);

impl Errors {
    fn add(&mut self, code: ErrorCode) {
        if !self.0.contains(&code) {
            self.0.push(code);
        }
    }

    fn or_else<T>(self, answer: impl FnOnce() -> T) -> RefResult<T> {
        if self.0.is_empty() {
            Ok(answer())
        } else {
            Err(self)
        }
    }

    pub fn allows(&self, code: ErrorCode) -> bool {
        self.0.contains(&code)
    }
}

pub type RefResult<T> = Result<T, Errors>;

/// A scope path split into `(kind, id)` segments, root first.
pub type Segments = Vec<(String, String)>;

pub struct Reference<'a> {
    pub doc: &'a PolicyDocument,
}

/// A resolved assignment: the role, and its scope when it has one.
struct Resolved<'a> {
    role: &'a RoleInfo,
    scope: Option<Segments>,
}

/// Where a role is held, for its `grantsAt`: at one scope kind, or anywhere it can be held.
#[derive(Clone, Copy, Debug)]
pub enum HeldAt {
    Kind(usize),
    Anywhere,
}

impl<'a> Reference<'a> {
    pub fn new(doc: &'a PolicyDocument) -> Self {
        Reference { doc }
    }

    // -----------------------------------------------------------------------------------------
    // Scopes

    /// `kind:id/kind:id/...`, each kind the next one of the policy's list, each id 1 to 128
    /// characters from `A-Z a-z 0-9 - _ . ~ @ +`.
    pub fn parse_scope(&self, text: &str) -> Result<Segments, ErrorCode> {
        let mut segments = Vec::new();
        for (level, part) in text.split('/').enumerate() {
            let Some(expected_kind) = self.doc.scope_kinds.get(level) else {
                return Err(ErrorCode::BadScope);
            };
            let Some(colon) = part.find(':') else {
                return Err(ErrorCode::BadScope);
            };
            let kind = &part[..colon];
            let id = &part[colon + 1..];
            if kind != expected_kind {
                return Err(ErrorCode::BadScope);
            }
            let id_chars: Vec<char> = id.chars().collect();
            if id_chars.is_empty() || id_chars.len() > 128 {
                return Err(ErrorCode::BadScope);
            }
            for c in id_chars {
                let allowed = c.is_ascii_uppercase()
                    || c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || c == '@'
                    || c == '+';
                if !allowed {
                    return Err(ErrorCode::BadScope);
                }
            }
            segments.push((kind.to_string(), id.to_string()));
        }
        Ok(segments)
    }

    /// `outer` is `inner` or one of its ancestors: every segment of `outer` equals the segment of
    /// `inner` at the same level.
    pub fn is_self_or_ancestor(outer: &Segments, inner: &Segments) -> bool {
        if outer.len() > inner.len() {
            return false;
        }
        for i in 0..outer.len() {
            if outer[i] != inner[i] {
                return false;
            }
        }
        true
    }

    /// Index of a path's own (last) kind in the policy's list.
    fn kind_index(segments: &Segments) -> usize {
        segments.len() - 1
    }

    // -----------------------------------------------------------------------------------------
    // Names

    pub fn role(&self, id: &str) -> Result<&'a RoleInfo, ErrorCode> {
        for role in &self.doc.roles {
            if role.id == id {
                return Ok(role);
            }
        }
        Err(ErrorCode::UnknownRole)
    }

    pub fn check_action(&self, id: &str) -> Result<(), ErrorCode> {
        for action in &self.doc.actions {
            if action.id == id {
                return Ok(());
            }
        }
        Err(ErrorCode::UnknownAction)
    }

    fn can_be_held_at(&self, role: &RoleInfo, kind_index: usize) -> bool {
        let kind = &self.doc.scope_kinds[kind_index];
        role.scopes.iter().any(|k| k == kind)
    }

    // -----------------------------------------------------------------------------------------
    // Roles

    /// `*` matches every action; `p.*` every action that starts with `p.`; anything else exactly.
    pub fn pattern_matches(pattern: &str, action: &str) -> bool {
        if pattern == "*" {
            return true;
        }
        if let Some(prefix) = pattern.strip_suffix('*') {
            return action.starts_with(prefix);
        }
        pattern == action
    }

    /// The role and every role it inherits, transitively.
    pub fn lineage(&self, role: &'a RoleInfo) -> Vec<&'a RoleInfo> {
        let mut visited = BTreeSet::new();
        let mut out = Vec::new();
        self.collect_lineage(role, &mut visited, &mut out);
        out
    }

    fn collect_lineage(&self, role: &'a RoleInfo, visited: &mut BTreeSet<String>, out: &mut Vec<&'a RoleInfo>) {
        if !visited.insert(role.id.clone()) {
            return;
        }
        out.push(role);
        for parent in &role.inherits {
            let parent = self.role(parent).expect("a compiled policy inherits only declared roles");
            self.collect_lineage(parent, visited, out);
        }
    }

    /// Some role of the lineage grants the action, held at `kind`: by a grant, or by a grant
    /// for that kind (`grantsAt`).
    pub fn role_grants_at(&self, role: &'a RoleInfo, action: &str, kind: usize) -> bool {
        let kind_name = &self.doc.scope_kinds[kind];
        self.lineage(role).iter().any(|r| {
            let mut patterns: Vec<&String> = r.grants.iter().collect();
            for (k, list) in &r.grants_at {
                if k == kind_name {
                    patterns.extend(list);
                }
            }
            patterns.iter().any(|p| Self::pattern_matches(p, action))
        })
    }

    /// Held at `at`: at a kind, or at any kind the role can be held at.
    pub fn role_grants(&self, role: &'a RoleInfo, action: &str, at: HeldAt) -> bool {
        match at {
            HeldAt::Kind(k) => self.role_grants_at(role, action, k),
            HeldAt::Anywhere => (0..self.doc.scope_kinds.len())
                .any(|k| self.can_be_held_at(role, k) && self.role_grants_at(role, action, k)),
        }
    }

    /// Some role of the lineage denies the action (denies hold wherever the role is held).
    pub fn role_denies(&self, role: &'a RoleInfo, action: &str) -> bool {
        self.lineage(role).iter().any(|r| r.denies.iter().any(|p| Self::pattern_matches(p, action)))
    }

    /// Holding this role alone at a scope of kind `kind` allows the action.
    pub fn role_allows_at(&self, role: &'a RoleInfo, action: &str, kind: usize) -> bool {
        self.role_grants_at(role, action, kind) && !self.role_denies(role, action)
    }

    // -----------------------------------------------------------------------------------------
    // Resolving assignments

    /// Every assignment whose role and scope resolve; an error for each one that does not, and
    /// for each role held at a kind it cannot be held at: its own scope's kind or, unscoped, the
    /// kind of `target` when there is one.
    fn resolve(&self, assignments: &[Assignment], target: Option<&Segments>, errors: &mut Errors) -> Vec<Resolved<'a>> {
        let mut out = Vec::new();
        for a in assignments {
            let Ok(role) = self.role(&a.role).map_err(|e| errors.add(e)) else { continue };
            let scope = match &a.scope {
                Some(text) => match self.parse_scope(text) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        errors.add(e);
                        continue;
                    }
                },
                None => None,
            };
            let kind = match (&scope, target) {
                (Some(s), _) => Some(Self::kind_index(s)),
                (None, Some(t)) => Some(Self::kind_index(t)),
                (None, None) => None,
            };
            if kind.is_some_and(|k| !self.can_be_held_at(role, k)) {
                errors.add(ErrorCode::NotAssignable);
            }
            out.push(Resolved { role, scope });
        }
        out
    }

    fn target(&self, text: &str, errors: &mut Errors) -> Option<Segments> {
        self.parse_scope(text).map_err(|e| errors.add(e)).ok()
    }

    fn action(&self, id: &str, errors: &mut Errors) {
        if let Err(e) = self.check_action(id) {
            errors.add(e);
        }
    }

    /// The assignments in force at `target`: held there, above it, or unscoped.
    fn in_force<'r>(resolved: &'r [Resolved<'a>], target: &Segments) -> Vec<&'r Resolved<'a>> {
        resolved
            .iter()
            .filter(|r| match &r.scope {
                Some(s) => Self::is_self_or_ancestor(s, target),
                None => true,
            })
            .collect()
    }

    /// The decision rule: some assignment in force grants it, and none in force denies it. An
    /// assignment is held at its own scope's kind; one without a scope at `unscoped_at`.
    fn decide(&self, in_force: &[&Resolved<'a>], action: &str, unscoped_at: HeldAt) -> bool {
        let mut granted = false;
        let mut denied = false;
        for r in in_force {
            let at = match &r.scope {
                Some(s) => HeldAt::Kind(Self::kind_index(s)),
                None => unscoped_at,
            };
            if self.role_grants(r.role, action, at) {
                granted = true;
            }
            if self.role_denies(r.role, action) {
                denied = true;
            }
        }
        granted && !denied
    }

    // -----------------------------------------------------------------------------------------
    // Questions

    /// `PolicyEngine::can_perform` (and `explain().allowed`).
    pub fn can_perform(&self, assignments: &[Assignment], scope: &str, action: &str) -> RefResult<bool> {
        let mut errors = Errors::default();
        let target = self.target(scope, &mut errors);
        self.action(action, &mut errors);
        let resolved = self.resolve(assignments, target.as_ref(), &mut errors);
        errors.or_else(|| {
            let target = target.unwrap();
            self.decide(&Self::in_force(&resolved, &target), action, HeldAt::Kind(Self::kind_index(&target)))
        })
    }

    /// The assignments `explain` lists as applicable, as `(role, scope)`.
    pub fn applicable(&self, assignments: &[Assignment], scope: &str) -> Vec<(String, Option<String>)> {
        let target = self.parse_scope(scope).expect("a valid scope");
        assignments
            .iter()
            .filter(|a| match &a.scope {
                Some(s) => Self::is_self_or_ancestor(&self.parse_scope(s).expect("a valid scope"), &target),
                None => true,
            })
            .map(|a| (a.role.clone(), a.scope.clone()))
            .collect()
    }

    /// Making a principal resolves every assignment, with no question scope yet.
    pub fn principal(&self, assignments: &[Assignment]) -> RefResult<()> {
        let mut errors = Errors::default();
        self.resolve(assignments, None, &mut errors);
        errors.or_else(|| ())
    }

    /// Unscoped roles are held at the scope asked: each must be holdable at its kind.
    fn unscoped_holdable(&self, resolved: &[Resolved<'a>], target: &Segments, errors: &mut Errors) {
        for r in resolved {
            if r.scope.is_none() && !self.can_be_held_at(r.role, Self::kind_index(target)) {
                errors.add(ErrorCode::NotAssignable);
            }
        }
    }

    /// `Principal::can_perform`, on a principal that was made without errors.
    pub fn principal_can_perform(&self, assignments: &[Assignment], scope: &str, action: &str) -> RefResult<bool> {
        let mut errors = Errors::default();
        let resolved = self.resolve(assignments, None, &mut Errors::default());
        let target = self.target(scope, &mut errors);
        self.action(action, &mut errors);
        if let Some(t) = &target {
            self.unscoped_holdable(&resolved, t, &mut errors);
        }
        errors.or_else(|| {
            let target = target.unwrap();
            self.decide(&Self::in_force(&resolved, &target), action, HeldAt::Kind(Self::kind_index(&target)))
        })
    }

    /// "Anywhere": the scope of each assignment, with what is in force there (unscoped roles held
    /// at any kind they can be held at); with only unscoped roles, one candidate of them all.
    fn held_scopes<'r>(resolved: &'r [Resolved<'a>]) -> Vec<(Vec<&'r Resolved<'a>>, HeldAt)> {
        let mut candidates = Vec::new();
        for r in resolved {
            if let Some(s) = &r.scope {
                candidates.push((Self::in_force(resolved, s), HeldAt::Anywhere));
            }
        }
        if candidates.is_empty() && !resolved.is_empty() {
            candidates.push((resolved.iter().collect(), HeldAt::Anywhere));
        }
        candidates
    }

    /// `Principal::can_perform_anywhere`, on a principal that was made without errors: allowed at
    /// the scope of at least one assignment.
    pub fn principal_can_perform_anywhere(&self, assignments: &[Assignment], action: &str) -> RefResult<bool> {
        let mut errors = Errors::default();
        let resolved = self.resolve(assignments, None, &mut Errors::default());
        self.action(action, &mut errors);
        errors.or_else(|| Self::held_scopes(&resolved).iter().any(|(in_force, at)| self.decide(in_force, action, *at)))
    }

    fn requirement_holds(&self, requirement: &Option<Requirement>, allows: impl Fn(&str) -> bool) -> bool {
        match requirement {
            None => true,
            Some(Requirement::AnyOf(actions)) => actions.iter().any(|a| allows(a)),
            Some(Requirement::AllOf(actions)) => actions.iter().all(|a| allows(a)),
        }
    }

    /// `visible_console_pages`, as page ids in document order. With a scope: the pages whose
    /// requirement holds there. Without: the pages whose requirement holds at the scope of at
    /// least one assignment, unscoped roles counting at each (held wherever a page asks); with
    /// only unscoped roles, at wherever they are held.
    pub fn visible_pages(&self, assignments: &[Assignment], scope: Option<&str>) -> RefResult<Vec<String>> {
        let mut errors = Errors::default();
        let resolved = self.resolve(assignments, None, &mut errors);
        // Each candidate: the assignments in force there, and where unscoped roles are held.
        let mut candidates: Vec<(Vec<&Resolved<'a>>, HeldAt)> = Vec::new();
        match scope {
            Some(text) => {
                if let Some(target) = self.target(text, &mut errors) {
                    self.unscoped_holdable(&resolved, &target, &mut errors);
                    candidates.push((Self::in_force(&resolved, &target), HeldAt::Kind(Self::kind_index(&target))));
                }
            }
            None => candidates = Self::held_scopes(&resolved),
        }
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let mut out = Vec::new();
        for page in &self.doc.pages {
            let visible = page.requires.is_none()
                || candidates
                    .iter()
                    .any(|(in_force, at)| self.requirement_holds(&page.requires, |a| self.decide(in_force, a, *at)));
            if visible {
                out.push(page.id.clone());
            }
        }
        Ok(out)
    }

    /// `roles_granting`: the roles that, held alone at some kind (with a scope, at its kind or a
    /// kind above it: a grant reaches every scope below), allow the action; in document order.
    pub fn roles_granting(&self, action: &str, scope: Option<&str>) -> RefResult<Vec<String>> {
        let mut errors = Errors::default();
        self.action(action, &mut errors);
        let kind = scope.and_then(|text| self.target(text, &mut errors)).map(|t| Self::kind_index(&t));
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let deepest = kind.unwrap_or(self.doc.scope_kinds.len() - 1);
        let mut out = Vec::new();
        for role in &self.doc.roles {
            if (0..=deepest).any(|k| self.can_be_held_at(role, k) && self.role_allows_at(role, action, k)) {
                out.push(role.id.clone());
            }
        }
        Ok(out)
    }

    /// `billing_seat`: the dearest seat (latest in `seats`) among the roles held at the scope,
    /// above it, below it, or unscoped.
    pub fn billing_seat(&self, assignments: &[Assignment], scope: &str) -> RefResult<Option<String>> {
        let mut errors = Errors::default();
        let target = self.target(scope, &mut errors);
        // A role given without a scope is held at `scope`: it must be one that can be.
        let resolved = self.resolve(assignments, target.as_ref(), &mut errors);
        let Some(target) = target.filter(|_| errors.0.is_empty()) else { return Err(errors) };
        let mut dearest: Option<usize> = None;
        for r in &resolved {
            let counts = match &r.scope {
                None => true,
                Some(s) => Self::is_self_or_ancestor(s, &target) || Self::is_self_or_ancestor(&target, s),
            };
            if !counts {
                continue;
            }
            if let Some(seat) = &r.role.seat {
                let rank = self.doc.seats.iter().position(|s| s == seat).expect("a declared seat");
                if dearest.is_none_or(|d| rank > d) {
                    dearest = Some(rank);
                }
            }
        }
        Ok(dearest.map(|d| self.doc.seats[d].clone()))
    }

    /// `check_assignments`, as `(code, index)` pairs in the engine's order: per assignment,
    /// held-alone first, then each unmet requirement above.
    pub fn violations(&self, assignments: &[Assignment]) -> RefResult<Vec<(String, usize)>> {
        let mut errors = Errors::default();
        let resolved = self.resolve(assignments, None, &mut errors);
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let mut out = Vec::new();
        for (i, r) in resolved.iter().enumerate() {
            if r.role.constraints.held_alone {
                let shares_the_scope =
                    resolved.iter().enumerate().any(|(j, o)| j != i && o.scope == r.scope && o.role.id != r.role.id);
                if shares_the_scope {
                    out.push(("HELD_ALONE".to_string(), i));
                }
            }
            let Some(scope) = &r.scope else { continue };
            for (kind, needed) in &r.role.constraints.requires_above {
                if *kind != self.doc.scope_kinds[Self::kind_index(scope)] {
                    continue;
                }
                let met = resolved.iter().any(|o| {
                    needed.contains(&o.role.id)
                        && o.scope
                            .as_ref()
                            .is_some_and(|s| s.len() < scope.len() && Self::is_self_or_ancestor(s, scope))
                });
                if !met {
                    out.push(("REQUIRES_ROLE_ABOVE".to_string(), i));
                }
            }
        }
        Ok(out)
    }
}
