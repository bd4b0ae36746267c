//! The notes list: moving through it, jumping to a passage, filtering, and acting on the
//! selected item.

use crate::action::{Action::*, EditorInput, Motion::Bottom};
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
            "{One here.} {¦Two there.}<blue, note: why #salt> {Three at last.}",
            Effect::Save(SourceId(0)),
            Some("colour: blue"),
        ),
        row(
            THREE,
            [FocusNext, NotesDown, Delete, Confirm(true)],
            "{One here.} ¦Two there. {Three at last.}",
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
            "{One here.} {Two there.}<green, note: why #salt> {¦Three at last.}<note: !>",
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

#[test]
fn g_and_capital_g_select_the_first_and_the_last_item() {
    let mut s = state(THREE);
    apply_all(&mut s, [FocusNext, NotesLast]);
    assert_eq!(s.notes_selected, 2);
    apply(&mut s, NotesFirst);
    assert_eq!(s.notes_selected, 0);
    let mut s = state("|One.");
    apply_all(&mut s, [FocusNext, NotesLast, NotesFirst]);
    assert_eq!(s.notes_selected, 0);
}

/// An essay long enough that its last paragraph is far out of view.
fn long() -> String {
    let filler = "Filler words for the middle.\n\n".repeat(120);
    format!("|{{The first passage.}}\n\n{filler}{{The far passage.}}<note: far away>")
}

#[test]
fn moving_through_the_notes_shows_the_passage_without_taking_the_keys() {
    let mut s = state(&long());
    apply(&mut s, FocusNext);
    assert_eq!(s.panes[0].top, 0);
    apply(&mut s, NotesDown);
    assert_eq!(s.focus, Focus::Notes);
    let essay = &s.docs[s.panes[0].essay].essay;
    let far = essay.text().find("The far passage").expect("there");
    let far = essay.text()[..far].chars().count();
    assert_eq!(s.panes[0].caret, far);
    assert!(s.panes[0].top > 0, "the view moved to the far passage");
    let (_, range) = s.notes_preview().expect("marked");
    assert_eq!(range.start(), far);
    // Back up: the first passage, at the top again.
    apply(&mut s, NotesFirst);
    assert_eq!(s.panes[0].caret, 0);
    assert_eq!(s.panes[0].top, 0);
    apply(&mut s, NotesLast);
    assert_eq!(s.panes[0].caret, far);
    // The keys stay in the notes; with the essay focused nothing is marked.
    assert_eq!(s.context(), crate::keymap::Context::Notes);
    apply(&mut s, FocusNext);
    assert_eq!(s.notes_preview(), None);
}

#[test]
fn a_passage_already_in_view_is_not_scrolled_to() {
    let mut s = state(THREE);
    apply_all(&mut s, [FocusNext, NotesDown]);
    assert_eq!(s.panes[0].top, 0);
    assert_eq!(
        render(&s),
        "{One here.} {¦Two there.}<green, note: why #salt> {Three at last.}"
    );
}

#[test]
fn a_double_press_on_an_item_jumps_to_its_passage() {
    use crate::action::Mouse;
    let mut s = state(THREE);
    apply(&mut s, Resize(120, 40));
    apply(&mut s, Mouse(Mouse::DoubleNotes { item: Some(2) }));
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(s.notes_selected, 2);
    assert_eq!(
        render(&s),
        "{One here.} {Two there.}<green, note: why #salt> {|Three at last.}"
    );
    // On no item: nothing.
    apply(&mut s, Mouse(Mouse::DoubleNotes { item: None }));
    assert_eq!(s.focus, Focus::Pane(0));
}

#[test]
fn leaving_the_notes_without_enter_puts_the_previews_away() {
    let mut s = state(&long());
    apply(&mut s, Move(Bottom));
    let (caret, top) = (s.panes[0].caret, s.panes[0].top);
    apply(&mut s, FocusNext);
    apply(&mut s, NotesFirst);
    assert_eq!(s.panes[0].caret, 0, "the preview moved the caret");
    // Tab away: the essay is where the reader left it.
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!((s.panes[0].caret, s.panes[0].top), (caret, top));
    // Enter keeps what it jumped to.
    apply(&mut s, FocusPrev);
    apply(&mut s, NotesFirst);
    apply(&mut s, NotesJump);
    assert_eq!(s.panes[0].caret, 0);
}
