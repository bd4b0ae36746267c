//! The help: paging stops at its ends (in the state, not only when drawn), and a search
//! in it goes from line to line; Esc leaves the search, then the help.

use crate::action::Action::*;
use crate::action::EditorInput;
use crate::keymap::Context;
use crate::state::testkit::*;
use crate::state::{AppState, Mode};

fn help_at(width: u16, height: u16) -> AppState {
    let mut s = state("|One here.");
    apply_all(&mut s, [Resize(width, height), Help]);
    s
}

#[test]
fn scrolling_stops_at_the_ends_so_going_back_moves_at_once() {
    let mut s = help_at(80, 24);
    let max = s.help_page().max_scroll();
    assert!(max > 20, "the help is longer than a screen: {max}");
    apply_all(&mut s, (0..max + 150).map(|_| HelpScroll(1)));
    assert_eq!(s.help(), Some(max));
    apply_all(&mut s, (0..61).map(|_| HelpScroll(-1)));
    assert_eq!(s.help(), Some(max.saturating_sub(61)));
    apply(&mut s, HelpScroll(isize::MAX));
    assert_eq!(s.help(), Some(max));
    apply(&mut s, HelpScroll(isize::MIN));
    assert_eq!(s.help(), Some(0));
}

#[test]
fn pages_go_a_screen_or_half_of_one_and_stop_at_the_ends() {
    let mut s = help_at(80, 24);
    let rows = s.help_page().rows();
    let max = s.help_page().max_scroll();
    apply(&mut s, HelpPage(2));
    assert_eq!(s.help(), Some(rows - 1));
    apply(&mut s, HelpPage(-1));
    assert_eq!(s.help(), Some(rows - 1 - rows / 2));
    apply(&mut s, HelpPage(-2));
    assert_eq!(s.help(), Some(0));
    apply_all(&mut s, (0..40).map(|_| HelpPage(2)));
    assert_eq!(s.help(), Some(max));
    // A help that fits does not scroll.
    let mut big = help_at(200, 250);
    assert_eq!(big.help_page().max_scroll(), 0);
    apply(&mut big, HelpPage(2));
    assert_eq!(big.help(), Some(0));
}

#[test]
fn the_scroll_keeps_within_the_help_when_the_screen_grows() {
    let mut s = help_at(80, 24);
    apply(&mut s, HelpScroll(isize::MAX));
    apply(&mut s, Resize(200, 50));
    apply(&mut s, HelpScroll(-1));
    let max = s.help_page().max_scroll();
    assert_eq!(s.help(), Some(max.saturating_sub(1)));
}

#[test]
fn a_search_jumps_to_matching_lines_and_n_goes_on() {
    let mut s = help_at(80, 24);
    apply(&mut s, HelpFindStart);
    assert_eq!(modes(&s), [Mode::HelpFind]);
    assert_eq!((s.context(), s.mode()), (Context::HelpSearch, "HELP"));
    for c in "relation".chars() {
        apply(&mut s, HelpFind(EditorInput::Char(c)));
    }
    let page = s.help_page();
    let matches = page.matches("relation");
    assert!(matches.len() >= 2, "{matches:?}");
    let view = s.help_view().unwrap().clone();
    assert_eq!(view.current, Some(matches[0]));
    let first_scroll = view.scroll;
    assert!(usize::from(first_scroll) <= matches[0]);
    apply(&mut s, HelpFindDone);
    assert_eq!(s.context(), Context::Help);
    apply(&mut s, HelpFindNext(1));
    assert_eq!(s.help_view().unwrap().current, Some(matches[1]));
    apply(&mut s, HelpFindNext(-1));
    apply(&mut s, HelpFindNext(-1));
    // Back round to the last.
    assert_eq!(s.help_view().unwrap().current, matches.last().copied());
    // Esc leaves the search, then the help.
    apply(&mut s, Back);
    assert_eq!(modes(&s), [Mode::Help]);
    assert!(s.help_view().unwrap().query.is_empty());
    apply(&mut s, Back);
    assert_eq!(modes(&s), []);
}

#[test]
fn esc_while_typing_the_search_leaves_it() {
    let mut s = help_at(80, 24);
    apply_all(
        &mut s,
        [HelpFindStart, HelpFind(EditorInput::Char('q')), Back],
    );
    assert_eq!(modes(&s), [Mode::Help]);
    assert_eq!(s.help_view().unwrap().current, None);
    // Nothing matching: the scroll stays.
    apply_all(&mut s, [HelpScroll(3), HelpFindStart]);
    for c in "qxjqv".chars() {
        apply(&mut s, HelpFind(EditorInput::Char(c)));
    }
    assert_eq!(s.help(), Some(3));
    assert_eq!(s.help_view().unwrap().current, None);
}
