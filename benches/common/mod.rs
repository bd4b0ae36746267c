//! What the benchmarks share: annotations spread over an essay.

use marginalia::anchor::{Placement, anchor_all};
use marginalia::annotation::{Annotation, Colour};
use marginalia::essay::Essay;
use marginalia::range::TextRange;
use marginalia::state::Placed;
use marginalia::store;

/// `count` highlights of `width` code points, evenly spread over `essay`, with ids from
/// `first_id` on; a third have a note.
pub fn highlights(essay: &Essay, count: usize, width: usize, first_id: usize) -> Vec<Placed> {
    let now = store::now();
    let step = (essay.len / (count + 1)).max(1);
    let ranges: Vec<TextRange> = (0..count)
        .filter_map(|i| {
            let start = (i + 1) * step;
            TextRange::new(start, (start + width).min(essay.len))
        })
        .collect();
    let anchors = anchor_all(essay, &ranges);
    ranges
        .into_iter()
        .zip(anchors)
        .enumerate()
        .map(|(i, (range, anchor))| {
            let k = first_id + i;
            Placed {
                annotation: std::sync::Arc::new(Annotation {
                    id: format!("a-{k:016x}").into(),
                    essay: essay.id.clone(),
                    anchor,
                    colour: Colour::ALL[k % Colour::ALL.len()],
                    note: k.is_multiple_of(3).then(|| format!("note {k} #bench")),
                    tags: Vec::new(),
                    created: now,
                    modified: now,
                    extra: Default::default(),
                }),
                placement: Placement::Exact(range),
            }
        })
        .collect()
}

/// Words of the generated prose (not every bench uses it).
#[allow(dead_code)]
const WORDS: &[&str] = &[
    "slow", "reading", "margin", "keeps", "a", "note", "of", "the", "passage", "and", "two",
    "voices", "answer", "each", "other", "across", "river", "lantern", "season", "habit",
];

/// Sentences of six to twenty words until `bytes`, seeded by `seed`.
#[allow(dead_code)]
pub fn prose(bytes: usize, seed: u64) -> String {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        let n = 6 + next(15);
        for w in 0..n {
            let word = WORDS[next(WORDS.len())];
            if w == 0 {
                out.push_str(&word[..1].to_ascii_uppercase());
                out.push_str(&word[1..]);
            } else {
                out.push(' ');
                out.push_str(word);
            }
        }
        out.push_str(". ");
    }
    out.pop();
    out
}
