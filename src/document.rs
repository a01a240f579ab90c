//! The policy document: its data model (what `roles()` and `pages()` return) and the reader that
//! turns a [`Json`] tree into it. The reader checks shapes only (types, required and unknown keys,
//! the syntax of ids), and reports every problem with a JSON pointer; what refers to what
//! (patterns, inheritance, parents) is checked when the document is compiled.

use crate::error::Problem;
use crate::json::Json;
use crate::suggest::did_you_mean;
use crate::json::{JsonObject, ToJson};

/// A whole policy: scope kinds, actions, roles and console pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyDocument {
    pub name: String,
    pub description: String,
    /// Root first: `["organization", "account", "subaccount"]`.
    pub scope_kinds: Vec<String>,
    /// Billing seat classes, cheapest first (`["free", "editor"]`).
    pub seats: Vec<String>,
    pub actions: Vec<ActionInfo>,
    pub roles: Vec<RoleInfo>,
    pub pages: Vec<ConsolePage>,
}

/// A declared action: a dotted id whose first segment names the product.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionInfo {
    pub id: String,
    pub description: Option<String>,
}

/// A role as the policy declares it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The role type (`general`, `built-in`, `organization` in the Twilio catalog).
    pub role_type: String,
    /// The product id (first action segment) a product role is confined to.
    pub product: Option<String>,
    /// The product group as the vendor displays it ("Phone numbers").
    pub group: Option<String>,
    /// Scope kinds the role can be held at.
    pub scopes: Vec<String>,
    pub grants: Vec<String>,
    /// Further grants that apply only where the role is held at a scope of the given kind
    /// (Voiceflow's owner runs the organization only when held at the organization).
    pub grants_at: Vec<(String, Vec<String>)>,
    pub inherits: Vec<String>,
    pub denies: Vec<String>,
    pub seat: Option<String>,
    pub constraints: Constraints,
}

/// How a role may combine with others; checked by `check_assignments`, never by decisions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// At a scope where this role is held, no other role may be held.
    pub held_alone: bool,
    /// Held at a scope of the key's kind, the role needs one of the listed roles at an ancestor.
    pub requires_above: Vec<(String, Vec<String>)>,
}

/// A console page and the actions it requires.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsolePage {
    pub id: String,
    pub title: String,
    pub path: String,
    pub section: String,
    pub parent: Option<String>,
    /// The scope kind the page lives at (for the UI; it does not filter).
    pub scope_kind: String,
    /// `None`: every signed-in user sees the page.
    pub requires: Option<Requirement>,
}

/// A page's requirement.
#[derive(Clone, Debug, PartialEq)]
pub enum Requirement {
    AnyOf(Vec<String>),
    AllOf(Vec<String>),
}

impl Requirement {
    pub fn actions(&self) -> &[String] {
        match self {
            Requirement::AnyOf(a) | Requirement::AllOf(a) => a,
        }
    }
}

/// Reads a document, or returns every shape problem found.
pub(crate) fn read(root: &Json) -> Result<PolicyDocument, Vec<Problem>> {
    let mut r = Reader { problems: Vec::new() };
    let doc = r.document(root);
    if r.problems.is_empty() {
        Ok(doc)
    } else {
        Err(r.problems)
    }
}

/// Upper bounds that keep a hostile document from costing unbounded memory or time.
const MAX_ITEMS: usize = 100_000;
const MAX_NAME_LEN: usize = 128;
const MAX_TEXT_LEN: usize = 4096;

struct Reader {
    problems: Vec<Problem>,
}

/// JSON pointer of a child: `/roles` + `3` = `/roles/3` (with `~` and `/` escaped).
fn at(parent: &str, key: impl std::fmt::Display) -> String {
    let key = key.to_string().replace('~', "~0").replace('/', "~1");
    format!("{parent}/{key}")
}

impl Reader {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem { path: path.to_owned(), message: message.into() });
    }

    /// The object at `path`, with unknown keys reported (and a "did you mean" for near misses).
    fn object<'j>(&mut self, value: &'j Json, path: &str, known: &[&str]) -> Option<&'j Json> {
        let Json::Object(entries) = value else {
            self.problem(path, format!("expected an object, found {}", value.kind()));
            return None;
        };
        for (key, _) in entries {
            if !known.contains(&key.as_str()) {
                let mut message = format!("unknown key `{}`", crate::scope::truncate(key));
                if let Some(help) = did_you_mean(key, known.iter().copied()) {
                    message = format!("{message}; {help}");
                } else {
                    message = format!("{message}; the keys here are {}", known.join(", "));
                }
                self.problem(&at(path, key), message);
            }
        }
        Some(value)
    }

    fn string(&mut self, value: Option<&Json>, path: &str, max: usize) -> Option<String> {
        match value {
            Some(Json::String(s)) if s.chars().count() > max => {
                self.problem(path, format!("is {} characters long; the limit is {max}", s.chars().count()));
                None
            }
            Some(Json::String(s)) => Some(s.clone()),
            Some(other) => {
                self.problem(path, format!("expected a string, found {}", other.kind()));
                None
            }
            None => {
                self.problem(path, "is required");
                None
            }
        }
    }

    fn optional_string(&mut self, value: Option<&Json>, path: &str, max: usize) -> Option<String> {
        match value {
            None | Some(Json::Null) => None,
            some => self.string(some, path, max),
        }
    }

    /// A string checked against an id syntax.
    fn id(&mut self, value: Option<&Json>, path: &str, syntax: IdSyntax) -> Option<String> {
        let s = self.string(value, path, MAX_NAME_LEN)?;
        if syntax.accepts(&s) {
            Some(s)
        } else {
            self.problem(path, format!("`{}` is not a valid {}", crate::scope::truncate(&s), syntax.describe()));
            None
        }
    }

    fn array<'j>(&mut self, value: Option<&'j Json>, path: &str, required: bool) -> &'j [Json] {
        match value {
            Some(Json::Array(items)) if items.len() > MAX_ITEMS => {
                self.problem(path, format!("has {} items; the limit is {MAX_ITEMS}", items.len()));
                &[]
            }
            Some(Json::Array(items)) => items,
            None if !required => &[],
            Some(Json::Null) if !required => &[],
            Some(other) => {
                self.problem(path, format!("expected an array, found {}", other.kind()));
                &[]
            }
            None => {
                self.problem(path, "is required");
                &[]
            }
        }
    }

    fn id_list(&mut self, value: Option<&Json>, path: &str, syntax: IdSyntax, required: bool) -> Vec<String> {
        let items = self.array(value, path, required);
        items.iter().enumerate().filter_map(|(i, v)| self.id(Some(v), &at(path, i), syntax)).collect()
    }

    fn document(&mut self, root: &Json) -> PolicyDocument {
        const KEYS: &[&str] = &["$schema", "name", "description", "scopeKinds", "seats", "actions", "roles", "pages"];
        let mut doc = PolicyDocument {
            name: String::new(),
            description: String::new(),
            scope_kinds: Vec::new(),
            seats: Vec::new(),
            actions: Vec::new(),
            roles: Vec::new(),
            pages: Vec::new(),
        };
        let Some(root) = self.object(root, "", KEYS) else { return doc };
        doc.name = self.string(root.get("name"), "/name", MAX_NAME_LEN).unwrap_or_default();
        doc.description = self.optional_string(root.get("description"), "/description", MAX_TEXT_LEN).unwrap_or_default();
        doc.scope_kinds = self.id_list(root.get("scopeKinds"), "/scopeKinds", IdSyntax::Kind, true);
        doc.seats = self.id_list(root.get("seats"), "/seats", IdSyntax::Kind, false);
        for (i, action) in self.array(root.get("actions"), "/actions", true).iter().enumerate() {
            if let Some(a) = self.action(action, &at("/actions", i)) {
                doc.actions.push(a);
            }
        }
        for (i, role) in self.array(root.get("roles"), "/roles", true).iter().enumerate() {
            if let Some(r) = self.role(role, &at("/roles", i)) {
                doc.roles.push(r);
            }
        }
        for (i, page) in self.array(root.get("pages"), "/pages", false).iter().enumerate() {
            if let Some(p) = self.page(page, &at("/pages", i)) {
                doc.pages.push(p);
            }
        }
        doc
    }

    fn action(&mut self, value: &Json, path: &str) -> Option<ActionInfo> {
        if let Json::String(_) = value {
            let id = self.id(Some(value), path, IdSyntax::Action)?;
            return Some(ActionInfo { id, description: None });
        }
        let obj = self.object(value, path, &["id", "description"])?;
        let id = self.id(obj.get("id"), &at(path, "id"), IdSyntax::Action);
        let description = self.optional_string(obj.get("description"), &at(path, "description"), MAX_TEXT_LEN);
        Some(ActionInfo { id: id?, description })
    }

    fn role(&mut self, value: &Json, path: &str) -> Option<RoleInfo> {
        const KEYS: &[&str] = &[
            "id", "name", "description", "type", "product", "group", "scopes", "grants", "grantsAt", "inherits", "denies",
            "seat", "constraints",
        ];
        let obj = self.object(value, path, KEYS)?;
        let before = self.problems.len();
        let role = RoleInfo {
            id: self.id(obj.get("id"), &at(path, "id"), IdSyntax::Role).unwrap_or_default(),
            name: self.string(obj.get("name"), &at(path, "name"), MAX_NAME_LEN).unwrap_or_default(),
            description: self.optional_string(obj.get("description"), &at(path, "description"), MAX_TEXT_LEN).unwrap_or_default(),
            role_type: self.optional_string(obj.get("type"), &at(path, "type"), MAX_NAME_LEN).unwrap_or_else(|| "custom".into()),
            product: match obj.get("product") {
                None | Some(Json::Null) => None,
                some => self.id(some, &at(path, "product"), IdSyntax::Segment),
            },
            group: self.optional_string(obj.get("group"), &at(path, "group"), MAX_NAME_LEN),
            scopes: self.id_list(obj.get("scopes"), &at(path, "scopes"), IdSyntax::Kind, true),
            grants: self.id_list(obj.get("grants"), &at(path, "grants"), IdSyntax::Pattern, false),
            grants_at: match obj.get("grantsAt") {
                None | Some(Json::Null) => Vec::new(),
                Some(v) => self.lists_by_kind(v, &at(path, "grantsAt"), IdSyntax::Pattern),
            },
            inherits: self.id_list(obj.get("inherits"), &at(path, "inherits"), IdSyntax::Role, false),
            denies: self.id_list(obj.get("denies"), &at(path, "denies"), IdSyntax::Pattern, false),
            seat: match obj.get("seat") {
                None | Some(Json::Null) => None,
                some => self.id(some, &at(path, "seat"), IdSyntax::Kind),
            },
            constraints: match obj.get("constraints") {
                None | Some(Json::Null) => Constraints::default(),
                Some(c) => self.constraints(c, &at(path, "constraints")),
            },
        };
        (self.problems.len() == before).then_some(role)
    }

    fn constraints(&mut self, value: &Json, path: &str) -> Constraints {
        let mut out = Constraints::default();
        let Some(obj) = self.object(value, path, &["heldAlone", "requiresAbove"]) else { return out };
        match obj.get("heldAlone") {
            None | Some(Json::Null) => {}
            Some(Json::Bool(b)) => out.held_alone = *b,
            Some(other) => self.problem(&at(path, "heldAlone"), format!("expected a boolean, found {}", other.kind())),
        }
        if let Some(v) = obj.get("requiresAbove").filter(|v| **v != Json::Null) {
            out.requires_above = self.lists_by_kind(v, &at(path, "requiresAbove"), IdSyntax::Role);
        }
        out
    }

    /// An object of scope kind → list of names (`grantsAt`, `requiresAbove`).
    fn lists_by_kind(&mut self, value: &Json, path: &str, syntax: IdSyntax) -> Vec<(String, Vec<String>)> {
        let Json::Object(entries) = value else {
            self.problem(path, format!("expected an object of scope kind: [names], found {}", value.kind()));
            return Vec::new();
        };
        entries.iter().map(|(kind, list)| (kind.clone(), self.id_list(Some(list), &at(path, kind), syntax, true))).collect()
    }

    fn page(&mut self, value: &Json, path: &str) -> Option<ConsolePage> {
        const KEYS: &[&str] = &["id", "title", "path", "section", "parent", "scopeKind", "requires"];
        let obj = self.object(value, path, KEYS)?;
        let before = self.problems.len();
        let page = ConsolePage {
            id: self.id(obj.get("id"), &at(path, "id"), IdSyntax::Page).unwrap_or_default(),
            title: self.string(obj.get("title"), &at(path, "title"), MAX_NAME_LEN).unwrap_or_default(),
            path: self.string(obj.get("path"), &at(path, "path"), MAX_TEXT_LEN).unwrap_or_default(),
            section: self.string(obj.get("section"), &at(path, "section"), MAX_NAME_LEN).unwrap_or_default(),
            parent: match obj.get("parent") {
                None | Some(Json::Null) => None,
                some => self.id(some, &at(path, "parent"), IdSyntax::Page),
            },
            scope_kind: self.id(obj.get("scopeKind"), &at(path, "scopeKind"), IdSyntax::Kind).unwrap_or_default(),
            requires: match obj.get("requires") {
                None | Some(Json::Null) => None,
                Some(req) => self.requirement(req, &at(path, "requires")),
            },
        };
        (self.problems.len() == before).then_some(page)
    }

    fn requirement(&mut self, value: &Json, path: &str) -> Option<Requirement> {
        let obj = self.object(value, path, &["anyOf", "allOf"])?;
        let (key, make): (&str, fn(Vec<String>) -> Requirement) = match (obj.get("anyOf"), obj.get("allOf")) {
            (Some(_), Some(_)) => {
                self.problem(path, "has both `anyOf` and `allOf`; use one");
                return None;
            }
            (Some(_), None) => ("anyOf", Requirement::AnyOf),
            (None, Some(_)) => ("allOf", Requirement::AllOf),
            (None, None) => return None,
        };
        let p = at(path, key);
        let actions = self.id_list(obj.get(key), &p, IdSyntax::Action, true);
        if actions.is_empty() {
            self.problem(&p, "is empty; omit `requires` for a page every user sees");
            return None;
        }
        Some(make(actions))
    }
}

/// The syntax of each kind of name in a policy.
#[derive(Clone, Copy)]
enum IdSyntax {
    /// Scope kinds and seat classes: `organization`, `sub-account`.
    Kind,
    /// Role ids: kebab-case.
    Role,
    /// One action segment (a product id).
    Segment,
    /// Dotted action ids with at least two segments.
    Action,
    /// An action id, or a prefix of whole segments ending in `*`.
    Pattern,
    /// Page ids: letters, digits, `.`, `-`, `_`.
    Page,
}

impl IdSyntax {
    fn accepts(self, s: &str) -> bool {
        match self {
            IdSyntax::Kind => {
                s.starts_with(|c: char| c.is_ascii_lowercase())
                    && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            }
            IdSyntax::Role => !s.is_empty() && s.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            IdSyntax::Segment => is_segment(s),
            IdSyntax::Action => s.split('.').count() >= 2 && s.split('.').all(is_segment),
            IdSyntax::Pattern => match s.strip_suffix('*') {
                Some("") => true,
                Some(prefix) => prefix.strip_suffix('.').is_some_and(|p| p.split('.').all(is_segment)),
                None => s.split('.').all(is_segment),
            },
            IdSyntax::Page => !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            IdSyntax::Kind => "name (lowercase letters, digits, - and _, starting with a letter)",
            IdSyntax::Role => "role id (kebab-case: `studio-admin`)",
            IdSyntax::Segment => "product id (letters, digits, - and _)",
            IdSyntax::Action => "action id (dotted, at least two segments: `studio.flow.read`)",
            IdSyntax::Pattern => "pattern (an action id, or whole segments ending in `*`: `studio.*`, `*`)",
            IdSyntax::Page => "page id (letters, digits, `.`, `-`, `_`)",
        }
    }
}

fn is_segment(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphanumeric()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl ToJson for PolicyDocument {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out)
            .field("name", &self.name)
            .field("description", &self.description)
            .field("scopeKinds", &self.scope_kinds)
            .field("seats", &self.seats)
            .field("actions", &self.actions)
            .field("roles", &self.roles)
            .field("pages", &self.pages)
            .end();
    }
}

impl ToJson for ActionInfo {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out).field("id", &self.id).field("description", &self.description).end();
    }
}

impl ToJson for RoleInfo {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out)
            .field("id", &self.id)
            .field("name", &self.name)
            .field("description", &self.description)
            .field("type", &self.role_type)
            .field("product", &self.product)
            .field("group", &self.group)
            .field("scopes", &self.scopes)
            .field("grants", &self.grants)
            .field("grantsAt", self.grants_at.as_slice())
            .field("inherits", &self.inherits)
            .field("denies", &self.denies)
            .field("seat", &self.seat)
            .field("constraints", &self.constraints)
            .end();
    }
}

impl ToJson for Constraints {
    fn write_json(&self, out: &mut String) {
        let mut o = JsonObject::new(out);
        if self.held_alone {
            o = o.field("heldAlone", &true);
        }
        if !self.requires_above.is_empty() {
            o = o.field("requiresAbove", self.requires_above.as_slice());
        }
        o.end();
    }
}

/// `grantsAt`, `requiresAbove`: an object of scope kind → names.
impl ToJson for [(String, Vec<String>)] {
    fn write_json(&self, out: &mut String) {
        let mut o = JsonObject::new(out);
        for (key, value) in self {
            o = o.field(key, value);
        }
        o.end();
    }
}

impl ToJson for ConsolePage {
    fn write_json(&self, out: &mut String) {
        JsonObject::new(out)
            .field("id", &self.id)
            .field("title", &self.title)
            .field("path", &self.path)
            .field("section", &self.section)
            .field("parent", &self.parent)
            .field("scopeKind", &self.scope_kind)
            .field("requires", &self.requires)
            .end();
    }
}

impl ToJson for Requirement {
    fn write_json(&self, out: &mut String) {
        let key = match self {
            Requirement::AnyOf(_) => "anyOf",
            Requirement::AllOf(_) => "allOf",
        };
        JsonObject::new(out).field(key, self.actions()).end();
    }
}
