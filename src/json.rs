//! JSON, read and written by hand. The policy reader needs a value tree it can walk to report
//! every problem with a JSON pointer (a derived `Deserialize` stops at the first type error), and
//! the answers given to JavaScript are small objects. A generic serialization framework would cost
//! the wasm build far more bytes than these few hundred lines. Depth is bounded while parsing, so
//! no input can exhaust the stack; numbers are recognised but never needed as values (no policy
//! field is a number), so no float parsing or formatting is compiled in.
//!
//! Loading a large policy is dominated by allocation, so the tree allocates little: strings
//! borrow from the text unless they hold an escape, each array and object is allocated once at
//! its final size, and the items of the document's long lists go to the policy reader one at a
//! time as they are parsed ([`ItemSink`]), so that the text is scanned once, in order, and the
//! policy never exists as one tree.

use std::borrow::Cow;
use std::fmt;

/// Deeper nesting than this is refused; a real policy needs about five levels.
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Strings borrow from the parsed text unless they hold an escape, so that keys
/// and ids cost no allocation until the policy reader keeps them.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number; policies hold none, so only its presence matters (for the error message).
    Number,
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Keys in document order. A repeated key keeps its last value, as `JSON.parse` does.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// An array of the root object whose items went to an [`ItemSink`] as they were parsed. Only
    /// the policy reader's own parse makes one; [`Json::parse`] never returns it.
    Streamed,
}

/// Takes the items of some of the root object's arrays one at a time, as the parser reaches them,
/// in place of their being built into the tree: a list of thousands of roles is read and checked
/// item by item in the one scan of the text that also finds whether it is JSON.
pub(crate) trait ItemSink<'a> {
    /// Whether the items of the root object's array under `key` go to the sink.
    fn takes(&self, key: &str) -> bool;
    /// The array under `key` begins.
    fn begin(&mut self, key: &str);
    /// Its next item. `false`: no more items are wanted; the rest are still checked, not built.
    fn item(&mut self, item: Json<'a>) -> bool;
    /// It ended, after `len` items.
    fn end(&mut self, len: usize);
}

/// Why a text is not JSON, and where (1-based line and column, counted in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl<'a> Json<'a> {
    /// Parses JSON text (RFC 8259).
    pub fn parse(text: &'a str) -> Result<Json<'a>, JsonError> {
        Self::parse_with(text, None, true)
    }

    /// Whether `text` is JSON: [`Json::parse`]'s answer and error, with nothing built (a text of
    /// a million items costs no memory).
    pub fn check(text: &'a str) -> Result<(), JsonError> {
        Self::parse_with(text, None, false).map(|_| ())
    }

    /// Parses JSON text as [`Json::parse`] does, except that the items of the root object's
    /// arrays that `sink` takes go to it as they are parsed, each array's place in the tree
    /// holding [`Json::Streamed`]. The error, if any, is the text's first, as `parse` gives it.
    pub(crate) fn parse_streaming(text: &'a str, sink: &mut dyn ItemSink<'a>) -> Result<Json<'a>, JsonError> {
        Self::parse_with(text, Some(sink), true)
    }

    fn parse_with(text: &'a str, sink: Option<&mut dyn ItemSink<'a>>, building: bool) -> Result<Json<'a>, JsonError> {
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            sink,
            building,
            open_members: Vec::new(),
            open_items: Vec::new(),
        };
        p.skip_whitespace();
        let value = p.value()?;
        p.skip_whitespace();
        if p.pos < p.bytes.len() {
            return Err(p.error("unexpected characters after the document"));
        }
        Ok(value)
    }

    /// The value's type as a person would name it in an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number => "a number",
            Json::String(_) => "a string",
            Json::Array(_) | Json::Streamed => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value of `key` in an object (the last one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

struct Parser<'a, 's> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Where the items of the root object's arrays it takes go (taken out while one is parsed).
    sink: Option<&'s mut dyn ItemSink<'a>>,
    /// False when only checking: arrays and objects are not collected.
    building: bool,
    /// The members and items of the objects and arrays being parsed, innermost last. Each
    /// container is moved out of these stacks into a vector of its exact size when it closes:
    /// one allocation per container instead of one per doubling.
    open_members: Vec<(Cow<'a, str>, Json<'a>)>,
    open_items: Vec<Json<'a>>,
}

/// How many bytes from the start of `bytes` are plain string content: up to the first quote,
/// backslash or control character. Strings are most of a policy's bytes, so they are scanned a
/// word of eight bytes at a time: the classic "has a zero byte" test, applied to the word XOR the
/// quote, XOR the backslash, and minus 0x20, flags the bytes that end the run. Each test flags its
/// lowest matching byte exactly (a borrow only flags bytes above a real match), so the lowest
/// flag of the three is the first byte that ends the run.
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let mut done = 0;
    for word in &mut words {
        let x = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
        let ends = below(x ^ (ONES * u64::from(b'"')), 1) | below(x ^ (ONES * u64::from(b'\\')), 1) | below(x, 0x20);
        if ends != 0 {
            return done + (ends.trailing_zeros() / 8) as usize;
        }
        done += 8;
    }
    let rest = words.remainder();
    done + rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len())
}

impl<'a> Parser<'a, '_> {
    fn error(&self, message: &str) -> JsonError {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        // Columns count characters: every UTF-8 byte but continuation bytes starts one.
        let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        JsonError { message: message.to_owned(), line, column }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Moves past whitespace. Inlined down to one test of the byte at the cursor: a compact
    /// text (what `JSON.stringify` gives) has none, and a call per token would cost more there
    /// than the test does.
    #[inline(always)]
    fn skip_whitespace(&mut self) {
        if matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.skip_whitespace_run();
        }
    }

    #[inline(never)]
    fn skip_whitespace_run(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')).unwrap_or(rest.len());
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self) -> Result<Json<'a>, JsonError> {
        match self.peek() {
            Some(b'{' | b'[') => self.nested(),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("the document ends where a value was expected")),
        }
    }

    /// The object or array at the cursor, one level deeper. Which of the two is told by the byte,
    /// not passed as a function: the wasm build makes a function argument an indirect call, one per
    /// object and array of the text, and Chromium's baseline code pays for each (it records where
    /// an indirect call goes, for its optimizing compiler). Measured in Chromium 156, alternating
    /// fresh contexts: the large policy's first load 7 to 9% quicker, a later one 14%.
    fn nested(&mut self) -> Result<Json<'a>, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("the document is nested more than 64 levels deep"));
        }
        self.depth += 1;
        let value = if self.peek() == Some(b'{') { self.object() } else { self.array() };
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Json<'a>, JsonError> {
        self.pos += 1;
        let first = self.open_members.len();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(Vec::new()));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.expect(b':', "expected `:` after the key")?;
            self.skip_whitespace();
            // The root object is the one at depth 1.
            let streamed =
                self.depth == 1 && self.peek() == Some(b'[') && self.sink.as_ref().is_some_and(|sink| sink.takes(&key));
            let value = if streamed { self.stream_array(&key)? } else { self.value()? };
            if self.building {
                self.open_members.push((key, value));
            }
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(self.open_members.split_off(first)));
                }
                _ => return Err(self.error("expected `,` or `}` in an object")),
            }
        }
    }

    fn array(&mut self) -> Result<Json<'a>, JsonError> {
        let first = self.open_items.len();
        let mut more = self.array_open();
        while more {
            let item = self.value()?;
            if self.building {
                self.open_items.push(item);
            }
            more = self.array_next()?;
        }
        Ok(Json::Array(self.open_items.split_off(first)))
    }

    /// The array at the cursor, its items handed to the sink one at a time as they are parsed.
    /// Each item is parsed, and read by the sink, in calls of their own: V8 moves a wasm function
    /// to optimized code only between its calls (see `compile::Compiler::role`), and such a list
    /// is most of a large policy's bytes.
    fn stream_array(&mut self, key: &str) -> Result<Json<'a>, JsonError> {
        let Some(sink) = self.sink.take() else {
            return self.value();
        };
        // Nested as `nested` nests it; the sink is out of reach meanwhile, so deeper arrays are built.
        self.depth += 1;
        sink.begin(key);
        let items = self.stream_items(&mut *sink);
        self.depth -= 1;
        if let Ok(len) = items {
            sink.end(len);
        }
        self.sink = Some(sink);
        items.map(|_| Json::Streamed)
    }

    /// Parses the items of the array at the cursor into `sink`, then the ones it no longer wants
    /// without building them: how many there were.
    fn stream_items(&mut self, sink: &mut dyn ItemSink<'a>) -> Result<usize, JsonError> {
        let (mut len, mut wanted) = (0, true);
        let mut more = self.array_open();
        while more {
            let building = self.building;
            self.building = building && wanted;
            let item = self.value();
            self.building = building;
            let item = item?;
            if wanted {
                wanted = sink.item(item);
            }
            len += 1;
            more = self.array_next()?;
        }
        Ok(len)
    }

    /// Moves past `[`: whether an item follows (the cursor is on it), or the array is empty (the
    /// cursor is past its `]`).
    fn array_open(&mut self) -> bool {
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return false;
        }
        true
    }

    /// Moves past what follows an item: whether another item follows (the cursor is on it), or
    /// the array ends (the cursor is past its `]`).
    fn array_next(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_whitespace();
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.error("expected `,` or `]` in an array")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let digits = |p: &mut Self| {
            let start = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > start
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.error("malformed number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("malformed number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("malformed number"));
            }
        }
        Ok(Json::Number)
    }

    /// The run of plain characters from the cursor: up to a quote, a backslash or a control
    /// character.
    fn plain_run(&mut self) -> &'a str {
        let start = self.pos;
        self.pos += plain_len(self.bytes.get(start..).unwrap_or_default());
        // Stops only at ASCII bytes, so both ends are character boundaries.
        self.text.get(start..self.pos).unwrap_or_default()
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1;
        // Most strings hold no escape: they are borrowed from the text as they stand.
        let plain = self.plain_run();
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(Cow::Borrowed(plain));
        }
        let mut out = String::from(plain);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let simple = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => '\0',
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.pos += 1;
                    // `\0` stands for `\u`, whose hex digits follow.
                    let escaped = if simple == '\0' { self.unicode_escape()? } else { simple };
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("a control character in a string must be escaped")),
                None => return Err(self.error("the document ends inside a string")),
            }
            out.push_str(self.plain_run());
        }
    }

    /// The four hex digits after `\u` (the cursor is on the first), and a low surrogate's
    /// `\uXXXX` after a high one. A lone surrogate becomes U+FFFD, as JavaScript strings
    /// become UTF-8.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return Ok(char::from_u32(high).unwrap_or('\u{FFFD}'));
        }
        if !self.bytes[self.pos..].starts_with(b"\\u") {
            return Ok('\u{FFFD}');
        }
        let save = self.pos;
        self.pos += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            self.pos = save;
            return Ok('\u{FFFD}');
        }
        Ok(char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\u{FFFD}'))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit =
                self.peek().and_then(|b| (b as char).to_digit(16)).ok_or_else(|| self.error("invalid \\u escape"))?;
            value = value * 16 + digit;
            self.pos += 1;
        }
        Ok(value)
    }
}

/// Writes values as JSON text: the answers the JavaScript API returns, and natively whatever a
/// server wants to send on.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[(c as usize) >> 4] as char);
                    out.push(HEX[(c as usize) & 15] as char);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for usize {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// Writes one JSON object, field by field: `JsonObject::new(out).field("id", &self.id).end()`.
pub struct JsonObject<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> JsonObject<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        JsonObject { out, empty: true }
    }

    pub fn field(mut self, key: &str, value: &(impl ToJson + ?Sized)) -> Self {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        key.write_json(self.out);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_document_and_keeps_key_order() {
        let v = Json::parse(" {\"b\": [1, -2.5e3, true, null], \"a\": \"x\\n\\u00e9\\ud83d\\ude00\"} ").unwrap();
        assert_eq!(
            v,
            Json::Object(vec![
                ("b".into(), Json::Array(vec![Json::Number, Json::Number, Json::Bool(true), Json::Null])),
                ("a".into(), Json::String("x\né😀".into())),
            ])
        );
    }

    #[test]
    fn reports_where_the_text_stops_being_json() {
        for (text, line, column) in [
            ("{\n  \"a\": tru\n}", 2, 8),
            ("[1,]", 1, 4),
            ("{\"a\" 1}", 1, 6),
            ("\"\u{1}\"", 1, 2),
            ("", 1, 1),
            ("{} x", 1, 4),
        ] {
            let e = Json::parse(text).unwrap_err();
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
        }
        for bad in ["01", "1.", "-", "1e", "\"\\x\"", "\"\\u12g4\"", "[", "{\"a\":1", "nul"] {
            assert!(Json::parse(bad).is_err(), "{bad:?}");
        }
    }

    /// Collects the items of the arrays under the keys it is given, at most `want` of each.
    #[derive(Debug)]
    struct Collect<'a> {
        keys: &'static [&'static str],
        want: usize,
        lists: Vec<(String, Vec<Json<'a>>, usize)>,
    }

    impl<'a> ItemSink<'a> for Collect<'a> {
        fn takes(&self, key: &str) -> bool {
            self.keys.contains(&key)
        }
        fn begin(&mut self, key: &str) {
            self.lists.push((key.to_owned(), Vec::new(), usize::MAX));
        }
        fn item(&mut self, item: Json<'a>) -> bool {
            let (_, items, _) = self.lists.last_mut().unwrap();
            items.push(item);
            items.len() < self.want
        }
        fn end(&mut self, len: usize) {
            self.lists.last_mut().unwrap().2 = len;
        }
    }

    fn stream<'a>(
        text: &'a str,
        keys: &'static [&'static str],
        want: usize,
    ) -> Result<(Json<'a>, Collect<'a>), JsonError> {
        let mut sink = Collect { keys, want, lists: Vec::new() };
        let root = Json::parse_streaming(text, &mut sink)?;
        Ok((root, sink))
    }

    #[test]
    fn streams_the_items_of_the_root_objects_arrays_it_is_asked_for() {
        let text = r#"{"a": [1, {"b": ["x\"]", [], "]"]}, "y"], "c": {"a": [true]}, "e": [ ], "f": [[2]], "a": [3]}"#;
        let full = Json::parse(text).unwrap();
        let (root, sink) = stream(text, &["a", "e", "c"], usize::MAX).unwrap();
        let Json::Object(members) = &root else { panic!("{root:?}") };
        let Json::Object(want) = &full else { panic!() };
        // Each taken array keeps its place as `Streamed`; everything else is built as `parse` builds it.
        for ((key, value), (_, wanted)) in members.iter().zip(want) {
            match &**key {
                "a" | "e" => assert_eq!(value, &Json::Streamed, "{key}"),
                _ => assert_eq!(value, wanted, "{key}: an object, or an array not taken, is built"),
            }
        }
        let lists: Vec<_> = sink.lists.iter().map(|(k, items, len)| (k.as_str(), items.len(), *len)).collect();
        assert_eq!(lists, [("a", 3, 3), ("e", 0, 0), ("a", 1, 1)], "in document order, a repeated key again");
        let Some(Json::Array(first)) = want.first().map(|(_, v)| v) else { panic!() };
        assert_eq!(&sink.lists[0].1, first, "the items are what `parse` builds");
    }

    #[test]
    fn counts_but_does_not_hand_over_the_items_the_sink_no_longer_wants() {
        let (_, sink) = stream(r#"{"a": [1, [2], {"b": 3}, "4", null]}"#, &["a"], 2).unwrap();
        assert_eq!(sink.lists[0].1, [Json::Number, Json::Array(vec![Json::Number])]);
        assert_eq!(sink.lists[0].2, 5);
        // The items not wanted are checked all the same.
        let e = stream(r#"{"a": [1, 2, [3,]]}"#, &["a"], 1).unwrap_err();
        assert_eq!((e.line, e.column), (1, 17), "{e}");
    }

    #[test]
    fn a_streamed_parse_fails_where_parse_fails() {
        for text in [
            r#"{"a": [1,]}"#,
            r#"{"a": [,]}"#,
            r#"{"a": [1 2]}"#,
            r#"{"a": [{"b" 1}]}"#,
            r#"{"a": ["\x"]}"#,
            r#"{"a": [[1}, 2]}"#,
            r#"{"a": [tru]}"#,
            "{\"a\": [\"\u{1}\"]}",
            r#"{"a": [1, {]}]}"#,
            r#"{"a": [1, "]"#,
            r#"{"a": [1]"#,
            r#"{"a": [1] x"#,
            r#"{"a" [1]}"#,
            r#"{"a": [1], "b": tru}"#,
            r#"{"b": tru, "a": [1]}"#,
            r#"[{"a": [1,]}]"#,
        ] {
            let want = Json::parse(text).unwrap_err();
            let got = stream(text, &["a"], usize::MAX).map(|_| ()).unwrap_err();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn check_answers_as_parse_does() {
        for text in ["{\"a\": [1, {\"b\": [\"x\"]}], \"c\": null}", "[1,]", "{\"a\" 1}", "\"\\x\"", "[[[]]", "  7 "] {
            assert_eq!(Json::check(text), Json::parse(text).map(|_| ()), "{text}");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = Json::parse(&deep).unwrap_err().to_string();
        assert!(err.contains("nested more than 64"), "{err}");
        assert!(Json::parse(&("[".repeat(64) + &"]".repeat(64))).is_ok());
    }

    #[test]
    fn finds_the_end_of_a_plain_run_at_every_position_of_a_word() {
        // Every kind of stopping byte, at each offset of a 24-byte run of each kind of filler
        // (bytes next to the limits of the three tests included), with a second stop after it.
        let fillers = [b'a', b'~', 0x20, 0x21, 0x7f, 0x80, 0xc3, 0xff, b'"' + 1, b'\\' + 1, b'"' - 1];
        let stops = [b'"', b'\\', 0x00, 0x1f, b'\n'];
        for filler in fillers {
            let plain = vec![filler; 24];
            assert_eq!(plain_len(&plain), 24);
            for stop in stops {
                for at in 0..24 {
                    let mut bytes = plain.clone();
                    bytes[at] = stop;
                    bytes[(at + 9).min(23)] = b'"';
                    assert_eq!(plain_len(&bytes), at, "filler {filler:#x}, stop {stop:#x} at {at}");
                    assert_eq!(plain_len(&bytes[..at]), at);
                }
            }
        }
        assert_eq!(plain_len(b""), 0);
    }

    #[test]
    fn writes_what_it_reads() {
        let mut out = String::new();
        JsonObject::new(&mut out)
            .field("s", "a\"b\\c\u{1}é")
            .field("n", &None::<String>)
            .field("l", &vec![true, false])
            .end();
        assert_eq!(out, r#"{"s":"a\"b\\c\u0001é","n":null,"l":[true,false]}"#);
        assert_eq!(Json::parse(&out).unwrap().get("s"), Some(&Json::String("a\"b\\c\u{1}é".into())));
    }
}
