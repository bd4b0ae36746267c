//! Text motions over an essay: words, sentences, paragraphs, grapheme steps.
//!
//! Every function takes and returns code-point offsets into the essay's canonical text
//! (see [`Essay::text`]). Carets rest on grapheme starts inside blocks, never in the
//! blank gap between two blocks.

mod seek;
mod sentence_window;
mod words;

use crate::essay::Essay;
use crate::range::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Punct,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() || c == '_' || c == '\'' || c == '\u{2019}' {
        Class::Word
    } else {
        Class::Punct
    }
}

/// Clamps an offset to a caret position: inside a block, on a grapheme start.
pub fn clamp(essay: &Essay, offset: usize) -> usize {
    // Looked for around the offset: a caret deep in a 10 MB paragraph costs no walk.
    seek::clamp(essay, offset)
}

/// The byte offset of code point `n` of `text` (its length for `n` past the end), counted
/// a block of bytes at a time.
pub fn byte_of(text: &str, n: usize) -> usize {
    seek::byte_of(text, n)
}

/// Offset one past the grapheme that starts at `offset`.
pub fn grapheme_end(essay: &Essay, offset: usize) -> usize {
    seek::grapheme_end(essay, offset)
}

/// Start of the next word (vim `w`), crossing into the next paragraph.
pub fn word_next(essay: &Essay, offset: usize) -> usize {
    // Each word motion reads the chars around the caret, not its whole paragraph.
    words::next(essay, offset)
}

/// Start of the previous word (vim `b`), crossing into the previous paragraph.
pub fn word_prev(essay: &Essay, offset: usize) -> usize {
    words::prev(essay, offset)
}

/// Last character of the current or next word (vim `e`).
pub fn word_end(essay: &Essay, offset: usize) -> usize {
    words::end(essay, offset)
}

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "no", "fig", "gen", "col", "lt",
    "sgt", "rev", "hon", "e.g", "i.e", "cf", "approx", "mt", "ft", "vol", "pp", "ch",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '»') || is_cjk_closer(c)
}

/// Full stops, exclamation and question marks of Chinese and Japanese text (and the
/// fullwidth and halfwidth forms): they end a sentence with no space after them.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．' | '｡')
}

/// Opening brackets and quotes of Chinese and Japanese text.
fn is_cjk_opener(c: char) -> bool {
    matches!(
        c,
        '「' | '『' | '（' | '【' | '〈' | '《' | '〔' | '［' | '｢' | '〘' | '〖'
    )
}

/// Closing brackets and quotes of Chinese and Japanese text.
fn is_cjk_closer(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '）' | '】' | '〉' | '》' | '〕' | '］' | '｣' | '〙' | '〗'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '«' | '¿' | '¡'
    )
}

/// Whether the full stop at `dot` ends an abbreviation or an initial ("M.K.", "Dr.").
fn is_abbreviation(chars: &[char], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && (chars[s - 1].is_alphabetic() || chars[s - 1] == '.') {
        s -= 1;
    }
    let word: String = chars[s..dot].iter().collect::<String>().to_lowercase();
    if word.is_empty() {
        return false;
    }
    // Single letters and dotted initials: "K", "M.K", "U.S" (but not a lone word).
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 || (word.contains('.') && word.split('.').all(|p| p.chars().count() <= 1)) {
        return chars[s..dot].iter().any(|c| c.is_uppercase()) || word.contains('.');
    }
    ABBREVIATIONS.contains(&word.as_str())
}

/// Sentences of one block, as ranges of code points relative to the block start.
///
/// A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or brackets)
/// followed by white space and then a capital letter, digit or opening quote;
/// initials ("M.K.") and common abbreviations ("Dr.") do not end one. `。`, `！`, `？`
/// and `．` (and closing brackets after them) end one wherever more text follows. Trailing
/// white space is not part of a sentence. Every non-blank part of the block lies
/// in exactly one sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let (breaks, _) = sentence_breaks(&chars, true);
    let mut out = Vec::new();
    let mut start = 0;
    for (end, next) in breaks {
        out.push((start, end));
        start = next;
    }
    let mut end = n;
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if end > start || out.is_empty() {
        out.push((start, end.max(start)));
    }
    out
}

/// The sentence breaks of `chars` (see [`sentences`]): each as the end of one sentence
/// and the start of the next. `chars` starts a block or follows white space (where a
/// sentence may start). When `whole` is false the chars stop short of the block's end:
/// the scan then stops at the first full stop whose sentence it cannot tell without the
/// chars after them, and says where (the breaks before it are those of the whole block).
pub(crate) fn sentence_breaks(chars: &[char], whole: bool) -> (Vec<(usize, usize)>, usize) {
    let mut out = Vec::new();
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_cjk_terminator(c) {
            let mut end = i + 1;
            while end < n
                && (is_cjk_terminator(chars[end])
                    || matches!(chars[end], '.' | '!' | '?' | '…')
                    || is_closer(chars[end]))
            {
                end += 1;
            }
            let mut next = end;
            while next < n && chars[next].is_whitespace() {
                next += 1;
            }
            if next >= n && !whole {
                return (out, i);
            }
            // 「本当！」と言った: a quotation closed and the sentence goes on.
            let quoted = end > i + 1 && is_closer(chars[end - 1]) && next == end;
            let goes_on =
                quoted && next < n && !is_opener(chars[next]) && !is_cjk_opener(chars[next]);
            if next < n && !goes_on {
                out.push((end, next));
                i = next;
                continue;
            }
            i = end;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut end = i + 1;
            while end < n && (matches!(chars[end], '.' | '!' | '?' | '…') || is_closer(chars[end]))
            {
                end += 1;
            }
            let mut next = end;
            while next < n && chars[next].is_whitespace() {
                next += 1;
            }
            if next >= n && !whole {
                return (out, i);
            }
            let starts_sentence = next < n
                && next > end
                && (chars[next].is_uppercase()
                    || chars[next].is_numeric()
                    || is_opener(chars[next]));
            let abbreviation = c == '.' && is_abbreviation(chars, i);
            if starts_sentence && !abbreviation {
                out.push((end, next));
                i = next;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    (out, n)
}

/// The sentence holding `offset` (or the next one, from white space between sentences).
pub fn sentence_at(essay: &Essay, offset: usize) -> Option<TextRange> {
    let b = essay.block_at(offset);
    let block = essay.blocks.get(b)?;
    let rel = offset.saturating_sub(block.start);
    // Looked for around the offset: a sentence deep in a 10 MB paragraph costs no scan.
    let (s, e) = sentence_window::at(&block.text, block.len, rel)?;
    TextRange::new(block.start + s, block.start + e)
}

/// Start of the next sentence, crossing paragraphs.
pub fn sentence_next(essay: &Essay, offset: usize) -> usize {
    let b = essay.block_at(offset);
    let block = &essay.blocks[b];
    let rel = offset.saturating_sub(block.start);
    if let Some(s) = sentence_window::next_start(&block.text, block.len, rel) {
        return block.start + s;
    }
    essay
        .blocks
        .get(b + 1)
        .map_or(clamp(essay, offset), |n| n.start)
}

/// Start of the current sentence, or of the previous one when already at a start.
pub fn sentence_prev(essay: &Essay, offset: usize) -> usize {
    let b = essay.block_at(offset);
    let block = &essay.blocks[b];
    let rel = offset.saturating_sub(block.start);
    if let Some(s) = sentence_window::prev_start(&block.text, block.len, rel) {
        return block.start + s;
    }
    if b == 0 {
        return block.start;
    }
    let prev = &essay.blocks[b - 1];
    // The start of its last sentence: the last start before its end.
    let last = sentence_window::prev_start(&prev.text, prev.len, prev.len + 1);
    prev.start + last.unwrap_or(0)
}

/// Start of the next paragraph (block; the lines of a poem or of code are one group, and
/// the next paragraph is past them).
pub fn paragraph_next(essay: &Essay, offset: usize) -> usize {
    let b = essay.block_at(offset);
    let after = essay.blocks.get(b + 1..).unwrap_or_default();
    match after.iter().find(|n| !n.joined) {
        Some(next) => next.start,
        None => clamp(essay, essay.len),
    }
}

/// Start of this paragraph (the first line of its group), or of the previous one when
/// already at its start.
pub fn paragraph_prev(essay: &Essay, offset: usize) -> usize {
    let group = |mut b: usize| {
        while b > 0 && essay.blocks[b].joined {
            b -= 1;
        }
        b
    };
    let b = group(essay.block_at(offset));
    let start = essay.blocks[b].start;
    if offset > start || b == 0 {
        start
    } else {
        essay.blocks[group(b - 1)].start
    }
}

/// The range a highlight of `range` should cover: trimmed of white space at both ends.
pub fn trim(essay: &Essay, range: TextRange) -> Option<TextRange> {
    let text = essay.slice(range.start(), range.end());
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    TextRange::new(range.start() + lead, range.end().saturating_sub(trail))
        .filter(|r| r.start() < range.end() && lead < range.len())
}

/// The word holding `offset`, as the word motions see words: a run of letters and digits,
/// or of punctuation, inside one paragraph. None on white space.
///
/// Example: in `Say “hello”, twice.`, offset 6 (`e`) gives `hello` (5..10), offset 10
/// (the closing quote) gives `”,` (10..12), offset 3 (a space) gives none.
pub fn word_at(essay: &Essay, offset: usize) -> Option<TextRange> {
    words::at(essay, offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;

    #[test]
    fn the_word_at_an_offset_is_its_run_of_one_kind() {
        let e = essay(&["Say “hello”, twice.", "Ünïcödé 日本語 ok"]);
        let range = |s, e| TextRange::new(s, e);
        assert_eq!(word_at(&e, 6), range(5, 10));
        assert_eq!(word_at(&e, 0), range(0, 3));
        assert_eq!(word_at(&e, 3), None);
        assert_eq!(word_at(&e, 10), range(10, 12));
        assert_eq!(word_at(&e, 18), range(18, 19));
        // The second paragraph: a word of accented letters, then CJK.
        let second = e.blocks[1].start;
        assert_eq!(word_at(&e, second + 2), range(second, second + 7));
        assert_eq!(word_at(&e, second + 9), range(second + 8, second + 11));
    }

    fn essay(blocks: &[&str]) -> Essay {
        Essay::from_blocks(
            "t".into(),
            blocks
                .iter()
                .map(|s| (BlockKind::Paragraph, s.to_string()))
                .collect(),
        )
    }

    fn sentence_texts(text: &str) -> Vec<String> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_initials_or_abbreviations() {
        assert_eq!(
            sentence_texts("M.K. Smith wrote it. Dr. Jones agreed! “Really?” He left. "),
            [
                "M.K. Smith wrote it.",
                "Dr. Jones agreed!",
                "“Really?”",
                "He left."
            ]
        );
        assert_eq!(sentence_texts("no end here"), ["no end here"]);
        assert_eq!(
            sentence_texts("Mr. Smith left."),
            ["Mr. Smith left."],
            "abbreviations as before"
        );
    }

    #[test]
    fn splits_chinese_and_japanese_sentences_with_no_space() {
        assert_eq!(
            sentence_texts("今日は晴れです。明日は雨かな？「本当！」と彼は言った。"),
            [
                "今日は晴れです。",
                "明日は雨かな？",
                "「本当！」と彼は言った。"
            ]
        );
        assert_eq!(
            sentence_texts("「行こう。」「うん。」"),
            ["「行こう。」", "「うん。」"]
        );
        assert_eq!(
            sentence_texts("我们走吧！好的． 再见。"),
            ["我们走吧！", "好的．", "再见。"]
        );
        assert_eq!(sentence_texts("一句话。"), ["一句话。"]);
        assert_eq!(
            sentence_texts("3.5 percent. and more"),
            ["3.5 percent. and more"]
        );
    }

    #[test]
    fn word_motions_cross_paragraphs() {
        // "one two." + gap + "three"
        let e = essay(&["one two.", "three"]);
        assert_eq!(word_next(&e, 0), 4);
        assert_eq!(word_next(&e, 4), 7); // the full stop is a word of its own
        assert_eq!(word_next(&e, 7), 10); // next block
        assert_eq!(word_prev(&e, 10), 7);
        assert_eq!(word_prev(&e, 4), 0);
        assert_eq!(word_end(&e, 0), 2);
        assert_eq!(word_end(&e, 2), 6);
    }

    #[test]
    fn sentence_and_paragraph_motions() {
        let e = essay(&["A b. C d.", "E f."]);
        assert_eq!(sentence_next(&e, 0), 5);
        assert_eq!(sentence_next(&e, 5), 11);
        assert_eq!(sentence_prev(&e, 11), 5);
        assert_eq!(sentence_prev(&e, 7), 5);
        assert_eq!(sentence_at(&e, 6), TextRange::new(5, 9));
        assert_eq!(sentence_at(&e, 4), TextRange::new(5, 9));
        assert_eq!(paragraph_next(&e, 2), 11);
        assert_eq!(paragraph_prev(&e, 11), 0);
        assert_eq!(paragraph_prev(&e, 12), 11);
    }

    #[test]
    fn clamp_and_grapheme_end_respect_clusters() {
        let e = essay(&["ae\u{301}b"]);
        assert_eq!(clamp(&e, 2), 1);
        assert_eq!(grapheme_end(&e, 1), 3);
        assert_eq!(clamp(&e, 99), 3);
    }

    #[test]
    fn trim_drops_surrounding_space() {
        let e = essay(&["x  word  y"]);
        assert_eq!(
            trim(&e, TextRange::new(1, 9).unwrap()),
            TextRange::new(3, 7)
        );
        assert_eq!(trim(&e, TextRange::new(1, 3).unwrap()), None);
    }
}
