//! Weighting terms by IDF over two essays, and scoring what two passages share.

use super::text::Term;
use super::{NAME_ALONE, NEAR_MAX, ONE_TERM, SILENT_WEIGHT, SentenceIndex};

/// IDF over the passages of two essays.
pub(super) struct Idf<'a> {
    a: &'a SentenceIndex,
    b: &'a SentenceIndex,
    n: f32,
}

impl<'a> Idf<'a> {
    /// The IDF of two indexes taken together.
    pub(super) fn new(a: &'a SentenceIndex, b: &'a SentenceIndex) -> Self {
        let n = (a.units.len() + b.units.len()) as f32;
        Idf { a, b, n }
    }

    /// Smoothed IDF: ln(1 + N / df); a term in no passage counts as in one.
    fn of(&self, t: Term) -> f32 {
        let df = self.a.df.get(&t).copied().unwrap_or(0) + self.b.df.get(&t).copied().unwrap_or(0);
        (1.0 + self.n / df.max(1) as f32).ln()
    }

    /// The weighted vector of some term counts: (1 + ln tf) · idf · boost, with the silent term
    /// in the norm, normalised to length one.
    pub(super) fn vector(&self, counts: &[(Term, f32)]) -> Vec<(Term, f32)> {
        let mut v: Vec<(Term, f32)> = counts
            .iter()
            .map(|&(t, tf)| (t, (1.0 + tf.ln()) * self.of(t) * t.boost()))
            .collect();
        let norm =
            (v.iter().map(|(_, w)| w * w).sum::<f32>() + SILENT_WEIGHT * SILENT_WEIGHT).sqrt();
        for (_, w) in &mut v {
            *w /= norm;
        }
        v
    }
}

/// What two passages share: the parts of their cosine due to words and to names, and how many
/// single terms (words or names, not bigrams) they have in common.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Overlap {
    words: f32,
    names: f32,
    shared: u32,
}

impl Overlap {
    /// Adds one shared term with the product of its two weights.
    pub(super) fn add(&mut self, t: Term, product: f32) {
        if t.is_entity() {
            self.names += product;
        } else {
            self.words += product;
        }
        if t.is_single() {
            self.shared += 1;
        }
    }

    /// The score of the pair: 1.0 for an exact duplicate; otherwise the cosine, with names
    /// discounted unless words back them, halved on a single shared term, capped below 1.
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

/// What two sorted unit vectors share.
pub(super) fn overlap(x: &[(Term, f32)], y: &[(Term, f32)]) -> Overlap {
    let mut o = Overlap::default();
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                o.add(x[i].0, x[i].1 * y[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    o
}
