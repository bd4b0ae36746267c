//! Sentences around a place in a long paragraph, without scanning the paragraph from its
//! start: the scan begins at a place where a sentence may begin (after white space) a
//! little before the caret and ends a little after it, and the window grows only when
//! what is asked cannot be told from it. The answers are those of the whole block's
//! [`super::sentences`] (a property test holds them to it).

use super::seek::byte_of;
use super::sentence_breaks;

/// Bytes looked at on each side of the caret at first; doubled while too few.
const FIRST: usize = 4096;

/// The sentences scanned in a window of one block's text. Offsets are code points
/// relative to the block.
struct Window {
    /// Where the scan began: the block's start or a char after white space.
    lo: usize,
    /// The breaks from `lo` on: (end of a sentence, start of the next).
    breaks: Vec<(usize, usize)>,
    /// Whether the window reaches the block's end (every break after `lo` is known).
    whole: bool,
    /// Where the block's last sentence ends, white space trimmed (when `whole`).
    trimmed: usize,
}

impl Window {
    /// The window over `text` (`len` code points) around code point `rel`, `before` and
    /// `after` bytes on either side (more before, to a place a sentence may start). None
    /// when no such place lies within `before` of `rel`.
    fn around(
        text: &str,
        len: usize,
        rel: usize,
        (before, after): (usize, usize),
    ) -> Option<Window> {
        let here = rel.min(len);
        let byte = byte_of(text, here);
        let mut lo_byte = text.floor_char_boundary(byte.saturating_sub(before));
        if lo_byte > 0 {
            // The first char after white space, at or before the caret.
            let mut prev = text[..lo_byte].chars().next_back();
            let found = text[lo_byte..].char_indices().find(|&(i, c)| {
                let starts = prev.is_some_and(char::is_whitespace) && !c.is_whitespace();
                prev = Some(c);
                starts || lo_byte + i > byte
            });
            match found {
                Some((i, _)) if lo_byte + i <= byte => lo_byte += i,
                _ => return None,
            }
        }
        let hi_byte = text.ceil_char_boundary(byte.saturating_add(after).max(byte + 1));
        let whole = hi_byte >= text.len();
        let lo = here - text[lo_byte..byte].chars().count();
        let chars: Vec<char> = text[lo_byte..hi_byte.min(text.len())].chars().collect();
        let (breaks, _) = sentence_breaks(&chars, whole);
        let mut trimmed = chars.len();
        while trimmed > 0 && chars[trimmed - 1].is_whitespace() {
            trimmed -= 1;
        }
        Some(Window {
            lo,
            breaks: breaks.into_iter().map(|(e, n)| (lo + e, lo + n)).collect(),
            whole,
            trimmed: lo + trimmed,
        })
    }

    /// See [`next_start`]; None when the window cannot tell.
    fn next_start(&self, rel: usize) -> Option<Option<usize>> {
        match self.breaks.iter().find(|&&(_, n)| n > rel) {
            Some(&(_, n)) => Some(Some(n)),
            None => self.whole.then_some(None),
        }
    }

    /// See [`prev_start`]; None when the window cannot tell.
    fn prev_start(&self, rel: usize) -> Option<Option<usize>> {
        match self.breaks.iter().rev().find(|&&(_, n)| n < rel) {
            Some(&(_, n)) => Some(Some(n)),
            None if self.lo == 0 => Some((rel > 0).then_some(0)),
            None => None,
        }
    }

    /// The start of the sentence that ends with break `k` (or the last one for
    /// `k == breaks.len()`), when the window knows it.
    fn start_of(&self, k: usize) -> Option<usize> {
        match k.checked_sub(1) {
            Some(j) => Some(self.breaks[j].1),
            None => (self.lo == 0).then_some(0),
        }
    }

    /// See [`at`]; None when the window cannot tell.
    fn at(&self, rel: usize) -> Option<(usize, usize)> {
        if let Some(k) = self.breaks.iter().position(|&(e, _)| rel < e) {
            return Some((self.start_of(k)?, self.breaks[k].0));
        }
        if !self.whole {
            return None;
        }
        let k = self.breaks.len();
        let start = self.start_of(k)?;
        if self.trimmed > start || k == 0 {
            Some((start, self.trimmed.max(start)))
        } else {
            Some((self.start_of(k - 1)?, self.breaks[k - 1].0))
        }
    }
}

/// Asks `question` of ever larger windows around `rel` until one can tell: the whole
/// block always can (None only if it could not).
fn ask<T>(
    (text, len): (&str, usize),
    rel: usize,
    first: usize,
    question: impl Fn(&Window) -> Option<T>,
) -> Option<T> {
    let mut size = first.max(1);
    loop {
        let all = size >= text.len();
        let sides = if all {
            (usize::MAX, usize::MAX)
        } else {
            (size, size)
        };
        let answer = Window::around(text, len, rel, sides).and_then(|w| question(&w));
        if answer.is_some() || all {
            return answer;
        }
        size = size.saturating_mul(2);
    }
}

/// The first sentence start after code point `rel` of block text `text` (`len` code
/// points), if any.
pub(super) fn next_start(text: &str, len: usize, rel: usize) -> Option<usize> {
    ask((text, len), rel, FIRST, |w| w.next_start(rel)).flatten()
}

/// The last sentence start before code point `rel` (the block's start counts), if any.
pub(super) fn prev_start(text: &str, len: usize, rel: usize) -> Option<usize> {
    ask((text, len), rel, FIRST, |w| w.prev_start(rel)).flatten()
}

/// The sentence holding code point `rel` (or the next one, from white space between
/// sentences; the last one past them), as [`super::sentences`] gives it.
pub(super) fn at(text: &str, len: usize, rel: usize) -> Option<(usize, usize)> {
    ask((text, len), rel, FIRST, |w| w.at(rel))
}

#[cfg(test)]
mod tests {
    use super::super::sentences;
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_window_answers_as_the_whole_block_does(
            parts in prop::collection::vec(
                "(Ab|cd|M\\.|K\\.|Dr\\.|e\\.g\\.|\\. |! |\\? |…|\\.\\.\\.| |  |\"|“|”|\\(|\\)|3|é|。|！|「|」|日本|\u{3000}|\n){0,40}",
                1..4),
            repeat in 1usize..40,
            rels in prop::collection::vec(0usize..4000, 1..8),
            first in 1usize..64,
        ) {
            let text: String = parts.concat().repeat(repeat);
            let n = text.chars().count();
            let list = sentences(&text);
            for rel in rels {
                let rel = rel % (n + 2);
                let t = (text.as_str(), n);
                let next = list.iter().map(|&(s, _)| s).find(|&s| s > rel);
                prop_assert_eq!(ask(t, rel, first, |w| w.next_start(rel)).flatten(), next, "next {}", rel);
                let prev = list.iter().rev().map(|&(s, _)| s).find(|&s| s < rel);
                prop_assert_eq!(ask(t, rel, first, |w| w.prev_start(rel)).flatten(), prev, "prev {}", rel);
                let at = list.iter().copied().find(|&(_, e)| rel < e).or(list.last().copied());
                prop_assert_eq!(ask(t, rel, first, |w| w.at(rel)), at, "at {}", rel);
            }
        }
    }
}
