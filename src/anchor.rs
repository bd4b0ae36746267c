//! Making anchors for new highlights, and finding anchored passages again.

use crate::annotation::Anchor;
use crate::essay::Essay;
use crate::range::TextRange;

/// Context taken on each side of a quote at first; grown until the anchor is unique.
const CONTEXT: usize = 32;
/// The most context taken on one side.
const MAX_CONTEXT: usize = 512;

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

fn take_last(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

fn take_first(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// How often `needle` occurs in `hay`, counting at most two.
fn occurrences(hay: &str, needle: &str) -> usize {
    hay.match_indices(needle).take(2).count()
}

/// The anchor for `range` of `essay`: its quote, and context before and after it long
/// enough that `prefix + quote + suffix` occurs once in the essay (where it can).
pub fn anchor_for(essay: &Essay, range: TextRange) -> Anchor {
    let text = essay.text();
    let quote = essay.slice(range.start(), range.end());
    let before = essay.slice(range.start().saturating_sub(MAX_CONTEXT), range.start());
    let after = essay.slice(range.end(), range.end() + MAX_CONTEXT);
    let mut n = CONTEXT;
    let (prefix, suffix) = loop {
        let prefix = take_last(&before, n);
        let suffix = take_first(&after, n);
        let needle = format!("{prefix}{quote}{suffix}");
        if n >= MAX_CONTEXT || occurrences(&text, &needle) <= 1 {
            break (prefix, suffix);
        }
        n *= 2;
    };
    Anchor {
        quote,
        prefix,
        suffix,
        start: range.start(),
        end: range.end(),
        fingerprint: essay.fingerprint.clone(),
        extra: Default::default(),
    }
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

/// Finds an anchored passage in the essay as it is now.
///
/// The stored offsets are trusted when the fingerprint matches and the quote is
/// still there. Otherwise every occurrence of the exact quote is scored by how much
/// of the stored context surrounds it, closeness to the old position breaking ties;
/// an occurrence is taken only when its context agrees, or when it is the only one
/// and the quote is long enough not to be a look-alike.
pub fn resolve(essay: &Essay, anchor: &Anchor) -> Placement {
    let stored = TextRange::new(anchor.start, anchor.end);
    if let Some(r) = stored
        && anchor.fingerprint == essay.fingerprint
        && r.end() <= essay.len
        && essay.slice(r.start(), r.end()) == anchor.quote
    {
        return Placement::Exact(r);
    }
    if anchor.quote.is_empty() {
        return Placement::Orphaned;
    }
    let text = essay.text();
    let mut best: Option<(usize, usize, TextRange)> = None; // (context score, distance, range)
    let mut count = 0;
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(&anchor.quote) {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        count += 1;
        let start = chars_before;
        let Some(range) = TextRange::new(start, start + anchor.quote.chars().count()) else {
            continue;
        };
        let before = &text[..byte];
        let after = &text[byte + anchor.quote.len()..];
        let score = common_suffix(before, &anchor.prefix) + common_prefix(after, &anchor.suffix);
        let distance = start.abs_diff(anchor.start);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && distance < d),
        };
        if better {
            best = Some((score, distance, range));
        }
    }
    let Some((score, _, range)) = best else {
        return Placement::Orphaned;
    };
    let context = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    let quote_len = anchor.quote.chars().count();
    let confirmed = context == 0 || score * 2 >= context.min(2 * CONTEXT);
    if confirmed || (count == 1 && quote_len >= 20) {
        Placement::Exact(range)
    } else {
        Placement::Orphaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;

    fn essay(paragraphs: &[&str]) -> Essay {
        Essay::from_blocks(
            "t".into(),
            paragraphs
                .iter()
                .map(|p| (BlockKind::Paragraph, p.to_string()))
                .collect(),
        )
    }

    #[test]
    fn anchors_grow_context_until_unique() {
        let e = essay(&["The same words. One side.", "The same words. Other side."]);
        let second = e.text().rfind("The same").unwrap();
        let start = e.text()[..second].chars().count();
        let a = anchor_for(&e, TextRange::new(start, start + 14).unwrap());
        assert_eq!(a.quote, "The same words");
        let needle = format!("{}{}{}", a.prefix, a.quote, a.suffix);
        assert_eq!(e.text().matches(&needle).count(), 1);
        assert_eq!(
            resolve(&e, &a),
            Placement::Exact(TextRange::new(start, start + 14).unwrap())
        );
    }

    #[test]
    fn finds_the_right_copy_after_an_edit() {
        let e = essay(&["The same words. One side.", "The same words. Other side."]);
        let a = anchor_for(&e, TextRange::new(27, 41).unwrap());
        let edited = essay(&[
            "New first paragraph.",
            "The same words. One side.",
            "The same words. Other side.",
        ]);
        let at = edited.text().rfind("The same").unwrap();
        let expected = edited.text()[..at].chars().count();
        assert_eq!(
            resolve(&edited, &a),
            Placement::Exact(TextRange::new(expected, expected + 14).unwrap())
        );
    }

    #[test]
    fn a_quote_that_is_gone_is_orphaned() {
        let e = essay(&["Alpha beta gamma."]);
        let a = anchor_for(&e, TextRange::new(6, 10).unwrap());
        assert_eq!(
            resolve(&essay(&["Nothing like it."]), &a),
            Placement::Orphaned
        );
    }
}
