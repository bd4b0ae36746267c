//! The mouse: a press places the caret, a drag selects (and scrolls past the edge), two
//! and three clicks select a word and a sentence, the wheel turns the notes list.

use crate::action::{Action::*, Motion::Right, Mouse as Gesture};
use crate::state::Focus;
use crate::state::testkit::*;

const TWO: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of a ¦forest shows paths. Nobody walks them.";

#[test]
fn a_press_places_the_caret_and_a_drag_selects() {
    let caret = |markup: &str| state(markup).panes[0].caret;
    let mut s = state("One here. |Two there.");
    let press = |at| Mouse(Gesture::PressPane { pane: 0, at });
    apply(&mut s, press(Some(caret("One |here. Two there."))));
    assert_eq!(render(&s), "One |here. Two there.");
    let at = caret("One her|e. Two there.");
    apply(&mut s, Mouse(Gesture::DragTo { at }));
    assert_eq!(render(&s), "One [her|e]. Two there.");
    // Another press drops the selection.
    apply(&mut s, press(Some(caret("|One here. Two there."))));
    assert_eq!(render(&s), "|One here. Two there.");
    // The wheel scrolls a pane, never moving the caret off the text.
    apply(&mut s, Mouse(Gesture::ScrollPane { pane: 0, lines: 3 }));
    apply(&mut s, Mouse(Gesture::ScrollPane { pane: 0, lines: -3 }));
    assert_eq!(render(&s), "|One here. Two there.");
}

#[test]
fn a_double_click_selects_a_word_and_a_triple_click_a_sentence() {
    let caret = |markup: &str| state(markup).panes[0].caret;
    let word = |at| Mouse(Gesture::SelectWord { pane: 0, at });
    let sentence = |at| Mouse(Gesture::SelectSentence { pane: 0, at });
    let mut s = state("|One here. Two there.");
    apply(&mut s, word(caret("One here. Two th|ere.")));
    assert_eq!(render(&s), "One here. Two [ther|e].");
    apply(&mut s, sentence(caret("One here. Two th|ere.")));
    assert_eq!(render(&s), "One here. [Two there|.]");
    // On a space: the caret alone.
    apply(&mut s, word(caret("One| here. Two there.")));
    assert_eq!(render(&s), "One| here. Two there.");
    // In the other pane: it takes the focus.
    let mut s = state(TWO);
    let at = s.panes[1].caret;
    apply(&mut s, Mouse(Gesture::SelectWord { pane: 1, at }));
    assert_eq!(s.focus, Focus::Pane(1));
    assert_eq!(s.panes[1].anchor, Some(at));
    assert_eq!(s.panes[1].caret, at + "forest".len() - 1);
    // A pane that is not there: nothing.
    let mut s = state("|One here.");
    apply(&mut s, Mouse(Gesture::SelectWord { pane: 5, at: 0 }));
    assert_eq!(render(&s), "|One here.");
}

#[test]
fn a_drag_past_the_edge_scrolls_and_selects_on() {
    let long: String = (0..60)
        .map(|i| format!("Sentence number {i} is here."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut s = state(&format!("|{long}"));
    let height = s.viewport(0).height;
    apply(
        &mut s,
        Mouse(Gesture::PressPane {
            pane: 0,
            at: Some(0),
        }),
    );
    apply(
        &mut s,
        Mouse(Gesture::DragPast {
            lines: 3,
            column: 4,
        }),
    );
    let pane = &s.panes[0];
    assert!(pane.top > 0, "scrolled");
    assert_eq!(pane.anchor, Some(0));
    // The caret is at column 4 of a row at the bottom: the last one, or as near it as the
    // scroll margin lets it while the essay goes on.
    let flow = s.flow(0);
    assert!(
        (height.saturating_sub(3)..height).any(|row| pane.offset_at(&flow, row, 4) == pane.caret),
        "the caret is at the bottom"
    );
    // Back up past the top: scrolled back, the caret on the top row.
    apply(
        &mut s,
        Mouse(Gesture::DragPast {
            lines: -3,
            column: 0,
        }),
    );
    assert_eq!(s.panes[0].top, 0);
    assert_eq!(s.panes[0].anchor, Some(0));
    // Without a drag under way: nothing.
    let mut s = state(&format!("|{long}"));
    apply(
        &mut s,
        Mouse(Gesture::DragPast {
            lines: 3,
            column: 0,
        }),
    );
    assert_eq!((s.panes[0].top, s.panes[0].anchor), (0, None));
}

#[test]
fn the_wheel_leaves_the_notes_list_where_it_turned_it_until_a_key() {
    let mut s = state("|{One.} {Two.} {Three.}");
    let wheel = Mouse(Gesture::ScrollNotes { item: 1, row: -2 });
    apply(&mut s, wheel.clone());
    assert_eq!((s.notes_selected, s.notes_view()), (1, Some(-2)));
    assert_eq!(s.focus, Focus::Pane(0), "the wheel takes no focus");
    // The wheel over an essay keeps it; a key gives the list back to its selection.
    apply(&mut s, Mouse(Gesture::ScrollPane { pane: 0, lines: 1 }));
    assert_eq!(s.notes_view(), Some(-2));
    apply(&mut s, Move(Right));
    assert_eq!((s.notes_selected, s.notes_view()), (1, None));
    // A press too.
    apply(&mut s, wheel);
    apply(&mut s, Mouse(Gesture::PressNotes { item: Some(2) }));
    assert_eq!((s.notes_selected, s.notes_view()), (2, None));
    // An item that is not there: nothing.
    apply(&mut s, Mouse(Gesture::ScrollNotes { item: 9, row: 0 }));
    assert_eq!((s.notes_selected, s.notes_view()), (2, None));
}

#[test]
fn a_press_in_the_notes_focuses_them() {
    let mut s = state("|{One.} {Two.}");
    apply(&mut s, Mouse(Gesture::PressNotes { item: Some(1) }));
    assert_eq!(s.focus, Focus::Notes);
    assert_eq!(s.notes_selected, 1);
}
