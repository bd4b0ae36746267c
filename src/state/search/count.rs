//! Finding a search's matches a step at a time: the first match shows at once, and the
//! rest of a long essay is counted on the clock's ticks, never holding up a key.
//!
//! The search starts at the block the caret was in, goes to the end of the essay, then
//! round from its start back to that block. A step searches at most [`STEP_BYTES`] of text,
//! a long paragraph in windows; the matches are the same as [`super::find_all`]'s.

use super::{case_sensitive, fold};
use crate::essay::Essay;
use crate::range::TextRange;

/// Bytes of text one step searches (about a millisecond's work).
pub const STEP_BYTES: usize = 1 << 20;

/// Bytes a key searches at a time while no match to show is found yet.
pub const KEY_SLICE: usize = 64 << 10;

/// Bytes a key searches at most, slice by slice, before leaving the rest to the ticks.
pub const KEY_BYTES: usize = 256 << 10;

/// Where a search that is still counting has got to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counting {
    /// The block searched next.
    block: usize,
    /// The byte of that block's text searched next.
    byte: usize,
    /// Code points of that block's text before `byte`.
    chars: usize,
    /// Code points of that block before which no match may start (the end of the last one:
    /// matches do not overlap).
    resume: usize,
    /// The block the search began at; after going round, it ends there.
    from: usize,
    /// Whether the search has gone round to the start of the essay.
    wrapped: bool,
    /// Matches found after going round (before block `from`), in text order.
    before: Vec<TextRange>,
}

/// What is searched for, folded as the text will be.
struct Needle {
    text: String,
    chars: usize,
    sensitive: bool,
}

impl Needle {
    fn new(query: &str) -> Option<Needle> {
        if query.is_empty() {
            return None;
        }
        let sensitive = case_sensitive(query);
        let text: String = if sensitive {
            query.to_string()
        } else {
            query.chars().map(fold).collect()
        };
        Some(Needle {
            chars: text.chars().count(),
            text,
            sensitive,
        })
    }
}

impl Counting {
    /// A count starting at the block holding `origin`.
    pub fn new(essay: &Essay, origin: usize) -> Counting {
        let from = if essay.blocks.is_empty() {
            0
        } else {
            essay.block_at(origin)
        };
        Counting {
            block: from,
            from,
            ..Counting::default()
        }
    }

    /// Whether every match before block `from` (found after going round) is known: then
    /// the matches found so far are all those from the essay's start up to where the
    /// search is.
    pub fn knows_before(&self) -> bool {
        self.from == 0
    }

    /// Matches found so far: those in `matches` and those found after going round.
    pub fn found(&self, matches: &[TextRange]) -> usize {
        matches.len() + self.before.len()
    }

    /// Whether everything from the start of block `from` up to `offset` has been
    /// searched: a step from there to a match already found passes nothing unsearched.
    pub fn covers(&self, essay: &Essay, offset: usize) -> bool {
        let start = |b: usize| essay.blocks.get(b).map_or(essay.len, |b| b.start);
        offset >= start(self.from)
            && (self.wrapped || offset <= start(self.block).saturating_add(self.chars))
    }

    /// The matches found after going round, to go before the others once the whole essay
    /// is searched.
    pub fn take_before(&mut self) -> Vec<TextRange> {
        std::mem::take(&mut self.before)
    }

    /// Searches on for at most `budget` bytes, adding what it finds to `matches` (text
    /// order) or, after going round, to those kept for [`Counting::take_before`]. Returns
    /// true when the whole essay has been searched.
    pub fn step(
        &mut self,
        essay: &Essay,
        query: &str,
        matches: &mut Vec<TextRange>,
        budget: usize,
    ) -> bool {
        let Some(needle) = Needle::new(query) else {
            return true;
        };
        let mut left = budget.max(1);
        let mut hay = String::new();
        loop {
            let end = if self.wrapped {
                self.from
            } else {
                essay.blocks.len()
            };
            if self.block >= end {
                if self.wrapped || self.from == 0 {
                    return true;
                }
                *self = Counting {
                    wrapped: true,
                    from: self.from,
                    before: std::mem::take(&mut self.before),
                    ..Counting::default()
                };
                continue;
            }
            if left == 0 {
                return false;
            }
            let block = &essay.blocks[self.block];
            let text = block.text.as_str();
            if !text.is_char_boundary(self.byte) {
                // Not the essay this count began in: nothing more to find.
                return true;
            }
            let window = text.floor_char_boundary(self.byte.saturating_add(left));
            let window = if window <= self.byte {
                // At least one char, however small the budget.
                text[self.byte..]
                    .chars()
                    .next()
                    .map_or(text.len(), |c| self.byte + c.len_utf8())
            } else {
                window
            };
            let out = if self.wrapped {
                &mut self.before
            } else {
                &mut *matches
            };
            let scanned = &text[self.byte..window];
            let window_chars = if scanned.is_ascii() {
                scanned.len()
            } else {
                scanned.chars().count()
            };
            self.resume = search_window(
                text,
                (self.byte, self.chars),
                self.chars + window_chars,
                self.resume,
                &needle,
                block.start,
                out,
                &mut hay,
            );
            left = left.saturating_sub(window - self.byte);
            self.chars += window_chars;
            self.byte = window;
            if self.byte >= text.len() {
                self.block += 1;
                self.byte = 0;
                self.chars = 0;
                self.resume = 0;
            }
        }
    }
}

/// Searches block `text` from `(byte, chars)` for matches that start before code point
/// `stop` and not before `resume` (all relative to the block), pushing them as essay
/// ranges (the block starts at `start`). Returns the code point where the next match may
/// start. `hay` is room to fold the text in.
#[allow(clippy::too_many_arguments)]
fn search_window(
    text: &str,
    (byte, chars): (usize, usize),
    stop: usize,
    resume: usize,
    needle: &Needle,
    start: usize,
    out: &mut Vec<TextRange>,
    hay: &mut String,
) -> usize {
    // From where a match may start, to far enough past `stop` for a match starting before it.
    let (mut byte, mut chars) = (byte, chars);
    if resume > chars {
        let skip = &text[byte..];
        let n = resume - chars;
        byte += skip.char_indices().nth(n).map_or(skip.len(), |(i, _)| i);
        chars = resume;
    }
    if chars >= stop {
        return resume;
    }
    let tail = &text[byte..];
    let reach = (stop - chars) + needle.chars.saturating_sub(1);
    // Counted a block of bytes at a time, not char by char.
    let part = &tail[..crate::selection::byte_of(tail, reach)];
    let part: &str = if needle.sensitive {
        part
    } else {
        hay.clear();
        if part.is_ascii() {
            hay.push_str(part);
            hay.make_ascii_lowercase();
        } else {
            hay.extend(part.chars().map(fold));
        }
        hay.as_str()
    };
    let ascii = part.is_ascii();
    let mut next = resume;
    let (mut before, mut last) = (chars, 0);
    // memmem finds what `match_indices` finds (leftmost, not overlapping; a match of
    // UTF-8 in UTF-8 starts and ends on chars), a vector of bytes at a time.
    for at in memchr::memmem::find_iter(part.as_bytes(), needle.text.as_bytes()) {
        before += if ascii {
            at - last
        } else {
            part[last..at].chars().count()
        };
        last = at;
        if before >= stop {
            break;
        }
        out.extend(TextRange::new(
            start + before,
            start + before + needle.chars,
        ));
        next = before + needle.chars;
    }
    next
}

#[cfg(test)]
mod tests {
    use super::super::{Search, find_all};
    use super::*;
    use crate::essay::BlockKind;
    use proptest::prelude::*;

    /// Counts `query` in `essay` from `origin`, `budget` bytes a step, to the end.
    fn counted(essay: &Essay, query: &str, origin: usize, budget: usize) -> Vec<TextRange> {
        let mut search = Search {
            query: query.into(),
            counting: Some(Counting::new(essay, origin)),
            ..Search::default()
        };
        let mut steps = 0;
        while search.count_on(essay, budget) {
            steps += 1;
            assert!(steps < 1_000_000, "the count ends");
        }
        search.matches
    }

    proptest! {
        #[test]
        fn counting_in_steps_finds_what_one_pass_finds(
            paragraphs in prop::collection::vec("(aa|a|A|é|É|漢|😀|e\u{301}| |İ|ß){0,30}", 1..6),
            query in "(aa|a|A|é|É|漢|😀|e\u{301}| |İ|ß){1,3}",
            origin in 0usize..200,
            budget in 1usize..12,
        ) {
            let essay = Essay::from_blocks(
                "e".into(),
                paragraphs.into_iter().map(|p| (BlockKind::Paragraph, p)).collect(),
            );
            prop_assert_eq!(counted(&essay, &query, origin, budget), find_all(&essay, &query));
        }
    }

    #[test]
    fn overlapping_matches_are_counted_as_one_pass_counts_them() {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![
                (BlockKind::Paragraph, "aaaaaaa".into()),
                (BlockKind::Paragraph, "aaa".into()),
            ],
        );
        for budget in 1..9 {
            for origin in 0..12 {
                assert_eq!(
                    counted(&essay, "aa", origin, budget),
                    find_all(&essay, "aa"),
                    "budget {budget}, origin {origin}"
                );
            }
        }
    }
}
