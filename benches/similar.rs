//! Parallel-passage benchmarks: indexing two 50 KB essays and ranking all their sentence pairs;
//! a `p` answer between two 1 MB essays (issue 14, budget 5: at most 20 ms, the indexes built
//! in the background beforehand); and the ranking's quality on the pairs of
//! tests/fixtures/parallel (recall@1, recall@3, MRR), printed before the timings.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::essay::{BlockKind, Essay};
use marginalia::similar::{SentenceIndex, best_pairs, eval, most_similar, warm};

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

/// Prints the ranking's quality on the gold pairs of tests/fixtures/parallel.
fn quality() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parallel");
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}")).map_err(|e| format!("{name}: {e}"))
    };
    let gold = match read("gold.tsv").and_then(|t| eval::parse_gold(&t)) {
        Ok(gold) => gold,
        Err(e) => return eprintln!("no gold pairs: {e}"),
    };
    for (name, held_out) in [("tuning", false), ("held-out", true)] {
        match eval::metrics(&gold, held_out, read) {
            Ok(m) => eprintln!(
                "ranking on the {name} pairs ({} queries): recall@1 {:.2}, recall@3 {:.2}, MRR {:.2}",
                m.queries, m.recall_1, m.recall_3, m.mrr
            ),
            Err(e) => eprintln!("{name}: {e}"),
        }
    }
}

/// `p` between two 1 MB essays: the indexes (built in the background by the app) and one
/// query.
fn megabyte(c: &mut Criterion) {
    let words = vocabulary(20_000);
    let a = essay(3, 1_000_000, &words);
    let b = essay(4, 1_000_000, &words);
    let (ia, ib) = (SentenceIndex::new(&a), SentenceIndex::new(&b));
    eprintln!(
        "two essays of {} and {} code points, {} and {} passages",
        a.len,
        b.len,
        ia.passages().len(),
        ib.passages().len()
    );
    let mut group = c.benchmark_group("1 MB");
    group.sample_size(10);
    group.bench_function("index a 1 MB essay (background)", |bench| {
        bench.iter(|| SentenceIndex::new(black_box(&a)))
    });
    group.bench_function("weigh the pair of 1 MB essays (background)", |bench| {
        bench.iter_batched(
            || ia.clone(),
            |fresh| warm(black_box(&fresh), black_box(&ib)),
            criterion::BatchSize::LargeInput,
        )
    });
    warm(&ia, &ib);
    for at in [1, 2, 3] {
        let query = ia.passages()[ia.passages().len() * at / 4].range;
        group.bench_function(
            format!("p: 8 parallels of one sentence, at {at}/4"),
            |bench| bench.iter(|| most_similar(black_box(&ia), query, black_box(&ib), 8)),
        );
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    quality();
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
    targets = bench, megabyte
}
criterion_main!(benches);
