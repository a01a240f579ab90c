//! Compiles a read [`PolicyDocument`] into the form decisions use: dense action indices, each
//! role's grants and denies resolved through wildcards and inheritance into bit sets, page
//! requirements as action indices. Every reference is checked here and every problem reported, so
//! a decision never meets an unresolved name, walks a role graph or matches a pattern.

use crate::bitset::BitSet;
use crate::document::{PolicyDocument, Requirement};
use crate::error::Problem;
use crate::index::{index_names, SortedMap};
use crate::suggest::did_you_mean;

/// The compiled policy, shared by the engine and every principal made from it.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub doc: PolicyDocument,
    pub action_index: SortedMap<u32>,
    pub role_index: SortedMap<u32>,
    pub roles: Vec<CompiledRole>,
    pub requirements: Vec<Option<CompiledRequirement>>,
}

#[derive(Debug)]
pub(crate) struct CompiledRole {
    /// Everything the role grants wherever it is held, its inherited roles' grants included.
    pub allow: BitSet,
    /// Everything it grants when held at scope kind `k`, for the kinds where that is more than
    /// `allow` (a `grantsAt` of its own or of a role it inherits).
    pub allow_at: Vec<(usize, BitSet)>,
    /// Everything it denies, inherited denies included. Deny overrides allow.
    pub deny: BitSet,
    /// Bit `k` set: the role can be held at scope kind `k`.
    pub kinds: u32,
    /// The roles it inherits directly (explanations walk them; decisions never do).
    pub parents: Vec<u32>,
    pub seat: Option<usize>,
    pub held_alone: bool,
    /// Per scope kind index: roles one of which must be held at an ancestor.
    pub requires_above: Vec<(usize, Vec<u32>)>,
}

impl Compiled {
    /// `role`, then every role it inherits, transitively, each once (for explanations: computed
    /// on demand, so that loading never builds a closure that can grow with the square of the
    /// number of roles).
    pub fn lineage(&self, role: u32) -> Vec<u32> {
        let mut seen = vec![false; self.roles.len()];
        let mut out = vec![role];
        seen[role as usize] = true;
        let mut next = 0;
        while let Some(&r) = out.get(next) {
            next += 1;
            for &p in &self.roles[r as usize].parents {
                if !std::mem::replace(&mut seen[p as usize], true) {
                    out.push(p);
                }
            }
        }
        out
    }
}

impl CompiledRole {
    /// What the role grants when held at scope kind `kind`.
    pub fn allow_at(&self, kind: usize) -> &BitSet {
        self.allow_at.iter().find(|(k, _)| *k == kind).map_or(&self.allow, |(_, set)| set)
    }

    /// Whether holding the role at scope kind `kind` allows the action.
    pub fn grants_at(&self, action: u32, kind: usize) -> bool {
        self.allow_at(kind).get(action) && !self.deny.get(action)
    }

    pub fn assignable_at(&self, kind: usize) -> bool {
        kind < 32 && self.kinds & (1 << kind) != 0
    }
}

#[derive(Debug)]
pub(crate) enum CompiledRequirement {
    AnyOf(Vec<u32>),
    AllOf(Vec<u32>),
}

/// The most scope kinds a policy may declare (a kind set is a `u32` mask).
const MAX_KINDS: usize = 16;

/// How many problems of one policy get a "did you mean": each is a search over the names, and a
/// policy with thousands of broken references must still be refused quickly.
const SUGGESTIONS: usize = 100;

pub(crate) fn compile(doc: PolicyDocument) -> Result<Compiled, Vec<Problem>> {
    let mut c = Compiler { problems: Vec::new(), suggestions_left: SUGGESTIONS };
    let compiled = c.run(doc);
    if c.problems.is_empty() {
        Ok(compiled)
    } else {
        Err(c.problems)
    }
}

struct Compiler {
    problems: Vec<Problem>,
    suggestions_left: usize,
}

impl Compiler {
    fn problem(&mut self, path: String, message: impl Into<String>) {
        self.problems.push(Problem { path, message: message.into() });
    }

    /// An index of unique ids; a repeated id is a problem at its second place.
    fn index<'a>(&mut self, ids: &[&'a str], path: impl Fn(usize) -> String, what: &str) -> SortedMap<u32> {
        let (index, repeated) = index_names(ids.iter().copied());
        for i in repeated {
            self.problem(path(i as usize), format!("{what} `{}` is declared twice", ids[i as usize]));
        }
        index
    }

    fn run(&mut self, doc: PolicyDocument) -> Compiled {
        let kinds = &doc.scope_kinds;
        if kinds.is_empty() {
            self.problem("/scopeKinds".into(), "declares no scope kind; list them root first, e.g. [\"organization\", \"account\"]");
        }
        if kinds.len() > MAX_KINDS {
            self.problem("/scopeKinds".into(), format!("declares {} kinds; the limit is {MAX_KINDS}", kinds.len()));
        }
        let kind_index = self.index(&names(kinds), |i| format!("/scopeKinds/{i}"), "scope kind");
        let seat_index = self.index(&names(&doc.seats), |i| format!("/seats/{i}"), "seat class");
        let action_ids: Vec<&str> = doc.actions.iter().map(|a| a.id.as_str()).collect();
        let action_index = self.index(&action_ids, |i| format!("/actions/{i}/id"), "action");
        let role_ids: Vec<&str> = doc.roles.iter().map(|r| r.id.as_str()).collect();
        let role_index = self.index(&role_ids, |i| format!("/roles/{i}/id"), "role");

        // Each role's own grants and denies, and the references it makes.
        let n_actions = doc.actions.len();
        let mut roles = Vec::with_capacity(doc.roles.len());
        for (i, role) in doc.roles.iter().enumerate() {
            let path = format!("/roles/{i}");
            let mut kinds_mask = 0u32;
            if role.scopes.is_empty() {
                self.problem(format!("{path}/scopes"), "is empty: the role could not be held anywhere");
            }
            for (j, kind) in role.scopes.iter().enumerate() {
                match kind_index.get(kind) {
                    Some(&k) => kinds_mask |= 1 << k,
                    None => self.unknown(format!("{path}/scopes/{j}"), "scope kind", kind, kinds.iter()),
                }
            }
            let mut allow = BitSet::new(n_actions);
            for (j, pattern) in role.grants.iter().enumerate() {
                self.expand(&action_index, pattern, &format!("{path}/grants/{j}"), &mut allow);
            }
            let mut allow_at: Vec<(usize, BitSet)> = Vec::new();
            for (kind, patterns) in &role.grants_at {
                let kpath = format!("{path}/grantsAt/{kind}");
                let Some(&k) = kind_index.get(kind) else {
                    self.unknown(kpath, "scope kind", kind, kinds.iter());
                    continue;
                };
                if !role.scopes.contains(kind) {
                    self.problem(kpath.clone(), format!("role `{}` cannot be held at `{kind}`; add it to `scopes`", role.id));
                }
                let mut set = BitSet::new(n_actions);
                for (j, pattern) in patterns.iter().enumerate() {
                    self.expand(&action_index, pattern, &format!("{kpath}/{j}"), &mut set);
                }
                allow_at.push((k as usize, set));
            }
            let mut deny = BitSet::new(n_actions);
            for (j, pattern) in role.denies.iter().enumerate() {
                self.expand(&action_index, pattern, &format!("{path}/denies/{j}"), &mut deny);
            }
            if let Some(product) = &role.product {
                let prefix = format!("{product}.");
                let outside = allow
                    .ones()
                    .chain(allow_at.iter().flat_map(|(_, set)| set.ones()))
                    .find(|&a| !doc.actions[a as usize].id.starts_with(&prefix));
                if let Some(outside) = outside {
                    self.problem(
                        format!("{path}/grants"),
                        format!(
                            "role `{}` belongs to product `{product}` but grants `{}`; a product role grants only `{prefix}*` actions",
                            role.id, doc.actions[outside as usize].id
                        ),
                    );
                }
            }
            let mut role_parents = Vec::new();
            for (j, parent) in role.inherits.iter().enumerate() {
                match role_index.get(parent) {
                    Some(&p) if p as usize == i => self.problem(format!("{path}/inherits/{j}"), format!("role `{parent}` inherits itself")),
                    Some(&p) => role_parents.push(p),
                    None => self.unknown(format!("{path}/inherits/{j}"), "role", parent, doc.roles.iter().map(|r| &r.id)),
                }
            }
            let seat = role.seat.as_ref().and_then(|s| match seat_index.get(s) {
                Some(&k) => Some(k as usize),
                None => {
                    self.unknown(format!("{path}/seat"), "seat class (declare it in the top-level `seats`)", s, doc.seats.iter());
                    None
                }
            });
            let mut requires_above = Vec::new();
            for (kind, needed) in &role.constraints.requires_above {
                let cpath = format!("{path}/constraints/requiresAbove/{kind}");
                let Some(&k) = kind_index.get(kind) else {
                    self.unknown(cpath, "scope kind", kind, kinds.iter());
                    continue;
                };
                let mut ids = Vec::new();
                for (j, r) in needed.iter().enumerate() {
                    match role_index.get(r) {
                        Some(&r) => ids.push(r),
                        None => self.unknown(format!("{cpath}/{j}"), "role", r, doc.roles.iter().map(|r| &r.id)),
                    }
                }
                requires_above.push((k as usize, ids));
            }
            roles.push(CompiledRole {
                allow,
                allow_at,
                deny,
                kinds: kinds_mask,
                parents: role_parents,
                seat,
                held_alone: role.constraints.held_alone,
                requires_above,
            });
        }

        self.resolve_inheritance(&doc, &mut roles);
        let requirements = self.pages(&doc, &action_index, &kind_index);
        Compiled { doc, action_index, role_index, roles, requirements }
    }

    /// A "did you mean" for `name`, while the policy's budget of suggestions lasts.
    fn suggest<'a>(&mut self, name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
        self.suggestions_left = self.suggestions_left.checked_sub(1)?;
        did_you_mean(name, known)
    }

    fn unknown<'a>(&mut self, path: String, what: &str, name: &str, known: impl Iterator<Item = &'a String>) {
        let mut message = format!("unknown {what} `{name}`");
        if let Some(help) = self.suggest(name, known.map(String::as_str)) {
            message = format!("{message}; {help}");
        }
        self.problem(path, message);
    }

    /// Sets the bit of every action a pattern covers: an exact id, or a run of sorted ids that
    /// share the prefix before `*`.
    fn expand(&mut self, actions: &SortedMap<u32>, pattern: &str, path: &str, into: &mut BitSet) {
        let mut matched = false;
        match pattern.strip_suffix('*') {
            Some(prefix) => actions.with_prefix(prefix).for_each(|&a| {
                matched = true;
                into.set(a);
            }),
            None => actions.get(pattern).into_iter().for_each(|&a| {
                matched = true;
                into.set(a);
            }),
        }
        if !matched {
            let mut message = format!("pattern `{pattern}` matches no declared action");
            if let Some(help) = self.suggest(pattern, actions.keys()) {
                message = format!("{message}; {help}");
            }
            self.problem(path.to_owned(), message);
        }
    }

    /// Folds every role's inherited grants and denies into its own, in dependency order, and
    /// reports each cycle once with the roles on it.
    fn resolve_inheritance(&mut self, doc: &PolicyDocument, roles: &mut [CompiledRole]) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut mark = vec![Mark::New; roles.len()];
        let mut order = Vec::with_capacity(roles.len());
        for start in 0..roles.len() {
            if mark[start] != Mark::New {
                continue;
            }
            // Iterative depth-first search: a long inheritance chain cannot overflow the stack.
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            mark[start] = Mark::Open;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&p) = roles[node].parents.get(*next) {
                    *next += 1;
                    let p = p as usize;
                    match mark[p] {
                        Mark::New => {
                            mark[p] = Mark::Open;
                            stack.push((p, 0));
                        }
                        Mark::Open => {
                            let from = stack.iter().position(|&(n, _)| n == p).unwrap_or(0);
                            let cycle: Vec<&str> =
                                stack[from..].iter().map(|&(n, _)| doc.roles[n].id.as_str()).chain([doc.roles[p].id.as_str()]).collect();
                            self.problem(format!("/roles/{node}/inherits"), format!("inheritance cycle: {}", cycle.join(" → ")));
                        }
                        Mark::Done => {}
                    }
                } else {
                    mark[node] = Mark::Done;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        if !self.problems.is_empty() {
            return;
        }
        // `order` lists every role after all the roles it inherits.
        for &r in &order {
            // Taken out while `roles` changes, put back below.
            let parents = std::mem::take(&mut roles[r].parents);
            for &p in &parents {
                let (role, parent) = pair_mut(roles, r, p as usize);
                role.allow.union_with(&parent.allow);
                role.deny.union_with(&parent.deny);
            }
            // Held at kind k, the role grants all it grants anywhere, its own grants at k, and
            // what each inherited role grants when held at k.
            let mut kinds: Vec<usize> = roles[r].allow_at.iter().map(|(k, _)| *k).collect();
            for &p in &parents {
                kinds.extend(roles[p as usize].allow_at.iter().map(|(k, _)| *k));
            }
            kinds.sort_unstable();
            kinds.dedup();
            let allow_at: Vec<(usize, BitSet)> = kinds
                .into_iter()
                .map(|k| {
                    let mut set = roles[r].allow_at(k).clone();
                    set.union_with(&roles[r].allow);
                    for &p in &parents {
                        set.union_with(roles[p as usize].allow_at(k));
                    }
                    (k, set)
                })
                .collect();
            roles[r].allow_at = allow_at;
            roles[r].parents = parents;
        }
    }

    fn pages(
        &mut self,
        doc: &PolicyDocument,
        action_index: &SortedMap<u32>,
        kind_index: &SortedMap<u32>,
    ) -> Vec<Option<CompiledRequirement>> {
        let page_ids: Vec<&str> = doc.pages.iter().map(|p| p.id.as_str()).collect();
        let page_index = self.index(&page_ids, |i| format!("/pages/{i}/id"), "page");
        let mut requirements = Vec::with_capacity(doc.pages.len());
        for (i, page) in doc.pages.iter().enumerate() {
            let path = format!("/pages/{i}");
            if let Some(parent) = &page.parent {
                if !page_index.get(parent).is_some_and(|&p| (p as usize) < i) {
                    let mut message = format!("parent `{parent}` is not a page declared before this one");
                    if let Some(help) = self.suggest(parent, doc.pages[..i].iter().map(|p| p.id.as_str())) {
                        message = format!("{message}; {help}");
                    }
                    self.problem(format!("{path}/parent"), message);
                }
            }
            if !kind_index.contains(&page.scope_kind) {
                self.unknown(format!("{path}/scopeKind"), "scope kind", &page.scope_kind, doc.scope_kinds.iter());
            }
            requirements.push(page.requires.as_ref().map(|req| {
                let key = match req {
                    Requirement::AnyOf(_) => "anyOf",
                    Requirement::AllOf(_) => "allOf",
                };
                let mut ids = Vec::new();
                for (j, action) in req.actions().iter().enumerate() {
                    match action_index.get(action) {
                        Some(&a) => ids.push(a),
                        None => self.unknown(format!("{path}/requires/{key}/{j}"), "action", action, doc.actions.iter().map(|a| &a.id)),
                    }
                }
                match req {
                    Requirement::AnyOf(_) => CompiledRequirement::AnyOf(ids),
                    Requirement::AllOf(_) => CompiledRequirement::AllOf(ids),
                }
            }));
        }
        requirements
    }
}

/// Whether a grant pattern covers an action (for explanations; decisions use the bit sets).
pub(crate) fn pattern_matches(pattern: &str, action: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => action.starts_with(prefix),
        None => pattern == action,
    }
}

fn names(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// `roles[r]` to change and `roles[p]` to read, for `r != p` (a role never inherits itself:
/// that is refused before inheritance is resolved).
fn pair_mut(roles: &mut [CompiledRole], r: usize, p: usize) -> (&mut CompiledRole, &CompiledRole) {
    if r < p {
        let (low, high) = roles.split_at_mut(p);
        (&mut low[r], &high[0])
    } else {
        let (low, high) = roles.split_at_mut(r);
        (&mut high[0], &low[p])
    }
}
