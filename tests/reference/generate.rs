//! Random policies, principals and questions, drawn from a stream of bytes. The same generator
//! feeds proptest (a random byte vector, which proptest shrinks towards shorter and smaller bytes,
//! that is towards smaller policies) and the fuzzer (its input bytes), so a case found by either
//! replays in the other. When the bytes run out every choice is 0, the simplest option.
//!
//! The names are chosen to collide in the ways that break naive code: ids that share a string
//! prefix (`A`, `A1`, `AB`) and differ only by case (`a`), products that share a prefix (`a`,
//! `ab`), two-segment actions next to three-segment ones (`a.x`, `a.x.r`).
#![allow(dead_code)]

use rolegate::{ActionInfo, Assignment, ConsolePage, Constraints, PolicyDocument, Requirement, RoleInfo};

pub const KINDS: [&str; 4] = ["organization", "account", "subaccount", "project"];
pub const IDS: [&str; 5] = ["A", "A1", "B", "AB", "a"];
const PRODUCTS: [&str; 3] = ["a", "ab", "b"];
const RESOURCES: [&str; 2] = ["x", "xy"];
const VERBS: [&str; 2] = ["r", "w"];
const SEATS: [&str; 3] = ["free", "standard", "pro"];

/// Choices drawn from bytes; 0 once they run out.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (0 when `n` is 0 or 1).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let wide = u16::from(self.byte()) << 8 | u16::from(self.byte());
        wide as usize % n
    }

    /// True with the given percent chance (false once the bytes run out).
    pub fn chance(&mut self, percent: u8) -> bool {
        (self.byte() % 100) < percent
    }

    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    pub fn remaining(&self) -> &'a [u8] {
        &self.data[self.pos.min(self.data.len())..]
    }
}

/// A policy, who holds what, and the questions to ask.
#[derive(Clone, Debug)]
pub struct Case {
    pub doc: PolicyDocument,
    pub assignments: Vec<Assignment>,
    /// `(scope, action)` pairs; a few are malformed or unknown on purpose.
    pub queries: Vec<(String, String)>,
}

/// A scope path of `depth` levels with ids from the colliding pool.
pub fn scope_path(kinds: &[String], depth: usize, b: &mut Bytes) -> String {
    (0..depth).map(|level| format!("{}:{}", kinds[level], b.pick(&IDS))).collect::<Vec<_>>().join("/")
}

/// Every path of the policy's kinds over the id pool (up to 5^4 = 625).
pub fn all_scopes(kinds: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut level: Vec<String> = vec![String::new()];
    for kind in kinds {
        let next: Vec<String> = level
            .iter()
            .flat_map(|parent| {
                IDS.iter().map(
                    move |id| if parent.is_empty() { format!("{kind}:{id}") } else { format!("{parent}/{kind}:{id}") },
                )
            })
            .collect();
        out.extend(next.iter().cloned());
        level = next;
    }
    out
}

/// Scope strings that are not valid paths of a policy with these kinds.
fn malformed_scope(kinds: &[String], b: &mut Bytes) -> String {
    let root = &kinds[0];
    let options = [
        String::new(),
        format!("{root}:"),
        format!("{root}:A/"),
        format!("{root}:A b"),
        format!("{root}:A\0"),
        format!("{root}:A/{root}:B"),
        format!("{root}:\u{0410}"), // Cyrillic capital A, a look-alike of `A`
        "nokind:A".to_string(),
        format!("{}:A", root.to_uppercase()),
        format!("{root}:{}", "A".repeat(129)),
        format!("{root}A"),
        (0..=kinds.len()).map(|_| format!("{root}:A")).collect::<Vec<_>>().join("/"),
    ];
    b.pick(&options).clone()
}

/// A pattern that matches at least one declared action (anything else is a policy error).
fn pattern(actions: &[String], b: &mut Bytes) -> String {
    let action = b.pick(actions);
    let segments: Vec<&str> = action.split('.').collect();
    match b.below(8) {
        0 => "*".to_string(),
        1 | 2 => format!("{}.*", segments[0]),
        3 if segments.len() > 2 => format!("{}.{}.*", segments[0], segments[1]),
        _ => action.clone(),
    }
}

/// A random, valid policy document.
pub fn policy(b: &mut Bytes) -> PolicyDocument {
    let kinds: Vec<String> = KINDS[..1 + b.below(KINDS.len())].iter().map(|k| k.to_string()).collect();

    let mut actions: Vec<String> = Vec::new();
    for _ in 0..1 + b.below(10) {
        let mut id = format!("{}.{}", b.pick(&PRODUCTS), b.pick(&RESOURCES));
        if b.chance(60) {
            id = format!("{id}.{}", b.pick(&VERBS));
        }
        if !actions.contains(&id) {
            actions.push(id);
        }
    }

    // Role `k` may inherit only roles generated before it, so there is no cycle; the roles are
    // then written in a shuffled order, so that inheritance also points forward in the document.
    let role_count = 1 + b.below(6);
    let mut roles: Vec<RoleInfo> = Vec::new();
    for k in 0..role_count {
        let mut scopes: Vec<String> = kinds.iter().filter(|_| b.chance(60)).cloned().collect();
        if scopes.is_empty() {
            scopes.push(b.pick(&kinds).clone());
        }
        let grants = (0..b.below(4)).map(|_| pattern(&actions, b)).collect();
        // Grants for one kind the role can be held at (`grantsAt`) now and then.
        let grants_at = if b.chance(25) {
            vec![(b.pick(&scopes).clone(), (0..1 + b.below(2)).map(|_| pattern(&actions, b)).collect::<Vec<String>>())]
        } else {
            Vec::new()
        };
        let denies =
            if b.chance(25) { (0..1 + b.below(2)).map(|_| pattern(&actions, b)).collect() } else { Vec::new() };
        let inherits = (0..k).filter(|_| b.chance(30)).map(|j| format!("r{j}")).collect();
        let seat = if b.chance(40) { Some(b.pick(&SEATS).to_string()) } else { None };
        let mut constraints = Constraints { held_alone: b.chance(15), requires_above: Vec::new() };
        if b.chance(15) {
            let needed = (0..1 + b.below(2)).map(|_| format!("r{}", b.below(role_count))).collect();
            constraints.requires_above.push((b.pick(&kinds).clone(), needed));
        }
        roles.push(RoleInfo {
            id: format!("r{k}"),
            name: format!("Role {k}"),
            description: String::new(),
            role_type: "custom".into(),
            product: None,
            group: None,
            scopes,
            grants,
            grants_at,
            inherits,
            denies,
            seat,
            constraints,
        });
    }
    let mut shuffled = Vec::with_capacity(roles.len());
    while !roles.is_empty() {
        let i = b.below(roles.len());
        shuffled.push(roles.remove(i));
    }

    let mut pages: Vec<ConsolePage> = Vec::new();
    for i in 0..b.below(7) {
        let parent = if i > 0 && b.chance(30) { Some(format!("p{}", b.below(i))) } else { None };
        let requires = match b.below(10) {
            0..=2 => None,
            n => {
                let list: Vec<String> = (0..1 + b.below(3)).map(|_| b.pick(&actions).clone()).collect();
                Some(if n < 7 { Requirement::AnyOf(list) } else { Requirement::AllOf(list) })
            }
        };
        pages.push(ConsolePage {
            id: format!("p{i}"),
            title: format!("Page {i}"),
            path: format!("/p{i}"),
            section: "Main".into(),
            parent,
            scope_kind: b.pick(&kinds).clone(),
            requires,
        });
    }

    PolicyDocument {
        schema: None,
        name: "generated".into(),
        description: String::new(),
        scope_kinds: kinds,
        seats: SEATS.iter().map(|s| s.to_string()).collect(),
        actions: actions.into_iter().map(|id| ActionInfo { id, description: None }).collect(),
        roles: shuffled,
        pages,
    }
}

/// Assignments of the policy's roles, mostly at kinds the role can be held at; a few unscoped,
/// at a kind the role cannot be held at, or of a role the policy does not declare.
pub fn assignments(doc: &PolicyDocument, b: &mut Bytes, max: usize) -> Vec<Assignment> {
    (0..b.below(max + 1))
        .map(|_| {
            if b.chance(3) {
                return Assignment::at("nobody", scope_path(&doc.scope_kinds, 1, b));
            }
            let role = b.pick(&doc.roles);
            if b.chance(12) {
                return Assignment::role(role.id.clone());
            }
            let depth = if b.chance(8) {
                1 + b.below(doc.scope_kinds.len())
            } else {
                let kind = b.pick(&role.scopes);
                1 + doc.scope_kinds.iter().position(|k| k == kind).expect("a declared kind")
            };
            Assignment::at(role.id.clone(), scope_path(&doc.scope_kinds, depth, b))
        })
        .collect()
}

/// Questions: a scope and an action, each now and then malformed or unknown.
pub fn queries(doc: &PolicyDocument, b: &mut Bytes, count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|_| {
            let scope = if b.chance(4) {
                malformed_scope(&doc.scope_kinds, b)
            } else {
                scope_path(&doc.scope_kinds, 1 + b.below(doc.scope_kinds.len()), b)
            };
            let action = if b.chance(4) {
                b.pick(&["zz.unknown", "a", "a.*", "", "a.x\0"]).to_string()
            } else {
                b.pick(&doc.actions).id.clone()
            };
            (scope, action)
        })
        .collect()
}

/// A whole case from bytes.
pub fn case(data: &[u8]) -> Case {
    let mut b = Bytes::new(data);
    let doc = policy(&mut b);
    let assignments = assignments(&doc, &mut b, 6);
    let queries = queries(&doc, &mut b, 8);
    Case { doc, assignments, queries }
}
