//! Reading a policy document into the model, from any serde deserializer: serde_json over text,
//! serde-wasm-bindgen over a JavaScript object. The reader checks shapes only (types, required and
//! unknown keys, the syntax of names, lengths) and reports every problem with a JSON pointer
//! instead of stopping at the first, which a derived `Deserialize` would do. What refers to what
//! (patterns, inheritance, parents) is checked when the document is compiled.
//!
//! The document's long lists (actions, roles, pages: nearly all of its bytes) are read item by
//! item as the deserializer reaches them, so the document never exists as one tree of values.

mod syntax;
mod value;

use crate::error::{Problem, RolegateError};
use crate::model::{ActionInfo, ConsolePage, Constraints, PolicyDocument, Requirement, RoleInfo};
use crate::pointer::Pointer;
use crate::scope::truncate;
use crate::suggest::did_you_mean;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
pub(crate) use syntax::IdSyntax;
use value::{count_rest, FailedAt, KeySeed, Value, ValueSeed, ValueVisitor};

pub use value::{MAX_DEPTH, MAX_ITEMS};

/// The longest name (id, title) a document may hold, in characters.
pub const MAX_NAME_LEN: usize = 128;
/// The longest text (description, route path) a document may hold, in characters.
pub const MAX_TEXT_LEN: usize = 4096;

/// A document as far as it could be read: the problems found, and what could not be read, so
/// that compiling the rest reports what is independently wrong and nothing that only follows from
/// a part that was missing or malformed.
pub(crate) struct Read {
    pub doc: PolicyDocument,
    pub problems: Vec<Problem>,
    pub gaps: Gaps,
}

/// The parts of a document the reader could not read. An item of a list that could not be read
/// keeps its place (so pointers stay right) as a stand-in with its id, when the id could be read.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    /// `scopeKinds` was missing or had a problem: an unknown scope kind is not reported.
    pub scope_kinds: bool,
    /// `seats` had a problem: an unknown seat class is not reported.
    pub seats: bool,
    /// `actions` was missing or had a problem: an action or pattern that matches nothing is not
    /// reported, nor is a product role's reach.
    pub actions: bool,
    pub roles: ListGaps,
    pub pages: ListGaps,
}

/// The items of one list that could not be read.
#[derive(Debug, Default)]
pub(crate) struct ListGaps {
    /// Their positions, ascending: they are stand-ins, not compiled.
    pub broken: Vec<usize>,
    /// One of them had no readable id: a reference to an unknown id is not reported.
    pub unnamed: bool,
}

impl ListGaps {
    pub fn is_broken(&self, i: usize) -> bool {
        self.broken.binary_search(&i).is_ok()
    }
}

/// Reads a policy document. `Err` (`POLICY_PARSE`) when the deserializer fails: text that is not
/// JSON, nesting deeper than [`MAX_DEPTH`], a value JSON has no form for.
pub(crate) fn read<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Read, RolegateError> {
    let failed = FailedAt::default();
    let mut reader = Reader::default();
    let root = DocumentSeed { reader: &mut reader, failed: &failed }
        .deserialize(deserializer)
        .map_err(|e| RolegateError::not_json(failed.take(), e.to_string()))?;
    Ok(reader.finish(root))
}

/// Why a deserializer failed, and where: a JSON pointer to the innermost value it was reading.
pub(crate) struct NotJson<E> {
    pub at: String,
    pub error: E,
}

/// Reads a policy document from a deserializer of values already in memory (a JavaScript object, a
/// `serde_json::Value`): as a tree of values first, then as a document.
pub(crate) fn read_tree<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Read, NotJson<D::Error>> {
    let failed = FailedAt::default();
    let root = ValueSeed { depth: 0, at: &Pointer::Root, failed: &failed }
        .deserialize(deserializer)
        .map_err(|error| NotJson { at: failed.take(), error })?;
    Ok(Reader::default().finish(root))
}

/// Reads a policy document from JSON text with serde_json (RFC 8259; a lone surrogate, escaped or
/// not, is not JSON).
pub(crate) fn read_json(text: &str) -> Result<Read, RolegateError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let read = read(&mut deserializer)?;
    deserializer.end().map_err(|e| RolegateError::not_json(String::new(), e.to_string()))?;
    Ok(read)
}

// ---------------------------------------------------------------------------------------------
// Streaming: the root object, its long lists item by item

/// The root: its members, a long list's place holding [`Value::Streamed`].
struct DocumentSeed<'r> {
    reader: &'r mut Reader,
    failed: &'r FailedAt,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = Value<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Forwards every visit but those of maps and sequences to the visitor's `scalar()`:
/// a document or a list that is not an object or an array is read as a plain value, to be
/// reported as such. (None of these visits can fail, so the pointer given does not matter.)
macro_rules! forward_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value<'de>, E> {
            self.scalar().visit_bool(b)
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Value<'de>, E> {
            self.scalar().visit_i64(n)
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Value<'de>, E> {
            self.scalar().visit_u64(n)
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value<'de>, E> {
            self.scalar().visit_f64(n)
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<Value<'de>, E> {
            self.scalar().visit_str(s)
        }
        fn visit_string<E: de::Error>(self, s: String) -> Result<Value<'de>, E> {
            self.scalar().visit_string(s)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
            self.scalar().visit_unit()
        }
        fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
            self.scalar().visit_none()
        }
    };
}

impl<'r> DocumentSeed<'r> {
    fn scalar(&self) -> ValueVisitor<'r> {
        ValueVisitor(ValueSeed { depth: 0, at: &Pointer::Root, failed: self.failed })
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a policy document (an object)")
    }

    forward_scalars!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value<'de>, A::Error> {
        self.scalar().visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let DocumentSeed { reader, failed } = self;
        let mut members = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = match key.as_ref() {
                ActionInfo::KEY => map.next_value_seed(ListSeed::<ActionInfo>::new(&mut *reader, failed))?,
                RoleInfo::KEY => map.next_value_seed(ListSeed::<RoleInfo>::new(&mut *reader, failed))?,
                ConsolePage::KEY => map.next_value_seed(ListSeed::<ConsolePage>::new(&mut *reader, failed))?,
                _ => map.next_value_seed(ValueSeed { depth: 1, at: &Pointer::Root.key(&key), failed })?,
            };
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}

/// One of the document's long lists, each item read as soon as it is deserialized.
struct ListSeed<'r, T> {
    reader: &'r mut Reader,
    failed: &'r FailedAt,
    item: std::marker::PhantomData<T>,
}

impl<'r, T> ListSeed<'r, T> {
    fn new(reader: &'r mut Reader, failed: &'r FailedAt) -> Self {
        ListSeed { reader, failed, item: std::marker::PhantomData }
    }

    fn scalar(&self) -> ValueVisitor<'r> {
        ValueVisitor(ValueSeed { depth: 1, at: &Pointer::Root, failed: self.failed })
    }
}

impl<'de, T: StreamedList> DeserializeSeed<'de> for ListSeed<'_, T> {
    type Value = Value<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        let failed = self.failed;
        deserializer.deserialize_any(self).inspect_err(|_| failed.note(&Pointer::Root.key(T::KEY)))
    }
}

impl<'de, T: StreamedList> Visitor<'de> for ListSeed<'_, T> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    forward_scalars!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value<'de>, A::Error> {
        let at = Pointer::Root.key(T::KEY);
        ValueVisitor(ValueSeed { depth: 1, at: &at, failed: self.failed }).visit_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let ListSeed { reader, failed, .. } = self;
        let list_at = Pointer::Root.key(T::KEY);
        let mut listed = Listed::<T>::default();
        let mut len = 0;
        while len < MAX_ITEMS {
            let at = list_at.index(len);
            let Some(item) = seq.next_element_seed(ValueSeed { depth: 2, at: &at, failed })? else {
                break;
            };
            reader.read_item(item, &at, &mut listed);
            len += 1;
        }
        if len == MAX_ITEMS {
            len += count_rest(&mut seq)?;
        }
        if len > MAX_ITEMS {
            // Of a list too long, only that is reported: the document is refused whatever was read.
            listed = Listed::default();
            listed.problems.push(Problem { path: list_at.render(), message: too_many_items(len) });
        }
        // A repeated key: the earlier list is replaced, as `JSON.parse` keeps only the last.
        *T::slot(reader) = Some(listed);
        Ok(Value::Streamed)
    }
}

fn too_many_items(len: usize) -> String {
    format!("has {len} items; the limit is {MAX_ITEMS}")
}

// ---------------------------------------------------------------------------------------------
// The reader: values to the model, every shape problem reported

#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
    gaps: Gaps,
    /// The long lists, read as they were deserialized (the last of a repeated key).
    actions: Option<Listed<ActionInfo>>,
    roles: Option<Listed<RoleInfo>>,
    pages: Option<Listed<ConsolePage>>,
}

/// A list read item by item: every item (a stand-in where one could not be read), the problems
/// found, and which items were stand-ins.
struct Listed<T> {
    items: Vec<T>,
    problems: Vec<Problem>,
    gaps: ListGaps,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed { items: Vec::new(), problems: Vec::new(), gaps: ListGaps::default() }
    }
}

impl<T> Listed<T> {
    /// Adds an item read, or a stand-in for one that was not (with its id, if that was read).
    fn push(&mut self, item: Result<T, Option<String>>, stand_in: fn(String) -> T) {
        match item {
            Ok(item) => self.items.push(item),
            Err(id) => {
                self.gaps.broken.push(self.items.len());
                self.gaps.unnamed |= id.is_none();
                self.items.push(stand_in(id.unwrap_or_default()));
            }
        }
    }
}

/// The members of an object, each taken out once it is read.
struct Fields<'de>(Vec<(Cow<'de, str>, Value<'de>)>);

impl<'de> Fields<'de> {
    /// The value of `key` (the last one, if repeated, as `JSON.parse` keeps), moved out.
    fn take(&mut self, key: &str) -> Option<Value<'de>> {
        let (_, value) = self.0.iter_mut().rev().find(|(k, _)| k == key)?;
        Some(std::mem::replace(value, Value::Null))
    }
}

/// A value that may be absent: a missing key, `null` (and JavaScript's `undefined`) read the same.
fn present(value: Option<Value<'_>>) -> Option<Value<'_>> {
    value.filter(|v| !matches!(v, Value::Null))
}

impl Reader {
    /// Reads one item of a list into `into`. Its problems go to the list, not the document: a
    /// repeated list keeps only the last one's.
    fn read_item<T: StreamedList>(&mut self, item: Value<'_>, at: &Pointer<'_>, into: &mut Listed<T>) {
        let before = std::mem::take(&mut self.problems);
        let read = T::read(self, item, at);
        into.push(read, T::stand_in);
        let problems = std::mem::replace(&mut self.problems, before);
        into.problems.extend(problems);
    }

    fn problem(&mut self, at: &Pointer<'_>, message: impl Into<String>) {
        self.problems.push(Problem { path: at.render(), message: message.into() });
    }

    /// The members of the object at `at`, with unknown keys reported (and a "did you mean" for
    /// near misses).
    fn object<'de>(&mut self, value: Value<'de>, at: &Pointer<'_>, known: &[&str]) -> Option<Fields<'de>> {
        let Value::Object(members) = value else {
            self.problem(at, format!("expected an object, found {}", value.kind()));
            return None;
        };
        for (key, _) in &members {
            if !known.contains(&key.as_ref()) {
                let help = did_you_mean(key, known.iter().copied())
                    .unwrap_or_else(|| format!("the keys here are {}", known.join(", ")));
                self.problem(&at.key(key), format!("unknown key `{}`; {help}", truncate(key)));
            }
        }
        Some(Fields(members))
    }

    fn string(&mut self, value: Option<Value<'_>>, at: &Pointer<'_>, max: usize) -> Option<String> {
        match value {
            Some(Value::String(s)) => {
                // Characters are at most bytes: only a long text is counted.
                if s.len() > max && s.chars().count() > max {
                    self.problem(at, format!("is {} characters long; the limit is {max}", s.chars().count()));
                    return None;
                }
                Some(s.into_owned())
            }
            Some(other) => {
                self.problem(at, format!("expected a string, found {}", other.kind()));
                None
            }
            None => {
                self.problem(at, "is required");
                None
            }
        }
    }

    fn optional_string(&mut self, value: Option<Value<'_>>, at: &Pointer<'_>, max: usize) -> Option<String> {
        present(value).and_then(|v| self.string(Some(v), at, max))
    }

    /// A string checked against an id syntax.
    fn id(&mut self, value: Option<Value<'_>>, at: &Pointer<'_>, syntax: IdSyntax) -> Option<String> {
        let s = self.string(value, at, MAX_NAME_LEN)?;
        if syntax.accepts(&s) {
            Some(s)
        } else {
            self.problem(at, format!("`{}` is not a valid {}", truncate(&s), syntax.describe()));
            None
        }
    }

    fn optional_id(&mut self, value: Option<Value<'_>>, at: &Pointer<'_>, syntax: IdSyntax) -> Option<String> {
        present(value).and_then(|v| self.id(Some(v), at, syntax))
    }

    /// The items of the array `value`; an absent optional array is empty.
    fn array<'de>(&mut self, value: Option<Value<'de>>, at: &Pointer<'_>, required: bool) -> Vec<Value<'de>> {
        match value {
            Some(Value::Array(items)) => items,
            Some(Value::TooMany(len)) => {
                self.problem(at, too_many_items(len));
                Vec::new()
            }
            None | Some(Value::Null) if !required => Vec::new(),
            Some(other) => {
                self.problem(at, format!("expected an array, found {}", other.kind()));
                Vec::new()
            }
            None => {
                self.problem(at, "is required");
                Vec::new()
            }
        }
    }

    /// A list of names; `Err` with what could be read when any item could not.
    fn id_list(
        &mut self,
        value: Option<Value<'_>>,
        at: &Pointer<'_>,
        syntax: IdSyntax,
        required: bool,
    ) -> Result<Vec<String>, Vec<String>> {
        let before = self.problems.len();
        let items = self.array(value, at, required);
        let ids: Vec<String> = items
            .into_iter()
            .enumerate()
            .map(|(i, v)| self.id(Some(v), &at.index(i), syntax).unwrap_or_default())
            .collect();
        if self.problems.len() == before {
            Ok(ids)
        } else {
            Err(ids)
        }
    }

    /// An optional list of names inside an item: its problems make the item fail.
    fn names(&mut self, value: Option<Value<'_>>, at: &Pointer<'_>, syntax: IdSyntax, required: bool) -> Vec<String> {
        self.id_list(value, at, syntax, required).unwrap_or_else(|ids| ids)
    }

    /// The document read from its root, with the lists already read as they were deserialized.
    fn finish(mut self, root: Value<'_>) -> Read {
        let doc = self.document(root);
        Read { doc, problems: self.problems, gaps: self.gaps }
    }

    fn document(&mut self, root: Value<'_>) -> PolicyDocument {
        const KEYS: &[&str] = &["$schema", "name", "description", "scopeKinds", "seats", "actions", "roles", "pages"];
        let mut doc = PolicyDocument::default();
        let at = Pointer::Root;
        let Some(mut root) = self.object(root, &at, KEYS) else {
            // Nothing else can be read, and nothing compiled from it would mean anything.
            self.gaps.scope_kinds = true;
            self.gaps.actions = true;
            return doc;
        };
        doc.schema = self.optional_string(root.take("$schema"), &at.key("$schema"), MAX_TEXT_LEN);
        doc.name = self.string(root.take("name"), &at.key("name"), MAX_NAME_LEN).unwrap_or_default();
        doc.description =
            self.optional_string(root.take("description"), &at.key("description"), MAX_TEXT_LEN).unwrap_or_default();
        doc.scope_kinds = self
            .id_list(root.take("scopeKinds"), &at.key("scopeKinds"), IdSyntax::Kind, true)
            .unwrap_or_else(|kinds| {
                self.gaps.scope_kinds = true;
                kinds
            });
        doc.seats = self.id_list(root.take("seats"), &at.key("seats"), IdSyntax::Kind, false).unwrap_or_else(|seats| {
            self.gaps.seats = true;
            seats
        });
        let before = self.problems.len();
        (doc.actions, _) = self.list(root.take("actions"), true);
        self.gaps.actions = self.problems.len() > before;
        (doc.roles, self.gaps.roles) = self.list(root.take("roles"), true);
        (doc.pages, self.gaps.pages) = self.list(root.take("pages"), false);
        doc
    }

    /// One of the long lists: taken as it was read while deserializing, or read here from a value
    /// (a list under a key of its own is always streamed; one given otherwise is reported here).
    fn list<T: StreamedList>(&mut self, value: Option<Value<'_>>, required: bool) -> (Vec<T>, ListGaps) {
        let at = Pointer::Root.key(T::KEY);
        if let Some(Value::Streamed) = value {
            if let Some(Listed { mut items, problems, gaps }) = T::slot(self).take() {
                self.problems.extend(problems);
                // Grown by doubling while it was read (its length was not known): the slack goes
                // back, or every engine would keep it.
                items.shrink_to_fit();
                return (items, gaps);
            }
        }
        let mut listed = Listed::default();
        for (i, item) in self.array(value, &at, required).into_iter().enumerate() {
            self.read_item(item, &at.index(i), &mut listed);
        }
        self.problems.append(&mut listed.problems);
        (listed.items, listed.gaps)
    }

    fn action(&mut self, value: Value<'_>, at: &Pointer<'_>) -> Result<ActionInfo, Option<String>> {
        if let Value::String(_) = value {
            let id = self.id(Some(value), at, IdSyntax::Action).ok_or(None)?;
            return Ok(ActionInfo { id, description: None });
        }
        let mut obj = self.object(value, at, &["id", "description"]).ok_or(None)?;
        let before = self.problems.len();
        let id = self.id(obj.take("id"), &at.key("id"), IdSyntax::Action);
        let description = self.optional_string(obj.take("description"), &at.key("description"), MAX_TEXT_LEN);
        match id {
            Some(id) if self.problems.len() == before => Ok(ActionInfo { id, description }),
            id => Err(id),
        }
    }

    fn role(&mut self, value: Value<'_>, at: &Pointer<'_>) -> Result<RoleInfo, Option<String>> {
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
        let before = self.problems.len();
        let mut obj = self.object(value, at, KEYS).ok_or(None)?;
        let id = self.id(obj.take("id"), &at.key("id"), IdSyntax::Role);
        let role = RoleInfo {
            id: id.clone().unwrap_or_default(),
            name: self.string(obj.take("name"), &at.key("name"), MAX_NAME_LEN).unwrap_or_default(),
            description: self
                .optional_string(obj.take("description"), &at.key("description"), MAX_TEXT_LEN)
                .unwrap_or_default(),
            role_type: self
                .optional_string(obj.take("type"), &at.key("type"), MAX_NAME_LEN)
                .unwrap_or_else(|| "custom".into()),
            product: self.optional_id(obj.take("product"), &at.key("product"), IdSyntax::Segment),
            group: self.optional_string(obj.take("group"), &at.key("group"), MAX_NAME_LEN),
            scopes: self.names(obj.take("scopes"), &at.key("scopes"), IdSyntax::Kind, true),
            grants: self.names(obj.take("grants"), &at.key("grants"), IdSyntax::Pattern, false),
            grants_at: match present(obj.take("grantsAt")) {
                None => Vec::new(),
                Some(v) => self.lists_by_kind(v, &at.key("grantsAt"), IdSyntax::Pattern),
            },
            inherits: self.names(obj.take("inherits"), &at.key("inherits"), IdSyntax::Role, false),
            denies: self.names(obj.take("denies"), &at.key("denies"), IdSyntax::Pattern, false),
            seat: self.optional_id(obj.take("seat"), &at.key("seat"), IdSyntax::Kind),
            constraints: match present(obj.take("constraints")) {
                None => Constraints::default(),
                Some(c) => self.constraints(c, &at.key("constraints")),
            },
        };
        if self.problems.len() == before {
            Ok(role)
        } else {
            Err(id)
        }
    }

    fn constraints(&mut self, value: Value<'_>, at: &Pointer<'_>) -> Constraints {
        let mut out = Constraints::default();
        let Some(mut obj) = self.object(value, at, &["heldAlone", "requiresAbove"]) else {
            return out;
        };
        match present(obj.take("heldAlone")) {
            None => {}
            Some(Value::Bool(b)) => out.held_alone = b,
            Some(other) => self.problem(&at.key("heldAlone"), format!("expected a boolean, found {}", other.kind())),
        }
        if let Some(v) = present(obj.take("requiresAbove")) {
            out.requires_above = self.lists_by_kind(v, &at.key("requiresAbove"), IdSyntax::Role);
        }
        out
    }

    /// An object of scope kind → list of names (`grantsAt`, `requiresAbove`).
    fn lists_by_kind(&mut self, value: Value<'_>, at: &Pointer<'_>, syntax: IdSyntax) -> Vec<(String, Vec<String>)> {
        let Value::Object(mut members) = value else {
            self.problem(at, format!("expected an object of scope kind: [names], found {}", value.kind()));
            return Vec::new();
        };
        // A repeated kind keeps its last list, as a repeated key does everywhere else (and in
        // `JSON.parse`): the earlier one is not read at all.
        let mut i = 0;
        while i < members.len() {
            if members[i + 1..].iter().any(|(kind, _)| *kind == members[i].0) {
                members.remove(i);
            } else {
                i += 1;
            }
        }
        members
            .into_iter()
            .map(|(kind, list)| {
                let names = self.names(Some(list), &at.key(&kind), syntax, true);
                (kind.into_owned(), names)
            })
            .collect()
    }

    fn page(&mut self, value: Value<'_>, at: &Pointer<'_>) -> Result<ConsolePage, Option<String>> {
        const KEYS: &[&str] = &["id", "title", "path", "section", "parent", "scopeKind", "requires"];
        let before = self.problems.len();
        let mut obj = self.object(value, at, KEYS).ok_or(None)?;
        let id = self.id(obj.take("id"), &at.key("id"), IdSyntax::Page);
        let page = ConsolePage {
            id: id.clone().unwrap_or_default(),
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
        if self.problems.len() == before {
            Ok(page)
        } else {
            Err(id)
        }
    }

    fn requirement(&mut self, value: Value<'_>, at: &Pointer<'_>) -> Option<Requirement> {
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
        let actions = self.names(Some(list), &at, IdSyntax::Action, true);
        if actions.is_empty() {
            self.problem(&at, "is empty; omit `requires` for a page every user sees");
            return None;
        }
        Some(if any { Requirement::AnyOf(actions) } else { Requirement::AllOf(actions) })
    }
}

/// A list of the document that is read item by item: its key, where the reader keeps it, how an
/// item is read, and what stands in for an item that could not be.
trait StreamedList: Sized {
    const KEY: &'static str;
    fn slot(reader: &mut Reader) -> &mut Option<Listed<Self>>;
    fn read(reader: &mut Reader, item: Value<'_>, at: &Pointer<'_>) -> Result<Self, Option<String>>;
    fn stand_in(id: String) -> Self;
}

impl StreamedList for ActionInfo {
    const KEY: &'static str = "actions";
    fn slot(reader: &mut Reader) -> &mut Option<Listed<Self>> {
        &mut reader.actions
    }
    fn read(reader: &mut Reader, item: Value<'_>, at: &Pointer<'_>) -> Result<Self, Option<String>> {
        reader.action(item, at)
    }
    fn stand_in(id: String) -> Self {
        ActionInfo { id, description: None }
    }
}

impl StreamedList for RoleInfo {
    const KEY: &'static str = "roles";
    fn slot(reader: &mut Reader) -> &mut Option<Listed<Self>> {
        &mut reader.roles
    }
    fn read(reader: &mut Reader, item: Value<'_>, at: &Pointer<'_>) -> Result<Self, Option<String>> {
        reader.role(item, at)
    }
    fn stand_in(id: String) -> Self {
        RoleInfo { id, ..RoleInfo::default() }
    }
}

impl StreamedList for ConsolePage {
    const KEY: &'static str = "pages";
    fn slot(reader: &mut Reader) -> &mut Option<Listed<Self>> {
        &mut reader.pages
    }
    fn read(reader: &mut Reader, item: Value<'_>, at: &Pointer<'_>) -> Result<Self, Option<String>> {
        reader.page(item, at)
    }
    fn stand_in(id: String) -> Self {
        ConsolePage { id, ..ConsolePage::default() }
    }
}
