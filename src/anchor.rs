//! Making anchors for new highlights, and finding anchored passages again.
//!
//! Finding a passage again goes from strong evidence to weak, and stops at the first
//! step that is sure:
//!
//! 1. **Offsets.** The essay's fingerprint is the stored one and the quote is still at
//!    the stored offsets: [`Placement::Exact`] there.
//! 2. **Exact quote.** Quote and context together occur in the text; or the quote
//!    occurs where enough of the stored context surrounds it (the old position breaks
//!    ties between equally good copies); or the quote is long and occurs only once:
//!    [`Placement::Exact`].
//! 3. **Approximate.** Windows of the text are proposed by the old position and by
//!    voting of short grams of quote and context, and in each the quote with its
//!    context is aligned by edit distance. The best is taken only when the quote is
//!    at least [`MIN_QUOTE_SIMILARITY`] similar, the context (or, for a long quote,
//!    the quote alone) confirms it, and no other place is nearly as good:
//!    [`Placement::Moved`], for the reader to confirm.
//! 4. Otherwise [`Placement::Orphaned`]: kept, never dropped.

mod align;
mod index;
mod moved;
#[cfg(test)]
mod tests;

use crate::annotation::Anchor;
use crate::essay::Essay;
use crate::range::TextRange;
use index::IndexedText;
use moved::find_moved;
use std::borrow::Cow;

/// Context taken on each side of a quote at first; grown until the anchor is unique.
const CONTEXT: usize = 32;
/// The most context taken on one side.
const MAX_CONTEXT: usize = 512;
/// A quote at least this long (in code points) that occurs once is taken as it is.
const UNIQUE_QUOTE: usize = 20;
/// Below this length a moved quote needs strongly confirming context.
const SHORT_QUOTE: usize = 12;
/// From this length a moved quote may stand on its own similarity.
const LONG_QUOTE: usize = 40;
/// The least similarity (1 − edits / length) of a moved quote to its stored text.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.8;
/// The least similarity of the context of a moved quote of ordinary length.
const MIN_CONTEXT_SIMILARITY: f64 = 0.6;
/// The least similarity of the context of a short moved quote.
const MIN_SHORT_CONTEXT_SIMILARITY: f64 = 0.8;
/// The least similarity of a long moved quote whose context is gone.
const MIN_LONE_QUOTE_SIMILARITY: f64 = 0.9;
/// How much better (in combined score) the best place must be than any other.
const MIN_MARGIN: f64 = 0.05;
/// Grams looked up to propose windows for one anchor.
const MAX_PROBES: usize = 64;
/// Grams that occur more often than this say nothing about where a quote went.
const MAX_POSTINGS: usize = 256;
/// Width in bytes of the buckets that gram votes fall into.
const BUCKET: usize = 32;
/// Windows proposed by votes, at most.
const MAX_VOTED: usize = 4;

/// Where an annotation sits in the essay as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// At its stored offsets, or at its exact quote where the context confirms it.
    Exact(TextRange),
    /// Found by approximate matching: shown, and listed for the reader to confirm.
    Moved(TextRange),
    /// Not found: kept, listed, and shown nowhere in the text.
    Orphaned,
}

impl Placement {
    /// The range in the text, unless orphaned.
    pub fn range(self) -> Option<TextRange> {
        match self {
            Placement::Exact(r) | Placement::Moved(r) => Some(r),
            Placement::Orphaned => None,
        }
    }
}

/// The anchor for `range` of `essay`: its quote, and context before and after it long
/// enough that `prefix + quote + suffix` occurs once in the essay (where it can).
///
/// The essay's text is not made whole for it (a copy of 10 MB for one highlight in a long
/// paragraph): the quote and context are sliced from the blocks, and a needle is looked
/// for block by block (see [`repeated_in`]).
pub fn anchor_for(essay: &Essay, range: TextRange) -> Anchor {
    // The most the quote and its context can span, found in the essay once: the slices
    // are then taken from it (finding an offset deep in a long paragraph counts to it).
    // (Twice the longest context: the context doubles until it reaches that length.)
    let reach = 2 * MAX_CONTEXT;
    let from = range.start().saturating_sub(reach);
    let around = IndexedText::new(essay.slice(from, range.end().saturating_add(reach)));
    let slice = |a: usize, b: usize| {
        Cow::Borrowed(around.slice(a.saturating_sub(from), b.saturating_sub(from)))
    };
    anchor_in(slice, &essay.fingerprint, range, |n| repeated_in(essay, n))
}

/// Whether `needle` occurs more than once in the text of `essay` (occurrences that do not
/// overlap, as [`IndexedText::is_repeated`] counts them). A needle without a line break
/// cannot run across the gap between two blocks, so it is looked for in each block's text;
/// one with a line break, in the whole text.
fn repeated_in(essay: &Essay, needle: &str) -> bool {
    if needle.contains('\n') {
        return IndexedText::new(essay.text()).is_repeated(needle);
    }
    if needle.is_empty() {
        return false;
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    essay
        .blocks
        .iter()
        .flat_map(|b| finder.find_iter(b.text.as_bytes()))
        .nth(1)
        .is_some()
}

/// Anchors for many ranges of one essay, in order, sharing one index of its text.
pub fn anchor_all(essay: &Essay, ranges: &[TextRange]) -> Vec<Anchor> {
    let index = EssayIndex::new(essay);
    ranges.iter().map(|&r| index.anchor(r)).collect()
}

/// One essay's text, indexed once, to resolve many anchors and make many anchors.
pub struct EssayIndex {
    text: IndexedText,
    fingerprint: String,
}

impl EssayIndex {
    /// Indexes `essay` (the text is copied once; the gram index is built on first need).
    pub fn new(essay: &Essay) -> EssayIndex {
        EssayIndex {
            text: IndexedText::new(essay.text()),
            fingerprint: essay.fingerprint.clone(),
        }
    }

    /// Where `anchor` sits now (see [`resolve`]).
    pub fn resolve(&self, anchor: &Anchor) -> Placement {
        resolve_in(&self.text, &self.fingerprint, anchor)
    }

    /// Where `anchor` sits now, trying first its old place shifted by `shift` code points
    /// (the shift of the anchor before it: after an edit above them, most annotations move
    /// by the same amount). The shifted place is taken only when quote and all its stored
    /// context are there whole; otherwise this is [`EssayIndex::resolve`].
    pub fn resolve_shifted(&self, anchor: &Anchor, shift: isize) -> Placement {
        let quote_len = anchor.quote.chars().count();
        let (before, after) = (anchor.prefix.chars().count(), anchor.suffix.chars().count());
        let start = anchor.start.checked_add_signed(shift);
        if let Some(start) = start
            && shift != 0
            && quote_len > 0
            && start >= before
            && start + quote_len + after <= self.text.chars
            && self.text.slice(start, start + quote_len) == anchor.quote
            && self.text.slice(start - before, start) == anchor.prefix
            && self
                .text
                .slice(start + quote_len, start + quote_len + after)
                == anchor.suffix
            && let Some(r) = TextRange::new(start, start + quote_len)
        {
            return Placement::Exact(r);
        }
        self.resolve(anchor)
    }

    /// The anchor of `old`, found again whole at `range`: when the context around it is
    /// unchanged, the same quote and context with the new offsets and fingerprint; else
    /// a new anchor made there. Fields this version does not know are kept.
    pub fn moved(&self, old: &Anchor, range: TextRange) -> Anchor {
        let (start, end) = (range.start(), range.end());
        let before = start.checked_sub(old.prefix.chars().count());
        let intact = before.is_some_and(|b| self.text.slice(b, start) == old.prefix)
            && end + old.suffix.chars().count() <= self.text.chars
            && self.text.slice(end, end + old.suffix.chars().count()) == old.suffix
            && self.text.slice(start, end) == old.quote;
        let mut anchor = if intact {
            Anchor {
                start,
                end,
                fingerprint: self.fingerprint.clone(),
                ..old.clone()
            }
        } else {
            self.anchor(range)
        };
        anchor.extra = old.extra.clone();
        anchor
    }

    /// The anchor for `range` (see [`anchor_for`]).
    pub fn anchor(&self, range: TextRange) -> Anchor {
        let repeated = |needle: &str| self.text.find_all(needle).len() > 1;
        let slice = |a, b| Cow::Borrowed(self.text.slice(a, b));
        anchor_in(slice, &self.fingerprint, range, repeated)
    }
}

/// The anchor for `range`: code points `a..b` of the text are `slice(a, b)`, and
/// `repeated` says whether a needle occurs more than once in it.
fn anchor_in<'t>(
    slice: impl Fn(usize, usize) -> Cow<'t, str>,
    fingerprint: &str,
    range: TextRange,
    repeated: impl Fn(&str) -> bool,
) -> Anchor {
    let (start, end) = (range.start(), range.end());
    let quote = slice(start, end);
    let mut n = CONTEXT;
    let (prefix, suffix) = loop {
        let prefix = slice(start.saturating_sub(n), start);
        let suffix = slice(end, end.saturating_add(n));
        let unique = !repeated(&format!("{prefix}{quote}{suffix}"));
        if n >= MAX_CONTEXT || unique {
            break (prefix, suffix);
        }
        n *= 2;
    };
    Anchor {
        quote: quote.into_owned(),
        prefix: prefix.into_owned(),
        suffix: suffix.into_owned(),
        start,
        end,
        fingerprint: fingerprint.to_owned(),
        extra: Default::default(),
    }
}

/// Finds an anchored passage in the essay as it is now (see the module documentation).
///
/// To place many anchors in one essay, use [`resolve_all`], which prepares the text once.
pub fn resolve(essay: &Essay, anchor: &Anchor) -> Placement {
    resolve_all(essay, &[anchor])
        .pop()
        .unwrap_or(Placement::Orphaned)
}

/// Finds many anchored passages in one essay: one placement per anchor, in order.
///
/// The text, its offset mapping and (only if some fingerprint differs) its gram index
/// are built once and shared, so each anchor costs about the length of its quote when
/// the essay is unchanged.
pub fn resolve_all(essay: &Essay, anchors: &[&Anchor]) -> Vec<Placement> {
    let index = EssayIndex::new(essay);
    anchors.iter().map(|anchor| index.resolve(anchor)).collect()
}

fn resolve_in(text: &IndexedText, fingerprint: &str, anchor: &Anchor) -> Placement {
    if anchor.fingerprint == fingerprint
        && let Some(r) = anchor.range()
        && r.end() <= text.chars
        && text.slice(r.start(), r.end()) == anchor.quote
    {
        return Placement::Exact(r);
    }
    if anchor.quote.is_empty() {
        return Placement::Orphaned;
    }
    let found = find_exact(text, anchor);
    if let Found::Exact(r) = found {
        return Placement::Exact(r);
    }
    let hint = match found {
        Found::Unconfirmed(c) => Some(c),
        _ => None,
    };
    find_moved(text, anchor, hint).map_or(Placement::Orphaned, Placement::Moved)
}

/// What the search for the exact quote found.
enum Found {
    /// A place the evidence confirms.
    Exact(TextRange),
    /// The best copy of the quote (its start), which the context does not confirm.
    Unconfirmed(usize),
    /// No copy of the quote.
    Nothing,
}

/// Length in chars of the common suffix of `a` and `b`.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Length in chars of the common prefix of `a` and `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Step 2: the exact quote, chosen among its copies by context, then by old position.
fn find_exact(text: &IndexedText, anchor: &Anchor) -> Found {
    let quote_len = anchor.quote.chars().count();
    let prefix_len = anchor.prefix.chars().count();
    let at = |start: usize| TextRange::new(start, start + quote_len);

    let needle = format!("{}{}{}", anchor.prefix, anchor.quote, anchor.suffix);
    let whole = text
        .find_all(&needle)
        .into_iter()
        .map(|b| text.char_of(b) + prefix_len)
        .min_by_key(|&c| (c.abs_diff(anchor.start), c));
    if let Some(r) = whole.and_then(at) {
        return Found::Exact(r);
    }

    let mut best: Option<(usize, usize, usize)> = None; // (context score, distance, start)
    let mut count = 0;
    for b in text.find_all(&anchor.quote) {
        count += 1;
        if cuts_a_word(text, b, anchor) {
            continue;
        }
        let before = &text.text[..b];
        let after = &text.text[b + anchor.quote.len()..];
        let score = common_suffix(before, &anchor.prefix) + common_prefix(after, &anchor.suffix);
        let start = text.char_of(b);
        let distance = start.abs_diff(anchor.start);
        if best.is_none_or(|(s, d, _)| score > s || (score == s && distance < d)) {
            best = Some((score, distance, start));
        }
    }
    let Some((score, _, start)) = best else {
        return Found::Nothing;
    };
    let context = prefix_len + anchor.suffix.chars().count();
    let confirmed = context == 0 || score * 2 >= context.min(2 * CONTEXT);
    match at(start) {
        Some(r) if confirmed || (count == 1 && quote_len >= UNIQUE_QUOTE) => Found::Exact(r),
        _ => Found::Unconfirmed(start),
    }
}

/// Whether the copy of the quote at byte `b` starts or ends inside a word where the
/// stored quote did not (`argument` inside `arguments`): then it is not the same passage.
fn cuts_a_word(text: &IndexedText, b: usize, anchor: &Anchor) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let first = anchor.quote.chars().next();
    let last = anchor.quote.chars().next_back();
    let before = text.text[..b].chars().next_back();
    let after = text.text[b + anchor.quote.len()..].chars().next();
    let cut_start = word(first) && word(before) && !word(anchor.prefix.chars().next_back());
    let cut_end = word(last) && word(after) && !word(anchor.suffix.chars().next());
    cut_start || cut_end
}
