//! The syntax of the names a policy declares: scope kinds, role ids, action ids and patterns,
//! page ids.

/// The syntax of each kind of name in a policy.
#[derive(Clone, Copy)]
pub(crate) enum IdSyntax {
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
    pub fn accepts(self, s: &str) -> bool {
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

    /// The same syntax as an anchored regular expression, in the dialect JSON Schema uses
    /// (ECMA-262; Rust's `regex` reads it alike): what the policy's JSON Schema says of each name.
    /// A test holds it to [`IdSyntax::accepts`] on every short string.
    #[cfg(any(all(test, not(target_arch = "wasm32")), feature = "schema"))]
    pub fn pattern(self) -> &'static str {
        match self {
            IdSyntax::Kind => "^[a-z][a-z0-9_-]*$",
            IdSyntax::Role => "^[a-z0-9]+(?:-[a-z0-9]+)*$",
            IdSyntax::Segment => "^[A-Za-z0-9][A-Za-z0-9_-]*$",
            IdSyntax::Action => r"^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)+$",
            IdSyntax::Pattern => r"^(?:[A-Za-z0-9][A-Za-z0-9_-]*\.)*(?:\*|[A-Za-z0-9][A-Za-z0-9_-]*)$",
            IdSyntax::Page => "^[A-Za-z0-9._-]+$",
        }
    }

    pub fn describe(self) -> &'static str {
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

// The classes of bytes the id syntaxes are made of, as bits of [`CLASS`]: one table load checks a
// byte against any union of classes, so each syntax is a single pass with no per-byte branching
// on the syntax.
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
/// bytes of class `rest` (so no part is empty), in one pass over the bytes.
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

    const ALL: [IdSyntax; 6] =
        [IdSyntax::Kind, IdSyntax::Role, IdSyntax::Segment, IdSyntax::Action, IdSyntax::Pattern, IdSyntax::Page];

    /// Every string of up to five characters from the ones the syntaxes turn on, and every pair of
    /// characters from all of ASCII and one beyond it, so that each byte's class is checked.
    fn short_strings() -> Vec<String> {
        const ALPHABET: [char; 7] = ['a', 'Z', '1', '-', '_', '.', '*'];
        let mut strings = vec![String::new()];
        let mut last = strings.clone();
        for _ in 0..5 {
            last = last.iter().flat_map(|s| ALPHABET.iter().map(move |&c| format!("{s}{c}"))).collect();
            strings.extend(last.iter().cloned());
        }
        let chars: Vec<char> = (0u8..128).map(char::from).chain(['é']).collect();
        strings.extend(chars.iter().flat_map(|&a| chars.iter().map(move |&b| format!("{a}{b}"))));
        strings
    }

    #[test]
    fn the_one_pass_checks_agree_with_the_definitions_on_every_short_string() {
        let strings = short_strings();
        for syntax in ALL {
            for s in &strings {
                assert_eq!(syntax.accepts(s), by_splitting(syntax, s), "{} on {s:?}", syntax.describe());
            }
        }
    }

    // `regex` is a native dev-dependency: the patterns are JSON Schema's, not the browser build's.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn each_pattern_matches_exactly_what_its_syntax_accepts_on_every_short_string() {
        let strings = short_strings();
        for syntax in ALL {
            let regex = regex::Regex::new(syntax.pattern()).unwrap();
            for s in &strings {
                assert_eq!(regex.is_match(s), syntax.accepts(s), "{} on {s:?}", syntax.pattern());
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
