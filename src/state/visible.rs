//! Finding annotations quickly when there are very many: by id, and by place in an essay.
//!
//! Drawing a frame must not look at every annotation, so each source keeps an index,
//! made again only after its annotations changed (the same change count the notes list
//! uses).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{AppState, Source};
use crate::annotation::AnnotationId;
use crate::range::TextRange;

/// The placed annotations of one essay as (start, end, index in `items`), by start, and
/// the length of the longest.
#[derive(Debug, Default)]
struct EssayPlaces(Vec<(usize, usize, usize)>, usize);

/// The index of one source's annotations.
#[derive(Debug)]
struct SourceIndex {
    /// The source's change count and sizes it was made from.
    made_from: (u64, usize, usize),
    /// Index in `items` by id, made when first asked for (only links need it).
    by_id: std::cell::OnceCell<HashMap<AnnotationId, usize>>,
    /// Per essay id: its placed annotations.
    by_essay: HashMap<String, EssayPlaces>,
}

/// The indexes of every source, made when first asked for.
#[derive(Debug, Default)]
pub(super) struct PlaceCache(RefCell<HashMap<usize, Rc<SourceIndex>>>);

fn made_from(src: &Source) -> (u64, usize, usize) {
    (src.version, src.items.len(), src.links.len())
}

impl SourceIndex {
    fn of(src: &Source) -> SourceIndex {
        let mut by_essay: HashMap<String, EssayPlaces> = HashMap::new();
        for (i, it) in src.items.iter().enumerate() {
            if let Some(r) = it.placement.range() {
                let entry = by_essay.entry(it.annotation.essay.clone()).or_default();
                entry.0.push((r.start(), r.end(), i));
                entry.1 = entry.1.max(r.len());
            }
        }
        for EssayPlaces(list, _) in by_essay.values_mut() {
            list.sort_unstable();
        }
        SourceIndex {
            made_from: made_from(src),
            by_id: std::cell::OnceCell::new(),
            by_essay,
        }
    }
}

impl AppState {
    fn source_index(&self, source: usize) -> Rc<SourceIndex> {
        let src = &self.sources[source];
        let mut cache = self.place_cache.0.borrow_mut();
        match cache.get(&source) {
            Some(index) if index.made_from == made_from(src) => Rc::clone(index),
            _ => {
                let index = Rc::new(SourceIndex::of(src));
                cache.insert(source, Rc::clone(&index));
                index
            }
        }
    }

    /// The index in its source's `items` of annotation `id`.
    pub fn item_index(&self, source: usize, id: &str) -> Option<usize> {
        let index = self.source_index(source);
        let by_id = index.by_id.get_or_init(|| {
            self.sources[source]
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| (it.annotation.id.clone(), i))
                .collect()
        });
        by_id.get(id).copied()
    }

    /// The annotations of essay `doc` placed over some of `span`, as indexes in its
    /// source's `items`, in order of start.
    pub fn placed_over(&self, doc: usize, span: TextRange) -> Vec<usize> {
        let doc = &self.docs[doc];
        let index = self.source_index(doc.source);
        let Some(EssayPlaces(list, longest)) = index.by_essay.get(&doc.essay.id) else {
            return Vec::new();
        };
        // Nothing that starts more than the longest length before the span reaches it.
        let from = list.partition_point(|&(start, _, _)| start + longest <= span.start());
        list[from..]
            .iter()
            .take_while(|&&(start, _, _)| start < span.end())
            .filter(|&&(_, end, _)| end > span.start())
            .map(|&(_, _, i)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::anchor::Placement;
    use crate::essay::{BlockKind, Essay};
    use crate::state::EssayDoc;
    use crate::store::{AnnotationFile, DiskState};

    #[test]
    fn placed_over_finds_what_a_scan_finds() {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![(BlockKind::Paragraph, "word ".repeat(200))],
        );
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("s.txt".into()),
        };
        let source = Source::new("s".into(), "s.json".into(), disk, vec![], None, None);
        let mut state = AppState::new(vec![EssayDoc::new(essay, 0)], vec![source], &[]);
        state.apply(Action::Resize(100, 30), crate::store::Stamp::fresh());
        // Short and long highlights, one orphan, in no order.
        for (k, (a, b)) in [(500, 520), (3, 900), (40, 45), (41, 44), (700, 701), (0, 1)]
            .into_iter()
            .enumerate()
        {
            let range = TextRange::new(a, b).expect("range");
            let mut placed =
                state.new_annotation(0, range, None, &mut crate::store::Stamp::fresh());
            if k == 4 {
                placed.placement = Placement::Orphaned;
            }
            state.remember(0);
            state.push_item(0, placed);
        }
        for (a, b) in [
            (0, 2),
            (42, 43),
            (100, 200),
            (519, 600),
            (700, 1000),
            (901, 950),
        ] {
            let span = TextRange::new(a, b).expect("span");
            let mut want: Vec<usize> = (0..state.sources[0].items.len())
                .filter(|&i| {
                    state.sources[0].items[i]
                        .placement
                        .range()
                        .is_some_and(|r| r.overlaps(span))
                })
                .collect();
            want.sort_by_key(|&i| {
                state.sources[0].items[i]
                    .placement
                    .range()
                    .map(|r| r.start())
            });
            assert_eq!(state.placed_over(0, span), want, "{span:?}");
        }
        let id = state.sources[0].items[3].annotation.id.clone();
        assert_eq!(state.item_index(0, &id), Some(3));
        // A change is seen at once.
        state.undo_redo(true);
        assert_eq!(
            state.item_index(0, &state.sources[0].items[0].annotation.id.clone()),
            Some(0)
        );
        assert_eq!(state.sources[0].items.len(), 5);
    }
}
