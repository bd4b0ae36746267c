//! The notes list: moving through it, jumping to a passage, filtering, and acting on the
//! selected item.

use crate::action::{Action::*, EditorInput};
use crate::state::testkit::*;
use crate::state::{Effect, Focus, Mode, SourceId};

const THREE: &str = "|{One here.} {Two there.}<green, note: why #salt> {Three at last.}";

fn typed(text: &str) -> Vec<crate::action::Action> {
    text.chars().map(|c| Filter(EditorInput::Char(c))).collect()
}

#[test]
fn the_selection_moves_and_stops_at_the_ends() {
    let mut s = state(THREE);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    assert_eq!(
        notes(&s),
        [
            "> One here.",
            "  Two there. — why #salt",
            "  Three at last."
        ]
    );
    apply(&mut s, NotesDown);
    assert_eq!(notes(&s)[1], "> Two there. — why #salt");
    apply_all(&mut s, [NotesDown, NotesDown, NotesDown]);
    assert_eq!(s.notes_selected, 2);
    apply_all(&mut s, [NotesUp, NotesUp, NotesUp, NotesUp]);
    assert_eq!(s.notes_selected, 0);
    // An empty list: nothing to move to.
    let mut s = state("|One.");
    apply_all(&mut s, [FocusNext, NotesDown, NotesUp]);
    assert_eq!(s.notes_selected, 0);
}

#[test]
fn enter_jumps_to_the_passage_and_focuses_its_pane() {
    table(vec![
        row(
            THREE,
            [FocusNext, NotesDown, NotesJump],
            "{One here.} {|Two there.}<green, note: why #salt> {Three at last.}",
            Effect::None,
            None,
        ),
        row(
            THREE,
            [FocusNext, NotesDown, NotesDown, NotesJump],
            "{One here.} {Two there.}<green, note: why #salt> {|Three at last.}",
            Effect::None,
            None,
        ),
        row("|One.", [FocusNext, NotesJump], "¦One.", Effect::None, None),
    ]);
}

#[test]
fn the_selected_item_takes_colour_note_and_delete() {
    table(vec![
        row(
            THREE,
            [FocusNext, NotesDown, CycleColour],
            "{¦One here.} {Two there.}<blue, note: why #salt> {Three at last.}",
            Effect::Save(SourceId(0)),
            Some("colour: blue"),
        ),
        row(
            THREE,
            [FocusNext, NotesDown, Delete, Confirm(true)],
            "{¦One here.} Two there. {Three at last.}",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
        row(
            THREE,
            [
                FocusNext,
                NotesDown,
                NotesDown,
                EditNote,
                Editor(EditorInput::Char('!')),
                EditorClose,
            ],
            "{¦One here.} {Two there.}<green, note: why #salt> {Three at last.}<note: !>",
            Effect::Save(SourceId(0)),
            None,
        ),
    ]);
}

#[test]
fn the_filter_is_typed_kept_and_cleared() {
    let mut s = state(THREE);
    apply_all(&mut s, [FocusNext, NotesDown, FilterStart]);
    assert_eq!(modes(&s), [Mode::Filter]);
    assert_eq!(s.mode(), "FILTER");
    assert_eq!(s.notes_selected, 0);
    apply_all(&mut s, typed("#salx"));
    assert!(notes(&s).is_empty());
    apply(&mut s, Filter(EditorInput::Backspace));
    apply(&mut s, Filter(EditorInput::Char('t')));
    assert_eq!(s.filter.text(), "#salt");
    assert_eq!(notes(&s), ["> Two there. — why #salt"]);
    // Other edits do nothing to a filter.
    apply(&mut s, Filter(EditorInput::Left));
    assert_eq!(s.filter.text(), "#salt");
    apply(&mut s, FilterDone);
    assert!(modes(&s).is_empty());
    assert_eq!(notes(&s), ["> Two there. — why #salt"]);
    // Esc in the notes clears a kept filter.
    apply(&mut s, Back);
    assert_eq!(s.filter.text(), "");
    assert_eq!(notes(&s).len(), 3);
    // Esc while typing drops the filter too.
    apply_all(&mut s, [FilterStart]);
    apply_all(&mut s, typed("three"));
    assert_eq!(notes(&s).len(), 1);
    apply(&mut s, Back);
    assert!(modes(&s).is_empty());
    assert_eq!(notes(&s).len(), 3);
}

#[test]
fn a_filter_matches_words_and_colours() {
    let mut s = state(THREE);
    apply(&mut s, FocusNext);
    apply(&mut s, FilterStart);
    apply_all(&mut s, typed("green"));
    assert_eq!(notes(&s), ["> Two there. — why #salt"]);
}
