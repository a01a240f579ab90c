//! A JSON value tree, deserialized with serde from whatever carries the policy (serde_json text,
//! serde-wasm-bindgen objects). Not `serde_json::Value`: the reader needs keys in document order
//! (problems are reported in that order), strings borrowed from the text where the deserializer
//! allows it, a bound on nesting that serde-wasm-bindgen does not have (a cyclic object would
//! recurse forever), and the place where the deserializer failed.

use crate::pointer::Pointer;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// Deeper nesting than this is refused; a real policy needs about five levels.
pub const MAX_DEPTH: usize = 64;

/// The most items an array (or members an object) may hold; the rest are counted, not kept.
pub const MAX_ITEMS: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'de> {
    Null,
    Bool(bool),
    /// A number; no policy field is one, so only its presence matters (for the message).
    Number,
    String(Cow<'de, str>),
    Array(Vec<Value<'de>>),
    /// Keys in document order. A repeated key keeps its last value when read, as `JSON.parse` does.
    Object(Vec<(Cow<'de, str>, Value<'de>)>),
    /// An array or object of more than [`MAX_ITEMS`]: how many it had.
    TooMany(usize),
    /// A list of the document whose items the reader took one at a time as they were deserialized.
    Streamed,
}

impl Value<'_> {
    /// The value's type as a person would name it in an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number => "a number",
            Value::String(_) => "a string",
            Value::Array(_) | Value::Streamed | Value::TooMany(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Where a deserialization failed: the innermost place, kept by the first seed to see the error.
#[derive(Default)]
pub(crate) struct FailedAt(RefCell<Option<String>>);

impl FailedAt {
    pub fn note(&self, at: &Pointer<'_>) {
        let mut slot = self.0.borrow_mut();
        if slot.is_none() {
            *slot = Some(at.render());
        }
    }

    pub fn take(&self) -> String {
        self.0.borrow_mut().take().unwrap_or_default()
    }
}

/// Deserializes one [`Value`] at `at`, `depth` levels below the document.
pub(crate) struct ValueSeed<'a> {
    pub depth: usize,
    pub at: &'a Pointer<'a>,
    pub failed: &'a FailedAt,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        let (at, failed) = (self.at, self.failed);
        let result = if self.depth > MAX_DEPTH {
            Err(de::Error::custom(format_args!("is nested more than {MAX_DEPTH} levels deep")))
        } else {
            deserializer.deserialize_any(ValueVisitor(self))
        };
        result.inspect_err(|_| failed.note(at))
    }
}

pub(crate) struct ValueVisitor<'a>(pub ValueSeed<'a>);

impl<'de> Visitor<'de> for ValueVisitor<'_> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON data (null, a boolean, a number, a string, an array or an object)")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value<'de>, E> {
        Ok(Value::Number)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    /// `null`, and in JavaScript `undefined`: a key holding either reads as absent.
    fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let ValueSeed { depth, at, failed } = self.0;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_ITEMS));
        while items.len() < MAX_ITEMS {
            let at = at.index(items.len());
            match seq.next_element_seed(ValueSeed { depth: depth + 1, at: &at, failed })? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
        Ok(Value::TooMany(MAX_ITEMS + count_rest(&mut seq)?))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let ValueSeed { depth, at, failed } = self.0;
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(MAX_ITEMS));
        while members.len() < MAX_ITEMS {
            let Some(key) = map.next_key_seed(KeySeed)? else {
                return Ok(Value::Object(members));
            };
            let value = map.next_value_seed(ValueSeed { depth: depth + 1, at: &at.key(&key), failed })?;
            members.push((key, value));
        }
        let mut rest = 0;
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
            rest += 1;
        }
        Ok(Value::TooMany(MAX_ITEMS + rest))
    }
}

/// The items left in `seq`, skipped.
pub(crate) fn count_rest<'de, A: SeqAccess<'de>>(seq: &mut A) -> Result<usize, A::Error> {
    let mut rest = 0;
    while seq.next_element::<IgnoredAny>()?.is_some() {
        rest += 1;
    }
    Ok(rest)
}

/// An object's key, borrowed from the text where the deserializer allows it.
pub(crate) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_owned()))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}
