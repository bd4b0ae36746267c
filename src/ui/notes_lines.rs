//! Cutting the text of the notes pane into lines: quotes flowed, notes as written (their
//! line breaks kept), `#tags` picked out.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::essay::visible;
use crate::layout::{grapheme_width, wrap};

/// The columns `text` takes.
pub fn width_of(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

/// `text` cut to `width` columns, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    let clean: String = text.chars().map(visible).collect();
    if width_of(&clean) <= width {
        return clean;
    }
    let mut out = String::new();
    let mut w = 0;
    for g in clean.graphemes(true) {
        if w + grapheme_width(g) + 1 > width {
            break;
        }
        w += grapheme_width(g);
        out.push_str(g);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Cuts `text` into at most `max` lines of `width` columns, its line breaks flowed into
/// spaces, with an ellipsis when cut.
pub fn lines_of(text: &str, width: usize, max: usize) -> Vec<String> {
    let flat = text.replace('\n', " ");
    let (mut out, cut) = wrapped(&flat, width, max);
    if cut {
        ellipsis(&mut out, width);
    }
    out
}

/// Cuts `text` into at most `max` lines of `width` columns, each of its lines starting a
/// new one (a blank line kept, blank lines at its end dropped), with an ellipsis when cut.
pub fn kept_lines(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cut = false;
    for line in text.trim_end().lines() {
        if out.len() >= max {
            cut = true;
            break;
        }
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let (rows, more) = wrapped(line, width, max - out.len());
        out.extend(rows);
        if more {
            cut = true;
            break;
        }
    }
    if cut {
        // The last line shown ends with the ellipsis, even a blank one.
        ellipsis(&mut out, width);
    }
    out
}

/// `text` (one line) wrapped to `width`: at most `max` rows, and whether rows were left.
fn wrapped(text: &str, width: usize, max: usize) -> (Vec<String>, bool) {
    let clean: String = text.chars().map(visible).collect();
    let chars: Vec<char> = clean.chars().collect();
    let rows = wrap(&clean, width.max(1));
    let out = rows
        .iter()
        .take(max)
        .map(|r| {
            chars[r.start..r.end]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    (out, rows.len() > max)
}

/// Ends the last of `lines` with an ellipsis, within `width` columns.
fn ellipsis(lines: &mut [String], width: usize) {
    let Some(last) = lines.last_mut() else {
        return;
    };
    let mut w = width_of(last);
    while w + 1 > width {
        let Some(g) = last.graphemes(true).next_back() else {
            break;
        };
        let n = g.len();
        w -= grapheme_width(g);
        last.truncate(last.len() - n);
    }
    last.push('…');
}

/// `line` as spans of `base`, every `#tag` in it (`#` then letters, digits, `-`, `_`, at
/// the start of a word) in `tag`.
pub fn tagged(line: &str, base: Style, tag: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let starts_word = prev.is_none_or(char::is_whitespace);
        let is_tag_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        if c == '#' && starts_word && chars.peek().is_some_and(|&(_, n)| is_tag_char(n)) {
            let mut end = i + 1;
            while let Some(&(j, n)) = chars.peek() {
                if !is_tag_char(n) {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            if !plain.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut plain), base));
            }
            spans.push(Span::styled(line[i..end].to_string(), base.patch(tag)));
            prev = line[..end].chars().next_back();
            continue;
        }
        plain.push(c);
        prev = Some(c);
    }
    if !plain.is_empty() {
        spans.push(Span::styled(plain, base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn a_notes_lines_are_kept_and_cut_with_an_ellipsis() {
        assert_eq!(
            kept_lines("one\ntwo\n\nfour\n\n", 20, 9),
            ["one", "two", "", "four"]
        );
        assert_eq!(kept_lines("one\ntwo\nthree", 20, 2), ["one", "two…"]);
        assert_eq!(
            kept_lines("a long line here\nnext", 6, 9),
            ["a long", "line", "here", "next"]
        );
        assert_eq!(lines_of("one\ntwo", 20, 3), ["one two"]);
        // Nothing a terminal would obey gets through.
        assert!(!kept_lines("a\u{1b}[2Jb", 20, 3)[0].contains('\u{1b}'));
    }

    #[test]
    fn fit_cuts_by_columns() {
        assert_eq!(fit("framing", 10), "framing");
        assert_eq!(fit("framing", 5), "fram…");
        assert_eq!(fit("日本語です", 5), "日本…");
    }

    #[test]
    fn tags_are_picked_out_at_word_starts() {
        let tag = Style::new().add_modifier(Modifier::BOLD);
        let spans = tagged("on #war and a#b, #peace-time! #", Style::new(), tag);
        let styled: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == tag))
            .collect();
        assert_eq!(
            styled,
            [
                ("on ", false),
                ("#war", true),
                (" and a#b, ", false),
                ("#peace-time", true),
                ("! #", false)
            ]
        );
        assert_eq!(tagged("#日本", Style::new(), tag)[0].content, "#日本");
    }
}
