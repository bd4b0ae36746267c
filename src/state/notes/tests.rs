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
