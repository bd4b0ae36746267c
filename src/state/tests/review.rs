//! Review: showing what moved or was lost, accepting a new place, re-attaching.

use crate::action::Action::*;
use crate::action::Motion;
use crate::state::testkit::*;
use crate::state::{Effect, Focus, Mode, REVIEW, SourceId};

const MOVED: &str = "{|One here.} {Two there.}<moved> Three at last.";

#[test]
fn review_filters_the_notes_and_again_shows_all() {
    let mut s = state(MOVED);
    apply(&mut s, Review);
    assert_eq!(s.filter.text(), REVIEW);
    assert_eq!(s.focus, Focus::Notes);
    assert_eq!(notes(&s), ["> Two there."]);
    apply(&mut s, Review);
    assert_eq!(s.filter.text(), "");
    assert_eq!(notes(&s).len(), 2);
}

#[test]
fn review_with_nothing_to_review_says_so_and_leaves_the_filter() {
    let mut s = state("{|One here.} {Two there.} Three at last.");
    assert_eq!(apply(&mut s, Review), Effect::None);
    assert_eq!(
        message(&s),
        Some("nothing to review: every annotation is in its place")
    );
    assert_eq!(s.filter.text(), "");
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(notes(&s).len(), 2);
}

#[test]
fn accept_keeps_the_new_place_of_a_moved_annotation() {
    table(vec![
        row(
            MOVED,
            [Review, Accept],
            "{¦One here.} {Two there.} Three at last.",
            Effect::Save(SourceId(0)),
            Some("accepted; nothing left to review"),
        ),
        row(
            "{One here.} {Two |there.}<moved> Three.",
            [Accept],
            "{One here.} {Two |there.} Three.",
            Effect::Save(SourceId(0)),
            Some("accepted"),
        ),
        row(
            MOVED,
            [Accept],
            MOVED,
            Effect::None,
            Some("only a moved annotation needs accepting"),
        ),
        row("One |here.", [Accept], "One |here.", Effect::None, None),
    ]);
}

#[test]
fn reattach_moves_an_annotation_to_the_passage_chosen_next() {
    let mut s = state(MOVED);
    apply_all(&mut s, [Review, Reattach]);
    assert_eq!(modes(&s), [Mode::Reattach]);
    assert_eq!(s.mode(), "ATTACH");
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(
        message(&s),
        Some("select the passage (v or s), then Enter to attach; Esc cancels")
    );
    apply_all(
        &mut s,
        [Move(Motion::SentenceNext), Move(Motion::SentenceNext)],
    );
    let effect = apply_all(&mut s, [SelectSentence, Highlight]);
    assert_eq!(effect, Effect::Save(SourceId(0)));
    assert_eq!(message(&s), Some("attached; nothing left to review"));
    assert!(modes(&s).is_empty());
    assert_eq!(render(&s), "{One here.} Two there. {Three at last|.}");
    // Esc cancels.
    let mut s = state(MOVED);
    apply_all(&mut s, [Review, Reattach, Back]);
    assert!(modes(&s).is_empty());
    assert_eq!(message(&s), Some("re-attach cancelled"));
    // Nothing selected in an empty list: nothing to re-attach.
    table(vec![row(
        "|One.",
        [FocusNext, Reattach],
        "¦One.",
        Effect::None,
        None,
    )]);
}
