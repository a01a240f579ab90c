//! JSON, read and written by hand. The policy reader needs a value tree it can walk to report
//! every problem with a JSON pointer (a derived `Deserialize` stops at the first type error), and
//! the answers given to JavaScript are small objects. A generic serialization framework would cost
//! the wasm build far more bytes than these few hundred lines. Depth is bounded while parsing, so
//! no input can exhaust the stack; numbers are recognised but never needed as values (no policy
//! field is a number), so no float parsing or formatting is compiled in.
//!
//! Loading a large policy is dominated by allocation, so the tree allocates little: strings
//! borrow from the text unless they hold an escape, each array and object is allocated once at
//! its final size, and the policy reader leaves the document's long lists unread
//! ([`Json::Unread`]) and builds their items one at a time.

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
    /// An array delimited but not yet built (nor checked), read and checked item by item. Only
    /// the policy reader's own parse makes one (so that a list of thousands of roles never
    /// exists as a tree all at once, and is scanned once); [`Json::parse`] never returns it.
    Unread(UnreadArray<'a>),
}

/// An array in the text, not yet built: only delimited, to be checked as its items are read.
#[derive(Clone, Debug, PartialEq)]
pub struct UnreadArray<'a> {
    text: &'a str,
    /// Where its `[` is.
    start: usize,
    /// Just past its `]`.
    end: usize,
    /// How deeply it is nested (its items are one level deeper).
    depth: usize,
    len: usize,
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
        Self::parse_with(text, None, true).map(|(value, _)| value)
    }

    /// Whether `text` is JSON: [`Json::parse`]'s answer and error, with nothing built (a text of
    /// a million items costs no memory).
    pub fn check(text: &'a str) -> Result<(), JsonError> {
        Self::parse_with(text, None, false).map(|_| ())
    }

    /// Parses JSON text, leaving the arrays at nesting level `level` (1: the root's members)
    /// unread ([`Json::Unread`]): only delimited (strings and brackets followed, nothing else
    /// checked), their items checked as they are read, so that the text is scanned once. The
    /// second value is how many arrays were left unread. Only a text whose every such array is
    /// read to its end (each [`UnreadItems`] reports [`UnreadItems::read_to_end`]) is known to be
    /// JSON; for anything else, and for the error this returns (which need not be the first
    /// problem in the text), ask [`Json::check`].
    pub(crate) fn parse_lazily_at(text: &'a str, level: usize) -> Result<(Json<'a>, usize), JsonError> {
        Self::parse_with(text, Some(level), true)
    }

    fn parse_with(text: &'a str, unread_level: Option<usize>, building: bool) -> Result<(Json<'a>, usize), JsonError> {
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            unread_level,
            unread: 0,
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
        Ok((value, p.unread))
    }

    /// The value's type as a person would name it in an error message.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number => "a number",
            Json::String(_) => "a string",
            Json::Array(_) | Json::Unread(_) => "an array",
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

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Arrays at this depth are left unread (only delimited).
    unread_level: Option<usize>,
    /// How many arrays were left unread.
    unread: usize,
    /// False when only checking: arrays and objects are not collected.
    building: bool,
    /// The members and items of the objects and arrays being parsed, innermost last. Each
    /// container is moved out of these stacks into a vector of its exact size when it closes:
    /// one allocation per container instead of one per doubling.
    open_members: Vec<(Cow<'a, str>, Json<'a>)>,
    open_items: Vec<Json<'a>>,
}

impl<'a> UnreadArray<'a> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items, each built (and checked) as it is reached.
    pub fn items(&self) -> UnreadItems<'a> {
        let parser = Parser {
            text: self.text,
            bytes: self.text.as_bytes(),
            pos: self.start + 1,
            depth: self.depth + 1,
            unread_level: None,
            unread: 0,
            building: true,
            open_members: Vec::new(),
            open_items: Vec::new(),
        };
        UnreadItems { parser, left: self.len, end: self.end, failed: false }
    }
}

/// The items of an [`UnreadArray`]. Each is checked as it is read; the first that is not JSON
/// (or not followed by the `,` or `]` that must follow it) ends the iteration.
pub struct UnreadItems<'a> {
    parser: Parser<'a>,
    left: usize,
    end: usize,
    failed: bool,
}

impl UnreadItems<'_> {
    /// Whether every item was read and the array is JSON, from its `[` to its `]`.
    pub fn read_to_end(&self) -> bool {
        self.left == 0 && !self.failed
    }

    /// Whether an item was not JSON, or not followed by the `,` or `]` that must follow it.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

impl<'a> Iterator for UnreadItems<'a> {
    type Item = Json<'a>;

    fn next(&mut self) -> Option<Json<'a>> {
        if self.failed || self.left == 0 {
            return None;
        }
        self.left -= 1;
        let p = &mut self.parser;
        p.skip_whitespace();
        let item = p.value();
        p.skip_whitespace();
        // The last item ends at the array's `]`; every other one at a `,`.
        let follows =
            if self.left == 0 { p.pos + 1 == self.end && p.peek() == Some(b']') } else { p.peek() == Some(b',') };
        p.pos += 1;
        match item {
            Ok(item) if follows => Some(item),
            _ => {
                self.failed = true;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
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

impl<'a> Parser<'a> {
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
            Some(b'[') if self.unread_level == Some(self.depth) => self.delimit_array(),
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
            let value = self.value()?;
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

    /// Finds where the array at the cursor ends, following only strings and brackets, and how
    /// many items it holds if it is JSON (its `,` at its own level, plus one unless it is blank).
    /// Its items are checked when they are read.
    fn delimit_array(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.pos;
        let (mut i, mut len) = (start + 1, 0);
        loop {
            let (next, last, blank) = self.delimit_item(i)?;
            i = next;
            if !(last && blank && len == 0) {
                len += 1;
            }
            if last {
                break;
            }
        }
        self.pos = i;
        self.unread += 1;
        Ok(Json::Unread(UnreadArray { text: self.text, start, end: i, depth: self.depth, len }))
    }

    /// Scans one item of an array being delimited, from `i` to the `,` or closing bracket that
    /// ends it at the array's own level: where the scan stopped (past that byte), whether it was
    /// the array's end, and whether only whitespace came before it. A call per item, never inlined
    /// into the loop over items, for the reason `compile::Compiler::role` gives: V8 moves a wasm
    /// function to optimized code between its calls, and a list is most of a large policy's bytes.
    #[inline(never)]
    fn delimit_item(&self, mut i: usize) -> Result<(usize, bool, bool), JsonError> {
        let bytes = self.bytes;
        let (mut depth, mut blank) = (0usize, true);
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(self.error("the document ends inside an array"));
            };
            i += 1;
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => continue,
                b'"' => loop {
                    i += plain_len(bytes.get(i..).unwrap_or_default());
                    match bytes.get(i) {
                        Some(b'"') => break i += 1,
                        Some(b'\\') => i += 2,
                        Some(_) => i += 1,
                        None => return Err(self.error("the document ends inside a string")),
                    }
                },
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => return Ok((i, true, blank)),
                b']' | b'}' => depth -= 1,
                b',' if depth == 0 => return Ok((i, false, blank)),
                _ => {}
            }
            blank = false;
        }
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

    /// An unread array's items, and whether it was read to its end.
    type Read<'a> = (Vec<Json<'a>>, bool);

    /// How many arrays a lazily parsed object's members have, and each, read. `None` if the lazy
    /// parse itself failed.
    fn read_lazily(text: &str) -> Option<(usize, Vec<Read<'_>>)> {
        let (root, lists) = Json::parse_lazily_at(text, 1).ok()?;
        let Json::Object(entries) = root else { return Some((lists, Vec::new())) };
        let read = entries
            .into_iter()
            .filter_map(|(_, v)| match v {
                Json::Unread(a) => {
                    let mut items = a.items();
                    let built: Vec<Json> = items.by_ref().collect();
                    Some((built, items.read_to_end()))
                }
                _ => None,
            })
            .collect();
        Some((lists, read))
    }

    #[test]
    fn a_lazily_parsed_list_reads_to_its_end_exactly_when_it_is_json() {
        let good = [
            r#"{"a": [1, {"b": ["x\"]", [], "]"]}, "y"], "c": {"d": [true]}, "e": [ ], "f": []}"#,
            r#"{"a": ["\\", "[", "{"], "b": [[[]], {}]}"#,
        ];
        let (root, lists) = Json::parse_lazily_at(good[0], 1).unwrap();
        assert_eq!((lists, root.get("a").unwrap().kind()), (3, "an array"));
        assert_eq!(root.get("c"), Json::parse(good[0]).unwrap().get("c"), "deeper arrays are built");
        for text in good {
            let full = Json::parse(text).unwrap();
            let (lists, read) = read_lazily(text).unwrap();
            assert_eq!(lists, read.len(), "{text}");
            let Json::Object(entries) = &full else { panic!() };
            let arrays =
                entries.iter().filter_map(|(_, v)| if let Json::Array(items) = v { Some(items) } else { None });
            for ((items, to_end), want) in read.iter().zip(arrays) {
                assert!(to_end, "{text}");
                assert_eq!(items, want, "{text}");
            }
        }
        // Arrays that are not JSON inside: delimited, but not read to their end.
        for bad in [
            r#"{"a": [1,]}"#,
            r#"{"a": [,]}"#,
            r#"{"a": [1 2]}"#,
            r#"{"a": [{"b" 1}]}"#,
            r#"{"a": ["\x"]}"#,
            r#"{"a": [[1}, 2]}"#,
            r#"{"a": [tru]}"#,
            "{\"a\": [\"\u{1}\"]}",
        ] {
            assert!(Json::parse(bad).is_err(), "{bad}");
            let (lists, read) = read_lazily(bad).unwrap();
            assert_eq!((lists, read.len()), (1, 1), "{bad}");
            assert!(!read[0].1, "{bad} was read to its end");
        }
        // A text whose lists cannot even be delimited, or with a problem outside them.
        for bad in
            [r#"{"a": [1, {]}]}"#, r#"{"a": [1, "]"#, r#"{"a": [1]"#, r#"{"a": ["\"#, r#"{"a": [1] x"#, r#"{"a" [1]}"#]
        {
            assert!(read_lazily(bad).is_none(), "{bad}");
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
