//! Small glitches of issue 11: Esc after showing a pair, Esc while linking after a
//! search, `c` on a link's row, the view and focus coming back on reopening, review's
//! filter going back.

use crate::action::Action::{self, *};
use crate::action::{EditorInput, Motion};
use crate::state::testkit::*;
use crate::state::{AppState, Focus, Mode, REVIEW, SourceId};

/// Two essays of one file, with a sentence nearly the same in both.
const SIM: &str = "Bread Lines\n\nBy Ada Crane\n\n|Flour was milled in the river towns.\n\nBakers rose before the sun.\n\n\nRiver Towns\n\nBy Otto Vale\n\n¦A river makes a town.\n\nFlour was milled in the river towns by hand.\n\nThe sun rose over the bakers.";

fn typed(text: &str, as_action: fn(EditorInput) -> Action) -> Vec<Action> {
    text.chars()
        .map(|c| as_action(EditorInput::Char(c)))
        .collect()
}

#[test]
fn one_esc_clears_both_selections_of_a_pair_shown_from_the_list() {
    let mut s = state(SIM);
    apply_all(&mut s, [Pairs, PairsView]);
    assert!(s.panes.iter().all(|p| p.anchor.is_some()), "both selected");
    assert_eq!(s.mode(), "VISUAL");
    apply(&mut s, Back);
    assert!(s.panes.iter().all(|p| p.anchor.is_none()), "both cleared");
    assert_eq!(s.mode(), "READ");
}

#[test]
fn esc_while_choosing_a_links_partner_puts_the_search_away_first() {
    let mut s = state(SIM);
    apply(&mut s, Link);
    assert_eq!(modes(&s), [Mode::Link]);
    apply(&mut s, SearchStart);
    apply_all(&mut s, typed("bakers", Search));
    apply(&mut s, SearchDone);
    assert!(s.search.as_ref().is_some_and(|x| !x.hidden));
    apply(&mut s, Back);
    assert_eq!(modes(&s), [Mode::Link], "the link is still being made");
    assert!(s.search.as_ref().is_some_and(|x| x.hidden));
    apply(&mut s, Back);
    assert!(modes(&s).is_empty());
    assert_eq!(message(&s), Some("link cancelled"));
}

#[test]
fn c_on_a_links_row_says_which_passage_it_coloured() {
    let mut s = state(SIM);
    apply_all(&mut s, [Link, Link, PickRelation(None), EditorClose]);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    let rows = notes(&s);
    let at = rows
        .iter()
        .position(|r| r.contains("-supports->"))
        .expect("a link row");
    for _ in 0..at {
        apply(&mut s, NotesDown);
    }
    apply(&mut s, CycleColour);
    assert_eq!(
        message(&s),
        Some("colour: green, “Flour was milled in the…” (the link's first passage)")
    );
    // On a highlight's own row, nothing more is said.
    apply(&mut s, NotesUp);
    apply(&mut s, CycleColour);
    assert!(
        message(&s).is_some_and(|m| !m.contains("link")),
        "{:?}",
        message(&s)
    );
}

/// An essay long enough to scroll at 120x40.
fn long() -> String {
    let mut text = String::from("|");
    for i in 0..80 {
        text.push_str(&format!("Paragraph number {i} is here.\n\n"));
    }
    text.trim_end().to_string()
}

#[test]
fn reopening_brings_back_the_view_and_the_focused_pane() {
    let mut s = state(&long());
    for _ in 0..60 {
        apply(&mut s, Move(Motion::LineDown));
    }
    // The view scrolled; the caret is no longer on the bottom row once it moves back up.
    for _ in 0..10 {
        apply(&mut s, Move(Motion::LineUp));
    }
    let (caret, top) = (s.panes[0].caret, s.panes[0].top);
    apply(&mut s, FocusNext);
    assert_eq!(s.focus, Focus::Notes);
    let reading = s.reading_state(SourceId(0));
    assert_eq!(reading.focus.as_deref(), Some("notes"));
    let mut again = AppState::new(
        std::mem::take(&mut s.docs),
        std::mem::take(&mut s.sources),
        &[reading],
    );
    again.apply(Action::Resize(SIZE.0, SIZE.1), stamp());
    assert_eq!((again.panes[0].caret, again.panes[0].top), (caret, top));
    assert_eq!(again.focus, Focus::Notes);
}

const MOVED: &str = "{|One here.} {Two there.}<moved> Three at last.";

#[test]
fn leaving_review_puts_back_the_filter_there_was() {
    let mut s = state(MOVED);
    apply(&mut s, FilterStart);
    apply_all(&mut s, typed("one", Filter));
    apply(&mut s, FilterDone);
    apply(&mut s, Review);
    assert_eq!(s.filter.text(), REVIEW);
    apply(&mut s, Review);
    assert_eq!(s.filter.text(), "one", "R again");
    apply(&mut s, Review);
    apply(&mut s, Back);
    assert_eq!(s.filter.text(), "one", "Esc");
    // Nothing left to review: back to the filter there was.
    apply(&mut s, Review);
    apply(&mut s, Accept);
    assert_eq!(message(&s), Some("accepted; nothing left to review"));
    assert_eq!(s.filter.text(), "one");
}

#[test]
fn leaving_review_with_no_filter_before_shows_every_note() {
    let mut s = state(MOVED);
    apply_all(&mut s, [Review, Accept]);
    assert_eq!(s.filter.text(), "");
    assert_eq!(notes(&s).len(), 2);
}
