//! The alignment view's cost on two 1 MB essays: indexing both, the paragraph scores (the
//! costly part, run in the background for big essays) and the alignment read from them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::essay::{BlockKind, Essay};
use marginalia::similar::SentenceIndex;
use marginalia::similar::align::{ParagraphScores, align, paragraphs};

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

const SYLLABLES: &[&str] = &[
    "ar", "be", "con", "de", "en", "fa", "gor", "hu", "in", "ja", "ka", "lo", "mi", "nu", "or",
    "pa", "qua", "ri", "sto", "tu", "ul", "ve", "wa", "xi", "yo", "zen",
];
const STOP: &[&str] = &["the", "of", "and", "to", "in", "that", "is", "with"];

/// Paragraphs of about `bytes` bytes in all: 4 to 7 sentences of 10 to 30 words, the words
/// skewed towards the start of a 3,000-word invented vocabulary.
fn paragraphs_of(seed: u64, bytes: usize) -> Vec<String> {
    let mut rng = Lcg(seed);
    let words: Vec<String> = (0..3000)
        .map(|_| {
            (0..2 + rng.next(2))
                .map(|_| SYLLABLES[rng.next(26)])
                .collect()
        })
        .collect();
    let mut out = Vec::new();
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
                    words[rng.next(i + 1)].clone()
                };
                para.push_str(if w == 0 { "" } else { " " });
                para.push_str(&word);
            }
            para.push_str(". ");
        }
        size += para.len() + 2;
        out.push(para.trim_end().to_owned());
    }
    out
}

fn essay(id: &str, paragraphs: Vec<String>) -> Essay {
    let mut blocks = vec![(BlockKind::Title, id.to_owned())];
    blocks.extend(paragraphs.into_iter().map(|p| (BlockKind::Paragraph, p)));
    Essay::from_blocks(id.to_owned(), blocks)
}

fn bench(c: &mut Criterion) {
    let first = paragraphs_of(1, 1_000_000);
    // The second essay: the first's paragraphs, a third moved from the start to the end,
    // every other one replaced by new text.
    let mut second: Vec<String> = first
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 0 { p.clone() } else { String::new() })
        .collect();
    let fresh = paragraphs_of(2, 1_000_000);
    for (i, p) in second.iter_mut().enumerate() {
        if p.is_empty() {
            *p = fresh[i % fresh.len()].clone();
        }
    }
    second.rotate_left(first.len() / 3);
    let (a, b) = (essay("first", first), essay("second", second));
    let (ia, ib) = (SentenceIndex::new(&a), SentenceIndex::new(&b));
    let scores = ParagraphScores::new(&ia, &ib);
    let (pa, pb) = (paragraphs(&a), paragraphs(&b));
    eprintln!(
        "two essays of {} and {} code points, {} and {} paragraphs, {} pairs",
        a.len,
        b.len,
        pa.len(),
        pb.len(),
        align(&scores, &pa, &pb, &[]).pair_count()
    );
    let mut group = c.benchmark_group("alignment of two 1 MB essays");
    group.sample_size(10);
    group.bench_function("index both", |bench| {
        bench.iter(|| {
            (
                SentenceIndex::new(black_box(&a)),
                SentenceIndex::new(black_box(&b)),
            )
        })
    });
    group.bench_function("paragraph scores", |bench| {
        bench.iter(|| ParagraphScores::new(black_box(&ia), black_box(&ib)))
    });
    group.bench_function("align from scores", |bench| {
        bench.iter(|| align(black_box(&scores), &pa, &pb, &[]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
