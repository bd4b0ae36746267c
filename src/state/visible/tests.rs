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

/// A state on one essay of 1,000 code points with no annotations.
fn empty_state() -> AppState {
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
    state
}

/// One change to annotations, as the actions make them.
#[derive(Debug, Clone)]
enum Op {
    Add(usize, usize, bool),
    Remove(usize),
    Move(usize, usize, usize),
    Link(usize, usize, usize),
    Unlink(usize),
    Undo,
    Redo,
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        (0..990usize, 1..40usize, proptest::bool::weighted(0.1))
            .prop_map(|(a, l, o)| Op::Add(a, l, o)),
        (0..64usize).prop_map(Op::Remove),
        (0..64usize, 0..990usize, 1..40usize).prop_map(|(k, a, l)| Op::Move(k, a, l)),
        (0..64usize, 0..64usize, 0..5usize).prop_map(|(a, b, r)| Op::Link(a, b, r)),
        (0..8usize).prop_map(Op::Unlink),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn play(state: &mut AppState, op: &Op) {
    let len = state.sources[0].items.len();
    let range = |a: usize, l: usize| TextRange::new(a, (a + l).min(1000)).expect("range");
    match *op {
        Op::Add(a, l, orphan) => {
            let stamp = &mut crate::store::Stamp::fresh();
            let mut placed = state.new_annotation(DocId(0), range(a, l), None, stamp);
            if orphan {
                placed.placement = Placement::Orphaned;
            }
            state.remember(SourceId(0));
            state.push_item(SourceId(0), placed);
        }
        Op::Remove(k) if len > 0 => {
            state.remember(SourceId(0));
            state.remove_item(SourceId(0), k % len);
        }
        Op::Move(k, a, l) if len > 0 => {
            state.remember(SourceId(0));
            state.edit_item(SourceId(0), k % len, |p| {
                p.placement = Placement::Exact(range(a, l));
            });
        }
        Op::Link(a, b, r) if len > 1 => {
            let stamp = &mut crate::store::Stamp::fresh();
            let now = chrono::Utc::now();
            let link = crate::annotation::Link {
                id: stamp.ids.link(),
                from: state.sources[0].items[a % len].annotation.id.clone(),
                to: state.sources[0].items[b % len].annotation.id.clone(),
                relation: crate::annotation::Relation::ALL[r % 5],
                note: None,
                other: None,
                created: now,
                modified: now,
                extra: Default::default(),
            };
            state.remember(SourceId(0));
            state.push_link(SourceId(0), link);
        }
        Op::Unlink(k) if !state.sources[0].links.is_empty() => {
            let at = k % state.sources[0].links.len();
            state.remember(SourceId(0));
            state.remove_link(SourceId(0), at);
        }
        Op::Undo => {
            state.undo_redo(true);
        }
        Op::Redo => {
            state.undo_redo(false);
        }
        Op::Remove(_) | Op::Move(..) | Op::Link(..) | Op::Unlink(_) => {}
    }
}

/// What the indexes must say, found by looking at every annotation.
fn check_against_a_scan(state: &AppState) {
    let items = &state.sources[0].items;
    for (a, b) in [(0, 1000), (0, 3), (100, 180), (500, 501), (990, 1000)] {
        let span = TextRange::new(a, b).expect("span");
        let mut want: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].placement.range().is_some_and(|r| r.overlaps(span)))
            .collect();
        want.sort_by_key(|&i| items[i].placement.range().map(|r| (r.start(), r.end())));
        assert_eq!(state.placed_over(DocId(0), span), want, "{span:?}");
    }
    assert_eq!(
        *state.note_items(),
        crate::state::notes::items_matching(state, ""),
        "the notes list"
    );
    for (i, it) in items.iter().enumerate() {
        assert_eq!(state.item_index(SourceId(0), &it.annotation.id), Some(i));
    }
    assert_eq!(state.item_index(SourceId(0), "no-such-id"), None);
    let mut first = std::collections::HashMap::new();
    for link in &state.sources[0].links {
        first.entry(link.from.clone()).or_insert(link.relation);
        first.entry(link.to.clone()).or_insert(link.relation);
    }
    assert_eq!(*state.first_links(SourceId(0)), first, "the links shown");
}

proptest::proptest! {
    #[test]
    fn the_followed_indexes_agree_with_a_scan_after_every_change(
        ops in proptest::collection::vec(op(), 1..40),
        every in 1..4usize,
    ) {
        let mut state = empty_state();
        // Looked at now and then, as frames are: several changes followed at once.
        for (i, op) in ops.iter().enumerate() {
            play(&mut state, op);
            if i % every == 0 || i + 1 == ops.len() {
                check_against_a_scan(&state);
            }
        }
    }
}

#[test]
fn a_change_is_followed_not_made_afresh() {
    let mut state = empty_state();
    for a in [10, 300, 50] {
        play(&mut state, &Op::Add(a, 20, false));
    }
    // Only the pointers are kept: a list still held would be copied, not changed.
    let index = Rc::as_ptr(&state.source_index(SourceId(0)));
    state.note_items();
    let made = state.notes_lists_made();
    for op in [
        Op::Add(600, 5, false),
        Op::Remove(0),
        Op::Move(1, 5, 3),
        Op::Undo,
    ] {
        play(&mut state, &op);
        check_against_a_scan(&state);
        assert_eq!(
            Rc::as_ptr(&state.source_index(SourceId(0))),
            index,
            "{op:?}"
        );
        state.note_items();
        assert_eq!(state.notes_lists_made(), made, "{op:?}");
    }
}
