//! Weighting terms by BM25 over two essays, and scoring what two passages share.
//!
//! BM25 weighs a term of a passage by its rarity over the passages of *both* essays (IDF) and
//! by its count, saturated and set against the passage's length. A passage's weight for the
//! other passage is the sum over the terms they share, divided by its weight for itself, so a
//! pair scores in 0..=1 from each side; the score of the pair is the mean of its two sides.
//! Because BM25 normalises by length (a count of terms), not by a norm over IDF, a query needs
//! the IDF of its own terms and of its candidates' terms only.

use super::text::Term;
use super::{NAME_ALONE, NEAR_MAX, ONE_TERM, SentenceIndex, Unit};

/// BM25's saturation of counts: a term said twice counts a little more than once.
const K1: f32 = 1.2;
/// BM25's length normalisation: how much a long passage is discounted.
const B: f32 = 0.75;

/// BM25 statistics over the passages of two essays.
pub(super) struct Pair<'a> {
    a: &'a SentenceIndex,
    b: &'a SentenceIndex,
    /// Number of passages of both essays.
    n: f32,
    /// Mean passage length, in terms.
    avg: f32,
}

impl<'a> Pair<'a> {
    /// The statistics of two indexes taken together.
    pub(super) fn new(a: &'a SentenceIndex, b: &'a SentenceIndex) -> Self {
        let n = (a.units.len() + b.units.len()) as f32;
        let avg = if n > 0.0 {
            (a.total_len + b.total_len) / n
        } else {
            1.0
        };
        Pair {
            a,
            b,
            n,
            avg: avg.max(1.0),
        }
    }

    /// BM25's IDF, ln(1 + (N − df + ½) / (df + ½)): always positive; a term in no passage
    /// (a header's) counts as in none.
    pub(super) fn idf(&self, t: Term) -> f32 {
        let df = (self.a.df.get(&t).copied().unwrap_or(0) + self.b.df.get(&t).copied().unwrap_or(0))
            as f32;
        (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The weight of a term of IDF `idf` counted `tf` times in a passage of `len` terms.
    pub(super) fn weight(&self, t: Term, idf: f32, tf: f32, len: f32) -> f32 {
        let saturated = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg));
        idf * t.boost() * saturated
    }

    /// What a passage weighs for itself: the denominator of its side of a pair.
    pub(super) fn self_weight(&self, u: &Unit) -> f32 {
        u.counts
            .iter()
            .map(|&(t, tf)| self.weight(t, self.idf(t), tf, u.len))
            .sum()
    }

    /// What `q` (weighing `wq` for itself) shares with each passage of `other` (weighing
    /// `w[j]`): an overlap per passage, default where nothing is shared. Walks the postings
    /// of `q`'s terms only.
    pub(super) fn shared(
        &self,
        q: &Unit,
        wq: f32,
        other: &SentenceIndex,
        w: &[f32],
    ) -> Vec<Overlap> {
        let mut acc = vec![Overlap::default(); other.units.len()];
        if wq <= 0.0 {
            return acc;
        }
        for &(t, tf) in &q.counts {
            let Some(list) = other.postings.get(&t) else {
                continue;
            };
            let idf = self.idf(t);
            let side_q = self.weight(t, idf, tf, q.len) / wq;
            for &(j, tf_j) in list {
                let j = j as usize;
                if w[j] > 0.0 {
                    let side_j = self.weight(t, idf, tf_j, other.units[j].len) / w[j];
                    acc[j].add(t, (side_q + side_j) / 2.0);
                }
            }
        }
        acc
    }
}

/// What two passages share: the parts of their score due to words and to names, and how many
/// single terms (words or names, not bigrams) they have in common.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Overlap {
    words: f32,
    names: f32,
    shared: u32,
}

impl Overlap {
    /// Whether nothing is shared.
    pub(super) fn is_empty(&self) -> bool {
        self.shared == 0 && self.words == 0.0 && self.names == 0.0
    }

    /// Adds one shared term with its part of the score.
    pub(super) fn add(&mut self, t: Term, part: f32) {
        if t.is_entity() {
            self.names += part;
        } else {
            self.words += part;
        }
        self.shared += t.evidence();
    }

    /// The score of the pair: 1.0 for an exact duplicate; otherwise the shared weight, with
    /// names discounted unless words back them, halved on a single shared term, capped below 1.
    pub(super) fn score(self, exact: bool) -> f32 {
        if exact {
            return 1.0;
        }
        let backed = if self.names > 0.0 {
            (self.words / self.names).min(1.0)
        } else {
            1.0
        };
        let names = self.names * (NAME_ALONE + (1.0 - NAME_ALONE) * backed);
        let single = if self.shared < 2 { ONE_TERM } else { 1.0 };
        ((self.words + names) * single).clamp(0.0, NEAR_MAX)
    }
}
