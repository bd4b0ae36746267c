//! Making every character of a file safe to draw: text is shown, never obeyed.

/// Stand-in for bidirectional controls, which could reorder what the screen shows.
const BIDI: char = '¦';
/// Stand-in for zero-width and line/paragraph separator characters.
const INVISIBLE: char = '·';

/// The visible stand-in for a character that must not reach the terminal raw; identity for ordinary printable chars.
///
/// The mapping is one char to one char, so code-point offsets never change:
///
/// | input                                              | shown as                     |
/// |----------------------------------------------------|------------------------------|
/// | `'\t'`                                             | itself (the wrapper expands) |
/// | C0 controls U+0000–U+001F (ESC, BEL, LF, CR, …)    | U+2400 + c: `␀` … `␛` … `␟`  |
/// | DEL U+007F                                         | `␡`                          |
/// | C1 controls U+0080–U+009F                          | `�` (U+FFFD)                 |
/// | bidi controls U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069 | `¦`           |
/// | zero-width U+200B, U+200C, U+2060–U+2064, U+FEFF; U+2028, U+2029 | `·`           |
/// | anything else (ZWJ U+200D and variation selectors included)      | itself        |
///
/// A leading BOM is dropped by [`decode`](super::decode) before this applies, and a CR that
/// ended a CRLF pair is gone by then too, so a CR that reaches this is bare and becomes `␍`.
pub fn visible(c: char) -> char {
    match c {
        '\t' => '\t',
        '\u{0}'..='\u{1f}' => {
            char::from_u32(0x2400 + c as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => char::REPLACEMENT_CHARACTER,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            BIDI
        }
        '\u{200b}'
        | '\u{200c}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{2028}'
        | '\u{2029}' => INVISIBLE,
        _ => c,
    }
}

/// Appends `text` to `out` with every char passed through [`visible`].
///
/// Same result as `out.extend(text.chars().map(visible))`, but text that needs no stand-in
/// (nearly all of it) is copied in runs rather than char by char: opening a 10 MB file
/// spends much of its time here.
pub(crate) fn push_visible(out: &mut String, text: &str) {
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) {
        out.push_str(text);
        return;
    }
    let mut run = 0;
    for (i, c) in text.char_indices() {
        let v = visible(c);
        if v != c {
            out.push_str(&text[run..i]);
            out.push(v);
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
}

/// Whether `c` passes through [`visible`] unchanged.
#[cfg(test)]
pub(crate) fn is_safe(c: char) -> bool {
    visible(c) == c
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn push_visible_is_visible_char_by_char(
            head in ".{0,8}",
            text in "([a-z ~]|[\u{0}-\u{a0}]|\u{61c}|\u{200b}|\u{202e}|\u{feff}|é|漢|😀){0,40}",
        ) {
            let mut out = head.clone();
            push_visible(&mut out, &text);
            let expected: String = head.chars().chain(text.chars().map(visible)).collect();
            prop_assert_eq!(out, expected);
        }
    }
}
