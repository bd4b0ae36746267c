//! Property tests of re-anchoring: random essays from a small vocabulary (so words and
//! whole sentences repeat), random highlights, random edits whose effect on every
//! character is tracked, so that the right new place of each highlight is known.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use marginalia::anchor::{Placement, anchor_for, resolve_all};
use marginalia::annotation::Anchor;
use marginalia::essay::{BlockKind, Essay};
use marginalia::range::TextRange;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "reading", "slowly", "the", "margin", "holds", "a", "note", "of", "what", "matters", "and",
    "two", "voices", "café",
];

/// One word of the model; `id` is never reused, so a word's characters can be followed.
#[derive(Clone, Debug)]
struct Word {
    id: usize,
    text: String,
}

/// Where a character of a rendered essay came from: a word, or the gap between two words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Origin {
    Word(usize, usize),
    Gap(usize, usize, usize),
}

/// An essay as paragraphs of words, with a counter for fresh ids.
#[derive(Clone, Debug)]
struct Model {
    paragraphs: Vec<Vec<Word>>,
    next_id: usize,
}

impl Model {
    fn word(&mut self, text: String) -> Word {
        self.next_id += 1;
        Word {
            id: self.next_id,
            text,
        }
    }

    /// Words of a sentence: capitalised first word, full stop after the last.
    fn sentence(&mut self, words: &[usize]) -> Vec<Word> {
        let n = words.len();
        words
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let mut text = WORDS[w % WORDS.len()].to_string();
                if i == 0 {
                    let mut c = text.chars();
                    text = c
                        .next()
                        .map_or(String::new(), |f| f.to_uppercase().collect())
                        + c.as_str();
                }
                if i + 1 == n {
                    text.push('.');
                }
                self.word(text)
            })
            .collect()
    }

    /// The essay text and the origin of each of its characters.
    fn render(&self) -> (Vec<String>, Vec<Origin>) {
        let mut paragraphs = Vec::new();
        let mut origins = Vec::new();
        let mut last: Option<usize> = None;
        for p in &self.paragraphs {
            let mut text = String::new();
            for w in p {
                if let Some(prev) = last {
                    let gap = if text.is_empty() { "\n\n" } else { " " };
                    text.push_str(if text.is_empty() { "" } else { " " });
                    origins.extend((0..gap.chars().count()).map(|k| Origin::Gap(prev, w.id, k)));
                }
                text.push_str(&w.text);
                origins.extend((0..w.text.chars().count()).map(|k| Origin::Word(w.id, k)));
                last = Some(w.id);
            }
            paragraphs.push(text);
        }
        (paragraphs, origins)
    }

    fn apply(&mut self, edit: &Edit) {
        let n = self.paragraphs.len();
        let (a, b) = (edit.a % n, edit.b % n);
        match edit.kind % 7 {
            0 => {
                let word = self.word(WORDS[edit.c % WORDS.len()].to_string());
                let p = &mut self.paragraphs[a];
                p.insert(edit.b % (p.len() + 1), word);
            }
            1 if self.paragraphs[a].len() > 1 => {
                let p = &mut self.paragraphs[a];
                p.remove(edit.b % p.len());
            }
            2 => {
                let word = self.word(WORDS[edit.c % WORDS.len()].to_string());
                let p = &mut self.paragraphs[a];
                let i = edit.b % p.len();
                p[i] = word;
            }
            3 => self.paragraphs.swap(a, b),
            4 => {
                let p = self.paragraphs.remove(a);
                self.paragraphs.insert(b % self.paragraphs.len().max(1), p);
            }
            5 => {
                let p = self.sentence(&edit.words);
                self.paragraphs.insert(edit.a % (n + 1), p);
            }
            6 if n > 1 => {
                self.paragraphs.remove(a);
            }
            _ => {}
        }
    }
}

#[derive(Clone, Debug)]
struct Edit {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    words: Vec<usize>,
}

fn essay(paragraphs: &[String]) -> Essay {
    let mut e = Essay::from_blocks(
        "p".into(),
        paragraphs
            .iter()
            .map(|p| (BlockKind::Paragraph, p.clone()))
            .collect(),
    );
    let mut h = DefaultHasher::new();
    e.text().hash(&mut h);
    e.fingerprint = format!("{:x}", h.finish());
    e
}

/// Code-point starts of every occurrence of `needle` in `hay`, overlapping ones too.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let b = from + i;
        out.push(hay[..b].chars().count());
        from = b + hay[b..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// 1 − Levenshtein distance / longer length, over code points.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()).max(1) as f64
}

fn slice(text: &str, r: TextRange) -> String {
    text.chars().skip(r.start()).take(r.len()).collect()
}

type Sentence = Vec<usize>;

fn sentence() -> impl Strategy<Value = Sentence> {
    prop::collection::vec(0..WORDS.len(), 2..8)
}

prop_compose! {
    /// Paragraphs of sentences, half of them drawn from a small pool so they repeat.
    fn model()(
        pool in prop::collection::vec(sentence(), 2..4),
        paragraphs in prop::collection::vec(
            prop::collection::vec((any::<bool>(), any::<prop::sample::Index>(), sentence()), 1..4),
            2..7,
        ),
    ) -> Model {
        let mut m = Model { paragraphs: Vec::new(), next_id: 0 };
        for p in paragraphs {
            let mut words = Vec::new();
            for (repeat, i, fresh) in p {
                let s = if repeat { i.get(&pool).clone() } else { fresh };
                words.extend(m.sentence(&s));
            }
            m.paragraphs.push(words);
        }
        m
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<u8>(),
        any::<usize>(),
        any::<usize>(),
        any::<usize>(),
        sentence(),
    )
        .prop_map(|(kind, a, b, c, words)| Edit {
            kind,
            a,
            b,
            c,
            words,
        })
}

/// Ranges to highlight: whole sentences, and arbitrary spans.
fn ranges(text: &str, picks: &[(bool, usize, usize)]) -> Vec<TextRange> {
    let chars: Vec<char> = text.chars().collect();
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' {
            sentences.extend(TextRange::new(start, i + 1));
            start = i + 1;
            while start < chars.len() && chars[start].is_whitespace() {
                start += 1;
            }
        }
    }
    picks
        .iter()
        .filter_map(|&(whole, a, b)| {
            if whole && !sentences.is_empty() {
                Some(sentences[a % sentences.len()])
            } else {
                let s = a % chars.len();
                TextRange::new(s, (s + 1 + b % 60).min(chars.len()))
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn reanchoring_follows_edits(
        mut m in model(),
        edits in prop::collection::vec(edit(), 1..4),
        picks in prop::collection::vec((any::<bool>(), any::<usize>(), any::<usize>()), 1..10),
    ) {
        let (old_paragraphs, old_origins) = m.render();
        let old = essay(&old_paragraphs);
        let old_text = old.text();
        let ranges = ranges(&old_text, &picks);
        let anchors: Vec<Anchor> = ranges.iter().map(|&r| anchor_for(&old, r)).collect();
        let refs: Vec<&Anchor> = anchors.iter().collect();

        // (5) The unchanged essay gives every anchor back at its offsets.
        let same = resolve_all(&old, &refs);
        let expected: Vec<Placement> = ranges.iter().map(|&r| Placement::Exact(r)).collect();
        prop_assert_eq!(same, expected);

        for e in &edits {
            m.apply(e);
        }
        let (new_paragraphs, new_origins) = m.render();
        let new = essay(&new_paragraphs);
        let new_text = new.text();
        let at: HashMap<Origin, usize> =
            new_origins.iter().enumerate().map(|(i, &o)| (o, i)).collect();

        // (1) Nothing is lost: one placement per anchor.
        let placed = resolve_all(&new, &refs);
        prop_assert_eq!(placed.len(), anchors.len());

        for ((a, &r), &p) in anchors.iter().zip(&ranges).zip(&placed) {
            let quote_len = a.quote.chars().count();
            match p {
                Placement::Exact(got) => prop_assert_eq!(&slice(&new_text, got), &a.quote),
                Placement::Moved(got) => {
                    let s = similarity(&a.quote, &slice(&new_text, got));
                    prop_assert!(s >= 0.8, "moved to a look-alike ({s}): {:?} {:?}", a, p);
                }
                Placement::Orphaned => {}
            }
            let old_chars = &old_origins[r.start()..r.end()];
            let tracked = at.get(&old_chars[0]).copied().filter(|&s| {
                old_chars.iter().enumerate().all(|(k, o)| new_origins.get(s + k) == Some(o))
            });
            if let Some(s) = tracked {
                // (2), (3) Still there, with its context or long and alone: found exactly.
                let want = TextRange::new(s, s + quote_len);
                let needle = format!("{}{}{}", a.prefix, a.quote, a.suffix);
                let whole = occurrences(&new_text, &needle);
                let prefix_len = a.prefix.chars().count();
                let quote_once = occurrences(&new_text, &a.quote).len() == 1;
                if whole == [s.wrapping_sub(prefix_len)] || (quote_once && quote_len >= 20) {
                    prop_assert_eq!(p.range(), want, "{:?} -> {:?}", a, p);
                    prop_assert!(matches!(p, Placement::Exact(_)));
                }
            } else if old_chars.iter().all(|o| !at.contains_key(o))
                && quote_len >= 8
                && !new_text.contains(&a.quote)
            {
                // (4) Deleted and nowhere else: never exact.
                prop_assert!(!matches!(p, Placement::Exact(_)), "{:?} -> {:?}", a, p);
            }
        }
    }
}
