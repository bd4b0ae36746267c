//! Finding annotations quickly when there are very many: by id, by place in an essay, and
//! the link each one shows.
//!
//! Drawing a frame must not look at every annotation, so each source keeps an index,
//! made again only after its annotations changed (the same change count the notes list
//! uses).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::journal::{Edit, Spot};
use super::{AppState, Source};
use crate::annotation::Relation;
use crate::annotation::{AnnotationId, LinkId};
use crate::range::TextRange;
use crate::store::{DocId, SourceId};

/// The placed annotations of one essay as (start, end, index in `items`), by start, and
/// the length of the longest.
#[derive(Debug, Default, Clone)]
struct EssayPlaces(Vec<(usize, usize, usize)>, usize);

/// The index of one source's annotations.
#[derive(Debug, Clone)]
struct SourceIndex {
    /// The source's change count and sizes it was made from.
    made_from: (u64, usize, usize),
    /// Index in `items` by id, made when first asked for (only links need it).
    by_id: std::cell::OnceCell<HashMap<AnnotationId, usize>>,
    /// Index in `links` by id, made when first asked for (for the notes list).
    by_link: std::cell::OnceCell<HashMap<LinkId, usize>>,
    /// Per annotation id: the relation of its first link, made when first asked for.
    first_links: std::cell::OnceCell<Rc<HashMap<AnnotationId, Relation>>>,
    /// Per pair of essay ids: the links between them (see [`AppState::links_between`]).
    between: RefCell<HashMap<EssayPair, Rc<Vec<LinkBetween>>>>,
    /// Per essay id: its placed annotations.
    by_essay: HashMap<String, EssayPlaces>,
}

/// A link between a highlight of one essay and one of another: its relation, and the start
/// offsets (in the first essay, in the second) of each way its ends can be read, from
/// `from` to `to` first.
pub type LinkBetween = (Relation, Vec<(usize, usize)>);

/// Two essay ids, in the order of the panes that show them.
type EssayPair = (String, String);

/// The indexes of every source, made when first asked for.
#[derive(Debug, Default)]
pub(super) struct PlaceCache(RefCell<HashMap<SourceId, Rc<SourceIndex>>>);

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
            by_link: std::cell::OnceCell::new(),
            first_links: std::cell::OnceCell::new(),
            between: RefCell::default(),
            by_essay,
        }
    }
}

impl SourceIndex {
    /// Brought up to date by `edits`, the changes of its source since it was made: the
    /// places moved, added and taken out, the lazily made parts forgotten.
    fn follow(&mut self, edits: &[&Edit]) {
        self.between = RefCell::default();
        // The links each highlight shows change only with the links: a highlight added,
        // taken out or changed alone leaves them as they are (ids, not indexes).
        if edits.iter().any(|e| matches!(e, Edit::Links | Edit::Other)) {
            self.by_link = std::cell::OnceCell::new();
            self.first_links = std::cell::OnceCell::new();
        }
        for edit in edits {
            match edit {
                Edit::Insert(at, new) => {
                    self.shift(*at, 1);
                    self.add(new, *at);
                    self.ids_moved(*at, 1, None, Some(&new.id));
                }
                Edit::Remove(at, old) => {
                    self.take(old, *at);
                    self.shift(*at + 1, -1);
                    self.ids_moved(*at + 1, -1, Some(&old.id), None);
                }
                Edit::Replace(at, old, new) => {
                    self.take(old, *at);
                    self.add(new, *at);
                    self.ids_moved(*at, 0, Some(&old.id), Some(&new.id));
                }
                Edit::Links | Edit::Other => {}
            }
        }
    }

    /// Keeps the index by id, if made, in step with an edit: every index from `from` on
    /// moved by `by`, then `gone` taken out and `new` put in at `from`.
    fn ids_moved(
        &mut self,
        from: usize,
        by: isize,
        gone: Option<&AnnotationId>,
        new: Option<&AnnotationId>,
    ) {
        let Some(by_id) = self.by_id.get_mut() else {
            return;
        };
        if by != 0 {
            for i in by_id.values_mut().filter(|i| **i >= from) {
                *i = i.saturating_add_signed(by);
            }
        }
        if let Some(id) = gone {
            by_id.remove(id);
        }
        if let Some(id) = new {
            by_id.insert(id.clone(), from);
        }
    }

    /// Every index from `from` on moved by `by`.
    fn shift(&mut self, from: usize, by: isize) {
        for EssayPlaces(list, _) in self.by_essay.values_mut() {
            for entry in list.iter_mut().filter(|e| e.2 >= from) {
                entry.2 = entry.2.saturating_add_signed(by);
            }
        }
    }

    fn add(&mut self, spot: &Spot, at: usize) {
        if let Some(r) = spot.range {
            let places = self.by_essay.entry(spot.essay.clone()).or_default();
            let entry = (r.start(), r.end(), at);
            let pos = places.0.partition_point(|e| *e < entry);
            places.0.insert(pos, entry);
            places.1 = places.1.max(r.len());
        }
    }

    /// Takes out the place of `spot` at index `at` (the longest length is kept: a bound).
    fn take(&mut self, spot: &Spot, at: usize) {
        if let Some(r) = spot.range
            && let Some(places) = self.by_essay.get_mut(&spot.essay)
            && let Ok(pos) = places.0.binary_search(&(r.start(), r.end(), at))
        {
            places.0.remove(pos);
        }
    }
}

impl AppState {
    fn source_index(&self, source: SourceId) -> Rc<SourceIndex> {
        let src = &self.sources[source];
        let mut cache = self.place_cache.0.borrow_mut();
        if let Some(index) = cache.get_mut(&source)
            && index.made_from != made_from(src)
            && let Some(edits) = src.journal.since(index.made_from.0, src.version)
        {
            let fresh = Rc::make_mut(index);
            fresh.follow(&edits);
            fresh.made_from = made_from(src);
        }
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
    pub fn item_index(&self, source: SourceId, id: &str) -> Option<usize> {
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

    /// The index in its source's `links` of link `id`.
    pub fn link_index(&self, source: SourceId, id: &str) -> Option<usize> {
        let index = self.source_index(source);
        let by_link = index.by_link.get_or_init(|| {
            self.sources[source]
                .links
                .iter()
                .enumerate()
                .map(|(i, link)| (link.id.clone(), i))
                .collect()
        });
        by_link.get(id).copied()
    }

    /// Per annotation id of `source`: the relation of the first link (in the source's
    /// order) with it at either end. Kept until the source changes, so drawing a frame
    /// does not go through every link.
    pub fn first_links(&self, source: SourceId) -> Rc<HashMap<AnnotationId, Relation>> {
        let index = self.source_index(source);
        let map = index.first_links.get_or_init(|| {
            let mut linked = HashMap::new();
            for link in &self.sources[source].links {
                linked.entry(link.from.clone()).or_insert(link.relation);
                linked.entry(link.to.clone()).or_insert(link.relation);
            }
            Rc::new(linked)
        });
        Rc::clone(map)
    }

    /// The links of `source` with one end placed in essay `a` and the other in essay `b`
    /// (ids), in link order. Kept until the source changes, so drawing the link gutter
    /// does not look up both ends of every link on each frame.
    pub fn links_between(&self, source: SourceId, a: &str, b: &str) -> Rc<Vec<LinkBetween>> {
        let index = self.source_index(source);
        let key = (a.to_string(), b.to_string());
        if let Some(list) = index.between.borrow().get(&key) {
            return Rc::clone(list);
        }
        let src = &self.sources[source];
        let start_in = |essay: &str, id: &str| {
            self.item_index(source, id)
                .map(|i| &src.items[i])
                .filter(|it| it.annotation.essay == essay)
                .and_then(|it| it.placement.range())
                .map(|r| r.start())
        };
        let list: Vec<LinkBetween> = src
            .links
            .iter()
            .filter_map(|link| {
                let ends: Vec<(usize, usize)> = [(&link.from, &link.to), (&link.to, &link.from)]
                    .into_iter()
                    .filter_map(|(x, y)| Some((start_in(a, x)?, start_in(b, y)?)))
                    .collect();
                (!ends.is_empty()).then_some((link.relation, ends))
            })
            .collect();
        let list = Rc::new(list);
        index.between.borrow_mut().insert(key, Rc::clone(&list));
        list
    }

    /// The annotations of essay `doc` placed over some of `span`, as indexes in its
    /// source's `items`, in order of start.
    pub fn placed_over(&self, doc: DocId, span: TextRange) -> Vec<usize> {
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
mod tests;
