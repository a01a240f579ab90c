//! Assignments, and role inputs as callers give them: a role id, an assignment `{ role, scope }`,
//! or a list of either (docs/design.md, "Role inputs"). Read with serde, from JSON natively and
//! from JavaScript values in the wasm build, by the one set of rules below:
//!
//! - an assignment without `scope` (or with `scope: null`) is held wherever the question asks;
//! - an assignment with another key in place of `scope` (`{ role, scopePath }`) is refused, as it
//!   would otherwise read as held everywhere; beside `scope`, other keys are ignored;
//! - `role` is required and is a string, and `scope` is a string or null.
//!
//! How a `scope` value is read is the one thing a host may add to: JavaScript's `undefined` is not
//! `null` there, and the wasm layer refuses it ([`ScopeValue`]).

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::marker::PhantomData;

/// A role held at a scope. With no scope, the role is held wherever the question asks: at the
/// queried scope, or, for `visible_console_pages` without one, wherever a page asks.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Assignment {
    pub role: String,
    pub scope: Option<String>,
}

impl Assignment {
    /// `role` held at `scope`.
    pub fn at(role: impl Into<String>, scope: impl Into<String>) -> Self {
        Assignment { role: role.into(), scope: Some(scope.into()) }
    }

    /// `role` held wherever the question asks.
    pub fn role(role: impl Into<String>) -> Self {
        Assignment { role: role.into(), scope: None }
    }
}

/// The most assignments one role input may hold: far beyond any real user, small enough to stay
/// bounded.
pub const MAX_ASSIGNMENTS: usize = 1_000_000;

/// A role input: a role id, an assignment, or a list of either, read into assignments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleInput(pub Vec<Assignment>);

impl<'de> Deserialize<'de> for RoleInput {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_roles::<D, Option<String>>(deserializer).map(RoleInput)
    }
}

impl<'de> Deserialize<'de> for Assignment {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ItemVisitor::<Option<String>> { name: "assignment".into(), scope: PhantomData })
    }
}

/// How an assignment's `scope` value is read: `None` for a role held wherever the question asks,
/// or why the value is not a scope.
pub trait ScopeValue<'de>: Deserialize<'de> {
    fn into_scope(self) -> Result<Option<String>, String>;
}

/// JSON's reading: a string, or `null`.
impl<'de> ScopeValue<'de> for Option<String> {
    fn into_scope(self) -> Result<Option<String>, String> {
        Ok(self)
    }
}

/// Reads a role input, its scopes read as `S`.
pub fn read_roles<'de, D: de::Deserializer<'de>, S: ScopeValue<'de>>(
    deserializer: D,
) -> Result<Vec<Assignment>, D::Error> {
    deserializer.deserialize_any(InputVisitor::<S>(PhantomData))
}

/// JavaScript's names for the values a visitor is given, for messages.
macro_rules! refuse_scalars {
    ($describe:ident) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("a boolean")))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("a number")))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("a number")))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("a number")))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("null")))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(E::custom(self.$describe("null")))
        }
    };
}

struct InputVisitor<S>(PhantomData<S>);

impl<S> InputVisitor<S> {
    fn got(&self, what: &str) -> String {
        format!("`roles` must be a role id, an assignment {{ role, scope }} or an array of either, got {what}")
    }
}

impl<'de, S: ScopeValue<'de>> Visitor<'de> for InputVisitor<S> {
    type Value = Vec<Assignment>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a role id, an assignment { role, scope } or an array of either")
    }

    refuse_scalars!(got);

    fn visit_str<E: de::Error>(self, role: &str) -> Result<Self::Value, E> {
        Ok(vec![Assignment::role(role)])
    }

    fn visit_string<E: de::Error>(self, role: String) -> Result<Self::Value, E> {
        Ok(vec![Assignment::role(role)])
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        read_assignment::<A, S>(map, "roles").map(|a| vec![a])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_ASSIGNMENTS));
        loop {
            let name = format!("roles[{}]", out.len());
            match seq.next_element_seed(ItemVisitor::<S> { name, scope: PhantomData })? {
                Some(_) if out.len() == MAX_ASSIGNMENTS => {
                    return Err(de::Error::custom(format_args!("`roles` has more than {MAX_ASSIGNMENTS} items")));
                }
                Some(a) => out.push(a),
                None => return Ok(out),
            }
        }
    }
}

/// One item of a list: a role id or an assignment.
struct ItemVisitor<S> {
    name: String,
    scope: PhantomData<S>,
}

impl<S> ItemVisitor<S> {
    fn got(&self, what: &str) -> String {
        format!("`{}` must be a role id or an assignment {{ role, scope }}, got {what}", self.name)
    }
}

impl<'de, S: ScopeValue<'de>> DeserializeSeed<'de> for ItemVisitor<S> {
    type Value = Assignment;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Assignment, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: ScopeValue<'de>> Visitor<'de> for ItemVisitor<S> {
    type Value = Assignment;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a role id or an assignment { role, scope }")
    }

    refuse_scalars!(got);

    fn visit_str<E: de::Error>(self, role: &str) -> Result<Assignment, E> {
        Ok(Assignment::role(role))
    }

    fn visit_string<E: de::Error>(self, role: String) -> Result<Assignment, E> {
        Ok(Assignment::role(role))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Assignment, A::Error> {
        Err(de::Error::custom(self.got("an array")))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Assignment, A::Error> {
        read_assignment::<A, S>(map, &self.name)
    }
}

/// The assignment object `map`, called `name` in messages.
fn read_assignment<'de, A: MapAccess<'de>, S: ScopeValue<'de>>(mut map: A, name: &str) -> Result<Assignment, A::Error> {
    let (mut role, mut scope, mut other): (Option<String>, Option<Option<String>>, Option<String>) = (None, None, None);
    while let Some(key) = map.next_key::<String>()? {
        match key.as_str() {
            "role" => {
                let value = map.next_value::<RoleId>().map_err(|e| in_field(name, "role", e))?;
                role = Some(value.0);
            }
            "scope" => {
                let value = map.next_value::<S>().map_err(|e| in_field(name, "scope", e))?;
                let value =
                    value.into_scope().map_err(|why| de::Error::custom(format_args!("`{name}.scope` {why}")))?;
                scope = Some(value);
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
                other.get_or_insert(key);
            }
        }
    }
    let Some(role) = role else {
        return Err(de::Error::custom(format_args!("`{name}` has no `role`; an assignment is {{ role, scope }}")));
    };
    match (scope, other) {
        (Some(scope), _) => Ok(Assignment { role, scope }),
        (None, None) => Ok(Assignment { role, scope: None }),
        (None, Some(key)) => Err(de::Error::custom(format_args!(
            "`{name}` has `{}` and no `scope`; an assignment is {{ role, scope }} (without `scope`, a role is held wherever the question asks)",
            crate::scope::truncate(&key)
        ))),
    }
}

fn in_field<E: de::Error>(name: &str, field: &str, e: E) -> E {
    E::custom(format_args!("`{name}.{field}`: {e}"))
}

/// A role id: a string.
struct RoleId(String);

impl<'de> Deserialize<'de> for RoleId {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(RoleId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Vec<Assignment>, String> {
        serde_json::from_str::<RoleInput>(json).map(|r| r.0).map_err(|e| e.to_string())
    }

    #[test]
    fn a_role_input_is_a_role_an_assignment_or_a_list_of_either() {
        assert_eq!(read(r#""owner""#).unwrap(), [Assignment::role("owner")]);
        assert_eq!(read(r#"{"role": "owner", "scope": "o:1"}"#).unwrap(), [Assignment::at("owner", "o:1")]);
        assert_eq!(
            read(r#"["a", {"role": "b"}, {"role": "c", "scope": null}, {"role": "d", "scope": "s", "x": 1}]"#).unwrap(),
            [Assignment::role("a"), Assignment::role("b"), Assignment::role("c"), Assignment::at("d", "s")]
        );
    }

    #[test]
    fn what_would_read_as_held_everywhere_by_mistake_is_refused() {
        let e = read(r#"[{"role": "owner", "scopePath": "o:1"}]"#).unwrap_err();
        assert!(e.contains("`roles[0]` has `scopePath` and no `scope`"), "{e}");
        for (json, says) in [
            (r#"{"scope": "o:1"}"#, "`roles` has no `role`"),
            (r#"[["owner"]]"#, "`roles[0]` must be a role id or an assignment { role, scope }, got an array"),
            (r#"[null]"#, "got null"),
            (r#"7"#, "`roles` must be a role id"),
            (r#"{"role": 1}"#, "`roles.role`"),
            (r#"{"role": "a", "scope": 5}"#, "`roles.scope`"),
        ] {
            let e = read(json).unwrap_err();
            assert!(e.contains(says), "{json}: {e}");
        }
    }
}
