//! The notes list, derived from the annotations of the essays on screen.
//!
//! Sorting every annotation on each key and frame costs too much with 100,000 of them, so
//! the list is kept with what it was made from (the essays shown, the filter, and each
//! source's change count and sizes) and made again only when one of those changed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::AppState;
use crate::annotation::{AnnotationId, LinkId};
use crate::store::{DocId, SourceId};

/// One entry of the notes list: annotation `id` of source `source`, on essay `doc`; or
/// link `link`. Named by ids, so an item never names another annotation after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteItem {
    /// The source.
    pub source: SourceId,
    /// The annotation; for a link, its first end that still exists (`None` when neither
    /// of its highlights exists any more).
    pub id: Option<AnnotationId>,
    /// The essay it is listed under.
    pub doc: DocId,
    /// For a link: its id.
    pub link: Option<LinkId>,
    /// Where the annotation and the link were in `items` and `links` when the list was
    /// made: a hint, checked against the id before use, so that finding them costs no map.
    hint: (usize, usize),
}

/// What a notes list was made from: if all of it is the same, so is the list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    docs: Vec<DocId>,
    filter: String,
    /// Per source: its change count, number of annotations and of links.
    sources: Vec<(u64, usize, usize)>,
}

/// The last notes lists made (with and without the filter), with what they were made from.
#[derive(Debug, Default)]
pub(super) struct NotesCache(RefCell<Vec<(Key, Arc<Vec<NoteItem>>)>>);

fn key(state: &AppState, filter: &str) -> Key {
    Key {
        docs: state.panes.iter().map(|p| p.essay).collect(),
        filter: filter.to_string(),
        sources: state
            .sources
            .iter()
            .map(|s| (s.version, s.items.len(), s.links.len()))
            .collect(),
    }
}

/// The list: essays in pane order, each one's annotations in reading order, orphans last.
pub fn items(state: &AppState) -> Arc<Vec<NoteItem>> {
    cached(state, state.filter.text())
}

/// The list with `filter` applied, made again only when something it shows changed.
pub fn cached(state: &AppState, filter: &str) -> Arc<Vec<NoteItem>> {
    let key = key(state, filter);
    let mut cache = state.notes_cache.0.borrow_mut();
    if let Some((_, list)) = cache.iter().find(|(k, _)| *k == key) {
        return Arc::clone(list);
    }
    let list = Arc::new(items_matching(state, filter));
    // One list with the filter and one without are all the screen asks for.
    cache.retain(|(k, _)| k.sources == key.sources && k.docs == key.docs);
    if cache.len() >= 2 {
        cache.remove(0);
    }
    cache.push((key, Arc::clone(&list)));
    list
}

impl AppState {
    /// Where the annotation of notes item `item` is now in its source's `items`.
    pub fn note_index(&self, item: &NoteItem) -> Option<usize> {
        let id = item.id.as_ref()?;
        let items = &self.sources.get(item.source.0)?.items;
        match items.get(item.hint.0) {
            Some(it) if it.annotation.id == *id => Some(item.hint.0),
            _ => self.item_index(item.source, id),
        }
    }

    /// Where the link of notes item `item` is now in its source's `links`.
    pub fn note_link_index(&self, item: &NoteItem) -> Option<usize> {
        let id = item.link.as_ref()?;
        let links = &self.sources.get(item.source.0)?.links;
        match links.get(item.hint.1) {
            Some(link) if link.id == *id => Some(item.hint.1),
            _ => self.link_index(item.source, id),
        }
    }

    /// Keeps the notes selection inside the list after items went away.
    pub(super) fn keep_notes_selection(&mut self) {
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
    }
}

/// The list with `filter` applied (empty: every item).
pub fn items_matching(state: &AppState, filter: &str) -> Vec<NoteItem> {
    let mut docs: Vec<DocId> = Vec::new();
    for pane in &state.panes {
        if !docs.contains(&pane.essay) {
            docs.push(pane.essay);
        }
    }
    // The tags that exist, for a `#tag` in the filter that names one exactly.
    let tags: std::collections::HashSet<String> = if filter.contains('#') {
        docs.iter()
            .flat_map(|&doc| state.sources[state.docs[doc].source].items.iter())
            .flat_map(|it| it.annotation.tags.iter().map(|t| t.to_lowercase()))
            .collect()
    } else {
        Default::default()
    };
    let mut out = Vec::new();
    for &doc in &docs {
        let essay = &state.docs[doc];
        let source = essay.source;
        // Sorted on plain keys (start, created, index): made once, not per comparison.
        let mut mine: Vec<(usize, chrono::DateTime<chrono::Utc>, usize)> = state.sources[source]
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.annotation.essay == essay.essay.id)
            .filter(|(_, it)| {
                filter.is_empty()
                    || super::filter::matches(filter, it, &state.settings.colours, &tags)
            })
            .map(|(index, it)| {
                let start = it.placement.range().map_or(usize::MAX, |r| r.start());
                (start, it.annotation.created, index)
            })
            .collect();
        mine.sort_unstable();
        let items = &state.sources[source].items;
        let mine = mine.into_iter().map(|(_, _, index)| NoteItem {
            source,
            id: Some(items[index].annotation.id.clone()),
            doc,
            link: None,
            hint: (index, 0),
        });
        out.extend(mine);
    }
    out.extend(link_items(state, &docs, filter));
    out
}

/// Links with an end in an essay on screen, in creation order, after the highlights.
///
/// A link one of whose highlights is gone (a file edited by hand, an old version) is
/// listed whenever an essay of its file is on screen, so that it can be seen and removed.
fn link_items(state: &AppState, docs: &[DocId], filter: &str) -> Vec<NoteItem> {
    let mut out = Vec::new();
    let mut seen_sources: Vec<SourceId> = Vec::new();
    // A link between two open files is kept by both: listed once.
    let mut across: Vec<&str> = Vec::new();
    for &doc in docs {
        let source = state.docs[doc].source;
        if seen_sources.contains(&source) {
            continue;
        }
        seen_sources.push(source);
        let src = &state.sources[source];
        if src.links.is_empty() {
            continue;
        }
        let index: HashMap<&str, usize> = src
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.annotation.id.as_str(), i))
            .collect();
        // The essay on screen an annotation is in, if it is on screen.
        let shown_in = |i: usize| {
            docs.iter().copied().find(|&d| {
                state.docs[d].source == source
                    && state.docs[d].essay.id == src.items[i].annotation.essay
            })
        };
        for (l, link) in src.links.iter().enumerate() {
            if link.other.is_some() {
                if across.contains(&link.id.as_str()) {
                    continue;
                }
                across.push(link.id.as_str());
            }
            let from = index.get(link.from.as_str()).copied();
            let to = index.get(link.to.as_str()).copied();
            let (from_doc, to_doc) = (from.and_then(shown_in), to.and_then(shown_in));
            let dangling = from.is_none() || to.is_none();
            if !dangling && from_doc.is_none() && to_doc.is_none() {
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
            let end = if from.is_some() { &link.from } else { &link.to };
            out.push(NoteItem {
                source,
                id: from.or(to).map(|_| end.clone()),
                doc: from_doc.or(to_doc).unwrap_or(doc),
                link: Some(link.id.clone()),
                hint: (from.or(to).unwrap_or(0), l),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::essay::{BlockKind, Essay};
    use crate::range::TextRange;
    use crate::state::{EssayDoc, Source};
    use crate::store::Stamp;
    use crate::store::{AnnotationFile, DiskState};

    #[test]
    fn a_note_item_held_across_a_change_still_names_its_annotation() {
        let mut s = crate::state::testkit::state("{One} here. {Two} there. {Three} last.");
        let quote = |s: &AppState, item: &NoteItem| {
            let i = s.note_index(item)?;
            Some(
                s.sources[item.source].items[i]
                    .annotation
                    .anchor
                    .quote
                    .clone(),
            )
        };
        let items = s.note_items();
        let (first, held) = (items[0].clone(), items[1].clone());
        assert_eq!(quote(&s, &held).as_deref(), Some("Two"));
        // Deleting the first moves every later annotation down a place in `items`: an
        // index held from before would now name "Three".
        s.remember(SourceId(0));
        let index = s.note_index(&first).expect("the first is there");
        s.remove_item(SourceId(0), index);
        assert_eq!(quote(&s, &held).as_deref(), Some("Two"));
        assert_eq!(quote(&s, &first), None);
        assert_eq!(s.note_link_index(&held), None);
    }

    #[test]
    fn the_kept_list_is_the_list_made_afresh_after_every_change() {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![(BlockKind::Paragraph, "Some words here. ".repeat(40))],
        );
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("s.txt".into()),
        };
        let source = Source::new("s".into(), "s.json".into(), disk, vec![], None, None);
        let mut state = AppState::new(vec![EssayDoc::new(essay, SourceId(0))], vec![source], &[]);
        let now = crate::store::now();
        state.apply(Action::Resize(100, 30), Stamp::at(now));
        let check = |state: &AppState| {
            assert_eq!(
                *state.note_items(),
                items_matching(state, state.filter.text())
            );
            assert_eq!(
                state.note_count_unfiltered(),
                items_matching(state, "").len()
            );
        };
        for start in [300, 20, 150, 20, 5] {
            let range = TextRange::new(start, start + 10).expect("range");
            let mut placed = state.new_annotation(DocId(0), range, None, &mut Stamp::at(now));
            std::sync::Arc::make_mut(&mut placed.annotation).note =
                (start == 150).then(|| "noted".into());
            state.remember(SourceId(0));
            state.push_item(SourceId(0), placed);
            check(&state);
        }
        state.remember(SourceId(0));
        state.edit_item(SourceId(0), 1, |p| {
            p.placement = crate::anchor::Placement::Exact(TextRange::new(400, 410).expect("r"))
        });
        check(&state);
        state.filter = "is:note".into();
        check(&state);
        state.remember(SourceId(0));
        state.remove_item(SourceId(0), 2);
        check(&state);
        state.filter.clear();
        check(&state);
        state.undo_redo(true);
        check(&state);
        state.undo_redo(true);
        check(&state);
        state.undo_redo(false);
        check(&state);
    }
}
