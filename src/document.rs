//! The policy document: its data model (what `roles()` and `pages()` return) and the reader that
//! turns a [`Json`] tree into it. The reader checks shapes only (types, required and unknown keys,
//! the syntax of ids), and reports every problem with a JSON pointer; what refers to what
//! (patterns, inheritance, parents) is checked when the document is compiled.

use crate::error::Problem;
use crate::json::{ItemSink, Json, JsonError, JsonObject, ToJson};
use crate::pointer::Pointer;
use crate::suggest::did_you_mean;
use crate::text::text;
use std::borrow::Cow;

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

/// A document read, or every shape problem found.
pub(crate) type Read = Result<PolicyDocument, Vec<Problem>>;

/// Reads a document from JSON text: the long lists (roles, actions, pages: nearly all of its
/// bytes) item by item, as the text is parsed, so that the text is scanned once and the policy
/// never exists as one tree. `Err` if the text is not JSON (its first syntax error).
pub(crate) fn read_text(text: &str) -> Result<Read, JsonError> {
    let mut r = Reader::default();
    let root = Json::parse_streaming(text, &mut r)?;
    Ok(r.finish(root))
}

/// Reads a document from a tree, which is consumed: its strings become the document's without a
/// copy.
pub(crate) fn read(root: Json<'_>) -> Read {
    Reader::default().finish(root)
}

/// Upper bounds that keep a hostile document from costing unbounded memory or time.
const MAX_ITEMS: usize = 100_000;
const MAX_NAME_LEN: usize = 128;
const MAX_TEXT_LEN: usize = 4096;

/// The problem of a list longer than [`MAX_ITEMS`], built as a tree or read as it was parsed.
fn too_many_items(len: usize) -> String {
    text!("has ", len, " items; the limit is ", MAX_ITEMS)
}

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    /// The document's long lists, read while the text was parsed (a repeated key keeps its last).
    actions: Listed<ActionInfo>,
    roles: Listed<RoleInfo>,
    pages: Listed<ConsolePage>,
    /// The list being read as it is parsed.
    reading: Option<Reading>,
}

/// The long lists of a document, read item by item as the text is parsed.
#[derive(Clone, Copy)]
enum List {
    Actions,
    Roles,
    Pages,
}

impl List {
    fn of(key: &str) -> Option<List> {
        match key {
            "actions" => Some(List::Actions),
            "roles" => Some(List::Roles),
            "pages" => Some(List::Pages),
            _ => None,
        }
    }

    fn key(self) -> &'static str {
        match self {
            List::Actions => "actions",
            List::Roles => "roles",
            List::Pages => "pages",
        }
    }
}

/// A list read as the text was parsed: the items that were well-formed, and the problems of the
/// others.
struct Listed<T> {
    items: Vec<T>,
    problems: Vec<Problem>,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed { items: Vec::new(), problems: Vec::new() }
    }
}

/// A list being read: which, how many items so far, and the problems found before it, set aside
/// so that the list's own are reported where the document's reading reaches it.
struct Reading {
    list: List,
    read: usize,
    before: Vec<Problem>,
}

impl<'a> ItemSink<'a> for Reader {
    fn takes(&self, key: &str) -> bool {
        List::of(key).is_some()
    }

    fn begin(&mut self, key: &str) {
        let Some(list) = List::of(key) else {
            return;
        };
        // A repeated key: the earlier list is gone, as `JSON.parse` keeps only the last.
        match list {
            List::Actions => self.actions.items.clear(),
            List::Roles => self.roles.items.clear(),
            List::Pages => self.pages.items.clear(),
        }
        let before = std::mem::take(&mut self.problems);
        self.reading = Some(Reading { list, read: 0, before });
    }

    fn item(&mut self, item: Json<'a>) -> bool {
        let Some(reading) = &mut self.reading else {
            return false;
        };
        let (list, i) = (reading.list, reading.read);
        reading.read += 1;
        let list_at = Pointer::Root.key(list.key());
        let at = list_at.index(i);
        // (Pushed: see `id_list`.)
        match list {
            List::Actions => {
                if let Some(action) = self.action(item, &at) {
                    self.actions.items.push(action);
                }
            }
            List::Roles => {
                if let Some(role) = self.role(item, &at) {
                    self.roles.items.push(role);
                }
            }
            List::Pages => {
                if let Some(page) = self.page(item, &at) {
                    self.pages.items.push(page);
                }
            }
        }
        i + 1 < MAX_ITEMS
    }

    fn end(&mut self, len: usize) {
        let Some(Reading { list, before, .. }) = self.reading.take() else {
            return;
        };
        let mut problems = std::mem::replace(&mut self.problems, before);
        // Of a list too long, only that is reported (the document is refused, whatever was read).
        if len > MAX_ITEMS {
            let at = Pointer::Root.key(list.key());
            problems = vec![Problem { path: at.render(), message: too_many_items(len) }];
        }
        *match list {
            List::Actions => &mut self.actions.problems,
            List::Roles => &mut self.roles.problems,
            List::Pages => &mut self.pages.problems,
        } = problems;
    }
}

/// The members of an object, each taken out once it is read.
struct Fields<'j>(Vec<(Cow<'j, str>, Json<'j>)>);

impl<'j> Fields<'j> {
    /// The value of `key` (the last one, if repeated, as `JSON.parse` keeps), moved out.
    fn take(&mut self, key: &str) -> Option<Json<'j>> {
        let (_, value) = self.0.iter_mut().rev().find(|(k, _)| k == key)?;
        Some(std::mem::replace(value, Json::Null))
    }
}

/// A value that may be absent: a missing key and `null` read the same.
fn present(value: Option<Json<'_>>) -> Option<Json<'_>> {
    value.filter(|v| !matches!(v, Json::Null))
}

impl Reader {
    fn problem(&mut self, at: &Pointer, message: impl Into<String>) {
        self.problems.push(Problem { path: at.render(), message: message.into() });
    }

    /// The members of the object at `at`, with unknown keys reported (and a "did you mean" for
    /// near misses).
    fn object<'j>(&mut self, value: Json<'j>, at: &Pointer, known: &[&str]) -> Option<Fields<'j>> {
        let Json::Object(entries) = value else {
            self.problem(at, text!("expected an object, found ", value.kind()));
            return None;
        };
        for (key, _) in &entries {
            if !known.contains(&key.as_ref()) {
                let help = match did_you_mean(key, known.iter().copied()) {
                    Some(help) => help,
                    None => text!("the keys here are ", crate::text::Join(known, ", ")),
                };
                self.problem(&at.key(key), text!("unknown key `", crate::scope::truncate(key), "`; ", help));
            }
        }
        Some(Fields(entries))
    }

    fn string(&mut self, value: Option<Json<'_>>, at: &Pointer, max: usize) -> Option<String> {
        match value {
            Some(Json::String(s)) => {
                // Characters are at most bytes: only a long text is counted.
                if s.len() > max && char_count(&s) > max {
                    self.problem(at, text!("is ", char_count(&s), " characters long; the limit is ", max));
                    return None;
                }
                Some(s.into_owned())
            }
            Some(other) => {
                self.problem(at, text!("expected a string, found ", other.kind()));
                None
            }
            None => {
                self.problem(at, "is required");
                None
            }
        }
    }

    fn optional_string(&mut self, value: Option<Json<'_>>, at: &Pointer, max: usize) -> Option<String> {
        present(value).and_then(|v| self.string(Some(v), at, max))
    }

    /// A string checked against an id syntax.
    fn id(&mut self, value: Option<Json<'_>>, at: &Pointer, syntax: IdSyntax) -> Option<String> {
        let s = self.string(value, at, MAX_NAME_LEN)?;
        if syntax.accepts(&s) {
            Some(s)
        } else {
            self.problem(at, text!("`", crate::scope::truncate(&s), "` is not a valid ", syntax.describe()));
            None
        }
    }

    fn optional_id(&mut self, value: Option<Json<'_>>, at: &Pointer, syntax: IdSyntax) -> Option<String> {
        present(value).and_then(|v| self.id(Some(v), at, syntax))
    }

    fn array<'j>(&mut self, value: Option<Json<'j>>, at: &Pointer, required: bool) -> std::vec::IntoIter<Json<'j>> {
        match value {
            Some(Json::Array(items)) if items.len() > MAX_ITEMS => {
                self.problem(at, too_many_items(items.len()));
                Vec::new().into_iter()
            }
            Some(Json::Array(items)) => items.into_iter(),
            None | Some(Json::Null) if !required => Vec::new().into_iter(),
            // Only the document's long lists are streamed, and `list` reads them.
            Some(Json::Streamed) => Vec::new().into_iter(),
            Some(other) => {
                self.problem(at, text!("expected an array, found ", other.kind()));
                Vec::new().into_iter()
            }
            None => {
                self.problem(at, "is required");
                Vec::new().into_iter()
            }
        }
    }

    fn id_list(&mut self, value: Option<Json<'_>>, at: &Pointer, syntax: IdSyntax, required: bool) -> Vec<String> {
        let items = self.array(value, at, required);
        let mut out = Vec::with_capacity(items.len());
        // Counted by hand, and pushed rather than extended: the wasm build calls an `enumerate`
        // adapter's `next` for every item, and `extend` from an `Option` goes through a reserve and
        // a copy loop of its own (about 100 instructions an item natively, against 10 for a push).
        let mut i = 0;
        #[allow(clippy::explicit_counter_loop)]
        for v in items {
            if let Some(id) = self.id(Some(v), &at.index(i), syntax) {
                out.push(id);
            }
            i += 1;
        }
        out
    }

    /// Each item of the list `value`, read by `item`; the items that fail are left out (their
    /// problems are reported). A list read as the text was parsed is `streamed`: its items and
    /// problems are taken from there, the problems reported here, in the document's order.
    fn items<'j, T>(
        &mut self,
        value: Option<Json<'j>>,
        at: &Pointer,
        required: bool,
        item: fn(&mut Self, Json<'j>, &Pointer) -> Option<T>,
        streamed: Listed<T>,
    ) -> Vec<T> {
        if let Some(Json::Streamed) = value {
            self.problems.extend(streamed.problems);
            // Grown by doubling while the text was read (its length was not known): the slack
            // goes back, or every engine would keep up to twice its lists.
            let mut items = streamed.items;
            items.shrink_to_fit();
            return items;
        }
        let items = self.array(value, at, required);
        let mut out = Vec::with_capacity(items.len());
        for (i, value) in items.enumerate() {
            // (Pushed: see `id_list`.)
            if let Some(item) = item(self, value, &at.index(i)) {
                out.push(item);
            }
        }
        out
    }

    /// The document read from its root, with the lists already read as the text was parsed.
    fn finish(mut self, root: Json<'_>) -> Read {
        let doc = self.document(root);
        if self.problems.is_empty() {
            Ok(doc)
        } else {
            Err(self.problems)
        }
    }

    fn document(&mut self, root: Json<'_>) -> PolicyDocument {
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
        let at = Pointer::Root;
        let Some(mut root) = self.object(root, &at, KEYS) else {
            return doc;
        };
        doc.name = self.string(root.take("name"), &at.key("name"), MAX_NAME_LEN).unwrap_or_default();
        doc.description =
            self.optional_string(root.take("description"), &at.key("description"), MAX_TEXT_LEN).unwrap_or_default();
        doc.scope_kinds = self.id_list(root.take("scopeKinds"), &at.key("scopeKinds"), IdSyntax::Kind, true);
        doc.seats = self.id_list(root.take("seats"), &at.key("seats"), IdSyntax::Kind, false);
        let streamed = std::mem::take(&mut self.actions);
        doc.actions = self.items(root.take("actions"), &at.key("actions"), true, Self::action, streamed);
        let streamed = std::mem::take(&mut self.roles);
        doc.roles = self.items(root.take("roles"), &at.key("roles"), true, Self::role, streamed);
        let streamed = std::mem::take(&mut self.pages);
        doc.pages = self.items(root.take("pages"), &at.key("pages"), false, Self::page, streamed);
        doc
    }

    fn action(&mut self, value: Json<'_>, at: &Pointer) -> Option<ActionInfo> {
        if let Json::String(_) = value {
            let id = self.id(Some(value), at, IdSyntax::Action)?;
            return Some(ActionInfo { id, description: None });
        }
        let mut obj = self.object(value, at, &["id", "description"])?;
        let id = self.id(obj.take("id"), &at.key("id"), IdSyntax::Action);
        let description = self.optional_string(obj.take("description"), &at.key("description"), MAX_TEXT_LEN);
        Some(ActionInfo { id: id?, description })
    }

    // Roles and pages are read by calls of their own, never inlined into the loop over the list,
    // for the reason `compile::Compiler::role` gives.
    #[inline(never)]
    fn role(&mut self, value: Json<'_>, at: &Pointer) -> Option<RoleInfo> {
        const KEYS: &[&str] = &[
            "id",
            "name",
            "description",
            "type",
            "product",
            "group",
            "scopes",
            "grants",
            "grantsAt",
            "inherits",
            "denies",
            "seat",
            "constraints",
        ];
        let mut obj = self.object(value, at, KEYS)?;
        let before = self.problems.len();
        let role = RoleInfo {
            id: self.id(obj.take("id"), &at.key("id"), IdSyntax::Role).unwrap_or_default(),
            name: self.string(obj.take("name"), &at.key("name"), MAX_NAME_LEN).unwrap_or_default(),
            description: self
                .optional_string(obj.take("description"), &at.key("description"), MAX_TEXT_LEN)
                .unwrap_or_default(),
            role_type: self
                .optional_string(obj.take("type"), &at.key("type"), MAX_NAME_LEN)
                .unwrap_or_else(|| "custom".into()),
            product: self.optional_id(obj.take("product"), &at.key("product"), IdSyntax::Segment),
            group: self.optional_string(obj.take("group"), &at.key("group"), MAX_NAME_LEN),
            scopes: self.id_list(obj.take("scopes"), &at.key("scopes"), IdSyntax::Kind, true),
            grants: self.id_list(obj.take("grants"), &at.key("grants"), IdSyntax::Pattern, false),
            grants_at: match present(obj.take("grantsAt")) {
                None => Vec::new(),
                Some(v) => self.lists_by_kind(v, &at.key("grantsAt"), IdSyntax::Pattern),
            },
            inherits: self.id_list(obj.take("inherits"), &at.key("inherits"), IdSyntax::Role, false),
            denies: self.id_list(obj.take("denies"), &at.key("denies"), IdSyntax::Pattern, false),
            seat: self.optional_id(obj.take("seat"), &at.key("seat"), IdSyntax::Kind),
            constraints: match present(obj.take("constraints")) {
                None => Constraints::default(),
                Some(c) => self.constraints(c, &at.key("constraints")),
            },
        };
        (self.problems.len() == before).then_some(role)
    }

    fn constraints(&mut self, value: Json<'_>, at: &Pointer) -> Constraints {
        let mut out = Constraints::default();
        let Some(mut obj) = self.object(value, at, &["heldAlone", "requiresAbove"]) else {
            return out;
        };
        match present(obj.take("heldAlone")) {
            None => {}
            Some(Json::Bool(b)) => out.held_alone = b,
            Some(other) => self.problem(&at.key("heldAlone"), text!("expected a boolean, found ", other.kind())),
        }
        if let Some(v) = present(obj.take("requiresAbove")) {
            out.requires_above = self.lists_by_kind(v, &at.key("requiresAbove"), IdSyntax::Role);
        }
        out
    }

    /// An object of scope kind → list of names (`grantsAt`, `requiresAbove`).
    fn lists_by_kind(&mut self, value: Json<'_>, at: &Pointer, syntax: IdSyntax) -> Vec<(String, Vec<String>)> {
        let Json::Object(mut entries) = value else {
            self.problem(at, text!("expected an object of scope kind: [names], found ", value.kind()));
            return Vec::new();
        };
        // A repeated kind keeps its last list, as a repeated key does everywhere else (and in
        // `JSON.parse`): the earlier one is not read at all.
        let mut i = 0;
        while i < entries.len() {
            if entries[i + 1..].iter().any(|(kind, _)| *kind == entries[i].0) {
                entries.remove(i);
            } else {
                i += 1;
            }
        }
        entries
            .into_iter()
            .map(|(kind, list)| {
                let names = self.id_list(Some(list), &at.key(&kind), syntax, true);
                (kind.into_owned(), names)
            })
            .collect()
    }

    #[inline(never)]
    fn page(&mut self, value: Json<'_>, at: &Pointer) -> Option<ConsolePage> {
        const KEYS: &[&str] = &["id", "title", "path", "section", "parent", "scopeKind", "requires"];
        let mut obj = self.object(value, at, KEYS)?;
        let before = self.problems.len();
        let page = ConsolePage {
            id: self.id(obj.take("id"), &at.key("id"), IdSyntax::Page).unwrap_or_default(),
            title: self.string(obj.take("title"), &at.key("title"), MAX_NAME_LEN).unwrap_or_default(),
            path: self.string(obj.take("path"), &at.key("path"), MAX_TEXT_LEN).unwrap_or_default(),
            section: self.string(obj.take("section"), &at.key("section"), MAX_NAME_LEN).unwrap_or_default(),
            parent: self.optional_id(obj.take("parent"), &at.key("parent"), IdSyntax::Page),
            scope_kind: self.id(obj.take("scopeKind"), &at.key("scopeKind"), IdSyntax::Kind).unwrap_or_default(),
            requires: match present(obj.take("requires")) {
                None => None,
                Some(req) => self.requirement(req, &at.key("requires")),
            },
        };
        (self.problems.len() == before).then_some(page)
    }

    fn requirement(&mut self, value: Json<'_>, at: &Pointer) -> Option<Requirement> {
        let mut obj = self.object(value, at, &["anyOf", "allOf"])?;
        let (key, list, any) = match (obj.take("anyOf"), obj.take("allOf")) {
            (Some(_), Some(_)) => {
                self.problem(at, "has both `anyOf` and `allOf`; use one");
                return None;
            }
            (Some(list), None) => ("anyOf", list, true),
            (None, Some(list)) => ("allOf", list, false),
            // Read as "no requirement", it would show the page to everyone: refused, as an empty
            // list is.
            (None, None) => {
                self.problem(at, "has neither `anyOf` nor `allOf`; omit `requires` for a page every user sees");
                return None;
            }
        };
        let at = at.key(key);
        let actions = self.id_list(Some(list), &at, IdSyntax::Action, true);
        if actions.is_empty() {
            self.problem(&at, "is empty; omit `requires` for a page every user sees");
            return None;
        }
        Some(if any { Requirement::AnyOf(actions) } else { Requirement::AllOf(actions) })
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
        let b = s.as_bytes();
        match self {
            IdSyntax::Kind => b.first().is_some_and(|&c| is(c, LOWER)) && b.iter().all(|&c| is(c, KIND)),
            IdSyntax::Role => parts(b, b'-', LOWER_WORD, LOWER_WORD),
            IdSyntax::Segment => is_segment(b),
            IdSyntax::Action => b.contains(&b'.') && parts(b, b'.', ALNUM, SEGMENT),
            IdSyntax::Pattern => match b.split_last() {
                Some((b'*', [])) => true,
                Some((b'*', [prefix @ .., b'.'])) => parts(prefix, b'.', ALNUM, SEGMENT),
                Some((b'*', _)) => false,
                _ => parts(b, b'.', ALNUM, SEGMENT),
            },
            IdSyntax::Page => !b.is_empty() && b.iter().all(|&c| is(c, PAGE)),
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

/// The characters of `s`: every UTF-8 byte but a continuation byte starts one. (`chars().count()`
/// brings the standard library's 0.8 KB word-at-a-time version into the wasm build.)
fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

// The classes of bytes the id syntaxes are made of, as bits of [`CLASS`]: a byte is checked with
// one table load, where a predicate passed as a function would be an indirect call a byte in the
// wasm build (`parts` is not inlined there).
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const DASH: u8 = 8;
const UNDERSCORE: u8 = 16;
const DOT: u8 = 32;
const ALNUM: u8 = LOWER | UPPER | DIGIT;
const LOWER_WORD: u8 = LOWER | DIGIT;
const SEGMENT: u8 = ALNUM | DASH | UNDERSCORE;
const KIND: u8 = LOWER_WORD | DASH | UNDERSCORE;
const PAGE: u8 = SEGMENT | DOT;

const CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'-' => DASH,
            b'_' => UNDERSCORE,
            b'.' => DOT,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// Whether byte `c` is in one of the classes `class` names.
fn is(c: u8, class: u8) -> bool {
    CLASS[usize::from(c)] & class != 0
}

/// One action segment: starts with a letter or digit, then letters, digits, `-`, `_`.
fn is_segment(s: &[u8]) -> bool {
    s.first().is_some_and(|&c| is(c, ALNUM)) && s.iter().all(|&c| is(c, SEGMENT))
}

/// Whether `s` is one or more `sep`-separated parts, each a byte of class `first` followed by
/// bytes of class `rest` (so no part is empty). One pass: ids are checked by the hundred thousand
/// when a large policy loads.
fn parts(s: &[u8], sep: u8, first: u8, rest: u8) -> bool {
    let mut at_start = true;
    for &c in s {
        if at_start {
            if !is(c, first) {
                return false;
            }
            at_start = false;
        } else if c == sep {
            at_start = true;
        } else if !is(c, rest) {
            return false;
        }
    }
    !at_start
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

#[cfg(test)]
mod tests {
    use super::IdSyntax;

    /// The id syntaxes as the split-and-check definitions they were written from.
    fn by_splitting(syntax: IdSyntax, s: &str) -> bool {
        let b = s.as_bytes();
        let words = |s: &[u8], sep: u8, part: &dyn Fn(&[u8]) -> bool| s.split(|&c| c == sep).all(part);
        let is_segment = |w: &[u8]| {
            w.first().is_some_and(u8::is_ascii_alphanumeric)
                && w.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        };
        match syntax {
            IdSyntax::Role => {
                words(b, b'-', &|w| !w.is_empty() && w.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit()))
            }
            IdSyntax::Action => b.contains(&b'.') && words(b, b'.', &is_segment),
            IdSyntax::Pattern => match b.split_last() {
                Some((b'*', [])) => true,
                Some((b'*', [prefix @ .., b'.'])) => words(prefix, b'.', &is_segment),
                Some((b'*', _)) => false,
                _ => words(b, b'.', &is_segment),
            },
            IdSyntax::Kind => {
                b.first().is_some_and(u8::is_ascii_lowercase)
                    && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_')
            }
            IdSyntax::Segment => is_segment(b),
            IdSyntax::Page => {
                !b.is_empty() && b.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
            }
        }
    }

    #[test]
    fn the_one_pass_checks_agree_with_the_definitions_on_every_short_string() {
        const ALPHABET: [char; 7] = ['a', 'Z', '1', '-', '_', '.', '*'];
        let mut strings = vec![String::new()];
        let mut last = strings.clone();
        for _ in 0..5 {
            last = last.iter().flat_map(|s| ALPHABET.iter().map(move |&c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        // And every pair of characters from all of ASCII and one beyond it, so that each byte's
        // class is checked against the predicates above.
        let chars: Vec<char> = (0u8..128).map(char::from).chain(['é']).collect();
        strings.extend(chars.iter().flat_map(|&a| chars.iter().map(move |&b| format!("{a}{b}"))));
        let all =
            [IdSyntax::Kind, IdSyntax::Role, IdSyntax::Segment, IdSyntax::Action, IdSyntax::Pattern, IdSyntax::Page];
        for syntax in all {
            for s in &strings {
                assert_eq!(syntax.accepts(s), by_splitting(syntax, s), "{} on {s:?}", syntax.describe());
            }
        }
    }

    #[test]
    fn each_id_syntax_accepts_its_names_and_refuses_near_misses() {
        let cases: &[(IdSyntax, &[&str], &[&str])] = &[
            (IdSyntax::Kind, &["organization", "sub-account", "a_1"], &["", "1org", "Org", "-a", "a.b"]),
            (IdSyntax::Role, &["admin", "studio-admin", "r2-d2"], &["", "-admin", "admin-", "a--b", "Admin", "a_b"]),
            (IdSyntax::Segment, &["studio", "9x", "a-b_c"], &["", "-a", "a.b", "a*"]),
            (IdSyntax::Action, &["studio.flow.read", "a.b"], &["studio", "a.", ".a", "a..b", "a.b*", ""]),
            (
                IdSyntax::Pattern,
                &["*", "studio.*", "studio.flow.*", "studio.flow.read", "studio"],
                &["", "studio*", "studio.*.read", ".*", "a..*", "**"],
            ),
            (IdSyntax::Page, &["voice.numbers", "p-1_2"], &["", "a/b", "a b"]),
        ];
        for (syntax, good, bad) in cases {
            for s in *good {
                assert!(syntax.accepts(s), "{} should accept {s:?}", syntax.describe());
            }
            for s in *bad {
                assert!(!syntax.accepts(s), "{} should refuse {s:?}", syntax.describe());
            }
        }
    }
}
