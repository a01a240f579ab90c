//! Messages built without `core::fmt`. `format!` drags the formatting machinery (argument
//! tables, padding, `Display` for every type involved) into the wasm build; error messages only
//! ever join strings and whole numbers, which [`text!`](crate::text!) does with plain pushes.
//!
//! `text!("role `", id, "` has ", count, " grants")`

/// A part of a message: a string, a character or a whole number.
pub trait Piece {
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        push_number(out, *self as u64);
    }
}

impl Piece for u32 {
    fn push_to(&self, out: &mut String) {
        push_number(out, u64::from(*self));
    }
}

impl Piece for u64 {
    fn push_to(&self, out: &mut String) {
        push_number(out, *self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

/// Appends `n` in decimal.
pub fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(d as char);
    }
}

/// A code point as `{:04X}` writes it: upper-case hex, at least four digits (`U+` not included).
pub struct Hex4(pub u32);

impl Piece for Hex4 {
    fn push_to(&self, out: &mut String) {
        let mut started = false;
        for shift in (0..8).rev() {
            let digit = (self.0 >> (shift * 4)) & 0xF;
            started |= digit != 0 || shift < 4;
            if started {
                out.push(char::from(b"0123456789ABCDEF"[digit as usize]));
            }
        }
    }
}

/// Pieces joined with a separator, like `[String]::join`, written straight into the message
/// (`join` itself costs the wasm build 1 KB).
pub struct Join<'a, S>(pub &'a [S], pub &'a str);

impl<S: Piece> Piece for Join<'_, S> {
    fn push_to(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(self.1);
            }
            item.push_to(out);
        }
    }
}

/// Joins the pieces into a `String`, like `format!` with only `{}` of strings and integers.
macro_rules! text {
    ($($piece:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut out = ::std::string::String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut out); )*
        out
    }};
}
pub(crate) use text;

#[cfg(test)]
mod tests {
    #[test]
    fn joins_strings_characters_and_numbers() {
        let name = String::from("admin");
        assert_eq!(
            text!("role `", name, "` at level ", 3usize, ' ', u64::MAX, " ", 0u32),
            "role `admin` at level 3 18446744073709551615 0"
        );
        assert_eq!(text!(), "");
    }

    #[test]
    fn joins_like_slice_join() {
        for list in [&[][..], &["a".to_owned()][..], &["a".to_owned(), String::new(), "c".to_owned()][..]] {
            assert_eq!(text!(super::Join(list, ", ")), list.join(", "));
        }
    }

    #[test]
    fn writes_code_points_like_upper_hex_of_width_four() {
        for n in [0u32, 0x7, 0x20, 0xAB, 0x1F6, 0x7FF, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, u32::MAX] {
            assert_eq!(text!(super::Hex4(n)), format!("{n:04X}"));
        }
    }
}
