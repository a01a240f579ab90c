//! The policy document's data model: what a policy declares, and what `roles()`, `pages()` and
//! `document()` give back. Each shape is declared once, here, and serialized with serde: natively
//! with serde_json, in the wasm build with serde-wasm-bindgen (docs/design.md, "One definition
//! per shape"). Reading a document into these types is `reader`'s job.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A whole policy: scope kinds, actions, roles and console pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDocument {
    /// The URI of the JSON Schema the document says it follows (for editors; not checked).
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ActionInfo {
    pub id: String,
    pub description: Option<String>,
}

/// A role as the policy declares it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The role type (`general`, `built-in`, `organization` in the Twilio catalog).
    #[serde(rename = "type")]
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
    #[serde(serialize_with = "lists_by_kind")]
    pub grants_at: Vec<(String, Vec<String>)>,
    pub inherits: Vec<String>,
    pub denies: Vec<String>,
    pub seat: Option<String>,
    pub constraints: Constraints,
}

/// How a role may combine with others; checked by `check_assignments`, never by decisions. A rule
/// that is off is left out of the serialized object.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    /// At a scope where this role is held, no other role may be held.
    #[serde(skip_serializing_if = "is_false")]
    pub held_alone: bool,
    /// Held at a scope of the key's kind, the role needs one of the listed roles at an ancestor.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "lists_by_kind")]
    pub requires_above: Vec<(String, Vec<String>)>,
}

/// A console page and the actions it requires.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

/// A page's requirement: `{ "anyOf": [...] }` or `{ "allOf": [...] }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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

    /// The key it is written under.
    pub fn key(&self) -> &'static str {
        match self {
            Requirement::AnyOf(_) => "anyOf",
            Requirement::AllOf(_) => "allOf",
        }
    }
}

/// `grantsAt` and `requiresAbove`: an object of scope kind → names, in declaration order.
fn lists_by_kind<S: Serializer>(lists: &[(String, Vec<String>)], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(lists.len()))?;
    for (kind, names) in lists {
        map.serialize_entry(kind, names)?;
    }
    map.end()
}

fn is_false(b: &bool) -> bool {
    !*b
}
