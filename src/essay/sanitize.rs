//! Making every character of a file safe to draw: text is shown, never obeyed.

/// Stand-in for bidirectional controls, which could reorder what the screen shows.
const BIDI: char = '¦';
/// Stand-in for zero-width, other format characters and line/paragraph separators.
const INVISIBLE: char = '·';
/// Stand-in for a soft hyphen: what it looks like where it is shown at all.
const SOFT_HYPHEN: char = '-';

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
/// | zero-width U+200B–U+200D (ZWJ included), U+2060–U+2064, U+FEFF; U+2028, U+2029 | `·` |
/// | every other format character (Unicode category Cf: U+0600–U+0605, U+06DD, U+070F, U+0890–U+0891, U+08E2, U+180E, U+206A–U+206F, U+FFF9–U+FFFB, U+110BD, U+110CD, U+13430–U+1343F, U+1BCA0–U+1BCA3, U+1D173–U+1D17A, U+E0001, U+E0020–U+E007F) | `·` |
/// | soft hyphen U+00AD                                 | `-`                          |
/// | anything else (variation selectors and combining marks included) | itself        |
///
/// Format characters have no width of their own, but terminals disagree on how to draw them
/// (a ZWJ joins emoji into one glyph on some and not on others), so the screen would no
/// longer be where the layout thinks it is: they are shown, one cell each. An emoji sequence
/// thus shows as its emoji with `·` between them.
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
        '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{2028}'
        | '\u{2029}' => INVISIBLE,
        '\u{ad}' => SOFT_HYPHEN,
        '\u{600}'..='\u{605}'
        | '\u{6dd}'
        | '\u{70f}'
        | '\u{890}'..='\u{891}'
        | '\u{8e2}'
        | '\u{180e}'
        | '\u{206a}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}' => INVISIBLE,
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

/// `text` with every char but `'\n'` passed through [`visible`]: for text of several lines
/// written out of marginalia (an export, a message), where line breaks are wanted.
pub fn visible_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_visible(&mut out, line);
    }
    out
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
