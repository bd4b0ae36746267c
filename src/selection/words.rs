//! Word motions that read only the chars around the caret: the caret's byte is found by
//! counting (see [`super::seek`]) and the chars are read from there, forwards or
//! backwards, as far as the word goes, never the whole paragraph into a list.

use std::iter::{Peekable, Rev};
use std::str::Chars;

use super::seek::byte_of;
use super::{Class, clamp, class};
use crate::essay::Essay;
use crate::range::TextRange;

/// The chars of block `b` from its code point `rel` on.
fn forward(essay: &Essay, b: usize, rel: usize) -> Peekable<Chars<'_>> {
    let text = essay.blocks[b].text.as_str();
    text[byte_of(text, rel)..].chars().peekable()
}

/// The chars of block `b` before its code point `rel`, last first.
fn backward(essay: &Essay, b: usize, rel: usize) -> Peekable<Rev<Chars<'_>>> {
    let text = essay.blocks[b].text.as_str();
    text[..byte_of(text, rel)].chars().rev().peekable()
}

/// Steps `chars` past the chars of class `k`, counting them.
fn skip(chars: &mut Peekable<impl Iterator<Item = char>>, k: Class) -> usize {
    let mut n = 0;
    while chars.next_if(|&c| class(c) == k).is_some() {
        n += 1;
    }
    n
}

/// See [`super::word_next`].
pub(super) fn next(essay: &Essay, offset: usize) -> usize {
    let mut b = essay.block_at(offset);
    let mut i = offset.saturating_sub(essay.blocks[b].start);
    let mut chars = forward(essay, b, i);
    if let Some(&c) = chars.peek() {
        let k = class(c);
        if k != Class::Space {
            i += skip(&mut chars, k);
        }
    }
    i += skip(&mut chars, Class::Space);
    if chars.peek().is_some() {
        return essay.blocks[b].start + i;
    }
    // Into the next block's first word.
    while b + 1 < essay.blocks.len() {
        b += 1;
        let block = &essay.blocks[b];
        if let Some(j) = block.text.chars().position(|c| class(c) != Class::Space) {
            return block.start + j;
        }
    }
    clamp(essay, offset)
}

/// See [`super::word_prev`].
pub(super) fn prev(essay: &Essay, offset: usize) -> usize {
    let mut b = essay.block_at(offset);
    let block = &essay.blocks[b];
    let mut i = offset.saturating_sub(block.start).min(block.len);
    let mut chars = backward(essay, b, i);
    loop {
        i -= skip(&mut chars, Class::Space);
        if let Some(&c) = chars.peek() {
            i -= skip(&mut chars, class(c));
            return essay.blocks[b].start + i;
        }
        if b == 0 {
            return essay.blocks.first().map_or(0, |bl| bl.start);
        }
        b -= 1;
        i = essay.blocks[b].len;
        chars = backward(essay, b, i);
    }
}

/// See [`super::word_end`].
pub(super) fn end(essay: &Essay, offset: usize) -> usize {
    let mut b = essay.block_at(offset);
    let mut i = offset.saturating_sub(essay.blocks[b].start) + 1;
    let mut chars = forward(essay, b, i);
    loop {
        i += skip(&mut chars, Class::Space);
        if let Some(c) = chars.next() {
            i += skip(&mut chars, class(c));
            return essay.blocks[b].start + i;
        }
        if b + 1 >= essay.blocks.len() {
            return clamp(essay, offset);
        }
        b += 1;
        i = 0;
        chars = forward(essay, b, 0);
    }
}

/// See [`super::word_at`].
pub(super) fn at(essay: &Essay, offset: usize) -> Option<TextRange> {
    let b = essay.block_at(offset);
    let block = essay.blocks.get(b)?;
    let i = offset.checked_sub(block.start)?;
    let mut after = forward(essay, b, i);
    let k = class(*after.peek()?);
    if k == Class::Space {
        return None;
    }
    let start = i - skip(&mut backward(essay, b, i), k);
    let end = i + skip(&mut after, k);
    TextRange::new(block.start + start, block.start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;
    use proptest::prelude::*;

    /// The motions as they were: each block's chars collected and scanned.
    mod whole {
        use super::super::super::{Class, clamp, class};
        use crate::essay::Essay;

        fn chars_of(essay: &Essay, b: usize) -> Vec<char> {
            essay.blocks[b].text.chars().collect()
        }

        pub fn next(essay: &Essay, offset: usize) -> usize {
            let mut b = essay.block_at(offset);
            let chars = chars_of(essay, b);
            let mut i = offset.saturating_sub(essay.blocks[b].start);
            if let Some(&c) = chars.get(i) {
                let k = class(c);
                if k != Class::Space {
                    while i < chars.len() && class(chars[i]) == k {
                        i += 1;
                    }
                }
            }
            while i < chars.len() && class(chars[i]) == Class::Space {
                i += 1;
            }
            if i < chars.len() {
                return essay.blocks[b].start + i;
            }
            while b + 1 < essay.blocks.len() {
                b += 1;
                let chars = chars_of(essay, b);
                if let Some(j) = chars.iter().position(|&c| class(c) != Class::Space) {
                    return essay.blocks[b].start + j;
                }
            }
            clamp(essay, offset)
        }

        pub fn prev(essay: &Essay, offset: usize) -> usize {
            let mut b = essay.block_at(offset);
            let mut chars = chars_of(essay, b);
            let mut i = offset
                .saturating_sub(essay.blocks[b].start)
                .min(chars.len());
            loop {
                while i > 0 && class(chars[i - 1]) == Class::Space {
                    i -= 1;
                }
                if i > 0 {
                    let k = class(chars[i - 1]);
                    while i > 0 && class(chars[i - 1]) == k {
                        i -= 1;
                    }
                    return essay.blocks[b].start + i;
                }
                if b == 0 {
                    return essay.blocks.first().map_or(0, |bl| bl.start);
                }
                b -= 1;
                chars = chars_of(essay, b);
                i = chars.len();
            }
        }

        pub fn end(essay: &Essay, offset: usize) -> usize {
            let mut b = essay.block_at(offset);
            let mut chars = chars_of(essay, b);
            let mut i = offset.saturating_sub(essay.blocks[b].start) + 1;
            loop {
                while i < chars.len() && class(chars[i]) == Class::Space {
                    i += 1;
                }
                if i < chars.len() {
                    let k = class(chars[i]);
                    while i + 1 < chars.len() && class(chars[i + 1]) == k {
                        i += 1;
                    }
                    return essay.blocks[b].start + i;
                }
                if b + 1 >= essay.blocks.len() {
                    return clamp(essay, offset);
                }
                b += 1;
                chars = chars_of(essay, b);
                i = 0;
            }
        }

        pub fn at(essay: &Essay, offset: usize) -> Option<(usize, usize)> {
            let b = essay.block_at(offset);
            let block = essay.blocks.get(b)?;
            let chars = chars_of(essay, b);
            let i = offset.checked_sub(block.start)?;
            let k = class(*chars.get(i)?);
            if k == Class::Space {
                return None;
            }
            let start = chars[..i]
                .iter()
                .rposition(|&c| class(c) != k)
                .map_or(0, |j| j + 1);
            let end = chars[i..]
                .iter()
                .position(|&c| class(c) != k)
                .map_or(chars.len(), |j| i + j);
            Some((block.start + start, block.start + end))
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn word_motions_around_the_caret_agree_with_scanning_the_block(
            paragraphs in prop::collection::vec(
                "(ab|é|漢|😀|e\u{301}|'|’|_|3| |  |\u{3000}|,|\\.|“|”|-){0,16}", 1..5),
            repeat in 1usize..600,
            offsets in prop::collection::vec(0usize..20_000, 1..10),
        ) {
            let blocks = paragraphs.iter().map(|p| (BlockKind::Paragraph, p.repeat(repeat)));
            let e = Essay::from_blocks("e".into(), blocks.collect());
            prop_assume!(!e.blocks.is_empty());
            for offset in offsets {
                let offset = offset % (e.len + 2);
                prop_assert_eq!(next(&e, offset), whole::next(&e, offset), "w {}", offset);
                prop_assert_eq!(prev(&e, offset), whole::prev(&e, offset), "b {}", offset);
                prop_assert_eq!(end(&e, offset), whole::end(&e, offset), "e {}", offset);
                let found = at(&e, offset).map(|r| (r.start(), r.end()));
                prop_assert_eq!(found, whole::at(&e, offset), "word at {}", offset);
            }
        }
    }
}
