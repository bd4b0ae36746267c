//! Measuring the ranking against pairs a reader matched: recall@1, recall@3 and the mean
//! reciprocal rank of [`most_similar`](super::most_similar), as `p` uses it.
//!
//! A gold pair names a sentence of essay `a` and its parallel in essay `b` by a phrase of each.
//! Each pair is asked both ways: the sentence of `a` as the query, the passage of `b` holding
//! the other phrase as the answer, and the other way round.

use crate::essay::Essay;
use crate::selection::sentence_at;

use super::{SentenceIndex, most_similar};

/// One pair a reader matched: a phrase of a sentence of each essay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldPair {
    /// The name of the pair of essays (files `SET-a.txt`, `SET-b.txt`).
    pub set: String,
    /// Whether the pair is kept apart from tuning.
    pub held_out: bool,
    /// A phrase of the sentence in essay `a`.
    pub a: String,
    /// A phrase of its parallel in essay `b`.
    pub b: String,
}

/// Reads gold pairs from tab-separated lines `set, split, phrase a, phrase b` (`split` is
/// `tune` or `held-out`); blank lines and lines starting with `#` are skipped. A malformed
/// line is an error naming its line number.
pub fn parse_gold(text: &str) -> Result<Vec<GoldPair>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [set, split, a, b] = cols[..] else {
            return Err(format!("line {}: expected 4 tab-separated columns", n + 1));
        };
        let held_out = match split {
            "tune" => false,
            "held-out" => true,
            other => return Err(format!("line {}: unknown split {other:?}", n + 1)),
        };
        out.push(GoldPair {
            set: set.to_owned(),
            held_out,
            a: a.to_owned(),
            b: b.to_owned(),
        });
    }
    Ok(out)
}

/// Ranking quality over a number of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    /// Number of queries.
    pub queries: usize,
    /// Share of queries whose answer is ranked first.
    pub recall_1: f64,
    /// Share of queries whose answer is within the first three.
    pub recall_3: f64,
    /// Mean of 1 / rank of the answer (0 when it is not offered).
    pub mrr: f64,
}

impl Metrics {
    /// Metrics over the ranks of the answers (1-based; `None` when not offered).
    pub fn of_ranks(ranks: &[Option<usize>]) -> Metrics {
        let n = ranks.len();
        if n == 0 {
            return Metrics::default();
        }
        let share =
            |k: usize| ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64 / n as f64;
        Metrics {
            queries: n,
            recall_1: share(1),
            recall_3: share(3),
            mrr: ranks
                .iter()
                .map(|r| r.map_or(0.0, |r| 1.0 / r as f64))
                .sum::<f64>()
                / n as f64,
        }
    }
}

/// The code-point offset of `phrase` in `essay`, if it is there.
fn offset_of(essay: &Essay, phrase: &str) -> Option<usize> {
    let text = essay.text();
    let byte = text.find(phrase)?;
    Some(text[..byte].chars().count())
}

/// The rank (1-based) of the passage of `b` holding `answer` among the parallels `p` offers
/// for the sentence of `a` holding `query`; `None` when it is not offered. An error when a
/// phrase is not found.
pub fn rank_of(
    a: &Essay,
    ia: &SentenceIndex,
    query: &str,
    b: &Essay,
    ib: &SentenceIndex,
    answer: &str,
) -> Result<Option<usize>, String> {
    let missing = |p: &str, e: &Essay| format!("{p:?} not found in {}", e.id);
    let q = offset_of(a, query).ok_or_else(|| missing(query, a))?;
    let t = offset_of(b, answer).ok_or_else(|| missing(answer, b))?;
    let sentence = sentence_at(a, q).ok_or_else(|| missing(query, a))?;
    let found = most_similar(ia, sentence, ib, usize::MAX);
    Ok(found
        .iter()
        .position(|m| m.passage.range.start() <= t && t < m.passage.range.end())
        .map(|i| i + 1))
}

/// The ranks of the answers of `pairs` (all of the essays `a` and `b`), each asked both ways.
pub fn ranks(a: &Essay, b: &Essay, pairs: &[&GoldPair]) -> Result<Vec<Option<usize>>, String> {
    let (ia, ib) = (SentenceIndex::new(a), SentenceIndex::new(b));
    let mut out = Vec::new();
    for p in pairs {
        out.push(rank_of(a, &ia, &p.a, b, &ib, &p.b)?);
        out.push(rank_of(b, &ib, &p.b, a, &ia, &p.a)?);
    }
    Ok(out)
}

/// Metrics over the pairs of `gold` in the held-out split (or the tuning split), every set's
/// essays read by `read` from its file name (`SET-a.txt`, `SET-b.txt`).
pub fn metrics(
    gold: &[GoldPair],
    held_out: bool,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<Metrics, String> {
    let mut sets: Vec<&str> = gold.iter().map(|p| p.set.as_str()).collect();
    sets.dedup();
    let mut all = Vec::new();
    for set in sets {
        let pairs: Vec<&GoldPair> = gold
            .iter()
            .filter(|p| p.set == set && p.held_out == held_out)
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let essay = |side: &str| {
            let name = format!("{set}-{side}.txt");
            crate::essay::split(&read(&name)?, &name)
                .into_iter()
                .next()
                .ok_or_else(|| format!("{name}: no essay"))
        };
        all.extend(ranks(&essay("a")?, &essay("b")?, &pairs)?);
    }
    Ok(Metrics::of_ranks(&all))
}
