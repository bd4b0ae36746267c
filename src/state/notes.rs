//! The notes list, derived from the annotations of the essays on screen.

use super::AppState;

/// One entry of the notes list: annotation `index` of source `source`, on essay `doc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteItem {
    /// Index of the source.
    pub source: usize,
    /// Index of the annotation in the source's items.
    pub index: usize,
    /// Index of the essay.
    pub doc: usize,
}

/// The list: essays in pane order, each one's annotations in reading order, orphans last.
pub fn items(state: &AppState) -> Vec<NoteItem> {
    items_matching(state, &state.filter)
}

/// The list with `filter` applied (empty: every item).
pub fn items_matching(state: &AppState, filter: &str) -> Vec<NoteItem> {
    let mut docs: Vec<usize> = Vec::new();
    for pane in &state.panes {
        if !docs.contains(&pane.essay) {
            docs.push(pane.essay);
        }
    }
    let mut out = Vec::new();
    for doc in docs {
        let essay = &state.docs[doc];
        let source = essay.source;
        let mut mine: Vec<NoteItem> = state.sources[source]
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.annotation.essay == essay.essay.id)
            .filter(|(_, it)| super::filter::matches(filter, it))
            .map(|(index, _)| NoteItem { source, index, doc })
            .collect();
        mine.sort_by_key(|it| {
            let placed = &state.sources[source].items[it.index];
            let start = placed.placement.range().map_or(usize::MAX, |r| r.start());
            (start, placed.annotation.created, it.index)
        });
        out.extend(mine);
    }
    out
}
