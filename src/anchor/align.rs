//! Approximate matching: the cheapest alignment of a quote with its context against a
//! stretch of the essay, and where the quote's ends fall in it.

use std::ops::Range;

/// The most cells one alignment may fill (one byte each for the trace).
const MAX_CELLS: usize = 12_000_000;

const DIAG: u8 = 0;
const UP: u8 = 1;
const LEFT: u8 = 2;

/// Where a quote landed in a window, and what it cost to get there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Alignment {
    /// Window offset of the quote's first code point.
    pub start: usize,
    /// Window offset one past the quote's last code point.
    pub end: usize,
    /// Edits (insertions, deletions, substitutions) inside the quote.
    pub quote_edits: usize,
    /// Edits in the context around it.
    pub context_edits: usize,
}

/// Aligns `needle` (context, then the quote at `quote`, then context) with the best
/// matching stretch of `window`, by edit distance with free ends in the window.
///
/// The quote's ends in the window are read off the alignment path, so that context that
/// survived pins them even where the quote itself was edited. Text inserted just
/// outside the quote stays outside it. `None` if the quote would be empty or the
/// problem is too large.
pub(super) fn align(needle: &[char], quote: Range<usize>, window: &[char]) -> Option<Alignment> {
    let (m, n) = (needle.len(), window.len());
    if quote.is_empty() || quote.end > m || n == 0 || (m + 1).saturating_mul(n + 1) > MAX_CELLS {
        return None;
    }
    let w = n + 1;
    let mut trace = vec![DIAG; (m + 1) * w];
    let mut prev = vec![0usize; w];
    let mut cur = vec![0usize; w];
    for i in 1..=m {
        cur[0] = i;
        trace[i * w] = UP;
        for j in 1..=n {
            let diag = prev[j - 1] + usize::from(needle[i - 1] != window[j - 1]);
            let up = prev[j] + 1;
            let left = cur[j - 1] + 1;
            let (d, t) = if diag <= up && diag <= left {
                (diag, DIAG)
            } else if up <= left {
                (up, UP)
            } else {
                (left, LEFT)
            };
            cur[j] = d;
            trace[i * w + j] = t;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (end_col, total) = prev
        .iter()
        .copied()
        .enumerate()
        .min_by_key(|&(j, d)| (d, j))?;

    let (mut i, mut j) = (m, end_col);
    let (mut start, mut end) = (None, None);
    let mut quote_edits = 0;
    loop {
        if i == quote.end {
            end = Some(j); // the last visit going back is the leftmost: the quote's end
        }
        if i == quote.start && start.is_none() {
            start = Some(j); // the first visit going back is the rightmost: its start
        }
        if i == 0 {
            break;
        }
        let in_quote = i > quote.start && i <= quote.end;
        match trace[i * w + j] {
            DIAG => {
                if in_quote && needle[i - 1] != window[j - 1] {
                    quote_edits += 1;
                }
                i -= 1;
                j -= 1;
            }
            UP => {
                quote_edits += usize::from(in_quote);
                i -= 1;
            }
            _ => {
                quote_edits += usize::from(i > quote.start && i < quote.end);
                j -= 1;
            }
        }
    }
    let (start, end) = (start?, end?);
    (start < end).then_some(Alignment {
        start,
        end,
        quote_edits,
        context_edits: total.saturating_sub(quote_edits),
    })
}

/// A lower bound of the edit distance between `quote` and any stretch of `window`.
///
/// The quote is cut into pieces of up to 64 code points; each piece's best distance to
/// any stretch of the window (Myers' bit-parallel algorithm, one machine word) is at
/// most what that piece costs in any alignment of the whole quote, so their sum bounds
/// it from below. It costs one pass over the window per piece: cheap enough to rule out
/// places before aligning them in full.
pub(super) fn distance_at_least(quote: &[char], window: &[char]) -> usize {
    quote
        .chunks(64)
        .map(|piece| best_distance(piece, window))
        .sum()
}

/// Least edit distance of `pattern` (at most 64 code points) to a stretch of `text`.
fn best_distance(pattern: &[char], text: &[char]) -> usize {
    let m = pattern.len();
    if m == 0 || m > 64 {
        return 0;
    }
    let mut ascii = [0u64; 128];
    let mut other: Vec<(char, u64)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1u64 << i;
        match ascii.get_mut(c as usize) {
            Some(mask) => *mask |= bit,
            None => match other.iter_mut().find(|(o, _)| *o == c) {
                Some((_, mask)) => *mask |= bit,
                None => other.push((c, bit)),
            },
        }
    }
    let last = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, m);
    let mut best = m;
    for &c in text {
        let eq = ascii.get(c as usize).copied().unwrap_or_else(|| {
            other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, mask)| mask)
        });
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        ph <<= 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        best = best.min(score);
    }
    best
}

/// Levenshtein distance between two strings of code points.
pub(super) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn exact_passage_costs_nothing() {
        let a = align(&chars("[quote]"), 1..6, &chars("xx [quote] yy")).unwrap();
        assert_eq!(
            (a.start, a.end, a.quote_edits, a.context_edits),
            (4, 9, 0, 0)
        );
    }

    #[test]
    fn an_edited_word_is_counted_in_the_quote() {
        let needle = chars("Intro. The quick brown fox. Outro");
        let window = chars("Intro. The quick red fox. Outro");
        let a = align(&needle, 7..27, &window).unwrap();
        let got: String = window[a.start..a.end].iter().collect();
        assert_eq!(got, "The quick red fox.");
        assert_eq!((a.quote_edits, a.context_edits), (4, 0), "{a:?}");
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("same"), &chars("same")), 0);
    }

    #[test]
    fn the_lower_bound_is_the_best_substring_distance() {
        let w = chars("xx the quick red fox yy");
        assert_eq!(best_distance(&chars("quick"), &w), 0);
        assert_eq!(best_distance(&chars("quack"), &w), 1);
        assert_eq!(best_distance(&chars("quick brown fox"), &w), 4);
        assert_eq!(best_distance(&chars("zzz"), &w), 3);
        assert_eq!(best_distance(&chars("naïve"), &chars("a naive one")), 1);
        let long: Vec<char> = (0x100..0x196).filter_map(char::from_u32).collect();
        assert_eq!(distance_at_least(&long, &long), 0);
        let mut edited = long.clone();
        edited[70] = '#';
        assert_eq!(distance_at_least(&long, &edited), 1);
    }

    #[test]
    fn refuses_huge_problems() {
        let big = vec!['a'; 5000];
        assert_eq!(align(&big, 0..5000, &big), None);
    }
}
