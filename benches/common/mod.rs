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
