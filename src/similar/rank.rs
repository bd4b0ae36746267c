//! Ranking: the parallels of one sentence ([`most_similar`], for `p`), and the best pairs of
//! two essays ([`best_pairs`], for `P`, locked scrolling and the alignment view).

use std::sync::Arc;

use super::score::Pair;
use super::{CONTEXT, NEAR_MAX, POSSIBLE, Passage, SentenceIndex, Unit, sum_counts};
use crate::range::TextRange;

/// Neighbouring pairs scoring below this lend no context (and [`best_pairs`] keeps no pair
/// below it): bounds the pairs kept for two long essays, and keeps both functions agreeing.
const FLOOR: f32 = 0.02;

/// A match: the passage in the other essay and a score in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The passage of the other essay.
    pub passage: Passage,
    /// 1.0 for an exact duplicate, otherwise in 0..=NEAR_MAX (0 when nothing is shared).
    pub score: f32,
}

/// Pairs of essays whose weights each index keeps.
const KEPT_WEIGHTS: usize = 4;

/// What each passage of `index` weighs for itself beside `other`: worked out once per pair.
fn weights(pair: &Pair, index: &SentenceIndex, other: &SentenceIndex) -> Arc<[f32]> {
    let mut kept = index
        .weights
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, w)) = kept.iter().find(|(f, _)| *f == other.fingerprint) {
        return Arc::clone(w);
    }
    let w: Arc<[f32]> = index.units.iter().map(|u| pair.self_weight(u)).collect();
    if kept.len() >= KEPT_WEIGHTS {
        kept.remove(0);
    }
    kept.push((other.fingerprint.clone(), Arc::clone(&w)));
    w
}

/// Works out what the passages of `a` and `b` weigh beside each other, so that the first
/// [`most_similar`] between them is as quick as the next (the app does it in the background,
/// after building the indexes).
pub fn warm(a: &SentenceIndex, b: &SentenceIndex) {
    let pair = Pair::new(a, b);
    weights(&pair, a, b);
    weights(&pair, b, a);
}

/// The direct score of `q` against every passage of `other` (0 where nothing is shared).
fn direct(pair: &Pair, q: &Unit, other: &SentenceIndex, w: &[f32]) -> Vec<f32> {
    let wq = pair.self_weight(q);
    pair.shared(q, wq, other, w)
        .into_iter()
        .zip(&other.units)
        .map(|(o, u)| {
            if o.is_empty() {
                0.0
            } else {
                o.score(q.key == u.key)
            }
        })
        .collect()
}

/// The passages of `other` most like `range` of `essay` (the sentence(s) it covers), best
/// first, at most `limit`. IDF statistics from both essays together.
///
/// The query is every sentence of `essay` that overlaps `range`, header lines included, taken
/// together. Every passage of `other` is a candidate (when `other` is the same essay, the
/// query's own passages are not): the ranking never cuts. Passages that share nothing score 0
/// and come last, the nearest to the query's relative place in its essay first; other equal
/// scores are ordered by position. Empty only when `other` has no passage (or `range` covers
/// no sentence).
pub fn most_similar(
    essay: &SentenceIndex,
    range: TextRange,
    other: &SentenceIndex,
    limit: usize,
) -> Vec<Match> {
    let (ids, headers) = essay.covering(range);
    if (ids.is_empty() && headers.is_empty()) || limit == 0 {
        return Vec::new();
    }
    let parts: Vec<&Unit> = ids
        .iter()
        .map(|&i| &essay.units[i])
        .chain(headers)
        .collect();
    let query = Unit::new(
        parts[0].passage,
        sum_counts(
            parts
                .iter()
                .flat_map(|u| u.counts.iter().copied())
                .collect(),
        ),
        parts
            .iter()
            .map(|u| u.key.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let pair = Pair::new(essay, other);
    let w = weights(&pair, other, essay);
    let scores = direct(&pair, &query, other, &w);
    // The pairs of neighbours: the passage before the query with each passage of `other`, and
    // the one after.
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| essay.units.get(i))
            .map(|u| direct(&pair, u, other, &w))
            .unwrap_or_default()
    };
    let before = neighbour(ids.first().and_then(|i| i.checked_sub(1)));
    let after = neighbour(ids.last().map(|i| i + 1));
    let context = |scores: &[f32], j: Option<usize>| {
        j.and_then(|j| scores.get(j))
            .copied()
            .filter(|&s| s >= FLOOR)
            .unwrap_or(0.0)
    };
    let same_essay = essay.fingerprint == other.fingerprint;
    let n = other.units.len().max(1) as f32;
    let here = ids
        .first()
        .map_or(0.0, |&i| i as f32 / essay.units.len().max(1) as f32);
    let mut found: Vec<(Match, f32)> = other
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| !(same_essay && u.passage.range.overlaps(range)))
        .map(|(j, u)| {
            let d = scores[j];
            let c = context(&before, j.checked_sub(1)) + context(&after, Some(j + 1));
            let score = with_context(d, c);
            let distance = (j as f32 / n - here).abs();
            (
                Match {
                    passage: u.passage,
                    score,
                },
                distance,
            )
        })
        .collect();
    found.sort_by(|(x, dx), (y, dy)| {
        y.score
            .total_cmp(&x.score)
            .then(if x.score == 0.0 {
                dx.total_cmp(dy)
            } else {
                std::cmp::Ordering::Equal
            })
            .then(x.passage.range.cmp(&y.passage.range))
    });
    found.truncate(limit);
    found.into_iter().map(|(m, _)| m).collect()
}

/// A pair's score from its direct score and the sum of its neighbouring pairs' scores. A
/// pair sharing nothing is ranked by its neighbours but stays *weak* (below half of
/// [`POSSIBLE`]): the words of a score speak of what the two passages share.
fn with_context(direct: f32, neighbours: f32) -> f32 {
    if direct >= 1.0 {
        return 1.0;
    }
    let context = CONTEXT * neighbours / 2.0;
    if direct == 0.0 {
        return context.min(POSSIBLE / 2.0);
    }
    (direct + context).min(NEAR_MAX)
}

/// The most similar pairs of passages across the two essays, best first, at most `limit`,
/// each with its score (as [`most_similar`] gives it).
///
/// Each passage is used at most once per side: pairs are taken greedily, best first, and a pair
/// whose passage of `a` or of `b` is already taken is skipped. So the list reads as an alignment
/// of the two essays, not as ten echoes of one famous sentence. Only pairs sharing a term are
/// scored (an inverted index over `b`), and only pairs scoring at least 0.02 are listed. Equal
/// scores are ordered by position in `a`, then in `b`. Deterministic.
pub fn best_pairs(
    a: &SentenceIndex,
    b: &SentenceIndex,
    limit: usize,
) -> Vec<(Passage, Passage, f32)> {
    if limit == 0 {
        return Vec::new();
    }
    let pair = Pair::new(a, b);
    let w = weights(&pair, b, a);
    // Row i: the direct scores of passage i of `a` with passages of `b`, sorted by passage.
    let rows: Vec<Vec<(u32, f32)>> = a
        .units
        .iter()
        .map(|u| {
            direct(&pair, u, b, &w)
                .into_iter()
                .enumerate()
                .filter(|&(_, s)| s >= FLOOR)
                .map(|(j, s)| (j as u32, s))
                .collect::<Vec<_>>()
        })
        .collect();
    let at = |i: Option<usize>, j: Option<usize>| -> f32 {
        let (Some(i), Some(j)) = (i, j) else {
            return 0.0;
        };
        let Some(row) = rows.get(i) else { return 0.0 };
        row.binary_search_by_key(&(j as u32), |&(k, _)| k)
            .map_or(0.0, |k| row[k].1)
    };
    let same_essay = a.fingerprint == b.fingerprint;
    let mut pairs: Vec<(f32, u32, u32)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let ua = &a.units[i];
        for &(j, d) in row {
            let ub = &b.units[j as usize];
            if same_essay && ub.passage.range.overlaps(ua.passage.range) {
                continue;
            }
            let j = j as usize;
            let c = at(i.checked_sub(1), j.checked_sub(1)) + at(Some(i + 1), Some(j + 1));
            pairs.push((with_context(d, c), i as u32, j as u32));
        }
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
