//! JSON pointers (`/roles/3/grants/0`) to the places a policy problem is reported at. A pointer
//! is a chain of borrowed steps on the stack and is written out only when a problem is found: a
//! valid policy of thousands of roles is read and compiled without formatting one path.

use std::fmt::Write;

/// A place in a JSON document: the root, or one step (a key or an index) below another place.
#[derive(Clone, Copy)]
pub(crate) enum Pointer<'a> {
    Root,
    Key(&'a Pointer<'a>, &'a str),
    Index(&'a Pointer<'a>, usize),
}

impl<'a> Pointer<'a> {
    /// The member `key` of the object here.
    pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer::Key(self, key)
    }

    /// The item `index` of the array here.
    pub fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer::Index(self, index)
    }

    /// The pointer as RFC 6901 text: `""` for the root, `~` and `/` in keys escaped.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match *self {
            Pointer::Root => {}
            Pointer::Key(parent, key) => {
                parent.write(out);
                out.push('/');
                for c in key.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Pointer::Index(parent, index) => {
                parent.write(out);
                let _ = write!(out, "/{index}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn renders_keys_and_indices_escaping_tilde_and_slash() {
        let roles = Pointer::Root.key("roles");
        let role = roles.index(3);
        let kind = role.key("grantsAt");
        assert_eq!(Pointer::Root.render(), "");
        assert_eq!(role.key("grants").index(0).render(), "/roles/3/grants/0");
        assert_eq!(kind.key("a/b~c").render(), "/roles/3/grantsAt/a~1b~0c");
    }
}
