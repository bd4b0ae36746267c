//! Overlapping highlights: `x` in an overlap asks which one; deleting a highlight with a
//! note or links asks first, and undo brings everything back.

use crate::action::Action::{self, *};
use crate::action::Choice;
use crate::annotation::Relation;
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{Effect, Focus, Mode, SourceId};

/// Two highlights over "was": the sentence and, inside it, two words.
const NESTED: &str = "{Salt {w|as carried}<blue> inland.} More.";

#[test]
fn x_in_an_overlap_asks_which_one_and_a_digit_chooses() {
    let mut s = state(NESTED);
    assert_eq!(apply(&mut s, Delete), Effect::None);
    assert_eq!(modes(&s), [Mode::Choose]);
    assert_eq!(s.context(), Context::Choose);
    assert_eq!(s.mode(), "WHICH?");
    let list = s.choosing().expect("the list");
    assert_eq!(list.candidates.len(), 2);
    // Shortest first: the two words, then the sentence.
    let quote = |i: usize| {
        let (src, id) = &list.candidates[i];
        s.sources[*src]
            .placed(id)
            .map(|p| p.annotation.anchor.quote.clone())
    };
    assert_eq!(quote(0).as_deref(), Some("was carried"));
    assert_eq!(quote(1).as_deref(), Some("Salt was carried inland."));
    assert_eq!(
        apply(&mut s, Choose(Choice::Pick(Some(1)))),
        Effect::Save(SourceId(0))
    );
    assert!(modes(&s).is_empty());
    assert_eq!(render(&s), "Salt {w|as carried}<blue> inland. More.");
    assert_eq!(message(&s), Some("deleted (u to undo)"));
}

#[test]
fn j_k_and_enter_choose_in_the_list_and_esc_deletes_none() {
    table(vec![
        row(
            NESTED,
            [Delete, Choose(Choice::Move(1)), Choose(Choice::Pick(None))],
            "Salt {w|as carried}<blue> inland. More.",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
        row(
            NESTED,
            [
                Delete,
                Choose(Choice::Move(5)),
                Choose(Choice::Move(-9)),
                Choose(Choice::Pick(None)),
            ],
            "{Salt w|as carried inland.} More.",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
        row(
            NESTED,
            [Delete, Back],
            NESTED,
            Effect::None,
            Some("nothing deleted"),
        ),
        row(
            NESTED,
            [Delete, Choose(Choice::Pick(Some(7)))],
            NESTED,
            Effect::None,
            None,
        ),
        // One highlight under the caret: no question.
        row(
            "{Salt |was} {carried inland.}<blue> More.",
            [Delete],
            "Salt |was {carried inland.}<blue> More.",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
    ]);
}

#[test]
fn deleting_a_highlight_with_a_note_asks_first_and_undo_brings_it_back() {
    let noted = "{Salt |was carried.}<note: my note> More.";
    table(vec![
        row(
            noted,
            [Delete],
            noted,
            Effect::None,
            Some("delete the highlight and its note? y/n"),
        ),
        row(
            noted,
            [Delete, Confirm(false)],
            noted,
            Effect::None,
            Some("kept"),
        ),
        row(
            noted,
            [Delete, Back],
            noted,
            Effect::None,
            Some("nothing deleted"),
        ),
        row(
            noted,
            [Delete, Confirm(true)],
            "Salt |was carried. More.",
            Effect::Save(SourceId(0)),
            Some("deleted (u to undo)"),
        ),
        row(
            noted,
            [Delete, Confirm(true), Undo],
            noted,
            Effect::Save(SourceId(0)),
            Some("undone"),
        ),
        // In an overlap, the one chosen is asked about.
        row(
            "{Salt {w|as}<blue, note: inner> carried.} More.",
            [Delete, Choose(Choice::Pick(Some(0)))],
            "{Salt {w|as}<blue, note: inner> carried.} More.",
            Effect::None,
            Some("delete the highlight and its note? y/n"),
        ),
    ]);
}

/// Two essays side by side, the first sentence of each highlighted with a note.
const TWO: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nCarts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths.\n\nRoads came later.";

/// `TWO` with the first sentence noted and linked twice to the second essay.
fn noted_and_linked() -> crate::state::AppState {
    let mut s = state(TWO);
    let link: [Action; 4] = [
        Link,
        Link,
        PickRelation(Some(Relation::Supports)),
        EditorClose,
    ];
    apply_all(&mut s, link.clone());
    // The second link: from the same passage to the second essay's next paragraph.
    assert_eq!(s.focus, Focus::Pane(1));
    apply(&mut s, Move(crate::action::Motion::ParagraphNext));
    s.focus = Focus::Pane(0);
    apply_all(&mut s, link);
    s.focus = Focus::Pane(0);
    apply_all(
        &mut s,
        [
            EditNote,
            Editor(crate::action::EditorInput::Char('!')),
            EditorClose,
        ],
    );
    s
}

#[test]
fn deleting_a_highlight_with_a_note_and_links_names_what_goes_and_undo_restores_all() {
    let mut s = noted_and_linked();
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(links(&s).len(), 2, "{:?}", links(&s));
    let before = render(&s);
    assert_eq!(apply(&mut s, Delete), Effect::None);
    assert_eq!(
        message(&s),
        Some("delete the highlight, its note and 2 links? y/n")
    );
    assert_eq!(modes(&s), [Mode::Confirm]);
    assert_eq!(s.context(), Context::Confirm);
    assert_eq!(apply(&mut s, Confirm(true)), Effect::Save(SourceId(0)));
    assert!(links(&s).is_empty());
    apply(&mut s, Undo);
    assert_eq!(links(&s).len(), 2);
    assert_eq!(render(&s), before);
    assert_eq!(s.sources[0].items[0].annotation.note.as_deref(), Some("!"));
}

#[test]
fn deleting_from_the_notes_pane_asks_the_same() {
    let noted = "{Salt |was carried.}<note: my note> More.";
    let mut s = state(noted);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    assert_eq!(apply(&mut s, Delete), Effect::None);
    assert_eq!(message(&s), Some("delete the highlight and its note? y/n"));
    assert_eq!(apply(&mut s, Confirm(true)), Effect::Save(SourceId(0)));
    assert!(notes(&s).is_empty());
}
