//! The notes list, derived from the annotations of the essays on screen.
//!
//! Sorting every annotation on each key and frame costs too much with 100,000 of them, so
//! the list is kept with what it was made from (the essays shown, the filter, and each
//! source's change count and sizes) and made again only when one of those changed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::AppState;
use super::journal::{Edit, Spot};
use crate::annotation::{AnnotationId, LinkId};
use crate::store::{DocId, SourceId};

/// The notes list: a persistent vector, so that an item put in or taken out after a
/// change costs a few chunks, not a move of 100,000 items.
pub type NoteList = imbl::Vector<NoteItem>;

/// One entry of the notes list: annotation `id` of source `source`, on essay `doc`; or
/// link `link`. Named by ids, so an item never names another annotation after a change.
/// Two items are equal when they name the same thing in the same place of the list,
/// whatever their hints.
#[derive(Debug, Clone)]
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
    /// What the list is sorted on besides the essay and the index: the start (`MAX` when
    /// not placed) and creation time of the annotation (unused for a link).
    order: Order,
}

/// What highlights are listed by within an essay: their start (`MAX` when not placed) and
/// creation time.
type Order = (usize, chrono::DateTime<chrono::Utc>);

impl PartialEq for NoteItem {
    fn eq(&self, other: &NoteItem) -> bool {
        (self.source, &self.id, self.doc, &self.link, self.order)
            == (other.source, &other.id, other.doc, &other.link, other.order)
    }
}

impl Eq for NoteItem {}

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
pub(super) struct NotesCache(
    RefCell<Vec<(Key, Arc<NoteList>)>>,
    /// How many lists were made afresh (for tests).
    std::cell::Cell<usize>,
);

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
pub fn items(state: &AppState) -> Arc<NoteList> {
    cached(state, state.filter.text())
}

/// The list with `filter` applied, made again only when something it shows changed.
pub fn cached(state: &AppState, filter: &str) -> Arc<NoteList> {
    let key = key(state, filter);
    let mut cache = state.notes_cache.0.borrow_mut();
    if let Some((_, list)) = cache.iter().find(|(k, _)| *k == key) {
        return Arc::clone(list);
    }
    let followed = cache
        .iter()
        .position(|(k, _)| k.docs == key.docs && k.filter == key.filter)
        .and_then(|at| {
            let (old, list) = cache.remove(at);
            let mut list = Arc::unwrap_or_clone(list);
            follow(state, &old, &mut list, filter).then_some(list)
        });
    let list = Arc::new(followed.unwrap_or_else(|| {
        state.notes_cache.1.set(state.notes_cache.1.get() + 1);
        items_matching(state, filter)
    }));
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

    /// How many notes lists were made afresh, not followed (for tests).
    #[cfg(test)]
    pub(super) fn notes_lists_made(&self) -> usize {
        self.notes_cache.1.get()
    }

    /// Keeps the notes selection inside the list after items went away.
    pub(super) fn keep_notes_selection(&mut self) {
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
    }
}

/// Brings `list`, made from `old`, up to date by the changes since (see
/// [`super::journal`]); false when it cannot and must be made afresh: a filter, a change
/// of links or of a highlight a link names, a change not logged.
fn follow(state: &AppState, old: &Key, list: &mut NoteList, filter: &str) -> bool {
    if !filter.is_empty() || old.sources.len() != state.sources.len() {
        return false;
    }
    for (s, (src, made)) in state.sources.iter().zip(&old.sources).enumerate() {
        if made.0 == src.version {
            continue;
        }
        let Some(edits) = src.journal.since(made.0, src.version) else {
            return false;
        };
        let source = SourceId(s);
        let linked = |id: &AnnotationId| src.links.iter().any(|l| l.from == *id || l.to == *id);
        // The indexes in the list are hints, not shifted here (that would touch every
        // item): only where two items tie on place and time does the true index count.
        let single = edits.len() == 1;
        for edit in edits {
            let followed = match edit {
                Edit::Insert(at, new) if !linked(&new.id) => {
                    put(state, list, &old.docs, source, *at, new, single)
                }
                Edit::Remove(_, gone) if !linked(&gone.id) => {
                    take(state, list, &old.docs, source, gone);
                    true
                }
                Edit::Replace(at, was, new) if !linked(&new.id) || was.essay == new.essay => {
                    take(state, list, &old.docs, source, was);
                    put(state, list, &old.docs, source, *at, new, single)
                }
                _ => false,
            };
            if !followed {
                return false;
            }
        }
    }
    true
}

/// The essay of `docs` where `spot` of `source` is listed, if shown, and the place in the
/// list its key (essay, start, time) sorts to among the highlights: the first item with
/// that key and the one after the last.
fn place_of(
    state: &AppState,
    list: &NoteList,
    docs: &[DocId],
    source: SourceId,
    spot: &Spot,
) -> Option<(DocId, Order, usize, usize)> {
    let rank = |doc: DocId| docs.iter().position(|&d| d == doc);
    let doc = docs
        .iter()
        .copied()
        .find(|&d| state.docs[d].source == source && state.docs[d].essay.id == spot.essay)?;
    let order = (spot.range.map_or(usize::MAX, |r| r.start()), spot.created);
    let key = (rank(doc), order);
    let highlights = partition(list, 0, list.len(), |it| it.link.is_none());
    let first = partition(list, 0, highlights, |it| (rank(it.doc), it.order) < key);
    let end = partition(list, first, highlights, |it| {
        (rank(it.doc), it.order) <= key
    });
    Some((doc, order, first, end))
}

/// The first index in `from..to` of `list` where `pred` stops holding (it holds for a
/// first run of the items there, as `slice::partition_point` asks).
fn partition(list: &NoteList, from: usize, to: usize, pred: impl Fn(&NoteItem) -> bool) -> usize {
    let (mut lo, mut hi) = (from, to);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(&list[mid]) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Takes out highlight `spot` of `source`, if listed.
fn take(state: &AppState, list: &mut NoteList, docs: &[DocId], source: SourceId, spot: &Spot) {
    let Some((_, _, first, end)) = place_of(state, list, docs, source, spot) else {
        return;
    };
    if let Some(i) =
        (first..end).find(|&i| list[i].source == source && list[i].id.as_ref() == Some(&spot.id))
    {
        list.remove(i);
    }
}

/// Puts in the highlight at index `at` of `source`, where it sorts, if its essay is listed.
/// Returns false when it cannot tell where: it ties with others on place and time, and
/// more than this one change (`single`) is being followed.
fn put(
    state: &AppState,
    list: &mut NoteList,
    docs: &[DocId],
    source: SourceId,
    at: usize,
    spot: &Spot,
    single: bool,
) -> bool {
    let Some((doc, order, first, end)) = place_of(state, list, docs, source, spot) else {
        return true;
    };
    let pos = if first == end {
        first
    } else if !single {
        return false;
    } else {
        // Ties go by index in `items`, as of now (the one change made).
        let index = |it: &NoteItem| state.note_index(it).unwrap_or(usize::MAX);
        partition(list, first, end, |it| index(it) < at)
    };
    list.insert(
        pos,
        NoteItem {
            source,
            id: Some(spot.id.clone()),
            doc,
            link: None,
            hint: (at, 0),
            order,
        },
    );
    true
}

/// The list with `filter` applied (empty: every item).
pub fn items_matching(state: &AppState, filter: &str) -> NoteList {
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
        let mine = mine.into_iter().map(|(start, created, index)| NoteItem {
            source,
            id: Some(items[index].annotation.id.clone()),
            doc,
            link: None,
            hint: (index, 0),
            order: (start, created),
        });
        out.extend(mine);
    }
    out.extend(link_items(state, &docs, filter));
    NoteList::from(out)
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
                order: (0, chrono::DateTime::<chrono::Utc>::MIN_UTC),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
