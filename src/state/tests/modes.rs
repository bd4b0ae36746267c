//! The mode stack: Esc takes off the top overlay first; the key context and the status
//! label follow the top; the help, picker and pairs keys move only their own overlay.

use crate::action::Action::*;
use crate::annotation::Relation;
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{Effect, Focus, Mode};

const SIM: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nCarts of salt went slowly to the towns.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths.\n\nSalt was carried inland on old roads by carts.\n\nThe carts of salt went to the towns slowly.";

#[test]
fn help_opens_scrolls_and_closes() {
    let mut s = state("|One here.");
    apply(&mut s, Help);
    assert_eq!(modes(&s), [Mode::Help]);
    assert_eq!((s.context(), s.mode()), (Context::Help, "HELP"));
    assert_eq!(s.help(), Some(0));
    apply_all(&mut s, [HelpScroll(3), HelpScroll(2)]);
    assert_eq!(s.help(), Some(5));
    apply(&mut s, HelpScroll(-9));
    assert_eq!(s.help(), Some(0));
    apply(&mut s, Help);
    assert_eq!(s.help(), None);
    assert_eq!((s.context(), s.mode()), (Context::Essay, "READ"));
    // Esc closes it too; scrolling with no help shown does nothing.
    table(vec![
        row("|One here.", [Help, Back], "|One here.", Effect::None, None),
        row(
            "|One here.",
            [HelpScroll(4)],
            "|One here.",
            Effect::None,
            None,
        ),
    ]);
}

#[test]
fn esc_takes_off_the_top_overlay_first() {
    // A link being made, then a parallel passage looked up: Esc ends the parallel first.
    let mut s = state(SIM);
    apply(&mut s, Link);
    assert_eq!(s.focus, Focus::Pane(1));
    apply_all(
        &mut s,
        [Move(crate::action::Motion::ParagraphNext), Parallel],
    );
    assert_eq!(modes(&s), [Mode::Link, Mode::Parallel]);
    assert_eq!(s.mode(), "LINK");
    apply(&mut s, Back);
    assert_eq!(modes(&s), [Mode::Link]);
    assert_eq!(message(&s), Some("back from the parallel passage"));
    apply(&mut s, Back);
    assert!(modes(&s).is_empty());
    assert_eq!(message(&s), Some("link cancelled"));
    assert_eq!(s.mode(), "READ");
}

#[test]
fn the_key_context_and_label_follow_the_top_overlay() {
    let mut s = state(SIM);
    apply_all(&mut s, [Link, Link]);
    assert_eq!((s.context(), s.mode()), (Context::Picker, "LINK"));
    apply(&mut s, Help);
    assert_eq!(modes(&s), [Mode::Picker, Mode::Help]);
    assert_eq!((s.context(), s.mode()), (Context::Help, "HELP"));
    apply(&mut s, Back);
    assert_eq!((s.context(), s.mode()), (Context::Picker, "LINK"));
    // The pairs list has no label: the one beneath shows.
    let mut s = state(SIM);
    apply_all(&mut s, [ToggleSelect, Pairs]);
    assert_eq!((s.context(), s.mode()), (Context::PairList, "VISUAL"));
    // With no overlay: the focused pane decides.
    let mut s = state(SIM);
    apply(&mut s, FocusPrev);
    assert_eq!((s.context(), s.mode()), (Context::Notes, "READ"));
}

#[test]
fn help_picker_and_pairs_keys_move_only_their_own_overlay() {
    // The help over the picker: scrolling the help leaves the choice alone, and back.
    let mut s = state(SIM);
    apply_all(&mut s, [Link, Link, Help, HelpScroll(2)]);
    assert_eq!(s.help(), Some(2));
    assert_eq!(s.link_draft().map(|d| d.picking), Some(Relation::Supports));
    apply(&mut s, PickerMove(1));
    assert_eq!(
        s.link_draft().map(|d| d.picking),
        Some(Relation::Contradicts)
    );
    assert_eq!(s.help(), Some(2));
    // The help over the pairs list.
    let mut s = state(SIM);
    apply_all(&mut s, [Pairs, Help, HelpScroll(3), PairsMove(1)]);
    assert_eq!(s.help(), Some(3));
    assert_eq!(s.pairs().map(|p| p.selected), Some(1));
    // Moving the notes list touches none of them.
    let mut s = state("|{One.} {Two.}");
    apply_all(&mut s, [FocusNext, Help, NotesDown]);
    assert_eq!(s.help(), Some(0));
    assert_eq!(s.notes_selected, 1);
}

#[test]
fn esc_with_no_overlay_clears_the_selection_then_puts_the_search_away() {
    table(vec![
        row(
            "The [fir|s]t one.",
            [Back],
            "The fir|st one.",
            Effect::None,
            None,
        ),
        row(
            "The |first one.",
            [Back],
            "The |first one.",
            Effect::None,
            None,
        ),
    ]);
    let mut s = state("The |first one.");
    apply_all(
        &mut s,
        [
            SearchStart,
            Search(crate::action::EditorInput::Char('o')),
            SearchDone,
            ToggleSelect,
        ],
    );
    apply(&mut s, Back);
    assert!(s.search().is_some(), "the selection goes first");
    apply(&mut s, Back);
    assert!(s.search().is_none(), "then the search is put away");
    assert!(s.search.is_some(), "kept for n and N");
}

#[test]
fn one_overlay_of_a_kind_at_most() {
    let mut s = state(SIM);
    apply_all(&mut s, [Help, Pairs, Help, Help]);
    assert_eq!(modes(&s), [Mode::Pairs, Mode::Help]);
    apply_all(&mut s, [Back, Back]);
    assert!(modes(&s).is_empty());
    // Started again: the one there is replaced, and one Esc ends it.
    for (twice, mode) in [
        ([SearchStart, SearchStart], Mode::Search),
        ([FilterStart, FilterStart], Mode::Filter),
        ([Link, Link], Mode::Picker),
    ] {
        let mut s = state(SIM);
        apply_all(&mut s, twice.clone());
        assert_eq!(modes(&s), [mode], "{twice:?}");
        apply(&mut s, Back);
        assert!(modes(&s).is_empty(), "{twice:?}");
    }
    // A second help over the help, a second pairs list over the list: never.
    let mut s = state(SIM);
    apply_all(&mut s, [Pairs, Help, Pairs, Pairs]);
    assert_eq!(modes(&s), [Mode::Help, Mode::Pairs]);
}
