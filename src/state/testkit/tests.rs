//! The kit's own tests: markup read and written back, marks on their offsets.

use super::*;
use crate::action::Motion;
use crate::anchor::Placement;
use crate::annotation::Colour;
use crate::range::TextRange;
use crate::state::{DocId, Focus, SourceId};

const TWO: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was |carried inland. Carts went slowly.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\nA map of a ¦forest shows paths. Nobody walks them.";

#[track_caller]
fn round_trip(markup: &str) {
    assert_eq!(render(&state(markup)), markup);
}

#[test]
fn markup_reads_back_unchanged() {
    round_trip("The |first sentence. The second one.");
    round_trip("|The first sentence.\n\nA second paragraph.");
    round_trip("The [first |s]entence.");
    round_trip("The [|first s]entence.");
    round_trip("The {|first} sentence. {The second one.}<green, note: a remark>");
    round_trip("{The {first} sentence.}<moved> The |second one.");
    round_trip("One {{two} three}<pink> [four {fi|v]}e.");
    round_trip("Ledgers\n\nBy A Writer\n\nThe first sentence is |here.");
    round_trip(TWO);
    round_trip("An escaped \\| bar and \\{brace\\} and \\[bracket\\] and \\\\ |here.");
}

#[test]
fn marks_land_on_their_offsets() {
    let s = state("The [first |s]entence. {The second one.}<blue, note: why #tag>");
    let pane = &s.panes[0];
    assert_eq!((pane.caret, pane.anchor), (10, Some(4)));
    assert_eq!(s.focus, Focus::Pane(0));
    let it = &s.sources[0].items[0];
    assert_eq!(
        it.placement,
        Placement::Exact(TextRange::new(20, 35).unwrap())
    );
    assert_eq!(it.annotation.anchor.quote, "The second one.");
    assert_eq!(it.annotation.colour, Colour::Blue);
    assert_eq!(it.annotation.note.as_deref(), Some("why #tag"));
    assert_eq!(it.annotation.tags, vec!["tag".to_string()]);
}

#[test]
fn two_essays_fill_two_panes_and_the_bar_marks_focus() {
    let s = state(TWO);
    assert_eq!(s.panes.len(), 2);
    assert_eq!((s.panes[0].essay, s.panes[1].essay), (DocId(0), DocId(1)));
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(s.docs[0].essay.title, "Salt Roads");
    assert_eq!(
        s.panes[1].caret,
        s.docs[1].essay.text().find("forest").unwrap()
    );
    let focus_second: String = TWO
        .chars()
        .map(|c| match c {
            '|' => '¦',
            '¦' => '|',
            c => c,
        })
        .collect();
    let s = state(&focus_second);
    assert_eq!(s.focus, Focus::Pane(1));
    assert_eq!(render(&s), focus_second);
}

#[test]
fn after_applies_one_action() {
    assert_eq!(
        after("The |first sentence.", Action::Move(Motion::WordNext)),
        "The first |sentence."
    );
}

#[test]
fn notes_and_links_read_as_lines() {
    let s = state("|{One.} {Two.}<note: why>");
    assert_eq!(notes(&s), vec!["> One.", "  Two. — why"]);
    assert!(links(&s).is_empty());
}

#[test]
#[should_panic(expected = "`}` without `{`")]
fn a_stray_closing_brace_is_refused() {
    state("The |first} sentence.");
}

#[test]
fn two_files_make_two_sources_each_read_back_on_its_own() {
    let s = state_of(&["Salt was |carried inland.", "A map of a ¦{forest}."]);
    assert_eq!(s.sources.len(), 2);
    assert_eq!(
        (s.docs[0].source, s.docs[1].source),
        (SourceId(0), SourceId(1))
    );
    assert_eq!(render(&s), "Salt was |carried inland.");
    assert_eq!(render_source(&s, SourceId(1)), "A map of a {¦forest}.");
    assert_eq!(s.sources[1].items.len(), 1);
    let area = s.screen.area;
    assert_eq!((area.width, area.height), SIZE);
}
