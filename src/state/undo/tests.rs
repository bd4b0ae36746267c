use super::*;
use crate::action::Action;
use crate::annotation::AnnotationId;
use crate::essay::{BlockKind, Essay};
use crate::range::TextRange;
use crate::store::{AnnotationFile, DiskState, DocId};

fn state() -> AppState {
    let essay = Essay::from_blocks(
        "e".into(),
        vec![
            (BlockKind::Title, "Title".into()),
            (
                BlockKind::Paragraph,
                "One sentence here. Another one there. A third to end.".into(),
            ),
        ],
    );
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("s.txt".into()),
    };
    let source = Source::new("s.txt".into(), "s.json".into(), disk, vec![], None, None);
    let mut state = AppState::new(
        vec![super::super::EssayDoc::new(essay, SourceId(0))],
        vec![source],
        &[],
    );
    state.apply(Action::Resize(120, 40), crate::store::Stamp::fresh());
    state
}

/// Highlights code points `start..start + 3` as its own undo step; returns the id.
fn highlight(state: &mut AppState, start: usize) -> AnnotationId {
    let range = TextRange::new(start, start + 3).expect("range");
    let placed = state.new_annotation(DocId(0), range, None, &mut crate::store::Stamp::fresh());
    let id = placed.annotation.id.clone();
    state.remember(SourceId(0));
    state.push_item(SourceId(0), placed);
    id
}

fn ids(state: &AppState) -> Vec<AnnotationId> {
    state.sources[0]
        .items
        .iter()
        .map(|p| p.annotation.id.clone())
        .collect()
}

#[test]
fn undo_remembers_the_last_steps_only() {
    let mut state = state();
    for i in 0..UNDO_LIMIT + 5 {
        highlight(&mut state, i % 40);
    }
    assert_eq!(state.undo_depth(), UNDO_LIMIT);
    for _ in 0..UNDO_LIMIT {
        state.undo_redo(true);
    }
    assert_eq!(state.sources[0].items.len(), 5, "the oldest five stay");
    assert_eq!(state.undo_redo(true), Effect::None, "nothing more to undo");
}

#[test]
fn undo_names_annotations_by_id_when_their_places_shifted() {
    let mut state = state();
    let a = highlight(&mut state, 6);
    let b = highlight(&mut state, 20);
    // A merge from disk reorders the list: b now sits first.
    state.sources[0].items.reverse();
    state.sources[0].version += 1;
    state.undo_redo(true);
    assert_eq!(ids(&state), vec![a.clone()], "b was taken out, not a");
    assert!(state.sources[0].deleted.contains(b.as_str()));
    state.undo_redo(false);
    assert_eq!(ids(&state).len(), 2);
    assert!(!state.sources[0].deleted.contains(b.as_str()));
    // A change whose annotation a merge removed is skipped, not misapplied.
    state.sources[0].items.retain(|p| p.annotation.id != b);
    state.undo_redo(true);
    assert_eq!(ids(&state), vec![a]);
}

#[test]
fn a_step_of_several_changes_is_undone_and_redone_whole() {
    let mut state = state();
    let a = highlight(&mut state, 6);
    let b = highlight(&mut state, 20);
    state.remember(SourceId(0));
    state.edit_item(SourceId(0), 0, |p| {
        std::sync::Arc::make_mut(&mut p.annotation).note = Some("changed".into())
    });
    state.remove_item(SourceId(0), 1);
    state.push_item(
        SourceId(0),
        state.new_annotation(
            DocId(0),
            TextRange::new(30, 33).expect("r"),
            None,
            &mut crate::store::Stamp::fresh(),
        ),
    );
    let after = state.sources[0].items.clone();
    state.undo_redo(true);
    assert_eq!(ids(&state), vec![a.clone(), b]);
    assert_eq!(state.sources[0].items[0].annotation.note, None);
    state.undo_redo(false);
    assert_eq!(state.sources[0].items, after);
}

fn link(id: &str, from: &str, to: &str) -> Link {
    Link {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        relation: crate::annotation::Relation::Supports,
        note: None,
        other: None,
        created: crate::store::now(),
        modified: crate::store::now(),
        extra: Default::default(),
    }
}

fn link_ids(state: &AppState) -> Vec<String> {
    state.sources[0]
        .links
        .iter()
        .map(|l| l.id.to_string())
        .collect()
}

#[test]
fn undo_does_not_bring_back_a_link_whose_end_is_gone() {
    let mut state = state();
    let a = highlight(&mut state, 6);
    let b = highlight(&mut state, 20);
    state.remember(SourceId(0));
    state.push_link(SourceId(0), link("l", &a, &b));
    // Deleting b takes the link along, in one step.
    state.remember(SourceId(0));
    state.remove_link(SourceId(0), 0);
    let at = state.sources[0].index_of(&b).expect("b");
    state.remove_item(SourceId(0), at);
    // Another program removes a; a merge takes it out.
    state.sources[0].items.retain(|p| p.annotation.id != a);
    state.sources[0].version += 1;
    state.undo_redo(true);
    assert_eq!(ids(&state), vec![b.clone()], "b is back");
    assert!(link_ids(&state).is_empty(), "the link to a is not");
    assert!(state.sources[0].deleted.contains("l"), "nor merged back");
    assert_eq!(
        state.message.as_deref(),
        Some("undone; 1 link not brought back (highlight gone)")
    );
    // Redo deletes b again, and there is no link to take.
    state.undo_redo(false);
    assert!(ids(&state).is_empty());
    assert_eq!(state.message.as_deref(), Some("redone"));
    // A link that named a missing highlight already (a hand-edited file) and is
    // removed comes back as it was: undo adds no dangling end, it takes none away.
    let c = highlight(&mut state, 30);
    state.sources[0].links.push(link("hand", &c, "never-there"));
    state.remember(SourceId(0));
    state.remove_link(SourceId(0), 0);
    state.undo_redo(true);
    assert_eq!(link_ids(&state), ["hand"]);
    assert_eq!(state.message.as_deref(), Some("undone"));
}

#[test]
fn undoing_a_highlight_away_takes_its_links_and_redo_brings_them_back() {
    let mut state = state();
    let a = highlight(&mut state, 6);
    let b = highlight(&mut state, 20);
    // Another program links them (and one more link to b); a merge brings the links in.
    state.sources[0].links = vec![link("x", &a, &b), link("y", &b, &a), link("z", &a, &a)];
    state.sources[0].version += 1;
    state.undo_redo(true);
    assert_eq!(ids(&state), vec![a.clone()]);
    assert_eq!(link_ids(&state), ["z"], "no link names b");
    assert!(state.sources[0].deleted.contains("x") && state.sources[0].deleted.contains("y"));
    assert_eq!(
        state.message.as_deref(),
        Some("undone; 2 links removed with the highlight")
    );
    state.undo_redo(false);
    assert_eq!(ids(&state), vec![a, b]);
    assert_eq!(link_ids(&state), ["x", "y", "z"], "back in their places");
    assert!(!state.sources[0].deleted.contains("x"));
    assert_eq!(state.message.as_deref(), Some("redone"));
}
