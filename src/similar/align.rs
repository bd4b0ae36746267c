//! The alignment of two essays paragraph by paragraph, as a diff of prose: each paragraph of
//! the first essay set against the paragraph of the second that says most what it says.
//!
//! Sentence pairs come from [`best_pairs`] (each sentence used at most once per side); a
//! paragraph pair's *strength* is the sum of the scores of the sentence pairs joining them
//! ([`ParagraphScores`], the costly part, computed once per pair of essays). [`align`] then
//! reads it cheaply, with the reader's links:
//!
//! - each paragraph of the first essay, in order, gets a partner: the paragraph of the second
//!   it is linked to (a link always wins), else the one it is most strongly joined to, if that
//!   strength reaches [`MIN_STRENGTH`];
//! - the order of the second essay is **not** forced: a partner out of order (not on the
//!   longest run of partners that increase in both essays) is marked *moved*, and a partner
//!   shown a second time is marked *again*;
//! - the paragraphs of the second essay that are nobody's partner stand alone, each right
//!   after the paragraph before it in its own essay (at the top when it opens the essay).
//!
//! Example: `A B C` against `B' C' A'` (the first point moved to the end) gives the rows
//! `A–A'(moved) B–B' C–C'`.

use std::collections::HashMap;
use std::sync::Arc;

use super::{SentenceIndex, best_pairs};
use crate::essay::{BlockKind, Essay};
use crate::store::DocId;

/// The least strength (a sum of sentence scores, each at least
/// [`POSSIBLE`](crate::similar::POSSIBLE)) that makes two paragraphs a pair: one sentence
/// pair a reader would call possible is enough.
pub const MIN_STRENGTH: f32 = 0.07;

/// How strongly each pair of paragraphs is joined, by block index in each essay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParagraphScores {
    /// (block of the first essay, block of the second, strength), sorted by blocks.
    pairs: Vec<(usize, usize, f32)>,
}

impl ParagraphScores {
    /// Sums the scores of the best sentence pairs of the two essays per pair of paragraphs.
    pub fn new(a: &SentenceIndex, b: &SentenceIndex) -> ParagraphScores {
        let mut sums: HashMap<(usize, usize), f32> = HashMap::new();
        // Only pairs that are at least *possible* count: `best_pairs` ranks rather than cuts,
        // and a paragraph's many weak pairs (a shared word here and there) add up to noise.
        for (pa, pb, score) in best_pairs(a, b, usize::MAX) {
            if score >= crate::similar::POSSIBLE {
                *sums.entry((pa.block, pb.block)).or_insert(0.0) += score;
            }
        }
        let mut pairs: Vec<(usize, usize, f32)> =
            sums.into_iter().map(|((x, y), s)| (x, y, s)).collect();
        pairs.sort_by_key(|p| (p.0, p.1));
        ParagraphScores { pairs }
    }

    /// Scores given directly: (block of the first essay, block of the second, strength).
    pub fn from_pairs(mut pairs: Vec<(usize, usize, f32)>) -> ParagraphScores {
        pairs.sort_by_key(|p| (p.0, p.1));
        ParagraphScores { pairs }
    }

    /// The strongest partner of block `left` of the first essay, if strong enough; ties go
    /// to the earlier block.
    fn best_for(&self, left: usize) -> Option<(usize, f32)> {
        let from = self.pairs.partition_point(|p| p.0 < left);
        self.pairs[from..]
            .iter()
            .take_while(|p| p.0 == left)
            .filter(|p| p.2 >= MIN_STRENGTH)
            .fold(None, |best: Option<(usize, f32)>, p| match best {
                Some((_, s)) if s >= p.2 => best,
                _ => Some((p.1, p.2)),
            })
    }
}

/// One row of the alignment: a paragraph of either essay or both, side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Block of the first essay, if the row has one.
    pub left: Option<usize>,
    /// Block of the second essay, if the row has one.
    pub right: Option<usize>,
    /// The pair is made by a link of the reader's.
    pub linked: bool,
    /// The right paragraph stands out of its essay's order here.
    pub moved: bool,
    /// The right paragraph was shown in an earlier row already.
    pub again: bool,
    /// The pair's strength (0 for a row standing alone or a link with no similarity).
    pub strength: f32,
}

impl Row {
    /// Whether both sides are there: a pair that `]p` stops at.
    pub fn is_pair(&self) -> bool {
        self.left.is_some() && self.right.is_some()
    }

    fn alone(left: Option<usize>, right: Option<usize>) -> Row {
        Row {
            left,
            right,
            linked: false,
            moved: false,
            again: false,
            strength: 0.0,
        }
    }
}

/// Two essays set against each other, paragraph by paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// The rows, in the first essay's order, the second's lone paragraphs among them.
    pub rows: Vec<Row>,
}

impl Alignment {
    /// The block of the second essay set against block `left` of the first.
    pub fn partner_of_left(&self, left: usize) -> Option<usize> {
        self.rows
            .iter()
            .find(|r| r.left == Some(left))
            .and_then(|r| r.right)
    }

    /// The block of the first essay set against block `right` of the second (the strongest
    /// when several are; a link first).
    pub fn partner_of_right(&self, right: usize) -> Option<usize> {
        self.rows
            .iter()
            .filter(|r| r.right == Some(right) && r.left.is_some())
            .fold(None, |best: Option<&Row>, r| match best {
                Some(b) if (b.linked, b.strength) >= (r.linked, r.strength) => best,
                _ => Some(r),
            })
            .and_then(|r| r.left)
    }

    /// How many rows are pairs.
    pub fn pair_count(&self) -> usize {
        self.rows.iter().filter(|r| r.is_pair()).count()
    }
}

/// The blocks of `essay` that take part in an alignment: all but the header lines (title,
/// byline, date) and empty blocks.
pub fn paragraphs(essay: &Essay) -> Vec<usize> {
    essay
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            !matches!(
                b.kind,
                BlockKind::Title | BlockKind::Byline | BlockKind::Date
            ) && b.len > 0
        })
        .map(|(i, _)| i)
        .collect()
}

/// Aligns paragraphs `left` of the first essay with paragraphs `right` of the second (block
/// indices, in essay order) by `scores` and by `links` (pairs of blocks joined by a link).
pub fn align(
    scores: &ParagraphScores,
    left: &[usize],
    right: &[usize],
    links: &[(usize, usize)],
) -> Alignment {
    let rank: HashMap<usize, usize> = right.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let mut rows: Vec<Row> = left
        .iter()
        .map(|&l| {
            let linked = links
                .iter()
                .filter(|&&(x, y)| x == l && rank.contains_key(&y))
                .map(|&(_, y)| y)
                .min_by_key(|y| rank[y]);
            let strength_of = |r: usize| {
                scores
                    .pairs
                    .iter()
                    .find(|p| p.0 == l && p.1 == r)
                    .map_or(0.0, |p| p.2)
            };
            match linked {
                Some(r) => Row {
                    linked: true,
                    strength: strength_of(r),
                    ..Row::alone(Some(l), Some(r))
                },
                None => match scores.best_for(l).filter(|(r, _)| rank.contains_key(r)) {
                    Some((r, s)) => Row {
                        strength: s,
                        ..Row::alone(Some(l), Some(r))
                    },
                    None => Row::alone(Some(l), None),
                },
            }
        })
        .collect();
    mark_order(&mut rows, &rank);
    Alignment {
        rows: place_lone(rows, right),
    }
}

/// Marks partners shown again, and those off the longest run that keeps both essays' order.
fn mark_order(rows: &mut [Row], rank: &HashMap<usize, usize>) {
    let mut seen = std::collections::HashSet::new();
    let mut firsts: Vec<(usize, usize)> = Vec::new(); // (row, rank of its right paragraph)
    for (i, row) in rows.iter_mut().enumerate() {
        if let Some(r) = row.right {
            if seen.insert(r) {
                firsts.push((i, rank[&r]));
            } else {
                row.again = true;
            }
        }
    }
    let keep = increasing_run(&firsts.iter().map(|&(_, k)| k).collect::<Vec<_>>());
    for (n, &(i, _)) in firsts.iter().enumerate() {
        rows[i].moved = !keep[n];
    }
}

/// Which items of `values` make one longest strictly increasing subsequence (n log n).
fn increasing_run(values: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        if at > 0 {
            parent[i] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; values.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = parent[i];
    }
    keep
}

/// Puts each paragraph of the second essay that is nobody's partner right after the one
/// before it in its essay (the first of them at the top).
fn place_lone(rows: Vec<Row>, right: &[usize]) -> Vec<Row> {
    // Lone paragraphs to put after each row (index rows.len(): before all rows).
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); rows.len() + 1];
    let mut home: HashMap<usize, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(r) = row.right {
            home.entry(r).or_insert(i);
        }
    }
    for (k, &r) in right.iter().enumerate() {
        if home.contains_key(&r) {
            continue;
        }
        let slot = k
            .checked_sub(1)
            .and_then(|p| home.get(&right[p]).copied())
            .unwrap_or(rows.len());
        after[slot].push(r);
        home.insert(r, slot);
    }
    let mut out: Vec<Row> = after[rows.len()]
        .iter()
        .map(|&r| Row::alone(None, Some(r)))
        .collect();
    for (i, row) in rows.into_iter().enumerate() {
        out.push(row);
        out.extend(after[i].iter().map(|&r| Row::alone(None, Some(r))));
    }
    out
}

/// Work for the shell: the paragraph scores of two essays (shown as `docs`), worked out off
/// the key path when the essays are big.
#[derive(Debug, Clone)]
pub struct AlignJob {
    /// The essays' ids in the state, first and second.
    pub docs: (DocId, DocId),
    /// The first essay.
    pub first: Arc<Essay>,
    /// The second essay.
    pub second: Arc<Essay>,
}

impl AlignJob {
    /// Indexes both essays and scores their paragraph pairs (slow for big essays).
    pub fn run(&self) -> Scored {
        let (a, b) = (
            SentenceIndex::new(&self.first),
            SentenceIndex::new(&self.second),
        );
        Scored {
            docs: self.docs,
            scores: Arc::new(ParagraphScores::new(&a, &b)),
        }
    }
}

impl PartialEq for AlignJob {
    fn eq(&self, other: &Self) -> bool {
        self.docs == other.docs
            && Arc::ptr_eq(&self.first, &other.first)
            && Arc::ptr_eq(&self.second, &other.second)
    }
}

impl Eq for AlignJob {}

/// The paragraph scores of two essays (shown as `docs`), as a job gives them back.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The essays' ids in the state, first and second.
    pub docs: (DocId, DocId),
    /// Their paragraph scores.
    pub scores: Arc<ParagraphScores>,
}

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.docs == other.docs && *self.scores == *other.scores
    }
}

impl Eq for Scored {}

#[cfg(test)]
mod tests;
