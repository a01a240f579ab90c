//! The policy document's data model: what a policy declares, and what `roles()`, `pages()` and
//! `document()` give back. Each shape is declared once, here, and serialized with serde: natively
//! with serde_json, in the wasm build with serde-wasm-bindgen (docs/design.md, "One definition
//! per shape"). Reading a document into these types is `reader`'s job.
//!
//! With the `schema` feature, the same types give the format's JSON Schema (`crate::schema`): the
//! `schemars` attributes say how the reader takes each field, where that differs from the type
//! (optional and nullable keys, the names' syntaxes, length limits), and the doc comments are
//! what an editor shows.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A rolegate policy: scope kinds, actions, roles and console pages.
///
/// Unknown keys are errors. A role held at a scope allows an action there and below when it
/// grants it (directly or through the roles it inherits) and no role held there or above denies
/// it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "rolegate policy", deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct PolicyDocument {
    /// The URI of the JSON Schema the document says it follows (for editors; not checked).
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::LongText>"))]
    pub schema: Option<String>,
    /// The policy's name (`shop`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Name"))]
    pub name: String,
    /// What the policy covers.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::LongText>"))]
    pub description: String,
    /// The scope kinds, root first: `["organization", "account", "subaccount"]`. A scope path
    /// uses them in this order and may stop at any level.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::ScopeKind>"))]
    pub scope_kinds: Vec<String>,
    /// Billing seat classes, cheapest first (`["free", "editor"]`).
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<crate::schema::ScopeKind>>"))]
    pub seats: Vec<String>,
    /// Every action the policy knows, as ids or `{ "id", "description" }` objects. An action that
    /// is not declared is an error, never a silent "no".
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::List<crate::schema::ActionDeclaration>"))]
    pub actions: Vec<ActionInfo>,
    /// The roles.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::List<RoleInfo>"))]
    pub roles: Vec<RoleInfo>,
    /// The console pages, in navigation order.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::List<ConsolePage>>"))]
    pub pages: Vec<ConsolePage>,
}

/// An action with a description.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct ActionInfo {
    /// The dotted action id (`billing.invoice.read`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ActionId"))]
    pub id: String,
    /// What the action lets a person do.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::LongText>"))]
    pub description: Option<String>,
}

/// A role: where it can be held, what it grants and denies, what it inherits.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct RoleInfo {
    /// The role's id, in kebab-case (`studio-admin`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::RoleId"))]
    pub id: String,
    /// Display name (`Studio Admin`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Name"))]
    pub name: String,
    /// What the role is for.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::LongText>"))]
    pub description: String,
    /// The role type (`general`, `built-in`, `organization` in the Twilio catalog); `custom` when
    /// left out.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Name>"))]
    pub role_type: String,
    /// The product (first action segment) a product role is confined to: it may grant only that
    /// product's actions, through the roles it inherits too.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::ProductId>"))]
    pub product: Option<String>,
    /// The product group as the vendor displays it (`Phone numbers`).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Name>"))]
    pub group: Option<String>,
    /// The scope kinds the role can be held at.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::ScopeKind>"))]
    pub scopes: Vec<String>,
    /// Granted actions: ids or patterns ending in `*` at a segment boundary (`catalog.*`, `*`).
    /// A pattern that matches no declared action is an error.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<crate::schema::ActionPattern>>"))]
    pub grants: Vec<String>,
    /// Further grants per scope kind: they apply only where the role is held at a scope of that
    /// kind (an owner who runs the organization only when held at the organization).
    #[serde(serialize_with = "lists_by_kind")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::ByKind<crate::schema::ActionPattern>>"))]
    pub grants_at: Vec<(String, Vec<String>)>,
    /// Roles whose grants and denies this role also has, transitively (cycles are errors).
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<crate::schema::RoleId>>"))]
    pub inherits: Vec<String>,
    /// Denied actions or patterns: a deny overrides every grant.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<crate::schema::ActionPattern>>"))]
    pub denies: Vec<String>,
    /// The billing seat class the role takes, one of the document's `seats`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::ScopeKind>"))]
    pub seat: Option<String>,
    /// Rules on how the role combines with others.
    #[cfg_attr(feature = "schema", schemars(with = "Option<Constraints>"))]
    pub constraints: Constraints,
}

/// How a role may combine with others: checked by `checkAssignments`, never by decisions.
// A rule that is off is left out of the serialized object.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct Constraints {
    /// At a scope where this role is held, no other role may be held.
    #[serde(skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub held_alone: bool,
    /// Held at a scope of the key's kind, the role needs one of the listed roles at an ancestor.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "lists_by_kind")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::ByKind<crate::schema::RoleId>>"))]
    pub requires_above: Vec<(String, Vec<String>)>,
}

/// A console page and the actions it requires.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[serde(rename_all = "camelCase")]
pub struct ConsolePage {
    /// The page's id (`studio.flows`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::PageId"))]
    pub id: String,
    /// Its title in the navigation.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Name"))]
    pub title: String,
    /// Its route path (`/console/studio/flows`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::LongText"))]
    pub path: String,
    /// Its navigation group (`Studio`).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Name"))]
    pub section: String,
    /// The id of the page it sits under.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::PageId>"))]
    pub parent: Option<String>,
    /// The scope kind the page lives at (for the UI; it does not filter).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ScopeKind"))]
    pub scope_kind: String,
    /// The actions the page needs; left out or `null`: every signed-in user sees it.
    pub requires: Option<Requirement>,
}

/// A page's requirement: `{ "anyOf": [...] }` (any one of the actions) or `{ "allOf": [...] }`
/// (all of them), a non-empty list either way.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    /// Any one of these actions.
    AnyOf(#[cfg_attr(feature = "schema", schemars(with = "crate::schema::SomeActions"))] Vec<String>),
    /// All of these actions.
    AllOf(#[cfg_attr(feature = "schema", schemars(with = "crate::schema::SomeActions"))] Vec<String>),
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
