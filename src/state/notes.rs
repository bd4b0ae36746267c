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
    /// For a link: its index in the source's links (`index` is then its first end).
    pub link: Option<usize>,
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
    for &doc in &docs {
        let essay = &state.docs[doc];
        let source = essay.source;
        let mut mine: Vec<NoteItem> = state.sources[source]
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.annotation.essay == essay.essay.id)
            .filter(|(_, it)| super::filter::matches(filter, it))
            .map(|(index, _)| NoteItem {
                source,
                index,
                doc,
                link: None,
            })
            .collect();
        mine.sort_by_key(|it| {
            let placed = &state.sources[source].items[it.index];
            let start = placed.placement.range().map_or(usize::MAX, |r| r.start());
            (start, placed.annotation.created, it.index)
        });
        out.extend(mine);
    }
    out.extend(link_items(state, &docs, filter));
    out
}

/// Links with an end in an essay on screen, in creation order, after the highlights.
fn link_items(state: &AppState, docs: &[usize], filter: &str) -> Vec<NoteItem> {
    let mut out = Vec::new();
    let mut seen_sources: Vec<usize> = Vec::new();
    for &doc in docs {
        let source = state.docs[doc].source;
        if seen_sources.contains(&source) {
            continue;
        }
        seen_sources.push(source);
        let src = &state.sources[source];
        let on_screen = |id: &str| {
            src.index_of(id).filter(|&i| {
                docs.iter().any(|&d| {
                    state.docs[d].source == source
                        && state.docs[d].essay.id == src.items[i].annotation.essay
                })
            })
        };
        for (l, link) in src.links.iter().enumerate() {
            let (Some(from), to) = (src.index_of(&link.from), on_screen(&link.to)) else {
                continue;
            };
            if on_screen(&link.from).is_none() && to.is_none() {
                continue;
            }
            let words = filter.split_whitespace().all(|w| {
                let w = w.to_lowercase();
                link.relation.name().contains(&w)
                    || link
                        .note
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&w))
            });
            if !filter.trim().is_empty() && !words {
                continue;
            }
            let from_doc = docs
                .iter()
                .copied()
                .find(|&d| {
                    state.docs[d].source == source
                        && state.docs[d].essay.id == src.items[from].annotation.essay
                })
                .unwrap_or(doc);
            out.push(NoteItem {
                source,
                index: from,
                doc: from_doc,
                link: Some(l),
            });
        }
    }
    out
}
