//! Step 3 of finding a passage again: approximate matching of quote and context,
//! accepted only on strong evidence.

use super::align::{Alignment, align, distance_at_least, edit_distance};
use super::index::{GRAM, IndexedText, gram_key};
use super::{
    BUCKET, CONTEXT, LONG_QUOTE, MAX_POSTINGS, MAX_PROBES, MAX_VOTED, MIN_CONTEXT_SIMILARITY,
    MIN_LONE_QUOTE_SIMILARITY, MIN_MARGIN, MIN_QUOTE_SIMILARITY, MIN_SHORT_CONTEXT_SIMILARITY,
    SHORT_QUOTE,
};
use crate::annotation::Anchor;
use crate::range::TextRange;

/// A place the approximate search considered.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    range: TextRange,
    quote_similarity: f64,
    context_similarity: f64,
}

impl Candidate {
    fn score(&self) -> f64 {
        0.6 * self.quote_similarity + 0.4 * self.context_similarity
    }
}

/// Step 3: approximate matching of quote and context, accepted only on strong evidence.
pub(super) fn find_moved(
    text: &IndexedText,
    anchor: &Anchor,
    hint: Option<usize>,
) -> Option<TextRange> {
    let before: Vec<char> = anchor.prefix.chars().collect();
    let before = &before[before.len().saturating_sub(CONTEXT)..];
    let after: Vec<char> = anchor.suffix.chars().take(CONTEXT).collect();
    let quote: Vec<char> = anchor.quote.chars().collect();
    let needle: Vec<char> = [before, &quote, &after].concat();
    let quote_at = before.len()..before.len() + quote.len();
    let context_len = before.len() + after.len();

    // Proposed starts of the needle, in code points.
    let mut starts = vec![anchor.start.saturating_sub(before.len())];
    starts.extend(hint.map(|c| c.saturating_sub(before.len())));
    let needle_text: String = needle.iter().collect();
    starts.extend(
        voted_starts(text, &needle_text)
            .into_iter()
            .map(|b| text.char_of(b)),
    );

    let slack = needle.len() / 4 + BUCKET;
    let mut tried: Vec<usize> = Vec::new();
    let mut seen: Vec<TextRange> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    for start in starts {
        if tried.iter().any(|&t| t.abs_diff(start) <= slack / 2) {
            continue;
        }
        tried.push(start);
        let from = start.saturating_sub(slack);
        let window: Vec<char> = text
            .slice(from, start + needle.len() + slack)
            .chars()
            .collect();
        // A quote similar enough has at most a quarter of its length in edits.
        if distance_at_least(&quote, &window) * 4 > quote.len() {
            continue;
        }
        let Some(a) = align(&needle, quote_at.clone(), &window) else {
            continue;
        };
        let (s, e) = snap(&window, a, &anchor.prefix, &anchor.quote, &anchor.suffix);
        let Some(range) = TextRange::new(from + s, from + e) else {
            continue;
        };
        if seen.contains(&range) {
            continue;
        }
        seen.push(range);
        // Measured on the range as snapped, which may take in text the alignment left out.
        let moved = &window[s..e];
        let quote_similarity =
            similarity(edit_distance(&quote, moved), quote.len().max(moved.len()));
        let context_similarity = if context_len == 0 {
            1.0
        } else {
            similarity(a.context_edits, context_len)
        };
        candidates.push(Candidate {
            range,
            quote_similarity,
            context_similarity,
        });
    }

    let best = candidates
        .iter()
        .copied()
        .max_by(|a, b| a.score().total_cmp(&b.score()))?;
    let runner_up = candidates
        .iter()
        .filter(|c| !c.range.overlaps(best.range))
        .map(Candidate::score)
        .fold(0.0, f64::max);
    let confirmed = if quote.len() < SHORT_QUOTE {
        best.context_similarity >= MIN_SHORT_CONTEXT_SIMILARITY
    } else {
        best.context_similarity >= MIN_CONTEXT_SIMILARITY
            || (quote.len() >= LONG_QUOTE && best.quote_similarity >= MIN_LONE_QUOTE_SIMILARITY)
    };
    (best.quote_similarity >= MIN_QUOTE_SIMILARITY
        && confirmed
        && best.score() - runner_up >= MIN_MARGIN)
        .then_some(best.range)
}

/// 1 − edits / length, at least 0.
fn similarity(edits: usize, len: usize) -> f64 {
    if len == 0 {
        return 0.0;
    }
    (1.0 - edits as f64 / len as f64).max(0.0)
}

/// Byte offsets where the needle probably starts, by votes of its grams.
fn voted_starts(text: &IndexedText, needle: &str) -> Vec<usize> {
    let bytes = needle.as_bytes();
    let offsets: Vec<usize> = needle
        .char_indices()
        .map(|(b, _)| b)
        .filter(|&b| b + GRAM <= bytes.len())
        .collect();
    let stride = offsets.len().div_ceil(MAX_PROBES).max(1);
    let mut votes: Vec<usize> = Vec::new();
    for &o in offsets.iter().step_by(stride) {
        let postings = text.postings(gram_key(&bytes[o..]));
        if postings.len() <= MAX_POSTINGS {
            votes.extend(
                postings
                    .filter_map(|p| p.checked_sub(o))
                    .map(|s| s / BUCKET),
            );
        }
    }
    votes.sort_unstable();
    let mut buckets: Vec<(usize, usize)> = votes
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= 2)
        .map(|run| (run[0], run.len()))
        .collect();
    buckets.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = Vec::new();
    for (bucket, _) in buckets {
        if chosen.len() == MAX_VOTED {
            break;
        }
        if chosen.iter().all(|&c| c.abs_diff(bucket) > 2) {
            chosen.push(bucket);
        }
    }
    chosen.into_iter().map(|b| b * BUCKET).collect()
}

/// Re-aligns the ends of a moved quote to whole words where the stored quote had them,
/// and keeps off white space the stored quote did not have.
fn snap(window: &[char], a: Alignment, prefix: &str, quote: &str, suffix: &str) -> (usize, usize) {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let (mut s, mut e) = (a.start, a.end);
    let at = |i: usize| window.get(i).copied();
    if !space(quote.chars().next()) {
        while s < e && space(at(s)) {
            s += 1;
        }
    }
    if !space(quote.chars().next_back()) {
        while e > s && space(at(e - 1)) {
            e -= 1;
        }
    }
    if word(quote.chars().next()) && !word(prefix.chars().next_back()) {
        while s > 0 && word(at(s - 1)) && word(at(s)) {
            s -= 1;
        }
    }
    if word(quote.chars().next_back()) && !word(suffix.chars().next()) {
        while e < window.len() && word(at(e)) && word(at(e - 1)) {
            e += 1;
        }
    }
    (s, e)
}
