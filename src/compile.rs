//! Compiles a read [`PolicyDocument`] into the form decisions use: dense action indices, each
//! role's grants and denies resolved through wildcards and inheritance into bit sets, page
//! requirements as action indices. Every reference is checked here and every problem reported, so
//! a decision never meets an unresolved name, walks a role graph or matches a pattern.
//!
//! A document the reader found problems in is compiled all the same, so that its independent
//! problems are reported together; what only follows from a part the reader could not read (its
//! [`Gaps`]) is not.

use crate::bitset::{BitSet, SparseSet};
use crate::error::Problem;
use crate::index::{index_names, SortedMap};
use crate::model::{PolicyDocument, Requirement, RoleInfo};
use crate::pointer::Pointer;
use crate::reader::{Gaps, Read};
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
    pub deny: SparseSet,
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

impl Compiled {
    /// The roles whose holding allows `action` at a scope of kind `kind`, held there or at a kind
    /// above it (a grant reaches every scope below it); with no kind, held anywhere.
    pub fn roles_granting(&self, action: u32, kind: Option<usize>) -> impl Iterator<Item = u32> + '_ {
        let deepest = kind.unwrap_or(self.doc.scope_kinds.len().saturating_sub(1));
        (0..self.roles.len() as u32).filter(move |&r| {
            let role = &self.roles[r as usize];
            (0..=deepest).any(|k| role.assignable_at(k) && role.grants_at(action, k))
        })
    }
}

impl CompiledRole {
    /// What stands in for a role the reader could not read: it grants, denies and inherits
    /// nothing, and can be held nowhere.
    fn stand_in(actions: usize) -> Self {
        CompiledRole {
            allow: BitSet::new(actions),
            allow_at: Vec::new(),
            deny: SparseSet::default(),
            kinds: 0,
            parents: Vec::new(),
            seat: None,
            held_alone: false,
            requires_above: Vec::new(),
        }
    }

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

/// Compiles what the reader read; `Err` with every problem, the reader's first.
pub(crate) fn compile(read: Read) -> Result<Compiled, Vec<Problem>> {
    let Read { doc, problems, gaps } = read;
    let mut c = Compiler { problems, gaps, suggestions_left: SUGGESTIONS, products: Vec::new() };
    let compiled = c.run(doc);
    if c.problems.is_empty() {
        Ok(compiled)
    } else {
        Err(c.problems)
    }
}

struct Compiler {
    problems: Vec<Problem>,
    /// What the reader could not read.
    gaps: Gaps,
    suggestions_left: usize,
    /// Each product's actions, sorted by product: worked out at the first role of the product.
    products: Vec<(Box<str>, BitSet)>,
}

/// What kind of name a reference names, for "unknown …" problems.
#[derive(Clone, Copy)]
enum Name {
    ScopeKind,
    Seat,
    Action,
    Role,
}

impl Name {
    fn describe(self) -> &'static str {
        match self {
            Name::ScopeKind => "scope kind",
            Name::Seat => "seat class (declare it in the top-level `seats`)",
            Name::Action => "action",
            Name::Role => "role",
        }
    }
}

/// The policy's names, indexed: what a role's references resolve against.
struct Names {
    kinds: SortedMap<u32>,
    seats: SortedMap<u32>,
    actions: SortedMap<u32>,
    roles: SortedMap<u32>,
}

impl Compiler {
    fn problem(&mut self, at: &Pointer, message: impl Into<String>) {
        self.problems.push(Problem { path: at.render(), message: message.into() });
    }

    /// An index of unique ids; a repeated id is a problem at its second place (`/{list}/{i}`,
    /// then `/id` for a list of objects). `sorted` for prefix queries and listing; otherwise for
    /// exact lookups only.
    fn index(&mut self, ids: &[&str], list: &str, id_key: Option<&str>, what: &str, sorted: bool) -> SortedMap<u32> {
        let (index, repeated) = index_names(ids, sorted);
        // Stand-ins for items whose id could not be read have none; their problems are reported.
        for i in repeated.into_iter().filter(|&i| !ids[i as usize].is_empty()) {
            let list = Pointer::Root.key(list);
            let item = list.index(i as usize);
            let at = match id_key {
                Some(key) => item.key(key),
                None => item,
            };
            self.problem(&at, format!("{what} `{}` is declared twice", ids[i as usize]));
        }
        index
    }

    fn run(&mut self, doc: PolicyDocument) -> Compiled {
        let kinds = &doc.scope_kinds;
        let kinds_at = Pointer::Root.key("scopeKinds");
        if kinds.is_empty() && !self.gaps.scope_kinds {
            self.problem(
                &kinds_at,
                "declares no scope kind; list them root first, e.g. [\"organization\", \"account\"]",
            );
        }
        if kinds.len() > MAX_KINDS {
            self.problem(&kinds_at, format!("declares {} kinds; the limit is {MAX_KINDS}", kinds.len()));
        }
        let kind_index = self.index(&names(kinds), "scopeKinds", None, "scope kind", false);
        let seat_index = self.index(&names(&doc.seats), "seats", None, "seat class", false);
        let action_ids: Vec<&str> = doc.actions.iter().map(|a| a.id.as_str()).collect();
        // An action may be a plain string or an object: the item itself is where both point.
        // Sorted: grant patterns cover runs of it (`studio.*`), and "did you mean" lists it.
        let action_index = self.index(&action_ids, "actions", None, "action", true);
        let role_ids: Vec<&str> = doc.roles.iter().map(|r| r.id.as_str()).collect();
        let role_index = self.index(&role_ids, "roles", Some("id"), "role", false);

        // Each role's own grants and denies, and the references it makes.
        let names = Names { kinds: kind_index, seats: seat_index, actions: action_index, roles: role_index };
        let roles_at = Pointer::Root.key("roles");
        let mut roles = Vec::with_capacity(doc.roles.len());
        for (i, role) in doc.roles.iter().enumerate() {
            let compiled = if self.gaps.roles.is_broken(i) {
                // A stand-in: the role's problems were reported by the reader.
                CompiledRole::stand_in(doc.actions.len())
            } else {
                self.role(&doc, &names, i, role, &roles_at.index(i))
            };
            roles.push(compiled);
        }
        let Names { kinds: kind_index, actions: action_index, roles: role_index, .. } = names;

        if self.resolve_inheritance(&doc, &mut roles) && !self.gaps.actions {
            self.confine_inherited(&doc, &action_index, &roles);
        }
        let requirements = self.pages(&doc, &action_index, &kind_index);
        Compiled { doc, action_index, role_index, roles, requirements }
    }

    /// Compiles one role's own grants, denies and references (inheritance comes after). A call of
    /// its own, not inlined into the loop over roles: V8 compiles a wasm function for its
    /// optimizing tier only between calls, so work done per role in a call of its own gets there
    /// while a large policy loads (BENCHMARKS.md, "Large policy").
    #[inline(never)]
    fn role(&mut self, doc: &PolicyDocument, names: &Names, i: usize, role: &RoleInfo, at: &Pointer) -> CompiledRole {
        let (kinds, n_actions) = (&doc.scope_kinds, doc.actions.len());
        let Names { kinds: kind_index, seats: seat_index, actions: action_index, roles: role_index } = names;
        let mut kinds_mask = 0u32;
        let scopes_at = at.key("scopes");
        if role.scopes.is_empty() {
            self.problem(&scopes_at, "is empty: the role could not be held anywhere");
        }
        for (j, kind) in role.scopes.iter().enumerate() {
            match kind_index.get(kind) {
                Some(&k) => kinds_mask |= 1u32.checked_shl(k).unwrap_or(0),
                None => self.unknown(&scopes_at.index(j), Name::ScopeKind, kind, kinds.iter()),
            }
        }
        let allow = self.expand_all(action_index, n_actions, &role.grants, &at.key("grants"));
        let mut allow_at: Vec<(usize, BitSet)> = Vec::new();
        let grants_at = at.key("grantsAt");
        for (kind, patterns) in &role.grants_at {
            let kind_at = grants_at.key(kind);
            let Some(&k) = kind_index.get(kind) else {
                self.unknown(&kind_at, Name::ScopeKind, kind, kinds.iter());
                continue;
            };
            if !role.scopes.contains(kind) {
                self.problem(&kind_at, format!("role `{}` cannot be held at `{kind}`; add it to `scopes`", role.id));
            }
            let set = self.expand_all(action_index, n_actions, patterns, &kind_at);
            allow_at.push((k as usize, set));
        }
        // Few roles deny anything; the others keep an empty set, which costs no words.
        let deny = if role.denies.is_empty() {
            SparseSet::default()
        } else {
            SparseSet::of(&self.expand_all(action_index, n_actions, &role.denies, &at.key("denies")))
        };
        if let (Some(product), false) = (&role.product, self.gaps.actions) {
            let own = self.product_actions(action_index, n_actions, product);
            let outside =
                allow.first_not_in(own).or_else(|| allow_at.iter().find_map(|(_, set)| set.first_not_in(own)));
            if let Some(outside) = outside {
                let action = &doc.actions[outside as usize].id;
                self.problem(
                    &at.key("grants"),
                    format!(
                        "role `{}` belongs to product `{product}` but grants `{action}`; a product role grants only `{product}.*` actions",
                        role.id
                    ),
                );
            }
        }
        let mut role_parents = Vec::with_capacity(role.inherits.len());
        let inherits_at = at.key("inherits");
        for (j, parent) in role.inherits.iter().enumerate() {
            match role_index.get(parent) {
                Some(&p) if p as usize == i => {
                    self.problem(&inherits_at.index(j), format!("role `{parent}` inherits itself"))
                }
                Some(&p) => role_parents.push(p),
                None => self.unknown(&inherits_at.index(j), Name::Role, parent, doc.roles.iter().map(|r| &r.id)),
            }
        }
        let seat = role.seat.as_ref().and_then(|s| match seat_index.get(s) {
            Some(&k) => Some(k as usize),
            None => {
                self.unknown(&at.key("seat"), Name::Seat, s, doc.seats.iter());
                None
            }
        });
        let mut requires_above = Vec::new();
        let constraints_at = at.key("constraints");
        let requires_at = constraints_at.key("requiresAbove");
        for (kind, needed) in &role.constraints.requires_above {
            let kind_at = requires_at.key(kind);
            let Some(&k) = kind_index.get(kind) else {
                self.unknown(&kind_at, Name::ScopeKind, kind, kinds.iter());
                continue;
            };
            let mut ids = Vec::new();
            for (j, r) in needed.iter().enumerate() {
                match role_index.get(r) {
                    Some(&r) => ids.push(r),
                    None => self.unknown(&kind_at.index(j), Name::Role, r, doc.roles.iter().map(|r| &r.id)),
                }
            }
            requires_above.push((k as usize, ids));
        }
        CompiledRole {
            allow,
            allow_at,
            deny,
            kinds: kinds_mask,
            parents: role_parents,
            seat,
            held_alone: role.constraints.held_alone,
            requires_above,
        }
    }

    /// The actions of `product`, those whose id starts with `product.`: one run of the sorted ids.
    /// A set per product, so that checking a role against it is a pass over words, not a string
    /// comparison per action the role grants.
    fn product_actions(&mut self, actions: &SortedMap<u32>, n_actions: usize, product: &str) -> &BitSet {
        let i = match self.products.binary_search_by(|(p, _)| (**p).cmp(product)) {
            Ok(i) => i,
            Err(i) => {
                let mut set = BitSet::new(n_actions);
                for &a in actions.with_prefix(&format!("{product}.")) {
                    set.set(a);
                }
                self.products.insert(i, (product.into(), set));
                i
            }
        };
        &self.products[i].1
    }

    /// A "did you mean" for `name`, while the policy's budget of suggestions lasts.
    fn suggest<'a>(&mut self, name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
        self.suggestions_left = self.suggestions_left.checked_sub(1)?;
        did_you_mean(name, known)
    }

    /// "unknown …" at `at`, unless it only follows from a part of the document the reader could
    /// not read.
    fn unknown<'a>(&mut self, at: &Pointer, what: Name, name: &str, known: impl Iterator<Item = &'a String>) {
        let follows_from_a_gap = match what {
            Name::ScopeKind => self.gaps.scope_kinds,
            Name::Seat => self.gaps.seats,
            Name::Action => self.gaps.actions,
            Name::Role => self.gaps.roles.unnamed,
        };
        if follows_from_a_gap {
            return;
        }
        let help = self.suggest(name, known.map(String::as_str));
        self.problem(at, with_help(format!("unknown {} `{name}`", what.describe()), help));
    }

    /// The actions the patterns of the list at `at` cover.
    fn expand_all(&mut self, actions: &SortedMap<u32>, n_actions: usize, patterns: &[String], at: &Pointer) -> BitSet {
        let mut set = BitSet::new(n_actions);
        for (j, pattern) in patterns.iter().enumerate() {
            self.expand(actions, pattern, &at.index(j), &mut set);
        }
        set
    }

    /// Sets the bit of every action a pattern covers: an exact id, or a run of sorted ids that
    /// share the prefix before `*`.
    fn expand(&mut self, actions: &SortedMap<u32>, pattern: &str, at: &Pointer, into: &mut BitSet) {
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
        if !matched && !self.gaps.actions {
            let help = self.suggest(pattern, actions.keys());
            self.problem(at, with_help(format!("pattern `{pattern}` matches no declared action"), help));
        }
    }

    /// A product role reaches no further than its product through the roles it inherits either
    /// (its own grants were checked with the role): the first inherited role that brings an action
    /// of another product is named.
    fn confine_inherited(&mut self, doc: &PolicyDocument, actions: &SortedMap<u32>, roles: &[CompiledRole]) {
        for (i, (info, role)) in doc.roles.iter().zip(roles).enumerate() {
            let Some(product) = &info.product else {
                continue;
            };
            if role.parents.is_empty() {
                continue;
            }
            let own = self.product_actions(actions, doc.actions.len(), product);
            let outside = |r: &CompiledRole| {
                r.allow.first_not_in(own).or_else(|| r.allow_at.iter().find_map(|(_, set)| set.first_not_in(own)))
            };
            if outside(role).is_none() {
                continue;
            }
            let Some((j, parent, action)) =
                role.parents.iter().enumerate().find_map(|(j, &p)| Some((j, p, outside(&roles[p as usize])?)))
            else {
                continue;
            };
            let message = format!(
                "role `{}` belongs to product `{product}` but inherits `{}` from `{}`; a product role grants only `{product}.*` actions",
                info.id, doc.actions[action as usize].id, doc.roles[parent as usize].id
            );
            let roles_at = Pointer::Root.key("roles");
            let role_at = roles_at.index(i);
            self.problem(&role_at.key("inherits").index(j), message);
        }
    }

    /// Folds every role's inherited grants and denies into its own, in dependency order, and
    /// reports each cycle once with the roles on it. Whether it folded them (not when there is a
    /// cycle).
    fn resolve_inheritance(&mut self, doc: &PolicyDocument, roles: &mut [CompiledRole]) -> bool {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut mark = vec![Mark::New; roles.len()];
        let mut cycles = false;
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
                            let cycle: Vec<&str> = stack[from..]
                                .iter()
                                .map(|&(n, _)| doc.roles[n].id.as_str())
                                .chain([doc.roles[p].id.as_str()])
                                .collect();
                            let roles_at = Pointer::Root.key("roles");
                            let role_at = roles_at.index(node);
                            self.problem(&role_at.key("inherits"), format!("inheritance cycle: {}", cycle.join(" → ")));
                            cycles = true;
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
        if cycles {
            return false;
        }
        // `order` lists every role after all the roles it inherits.
        for &r in &order {
            inherit(roles, r);
        }
        true
    }

    fn pages(
        &mut self,
        doc: &PolicyDocument,
        action_index: &SortedMap<u32>,
        kind_index: &SortedMap<u32>,
    ) -> Vec<Option<CompiledRequirement>> {
        let page_ids: Vec<&str> = doc.pages.iter().map(|p| p.id.as_str()).collect();
        let page_index = self.index(&page_ids, "pages", Some("id"), "page", false);
        let mut requirements = Vec::with_capacity(doc.pages.len());
        let pages_at = Pointer::Root.key("pages");
        for (i, page) in doc.pages.iter().enumerate() {
            if self.gaps.pages.is_broken(i) {
                requirements.push(None);
                continue;
            }
            let at = pages_at.index(i);
            if let Some(parent) = &page.parent {
                if page_index.get(parent).is_none_or(|&p| (p as usize) >= i) && !self.gaps.pages.unnamed {
                    let help = self.suggest(parent, doc.pages[..i].iter().map(|p| p.id.as_str()));
                    let message = format!("parent `{parent}` is not a page declared before this one");
                    self.problem(&at.key("parent"), with_help(message, help));
                }
            }
            if !kind_index.contains(&page.scope_kind) {
                self.unknown(&at.key("scopeKind"), Name::ScopeKind, &page.scope_kind, doc.scope_kinds.iter());
            }
            requirements.push(page.requires.as_ref().map(|req| {
                let requires_at = at.key("requires");
                let list_at = requires_at.key(req.key());
                let mut ids = Vec::with_capacity(req.actions().len());
                for (j, action) in req.actions().iter().enumerate() {
                    match action_index.get(action) {
                        Some(&a) => ids.push(a),
                        None => {
                            self.unknown(&list_at.index(j), Name::Action, action, doc.actions.iter().map(|a| &a.id))
                        }
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

/// Folds into role `r` what its parents grant and deny, theirs already folded. A call of its own
/// per role, for the reason [`Compiler::role`] gives.
#[inline(never)]
fn inherit(roles: &mut [CompiledRole], r: usize) {
    // Taken out while `roles` changes, put back below.
    let parents = std::mem::take(&mut roles[r].parents);
    for &p in &parents {
        let (role, parent) = pair_mut(roles, r, p as usize);
        role.allow.union_with(&parent.allow);
        role.deny.union_with(&parent.deny);
    }
    // Held at kind k, the role grants all it grants anywhere, its own grants at k, and what each
    // inherited role grants when held at k; for the kinds (< 16, a mask) where that is more.
    let kinds = parents
        .iter()
        .flat_map(|&p| &roles[p as usize].allow_at)
        .chain(&roles[r].allow_at)
        .fold(0u32, |mask, (k, _)| mask | 1 << k);
    let allow_at: Vec<(usize, BitSet)> = (0..MAX_KINDS)
        .filter(|k| kinds & 1 << k != 0)
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

/// Whether a grant pattern covers an action (for explanations; decisions use the bit sets).
pub(crate) fn pattern_matches(pattern: &str, action: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => action.starts_with(prefix),
        None => pattern == action,
    }
}

/// A message, with "; did you mean …" when there is a suggestion.
fn with_help(message: String, help: Option<String>) -> String {
    match help {
        Some(help) => format!("{message}; {help}"),
        None => message,
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
