//! Parallel-passage benchmarks: indexing two 50 KB essays and ranking all their sentence pairs.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::essay::{BlockKind, Essay};
use marginalia::similar::{SentenceIndex, best_pairs, most_similar};

const SYLLABLES: &[&str] = &[
    "ar", "be", "con", "de", "en", "fa", "gor", "hu", "in", "ja", "ka", "lo", "mi", "nu", "or",
    "pa", "qua", "ri", "sto", "tu", "ul", "ve", "wa", "xi", "yo", "zen",
];
const STOP: &[&str] = &[
    "the", "of", "and", "to", "in", "that", "is", "with", "for", "as",
];

/// A deterministic pseudo-random generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// A vocabulary of `n` invented words, two or three syllables each.
fn vocabulary(n: usize) -> Vec<String> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|_| {
            let k = 2 + rng.next(2);
            (0..k)
                .map(|_| SYLLABLES[rng.next(SYLLABLES.len())])
                .collect()
        })
        .collect()
}

/// An essay of about `bytes` bytes: paragraphs of 4 to 7 sentences of 10 to 30 words, content
/// words drawn with a skew towards the start of the vocabulary (a few common, many rare),
/// some capitalised as names.
fn essay(seed: u64, bytes: usize, words: &[String]) -> Essay {
    let mut rng = Lcg(seed);
    let mut blocks = vec![(BlockKind::Title, format!("Essay {seed}"))];
    let mut size = 0;
    while size < bytes {
        let mut para = String::new();
        for _ in 0..4 + rng.next(4) {
            let n = 10 + rng.next(21);
            for w in 0..n {
                let word = if rng.next(3) == 0 {
                    STOP[rng.next(STOP.len())].to_owned()
                } else {
                    let i = rng.next(words.len());
                    let i = rng.next(i + 1); // skewed towards common words
                    words[i].clone()
                };
                let mut word = if w == 0 || rng.next(15) == 0 {
                    let mut c = word.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                } else {
                    word
                };
                if w + 1 == n {
                    word.push('.');
                }
                if !para.is_empty() {
                    para.push(' ');
                }
                para.push_str(&word);
            }
        }
        size += para.len() + 2;
        blocks.push((BlockKind::Paragraph, para));
    }
    Essay::from_blocks(format!("essay-{seed}"), blocks)
}

fn bench(c: &mut Criterion) {
    let words = vocabulary(3000);
    let a = essay(1, 50_000, &words);
    let b = essay(2, 50_000, &words);
    let (ia, ib) = (SentenceIndex::new(&a), SentenceIndex::new(&b));
    eprintln!(
        "two essays of {} and {} code points, {} and {} passages",
        a.len,
        b.len,
        ia.passages().len(),
        ib.passages().len()
    );
    c.bench_function("index a 50 KB essay", |bench| {
        bench.iter(|| SentenceIndex::new(black_box(&a)))
    });
    c.bench_function("best_pairs of two 50 KB essays, top 20", |bench| {
        bench.iter(|| best_pairs(black_box(&ia), black_box(&ib), 20))
    });
    let query = ia.passages()[ia.passages().len() / 2].range;
    c.bench_function("most_similar for one sentence in a 50 KB essay", |bench| {
        bench.iter(|| most_similar(black_box(&ia), query, black_box(&ib), 10))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
