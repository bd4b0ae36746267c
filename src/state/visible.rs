//! Finding annotations quickly when there are very many: by id, by place in an essay, and
//! the link each one shows.
//!
//! Drawing a frame must not look at every annotation, so each source keeps an index,
//! made again only after its annotations changed (the same change count the notes list
//! uses).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::{AppState, Source};
use crate::annotation::Relation;
use crate::annotation::{AnnotationId, LinkId};
use crate::range::TextRange;
use crate::store::{DocId, SourceId};

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

impl AppState {
    fn source_index(&self, source: SourceId) -> Rc<SourceIndex> {
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
        let mut state = AppState::new(vec![EssayDoc::new(essay, SourceId(0))], vec![source], &[]);
        state.apply(Action::Resize(100, 30), crate::store::Stamp::fresh());
        // Short and long highlights, one orphan, in no order.
        for (k, (a, b)) in [(500, 520), (3, 900), (40, 45), (41, 44), (700, 701), (0, 1)]
            .into_iter()
            .enumerate()
        {
            let range = TextRange::new(a, b).expect("range");
            let mut placed =
                state.new_annotation(DocId(0), range, None, &mut crate::store::Stamp::fresh());
            if k == 4 {
                placed.placement = Placement::Orphaned;
            }
            state.remember(SourceId(0));
            state.push_item(SourceId(0), placed);
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
            assert_eq!(state.placed_over(DocId(0), span), want, "{span:?}");
        }
        let id = state.sources[0].items[3].annotation.id.clone();
        assert_eq!(state.item_index(SourceId(0), &id), Some(3));
        // A change is seen at once.
        state.undo_redo(true);
        assert_eq!(
            state.item_index(
                SourceId(0),
                &state.sources[0].items[0].annotation.id.clone()
            ),
            Some(0)
        );
        assert_eq!(state.sources[0].items.len(), 5);
    }

    /// A state of one source holding `essays` (ids "a", "b", …), each 50 words.
    fn state_of(essays: &[&str]) -> AppState {
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("s.txt".into()),
        };
        let source = Source::new("s".into(), "s.json".into(), disk, vec![], None, None);
        let docs = essays
            .iter()
            .map(|id| {
                let blocks = vec![(BlockKind::Paragraph, "word ".repeat(50))];
                EssayDoc::new(Essay::from_blocks((*id).into(), blocks), SourceId(0))
            })
            .collect();
        AppState::new(docs, vec![source], &[])
    }

    /// Highlights `start..start + 4` of essay `doc` for each (doc, start); their ids.
    fn highlight(state: &mut AppState, at: &[(usize, usize)]) -> Vec<AnnotationId> {
        let mut ids = Vec::new();
        for &(doc, start) in at {
            let range = TextRange::new(start, start + 4).expect("range");
            let placed =
                state.new_annotation(DocId(doc), range, None, &mut crate::store::Stamp::fresh());
            ids.push(placed.annotation.id.clone());
            state.remember(SourceId(0));
            state.push_item(SourceId(0), placed);
        }
        ids
    }

    /// Links `from` to `to` in source 0.
    fn link(state: &mut AppState, from: &str, to: &str, relation: Relation) {
        let now = crate::store::now();
        let id = format!("link-{}", state.sources[0].links.len()).into();
        state.remember(SourceId(0));
        state.push_link(
            SourceId(0),
            crate::annotation::Link {
                id,
                from: from.into(),
                to: to.into(),
                relation,
                note: None,
                other: None,
                created: now,
                modified: now,
                extra: Default::default(),
            },
        );
    }

    #[test]
    fn first_links_are_kept_until_a_change_and_then_follow_it() {
        let mut state = state_of(&["e"]);
        let ids = highlight(&mut state, &[(0, 0), (0, 5), (0, 10)]);
        link(&mut state, &ids[0], &ids[1], Relation::Supports);
        link(&mut state, &ids[1], &ids[2], Relation::Contradicts);
        let first = state.first_links(SourceId(0));
        // The first link of an id wins, whichever end it is.
        assert_eq!(first.get(&ids[0]), Some(&Relation::Supports));
        assert_eq!(first.get(&ids[1]), Some(&Relation::Supports));
        assert_eq!(first.get(&ids[2]), Some(&Relation::Contradicts));
        // Nothing changed: the same map, not made again.
        assert!(Rc::ptr_eq(&first, &state.first_links(SourceId(0))));
        // A change of relation is seen at once.
        state.remember(SourceId(0));
        state.edit_link(SourceId(0), 0, |l| l.relation = Relation::SeeAlso);
        let after = state.first_links(SourceId(0));
        assert!(!Rc::ptr_eq(&first, &after));
        assert_eq!(after.get(&ids[0]), Some(&Relation::SeeAlso));
        // So is a removed link.
        state.remember(SourceId(0));
        state.remove_link(SourceId(0), 0);
        let after = state.first_links(SourceId(0));
        assert_eq!(after.get(&ids[0]), None);
        assert_eq!(after.get(&ids[1]), Some(&Relation::Contradicts));
    }

    #[test]
    fn links_between_two_essays_are_kept_until_a_change() {
        let mut state = state_of(&["a", "b"]);
        let (a, b) = (
            state.docs[0].essay.id.clone(),
            state.docs[1].essay.id.clone(),
        );
        // Two highlights in essay a (at 0 and 10), one in essay b (at 20).
        let ids = highlight(&mut state, &[(0, 0), (0, 10), (1, 20)]);
        // Within essay a; from b to a; from a to b.
        link(&mut state, &ids[0], &ids[1], Relation::Supports);
        link(&mut state, &ids[2], &ids[1], Relation::Contradicts);
        link(&mut state, &ids[0], &ids[2], Relation::SeeAlso);
        let between = state.links_between(SourceId(0), &a, &b);
        // Each link read from a to b, whichever end it starts from; none within a.
        assert_eq!(
            *between,
            vec![
                (Relation::Contradicts, vec![(10, 20)]),
                (Relation::SeeAlso, vec![(0, 20)]),
            ]
        );
        let other_way = state.links_between(SourceId(0), &b, &a);
        assert_eq!(other_way[0], (Relation::Contradicts, vec![(20, 10)]));
        // Nothing changed: the same list, not made again.
        assert!(Rc::ptr_eq(
            &between,
            &state.links_between(SourceId(0), &a, &b)
        ));
        state.remember(SourceId(0));
        state.remove_link(SourceId(0), 1);
        assert_eq!(
            *state.links_between(SourceId(0), &a, &b),
            vec![(Relation::SeeAlso, vec![(0, 20)])]
        );
    }
}
