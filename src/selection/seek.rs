//! Finding a caret's place deep in a long paragraph without walking it grapheme by
//! grapheme from its start: code points are counted a block of bytes at a time, and the
//! grapheme is looked for around the place.

use unicode_segmentation::GraphemeCursor;

use crate::essay::Essay;

/// Bytes counted at a time on the way to a code point.
const STEP: usize = 4096;

/// The byte offset of code point `n` of `text` (its length for `n` past the end).
pub fn byte_of(text: &str, n: usize) -> usize {
    let (mut byte, mut chars) = (0, 0);
    while byte + STEP < text.len() {
        let end = text.floor_char_boundary(byte + STEP);
        // Counting chars is a count of bytes that start one: fast, unlike stepping by them;
        // plain ASCII (most prose) is its bytes, told faster still.
        let block = &text[byte..end];
        let here = if block.is_ascii() {
            block.len()
        } else {
            block.chars().count()
        };
        if chars + here > n {
            break;
        }
        chars += here;
        byte = end;
    }
    byte + text[byte..]
        .char_indices()
        .nth(n - chars)
        .map_or(text.len() - byte, |(i, _)| i)
}

/// See [`super::clamp`].
pub(super) fn clamp(essay: &Essay, offset: usize) -> usize {
    if essay.blocks.is_empty() {
        return 0;
    }
    let block = &essay.blocks[essay.block_at(offset.min(essay.len))];
    if block.len == 0 {
        return block.start;
    }
    let rel = offset.saturating_sub(block.start).min(block.len - 1);
    let text = block.text.as_str();
    let byte = byte_of(text, rel);
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    if let Ok(true) = cursor.is_boundary(text, 0) {
        return block.start + rel;
    }
    match cursor.prev_boundary(text, 0) {
        Ok(Some(prev)) => block.start + rel - text[prev..byte].chars().count(),
        _ => block.start + rel,
    }
}

/// See [`super::grapheme_end`].
pub(super) fn grapheme_end(essay: &Essay, offset: usize) -> usize {
    if essay.blocks.is_empty() {
        return 0;
    }
    let block = &essay.blocks[essay.block_at(offset)];
    let rel = offset.saturating_sub(block.start);
    if rel >= block.len {
        return (offset + 1).min(essay.len);
    }
    let text = block.text.as_str();
    let byte = byte_of(text, rel);
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(next)) => block.start + rel + text[byte..next].chars().count(),
        _ => (offset + 1).min(essay.len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The grapheme of block text `text` holding code point `rel`: (start, end).
    fn grapheme_at(text: &str, rel: usize) -> Option<(usize, usize)> {
        let mut start = 0;
        for g in text.graphemes(true) {
            let n = g.chars().count();
            if rel < start + n {
                return Some((start, start + n));
            }
            start += n;
        }
        None
    }

    fn essay(paragraphs: Vec<String>) -> Essay {
        let blocks = paragraphs.into_iter().map(|p| (BlockKind::Paragraph, p));
        Essay::from_blocks("e".into(), blocks.collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn clamp_and_grapheme_end_agree_with_walking_the_graphemes(
            paragraphs in prop::collection::vec(
                "(ab|é|e\u{301}|漢|😀|🇫🇷|👩\u{200d}👩|a\u{308}\u{323}| ){0,12}", 1..4),
            repeat in 1usize..900,
            offsets in prop::collection::vec(0usize..40_000, 1..12),
        ) {
            // Long enough to be counted in steps.
            let e = essay(paragraphs.iter().map(|p| p.repeat(repeat)).collect());
            prop_assume!(!e.blocks.is_empty());
            for offset in offsets {
                let offset = offset % (e.len + 2);
                let block = &e.blocks[e.block_at(offset.min(e.len))];
                let rel = offset.saturating_sub(block.start).min(block.len.saturating_sub(1));
                let walked = grapheme_at(&block.text, rel).map_or(block.start, |(s, _)| block.start + s);
                prop_assert_eq!(clamp(&e, offset), walked, "clamp {}", offset);
                let block = &e.blocks[e.block_at(offset)];
                let end = grapheme_at(&block.text, offset.saturating_sub(block.start))
                    .map_or((offset + 1).min(e.len), |(_, end)| block.start + end);
                prop_assert_eq!(grapheme_end(&e, offset), end, "grapheme_end {}", offset);
            }
        }

        #[test]
        fn byte_of_is_the_nth_char(text in "(a|é|漢|😀){0,3000}", n in 0usize..4000) {
            let expected = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            prop_assert_eq!(byte_of(&text, n), expected);
        }
    }
}
