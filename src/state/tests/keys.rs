//! Keys as typed: a count repeats a motion, a sequence waits for its last key, `Esc` drops
//! what waits, and a key bound to nothing says so.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Action::*, Motion::*};
use crate::keymap;
use crate::state::AppState;
use crate::state::testkit::*;

/// Types `keys` (plain characters; `\u{1b}` is Esc) as the shell would.
fn type_keys(state: &mut AppState, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\u{1b}' => KeyCode::Esc,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = keymap::read(
            state.keymap(),
            state.pending_keys(),
            state.context(),
            &event,
        ) {
            apply(state, action);
        }
    }
}

const WORDS: &str = "|one two three four five six seven eight nine ten.";

#[test]
fn a_count_repeats_a_motion() {
    let mut s = state(WORDS);
    type_keys(&mut s, "3w");
    assert_eq!(
        render(&s),
        "one two three |four five six seven eight nine ten."
    );
    type_keys(&mut s, "2b");
    assert_eq!(
        render(&s),
        "one |two three four five six seven eight nine ten."
    );
    // The same through the action itself.
    let mut t = state(WORDS);
    apply(&mut t, Repeat(3, Box::new(Move(WordNext))));
    assert_eq!(
        render(&t),
        render(&state("one two three |four five six seven eight nine ten."))
    );
}

#[test]
fn a_count_waits_on_the_status_line_and_a_huge_one_stops_at_the_end() {
    let mut s = state(WORDS);
    type_keys(&mut s, "12");
    assert_eq!(s.pending_keys().label(), "12");
    type_keys(&mut s, "0");
    assert_eq!(s.pending_keys().label(), "120");
    type_keys(&mut s, "w");
    assert!(s.pending_keys().is_empty());
    assert_eq!(
        render(&s),
        "one two three four five six seven eight nine ten|."
    );
    // The largest count ends at the end of the essay, at once.
    let mut t = state(WORDS);
    type_keys(&mut t, "9999999999w");
    assert_eq!(render(&t), render(&s));
}

#[test]
fn esc_drops_a_count_and_does_nothing_else() {
    let mut s = state("One [here|.] Two there.");
    type_keys(&mut s, "3\u{1b}");
    assert!(s.pending_keys().is_empty());
    // The selection is still there: Esc only dropped the count.
    assert_eq!(render(&s), "One [here|.] Two there.");
    type_keys(&mut s, "w");
    assert_eq!(render(&s), "One [here. |T]wo there.");
}

#[test]
fn a_sequence_waits_for_its_last_key() {
    let mut s =
        state("First\n\nBy A\n\n|One.\n\n\nSecond\n\nBy B\n\n¦Two.\n\n\nThird\n\nBy C\n\nThree.");
    let first = s.panes()[0].essay;
    type_keys(&mut s, "]");
    assert_eq!(s.pending_keys().label(), "]");
    assert_eq!(s.panes()[0].essay, first);
    type_keys(&mut s, "]");
    assert!(s.pending_keys().is_empty());
    assert_ne!(s.panes()[0].essay, first);
    // A sequence that goes nowhere says so, and leaves nothing waiting.
    type_keys(&mut s, "]x");
    assert!(s.pending_keys().is_empty());
    assert_eq!(message(&s), Some("]x is not a key here (?: the keys)"));
}

#[test]
fn a_key_bound_to_nothing_says_so_briefly() {
    let mut s = state(WORDS);
    type_keys(&mut s, "Q");
    assert_eq!(message(&s), Some("Q is not a key here (?: the keys)"));
    // The next key clears it.
    type_keys(&mut s, "w");
    assert_eq!(message(&s), None);
}

#[test]
fn zero_is_a_key_of_its_own_until_a_count_starts() {
    let mut s = state(WORDS);
    type_keys(&mut s, "0");
    // Not a count: nothing waits (and 0 is no key yet, so it says so).
    assert!(s.pending_keys().is_empty());
    type_keys(&mut s, "10");
    assert_eq!(s.pending_keys().label(), "10");
}

#[test]
fn a_count_does_not_repeat_what_it_should_not() {
    let mut s = state("One |here. Two there.");
    let action = keymap::read(
        s.keymap(),
        &pending("3"),
        s.context(),
        &KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    assert_eq!(action, Some(Highlight));
    apply(&mut s, Highlight);
    assert_eq!(render(&s), "{One |here.} Two there.");
}

/// What typing `digits` leaves waiting.
fn pending(digits: &str) -> keymap::Pending {
    let mut s = state(WORDS);
    type_keys(&mut s, digits);
    s.pending_keys().clone()
}

#[test]
fn the_notes_list_takes_counts_too() {
    let mut s = state("{One} {two} {three} {four} |five.");
    while s.focus() != crate::state::Focus::Notes {
        apply(&mut s, FocusNext);
    }
    type_keys(&mut s, "2j");
    assert_eq!(s.notes_selected(), 2);
    let _ = Action::Pending(Default::default());
    let _ = UnknownKey(String::new());
}
