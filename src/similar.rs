//! Parallel passages: which sentences of one essay say what a sentence of the other says.
//!
//! Each essay is cut into *passages*: its sentences (see [`sentences`]), a fragment of fewer
//! than [`MIN_WORDS`] words joined to the sentence before it. Header blocks (title, byline, date)
//! give no passages. A passage's terms are its stemmed content words, the first letters of
//! each word (so "bloc" meets "blocks"), names, and bigrams (see the `text` module). Two
//! passages are scored by BM25 with the IDF taken over the passages of *both* essays, each side
//! of the pair normalised by what the passage weighs for itself, so scores fall in 0..=1 (see
//! the `score` module); then:
//!
//! - **Names cannot carry a match alone.** The part of the score due to shared single names
//!   counts fully only as far as shared words back it; the rest counts [`NAME_ALONE`]. Two
//!   sentences that share "Ukraine" and nothing else score low. A multi-word name shared by
//!   both essays ("Red Army") is rare evidence of one subject and counts as fully as words.
//! - **One shared term is a coincidence.** A pair sharing a single word or name scores
//!   [`ONE_TERM`] of its score ("views" alone does not make two sentences parallel).
//! - **Neighbours agree.** Parallel texts keep their local order: when the sentences before
//!   (or after) two passages are alike, the two passages are more likely parallel. A pair gains
//!   [`CONTEXT`] times the mean score of its two neighbouring pairs.
//! - **Exact duplicates come first.** Two passages with the same words (case and punctuation
//!   aside) score exactly 1.0; every other pair is capped at [`NEAR_MAX`].
//!
//! [`most_similar`] ranks, it does not cut: every passage of the other essay is a candidate,
//! those that share nothing last, nearest to the query's place in its essay first. Ties break
//! by position, so results are deterministic. [`strength`] puts a score into words.

pub mod align;
pub mod eval;
mod score;
mod stem;
#[cfg(test)]
mod tests;
mod text;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use crate::essay::{BlockKind, Essay};
use crate::range::TextRange;
use crate::selection::sentences;
use text::Term;

/// A sentence with fewer words than this is joined to its neighbour ("And always.").
pub const MIN_WORDS: usize = 4;
/// The highest score of a pair that is not an exact duplicate.
pub const NEAR_MAX: f32 = 0.99;
/// What names count for when no shared word backs them (fully backed names count fully).
pub const NAME_ALONE: f32 = 0.4;
/// Factor on the score of a pair that shares only one word or name: one word is a coincidence.
pub const ONE_TERM: f32 = 0.5;
/// Weight of the neighbouring pairs' mean score in a pair's score.
pub const CONTEXT: f32 = 0.2;
/// A pair scoring at least this is a *strong* parallel. On the tuning pairs of
/// tests/fixtures/parallel, 8 of the 9 pairs of [`best_pairs`] that reach it are pairs a reader
/// matched, and 9 of 10 first candidates of `p` that reach it are right.
pub const STRONG: f32 = 0.2;
/// A pair scoring at least this is a *possible* parallel: some content in common. Below it
/// (*weak*), a pair a reader matched is first only one time in three on the tuning pairs.
pub const POSSIBLE: f32 = 0.08;
/// How strong a parallel is, in words a reader can weigh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Little in common: offered because nothing better is there.
    Weak,
    /// Some of the content in common.
    Possible,
    /// Most of the content in common (or the same words).
    Strong,
}

impl Strength {
    /// The word shown for it.
    pub fn word(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Possible => "possible",
            Strength::Strong => "strong",
        }
    }
}

/// The strength of a score: [`STRONG`], [`POSSIBLE`] or weak.
pub fn strength(score: f32) -> Strength {
    if score >= STRONG {
        Strength::Strong
    } else if score >= POSSIBLE {
        Strength::Possible
    } else {
        Strength::Weak
    }
}

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
    /// The passage's length for BM25: its number of terms.
    len: f32,
    /// All words, lowercased, joined by one space: equal keys mean an exact duplicate.
    key: String,
}

impl Unit {
    fn new(passage: Passage, counts: Vec<(Term, f32)>, key: String) -> Unit {
        let len = counts.iter().map(|&(_, n)| n).sum();
        Unit {
            passage,
            counts,
            len,
            key,
        }
    }
}

/// An index over one essay's sentences: tokens, counts, postings. Build once per essay (it
/// takes a while on a long essay: the app builds it in the background).
///
/// The index keeps term counts, not weights: weights depend on IDF over both essays, which is
/// known only when two indexes meet (in [`most_similar`] and [`best_pairs`]).
#[derive(Debug)]
pub struct SentenceIndex {
    /// The passages of paragraph blocks, in essay order: the candidates.
    passages: Vec<Passage>,
    /// One unit per passage, same order.
    units: Vec<Unit>,
    /// Sentences of header blocks: usable as a query, never a candidate.
    headers: Vec<Unit>,
    /// Number of passages holding each term.
    df: HashMap<Term, u32>,
    /// The passages holding each term, in order, with the term's count there.
    postings: HashMap<Term, Vec<(u32, f32)>>,
    /// Sum of the passages' lengths.
    total_len: f32,
    /// The essay's fingerprint, to know when both sides are the same essay.
    fingerprint: String,
    /// What each passage weighs for itself beside another essay (by its fingerprint): worked
    /// out once per pair of essays (see [`warm`]), the last few kept.
    weights: Mutex<Vec<(String, Arc<[f32]>)>>,
}

impl Clone for SentenceIndex {
    fn clone(&self) -> Self {
        SentenceIndex {
            passages: self.passages.clone(),
            units: self.units.clone(),
            headers: self.headers.clone(),
            df: self.df.clone(),
            postings: self.postings.clone(),
            total_len: self.total_len,
            fingerprint: self.fingerprint.clone(),
            weights: Mutex::default(),
        }
    }
}

impl SentenceIndex {
    /// Cuts an essay into passages and counts their terms.
    pub fn new(essay: &Essay) -> Self {
        let mut cut = Vec::new();
        for (b, block) in essay.blocks.iter().enumerate() {
            let bytes = Bytes::of(&block.text);
            for sentence in runs(&block.text, &bytes) {
                let (s, e) = sentence;
                let Some(range) = TextRange::new(block.start + s, block.start + e) else {
                    continue;
                };
                let text = bytes.slice(&block.text, s, e).to_owned();
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
            postings: HashMap::new(),
            total_len: 0.0,
            fingerprint: essay.fingerprint.clone(),
            weights: Mutex::default(),
        };
        for (passage, kind, text) in cut {
            let (terms, key) = text::terms(&text, &names);
            let unit = Unit::new(passage, counts(terms), key);
            if matches!(kind, BlockKind::Title | BlockKind::Byline | BlockKind::Date) {
                index.headers.push(unit);
            } else {
                let at = index.units.len() as u32;
                for &(t, n) in &unit.counts {
                    *index.df.entry(t).or_insert(0) += 1;
                    index.postings.entry(t).or_default().push((at, n));
                }
                index.total_len += unit.len;
                index.passages.push(passage);
                index.units.push(unit);
            }
        }
        index
    }

    /// The essay's fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The candidate passages (header blocks excluded), in essay order.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// Indexes of the passages overlapping `range`, and header sentences overlapping it.
    fn covering(&self, range: TextRange) -> (Vec<usize>, Vec<&Unit>) {
        let first = self
            .units
            .partition_point(|u| u.passage.range.end() <= range.start());
        let passages = (first..self.units.len())
            .take_while(|&i| self.units[i].passage.range.start() < range.end())
            .filter(|&i| self.units[i].passage.range.overlaps(range))
            .collect();
        let headers = self
            .headers
            .iter()
            .filter(|u| u.passage.range.overlaps(range))
            .collect();
        (passages, headers)
    }
}

/// An index built off the key path, as the shell hands it to the state
/// (`Action::Indexed`). Two are equal when they are the same index.
#[derive(Debug, Clone)]
pub struct SharedIndex(pub Arc<SentenceIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

/// Sentences of a block as relative code-point ranges, short fragments joined to a neighbour.
fn runs(text: &str, bytes: &Bytes) -> Vec<(usize, usize)> {
    let words = |(s, e): (usize, usize)| {
        unicode_segmentation::UnicodeSegmentation::unicode_words(bytes.slice(text, s, e)).count()
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

/// The byte offset of each code point of a text (and of its end): slices by code points in
/// constant time, where `chars().skip(n)` would make a long paragraph quadratic.
struct Bytes(Vec<usize>);

impl Bytes {
    fn of(text: &str) -> Bytes {
        let mut at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        at.push(text.len());
        Bytes(at)
    }

    /// Code points `s..e` of `text` (clamped to it).
    fn slice<'t>(&self, text: &'t str, s: usize, e: usize) -> &'t str {
        let last = self.0.len() - 1;
        let (s, e) = (self.0[s.min(last)], self.0[e.min(last)]);
        text.get(s..e.max(s)).unwrap_or_default()
    }
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

mod rank;
pub use rank::{Match, best_pairs, most_similar, warm};
