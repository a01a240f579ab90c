//! Scope paths: `kind:id` segments joined by `/`, root first, each kind the next level down
//! (`organization:acme/account:AC1/subaccount:SA9`). Parsing borrows the text: deciding whether
//! one scope contains another is a comparison of whole segments, with no allocation.

use crate::error::{ErrorCode, Result, RolegateError};

/// The longest id a segment may carry.
pub const MAX_ID_LEN: usize = 128;

/// A validated scope path, borrowed from the caller's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scope<'a> {
    text: &'a str,
    depth: usize,
}

impl<'a> Scope<'a> {
    /// Parses `text` against the policy's scope kinds (root first). One pass over the bytes; a
    /// path that fails it is examined again by `diagnose` for a precise message.
    pub fn parse(text: &'a str, kinds: &[String]) -> Result<Scope<'a>> {
        let bytes = text.as_bytes();
        let mut depth = 0;
        let mut at = 0;
        while let Some(kind) = kinds.get(depth).map(String::as_bytes) {
            let id_start = at + kind.len() + 1;
            if !bytes[at..].starts_with(kind) || bytes.get(id_start - 1) != Some(&b':') {
                break;
            }
            let id_len = bytes[id_start..].iter().take_while(|b| ID_BYTE[**b as usize]).count();
            if id_len == 0 || id_len > MAX_ID_LEN {
                break;
            }
            depth += 1;
            at = id_start + id_len;
            match bytes.get(at) {
                None => return Ok(Scope { text, depth }),
                Some(b'/') => at += 1,
                Some(_) => break,
            }
        }
        Err(diagnose(text, kinds))
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Number of segments: 1 for a root scope.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Index into the policy's scope kinds of this scope's own (last) kind.
    pub fn kind_index(&self) -> usize {
        self.depth - 1
    }

    /// True when `self` is `other` or one of its ancestors: whole segments only, so
    /// `account:AC1` contains `account:AC1/subaccount:S` and not `account:AC10`.
    pub fn contains(&self, other: &Scope<'_>) -> bool {
        contains(self.text, other.text)
    }

    /// This scope and its ancestors, nearest first: `a/b/c`, `a/b`, `a`.
    pub fn self_and_ancestors(&self) -> impl Iterator<Item = &'a str> {
        self_and_ancestors(self.text)
    }
}

/// A validated path and its ancestors, nearest first.
pub(crate) fn self_and_ancestors(text: &str) -> impl Iterator<Item = &str> {
    let mut end = Some(text.len());
    std::iter::from_fn(move || {
        let this = text.get(..end?)?;
        end = this.bytes().rposition(|b| b == b'/');
        Some(this)
    })
}

/// Whole-segment containment on two already validated paths.
pub(crate) fn contains(outer: &str, inner: &str) -> bool {
    inner.starts_with(outer) && (inner.len() == outer.len() || inner.as_bytes()[outer.len()] == b'/')
}

/// Why `text` is not a scope path of this policy, segment by segment.
fn diagnose(text: &str, kinds: &[String]) -> RolegateError {
    let longest = kinds.iter().map(|k| k.len() + 2 + MAX_ID_LEN).sum::<usize>();
    if text.is_empty() {
        return bad_scope(text, "a scope is empty", kinds);
    }
    if text.len() > longest {
        let why = format!("it is {} characters long, more than any path of this policy can be ({longest})", text.len());
        return bad_scope(text, &why, kinds);
    }
    for (depth, segment) in text.split('/').enumerate() {
        let Some(expected) = kinds.get(depth) else {
            return bad_scope(text, &format!("it has more than {} levels", kinds.len()), kinds);
        };
        let Some((kind, id)) = segment.split_once(':') else {
            return bad_scope(text, &format!("segment `{}` is not `kind:id`", truncate(segment)), kinds);
        };
        if kind != expected {
            let why = if kinds.iter().any(|k| k == kind) {
                format!(
                    "level {} must be `{expected}`, found `{kind}` (kinds go root first, one level at a time)",
                    depth + 1
                )
            } else {
                format!("`{}` is not a scope kind; level {} must be `{expected}`", truncate(kind), depth + 1)
            };
            return bad_scope(text, &why, kinds);
        }
        if let Err(e) = check_id(text, id, kinds) {
            return e;
        }
    }
    bad_scope(text, "it is not a scope path", kinds)
}

/// The bytes an id may hold: `A-Z a-z 0-9` and `- _ . ~ @ +`.
const ID_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'-' | b'_' | b'.' | b'~' | b'@' | b'+');
        b += 1;
    }
    table
};

fn check_id(text: &str, id: &str, kinds: &[String]) -> Result<()> {
    if id.is_empty() {
        return Err(bad_scope(text, "a segment has an empty id", kinds));
    }
    if id.len() > MAX_ID_LEN {
        return Err(bad_scope(
            text,
            &format!("an id is {} characters long; the limit is {MAX_ID_LEN}", id.len()),
            kinds,
        ));
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii() || !ID_BYTE[*c as usize]) {
        return Err(bad_scope(
            text,
            &format!("id `{}` has the character U+{:04X}; ids use A-Z a-z 0-9 and - _ . ~ @ +", truncate(id), c as u32),
            kinds,
        ));
    }
    Ok(())
}

fn bad_scope(text: &str, why: &str, kinds: &[String]) -> RolegateError {
    // "a scope looks like `organization:ID/account:ID` (kinds: organization > account > subaccount)"
    let example: Vec<String> = kinds.iter().take(2).map(|kind| format!("{kind}:ID")).collect();
    let help = format!("a scope looks like `{}` (kinds: {})", example.join("/"), kinds.join(" > "));
    RolegateError::new(ErrorCode::BadScope, format!("bad scope `{}`: {why}", truncate(text))).with_help(Some(help))
}

/// Shortens a value for an error message so that a megabyte of input does not become a megabyte
/// of message.
pub(crate) fn truncate(text: &str) -> String {
    const LIMIT: usize = 80;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}… ({} characters)", text.get(..cut).unwrap_or_default(), text.chars().count()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<String> {
        ["organization", "account", "subaccount"].map(String::from).to_vec()
    }

    #[test]
    fn parses_paths_that_stop_at_any_level() {
        let k = kinds();
        assert_eq!(Scope::parse("organization:acme", &k).unwrap().depth(), 1);
        let s = Scope::parse("organization:acme/account:AC1/subaccount:SA9", &k).unwrap();
        assert_eq!(s.depth(), 3);
        assert_eq!(
            s.self_and_ancestors().collect::<Vec<_>>(),
            ["organization:acme/account:AC1/subaccount:SA9", "organization:acme/account:AC1", "organization:acme"]
        );
    }

    #[test]
    fn containment_is_by_whole_segments() {
        let k = kinds();
        let org = Scope::parse("organization:acme", &k).unwrap();
        let acc = Scope::parse("organization:acme/account:AC1", &k).unwrap();
        let acc10 = Scope::parse("organization:acme/account:AC10", &k).unwrap();
        let org2 = Scope::parse("organization:acme2", &k).unwrap();
        assert!(org.contains(&acc) && org.contains(&org) && acc.contains(&acc));
        assert!(!acc.contains(&acc10) && !org.contains(&org2) && !acc.contains(&org));
    }

    #[test]
    fn rejects_malformed_paths_with_bad_scope() {
        let k = kinds();
        for bad in [
            "",
            "account:AC1",
            "organization:acme/subaccount:S",
            "organization:",
            "organization:a b",
            "organization:acme/",
            "organization:acme/account:AC1/subaccount:S/x:y",
            "organization",
            "Organization:acme",
            "organization:acme\0",
        ] {
            let err = Scope::parse(bad, &k).unwrap_err();
            assert_eq!(err.code(), ErrorCode::BadScope, "{bad:?}");
        }
        let huge = "organization:".to_owned() + &"a".repeat(1 << 20);
        assert!(Scope::parse(&huge, &k).unwrap_err().message().len() < 300);
    }
}
