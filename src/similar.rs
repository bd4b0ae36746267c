//! Parallel passages: which sentences of one essay say what a sentence of the other says.
//!
//! Each essay is cut into *passages*: its sentences (see [`sentences`]), a fragment of fewer
//! than [`MIN_WORDS`] words joined to the sentence before it. Header blocks (title, byline, date)
//! give no passages. A passage becomes a sparse TF-IDF vector over its terms (stemmed content
//! words, names, bigrams; see the `text` module), with the IDF taken over the passages of *both*
//! essays, and two passages are compared by cosine, adjusted in three ways:
//!
//! - **Names cannot carry a match alone.** The part of the cosine due to shared names counts
//!   fully only as far as shared words back it; the rest counts [`NAME_ALONE`]. Two sentences
//!   that share "Ukraine" and nothing else score low, while names strengthen a shared subject.
//! - **One shared term is a coincidence.** A pair sharing a single word or name scores
//!   [`ONE_TERM`] of its cosine ("views" alone does not make two sentences parallel).
//! - **Short passages need more evidence.** Every vector holds a silent term of weight
//!   [`SILENT_WEIGHT`] that nothing else shares, so a two-word fragment does not reach a high
//!   score by sharing one word.
//! - **Exact duplicates come first.** Two passages with the same words (case and punctuation
//!   aside) score exactly 1.0; every other pair is capped at [`NEAR_MAX`].
//!
//! Scores at or below [`MIN_SCORE`] are not reported. Ties break by position, so results are
//! deterministic.

pub mod align;
mod score;
mod stem;
#[cfg(test)]
mod tests;
mod text;

use std::collections::{HashMap, HashSet};

use crate::essay::{BlockKind, Essay};
use crate::range::TextRange;
use crate::selection::sentences;
use score::{Idf, Overlap, overlap};
use text::Term;

/// A sentence with fewer words than this is joined to its neighbour ("And always.").
pub const MIN_WORDS: usize = 4;
/// Scores at or below this are noise and are not reported.
pub const MIN_SCORE: f32 = 0.05;
/// The highest score of a pair that is not an exact duplicate.
pub const NEAR_MAX: f32 = 0.99;
/// What names count for when no shared word backs them (fully backed names count fully).
pub const NAME_ALONE: f32 = 0.4;
/// Factor on the score of a pair that shares only one word or name: one word is a coincidence.
pub const ONE_TERM: f32 = 0.5;
/// Weight of the silent term in every vector (a typical word weighs 1.5 to 5).
pub const SILENT_WEIGHT: f32 = 3.0;

/// A passage of an essay: one sentence (or a short run of sentences) as a code-point range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Passage {
    /// The passage's code points in the essay's canonical text; within one block.
    pub range: TextRange,
    /// Index of the block holding the passage.
    pub block: usize,
}

/// A passage with what the index knows of its words.
#[derive(Debug, Clone)]
struct Unit {
    passage: Passage,
    /// Term counts, sorted by term.
    counts: Vec<(Term, f32)>,
    /// All words, lowercased, joined by one space: equal keys mean an exact duplicate.
    key: String,
}

/// An index over one essay's sentences: tokens, weights. Build once per essay.
///
/// The index keeps term counts, not weights: weights depend on IDF over both essays, which is
/// known only when two indexes meet (in [`most_similar`] and [`best_pairs`]).
#[derive(Debug, Clone)]
pub struct SentenceIndex {
    /// The passages of paragraph blocks, in essay order: the candidates.
    passages: Vec<Passage>,
    /// One unit per passage, same order.
    units: Vec<Unit>,
    /// Sentences of header blocks: usable as a query, never a candidate.
    headers: Vec<Unit>,
    /// Number of passages holding each term.
    df: HashMap<Term, u32>,
    /// The essay's fingerprint, to know when both sides are the same essay.
    fingerprint: String,
}

impl SentenceIndex {
    /// Cuts an essay into passages and counts their terms.
    pub fn new(essay: &Essay) -> Self {
        let mut cut = Vec::new();
        for (b, block) in essay.blocks.iter().enumerate() {
            for sentence in runs(&block.text) {
                let (s, e) = sentence;
                let Some(range) = TextRange::new(block.start + s, block.start + e) else {
                    continue;
                };
                let text: String = block.text.chars().skip(s).take(e - s).collect();
                cut.push((Passage { range, block: b }, block.kind, text));
            }
        }
        let mut names = HashSet::new();
        for (_, _, text) in &cut {
            text::names_in(text, &mut names);
        }
        let mut index = SentenceIndex {
            passages: Vec::new(),
            units: Vec::new(),
            headers: Vec::new(),
            df: HashMap::new(),
            fingerprint: essay.fingerprint.clone(),
        };
        for (passage, kind, text) in cut {
            let (terms, key) = text::terms(&text, &names);
            let unit = Unit {
                passage,
                counts: counts(terms),
                key,
            };
            if matches!(kind, BlockKind::Title | BlockKind::Byline | BlockKind::Date) {
                index.headers.push(unit);
            } else {
                for &(t, _) in &unit.counts {
                    *index.df.entry(t).or_insert(0) += 1;
                }
                index.passages.push(passage);
                index.units.push(unit);
            }
        }
        index
    }

    /// The candidate passages (header blocks excluded), in essay order.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// Passages and header sentences overlapping `range`, in essay order.
    fn covering(&self, range: TextRange) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = self
            .units
            .iter()
            .chain(&self.headers)
            .filter(|u| u.passage.range.overlaps(range))
            .collect();
        out.sort_by_key(|u| u.passage.range);
        out
    }
}

/// Sentences of a block as relative code-point ranges, short fragments joined to a neighbour.
fn runs(text: &str) -> Vec<(usize, usize)> {
    let words = |(s, e): (usize, usize)| {
        let t: String = text.chars().skip(s).take(e - s).collect();
        unicode_segmentation::UnicodeSegmentation::unicode_words(t.as_str()).count()
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    // Whether the last run is still too short on its own.
    let mut short = false;
    for s in sentences(text) {
        let n = words(s);
        match out.last_mut() {
            Some(last) if short || n < MIN_WORDS => {
                last.1 = s.1;
                short = short && n < MIN_WORDS;
            }
            _ => {
                out.push(s);
                short = n < MIN_WORDS;
            }
        }
    }
    out
}

/// Term counts from a list of terms, sorted by term.
fn counts(terms: Vec<Term>) -> Vec<(Term, f32)> {
    sum_counts(terms.into_iter().map(|t| (t, 1.0)).collect())
}

/// Term counts summed per term, sorted by term.
fn sum_counts(mut counts: Vec<(Term, f32)>) -> Vec<(Term, f32)> {
    counts.sort_by_key(|&(t, _)| t);
    let mut out: Vec<(Term, f32)> = Vec::with_capacity(counts.len());
    for (t, n) in counts {
        match out.last_mut() {
            Some((last, m)) if *last == t => *m += n,
            _ => out.push((t, n)),
        }
    }
    out
}

/// A match: the passage in the other essay and a score in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The passage of the other essay.
    pub passage: Passage,
    /// 1.0 for an exact duplicate, otherwise in (MIN_SCORE, NEAR_MAX].
    pub score: f32,
}

/// The passages of `other` most similar to `range` of `essay` (the sentence(s) it covers), best first, at most `limit`. IDF statistics from both essays together.
///
/// The query is every sentence of `essay` that overlaps `range`, header lines included, taken
/// together. When `other` is the same essay, the query's own passages are not candidates.
/// Scores at or below [`MIN_SCORE`] are left out; equal scores are ordered by position.
pub fn most_similar(
    essay: &SentenceIndex,
    range: TextRange,
    other: &SentenceIndex,
    limit: usize,
) -> Vec<Match> {
    let query = essay.covering(range);
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let merged = sum_counts(
        query
            .iter()
            .flat_map(|u| u.counts.iter().copied())
            .collect(),
    );
    let key = query
        .iter()
        .map(|u| u.key.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let idf = Idf::new(essay, other);
    let q = idf.vector(&merged);
    let same_essay = essay.fingerprint == other.fingerprint;
    let mut found: Vec<Match> = other
        .units
        .iter()
        .filter(|u| !(same_essay && u.passage.range.overlaps(range)))
        .filter_map(|u| {
            let score = overlap(&q, &idf.vector(&u.counts)).score(u.key == key);
            (score > MIN_SCORE).then_some(Match {
                passage: u.passage,
                score,
            })
        })
        .collect();
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.passage.range.cmp(&y.passage.range))
    });
    found.truncate(limit);
    found
}

/// The most similar pairs of passages across the two essays, best first, at most `limit`.
///
/// Each passage is used at most once per side: pairs are taken greedily, best first, and a pair
/// whose passage of `a` or of `b` is already taken is skipped. So the list reads as an alignment
/// of the two essays, not as ten echoes of one famous sentence. Scores at or below
/// [`MIN_SCORE`] are left out; equal scores are ordered by position in `a`, then in `b`.
///
/// Only pairs sharing a term are scored (an inverted index over `b`).
pub fn best_pairs(
    a: &SentenceIndex,
    b: &SentenceIndex,
    limit: usize,
) -> Vec<(Passage, Passage, f32)> {
    if limit == 0 {
        return Vec::new();
    }
    let idf = Idf::new(a, b);
    let vb: Vec<Vec<(Term, f32)>> = b.units.iter().map(|u| idf.vector(&u.counts)).collect();
    let mut postings: HashMap<Term, Vec<(u32, f32)>> = HashMap::new();
    for (j, v) in vb.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((j as u32, w));
        }
    }
    let same_essay = a.fingerprint == b.fingerprint;
    // Per passage of `b`: the parts of the cosine due to words and to names.
    let mut acc = vec![Overlap::default(); b.units.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
    for (i, ua) in a.units.iter().enumerate() {
        for &(t, wa) in &idf.vector(&ua.counts) {
            let Some(list) = postings.get(&t) else {
                continue;
            };
            for &(j, wb) in list {
                let cell = &mut acc[j as usize];
                // Weights are positive, so a cell at zero has not been touched yet.
                if *cell == Overlap::default() {
                    touched.push(j);
                }
                cell.add(t, wa * wb);
            }
        }
        for &j in &touched {
            let ub = &b.units[j as usize];
            let shared = std::mem::take(&mut acc[j as usize]);
            let skip = same_essay && ub.passage.range.overlaps(ua.passage.range);
            let score = shared.score(ua.key == ub.key);
            if !skip && score > MIN_SCORE {
                pairs.push((score, i as u32, j));
            }
        }
        touched.clear();
    }
    pairs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_a = vec![false; a.units.len()];
    let mut used_b = vec![false; b.units.len()];
    let mut out = Vec::new();
    for (score, i, j) in pairs {
        let (i, j) = (i as usize, j as usize);
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        out.push((a.units[i].passage, b.units[j].passage, score));
        if out.len() == limit {
            break;
        }
    }
    out
}
