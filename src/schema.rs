//! The JSON Schema of the policy format (draft 2020-12), for editors and CI: generated with schemars
//! from the model's types (`model`), whose fields say, through `schemars` attributes, how the
//! reader takes them: the names' syntaxes (`reader/syntax.rs`), the length limits, which keys are
//! optional and may be `null`. What the schema cannot say (that a name refers to one declared
//! elsewhere, that inheritance has no cycle) the loader checks when it compiles the document.
//!
//! Behind the `schema` cargo feature, so that the wasm build does not carry schemars. The package
//! ships the schema as `rolegate/policy.schema.json`, written by `cargo run --example
//! policy_schema --features schema`.

use crate::model::{ActionInfo, PolicyDocument};
use crate::reader::{IdSyntax, MAX_ITEMS, MAX_NAME_LEN, MAX_TEXT_LEN};
use schemars::{generate::SchemaSettings, json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The JSON Schema of a policy document, as the loader reads one.
pub fn policy_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let schema = generator.into_root_schema_for::<PolicyDocument>();
    // Through `Serialize`, which writes `$schema`, `title` and `description` first, for people.
    let mut value = serde_json::to_value(&schema).unwrap_or_else(|_| schema.to_value());
    unwrap_descriptions(&mut value);
    value
}

/// [`policy_schema`] as the file `schema/policy.schema.json` holds it: pretty-printed, with a final
/// line break.
pub fn policy_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&policy_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Joins the lines of each description that the doc comments wrap (a single line break), keeping
/// paragraphs: editors show a description as it is written.
fn unwrap_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = text.split("\n\n").map(|p| p.replace('\n', " ")).collect::<Vec<_>>().join("\n\n");
                    }
                    _ => unwrap_descriptions(item),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// A name of one of the syntaxes the reader checks, at most [`MAX_NAME_LEN`] characters.
macro_rules! names {
    ($($(#[doc = $doc:literal])* $name:ident => $syntax:expr;)*) => {$(
        $(#[doc = $doc])*
        pub(crate) struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": concat!($($doc),*).trim(),
                    "type": "string",
                    "pattern": $syntax.pattern(),
                    "maxLength": MAX_NAME_LEN,
                })
            }
        }
    )*};
}

names! {
    /// A scope kind or a seat class: lowercase letters, digits, `-` and `_`, starting with a letter (`organization`).
    ScopeKind => IdSyntax::Kind;
    /// A role id, in kebab-case (`studio-admin`).
    RoleId => IdSyntax::Role;
    /// A product: an action's first segment (`studio`).
    ProductId => IdSyntax::Segment;
    /// An action id: dotted, at least two segments, the first naming the product (`studio.flow.read`).
    ActionId => IdSyntax::Action;
    /// An action id, or whole segments ending in `*` (`studio.*`, `*`).
    ActionPattern => IdSyntax::Pattern;
    /// A page id: letters, digits, `.`, `-` and `_` (`studio.flows`).
    PageId => IdSyntax::Page;
}

/// A string of at most `MAX` characters.
pub(crate) struct Text<const MAX: usize>;

impl<const MAX: usize> JsonSchema for Text<MAX> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Text{MAX}").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "maxLength": MAX })
    }
}

/// Names, titles: at most [`MAX_NAME_LEN`] characters.
pub(crate) type Name = Text<MAX_NAME_LEN>;
/// Descriptions, route paths: at most [`MAX_TEXT_LEN`] characters.
pub(crate) type LongText = Text<MAX_TEXT_LEN>;

/// A list of one of the document's long lists, at most [`MAX_ITEMS`] items.
pub(crate) struct List<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for List<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("List_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": generator.subschema_for::<T>(), "maxItems": MAX_ITEMS })
    }
}

/// An object of scope kind → list of `T` (`grantsAt`, `requiresAbove`).
pub(crate) struct ByKind<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for ByKind<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("ByKind_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": generator.subschema_for::<ScopeKind>(),
            "additionalProperties": { "type": "array", "items": generator.subschema_for::<T>() },
        })
    }
}

/// A non-empty list of action ids (a page's `anyOf` or `allOf`).
pub(crate) struct SomeActions;

impl JsonSchema for SomeActions {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "SomeActions".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "array", "items": generator.subschema_for::<ActionId>(), "minItems": 1 })
    }
}

/// An action as a document declares it: its id alone, or an object with its id and a description.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)] // only its schema is used: the reader reads actions into `ActionInfo`
pub(crate) enum ActionDeclaration {
    Id(#[schemars(with = "ActionId")] String),
    Described(ActionInfo),
}
