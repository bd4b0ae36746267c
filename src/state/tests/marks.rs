//! The next and previous mark (`]h` … `[p`), the reader's marks (`m{a-z}` `'{a-z}`) and
//! the jump list (`Ctrl-o` `Ctrl-i`), with counts.

use super::motions::{long_essay, repeat};
use crate::action::{Action::*, MarkKind, Motion::*};
use crate::annotation::{Link as LinkRecord, Relation};
use crate::state::testkit::*;
use crate::state::{AppState, Focus};

/// Two highlights, one with a note; the first and the last a link's ends.
const MARKED: &str = "Tide Tables\n\nBy Ada Quill\n\n|The {harbour} keeps time. The {boats}<note: waiting> wait.\n\nThe {moon} keeps none.";

fn marked() -> AppState {
    let mut s = state(MARKED);
    let items = &s.sources[0].items;
    let (from, to) = (
        items[0].annotation.id.clone(),
        items[2].annotation.id.clone(),
    );
    s.source_mut(crate::state::SourceId(0))
        .links
        .push(LinkRecord {
            id: "l1".to_string().into(),
            from,
            to,
            relation: Relation::SeeAlso,
            note: None,
            other: None,
            created: now(),
            modified: now(),
            extra: Default::default(),
        });
    s
}

#[test]
fn next_and_previous_mark_by_kind() {
    let mut s = marked();
    let text = |s: &AppState| render(s);
    apply(&mut s, NextMark(MarkKind::Highlight));
    assert!(text(&s).contains("The {|harbour}"), "{}", text(&s));
    apply(&mut s, NextMark(MarkKind::Highlight));
    assert!(text(&s).contains("The {|boats"), "{}", text(&s));
    apply(&mut s, NextMark(MarkKind::Highlight));
    assert!(text(&s).contains("{|moon}"), "{}", text(&s));
    apply(&mut s, NextMark(MarkKind::Highlight));
    assert_eq!(message(&s), Some("no next highlight"));
    assert!(text(&s).contains("{|moon}"));
    apply(&mut s, PrevMark(MarkKind::Note));
    assert!(text(&s).contains("The {|boats"), "{}", text(&s));
    apply(&mut s, PrevMark(MarkKind::Note));
    assert_eq!(message(&s), Some("no previous note"));
    apply(&mut s, NextMark(MarkKind::Note));
    assert_eq!(message(&s), Some("no next note"));
    // Link ends: the first and the last highlight, not the note between.
    apply(&mut s, PrevMark(MarkKind::Link));
    assert!(text(&s).contains("The {|harbour}"), "{}", text(&s));
    apply(&mut s, NextMark(MarkKind::Link));
    assert!(text(&s).contains("{|moon}"), "{}", text(&s));
    apply(&mut s, NextMark(MarkKind::Link));
    assert_eq!(message(&s), Some("no next link"));
    // From inside a highlight, [h goes to its start; again, to the one before.
    apply(&mut s, Move(Right));
    apply(&mut s, PrevMark(MarkKind::Highlight));
    assert!(text(&s).contains("{|moon}"), "{}", text(&s));
}

#[test]
fn a_count_of_marks_stops_at_the_last() {
    let mut once = marked();
    let mut many = marked();
    repeat(&mut once, NextMark(MarkKind::Highlight), 3);
    let started = std::time::Instant::now();
    repeat(&mut many, NextMark(MarkKind::Highlight), 10_000);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(once.panes[0].caret, many.panes[0].caret);
    repeat(&mut many, PrevMark(MarkKind::Highlight), 2);
    assert!(render(&many).contains("The {|harbour}"));
}

/// Two essays with passages alike, for pairs.
const PAIRED: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nCarts of salt went slowly to the towns.\n\nNothing else was said.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths.\n\nSalt was carried inland on old roads by carts.\n\nThe carts of salt went to the towns slowly.";

#[test]
fn next_pair_goes_through_the_passages_the_pairs_list_shows() {
    let mut s = state(PAIRED);
    apply(&mut s, Pairs);
    let pairs = s.pairs().expect("the pairs list").pairs.clone();
    apply(&mut s, Back);
    let mut lefts: Vec<usize> = pairs.iter().map(|p| p.0.start()).collect();
    lefts.sort_unstable();
    lefts.dedup();
    assert!(lefts.len() >= 2, "{pairs:?}");
    let mut seen = Vec::new();
    for _ in 0..lefts.len() + 3 {
        apply(&mut s, NextMark(MarkKind::Pair));
        seen.push(s.panes[0].caret);
    }
    seen.dedup();
    let mut want = lefts.clone();
    want.retain(|&l| l > 26);
    assert_eq!(seen, want);
    assert_eq!(message(&s), Some("no next pair"));
    // In the right pane, the right passages.
    apply(&mut s, FocusNext);
    apply(&mut s, NextMark(MarkKind::Pair));
    let rights: Vec<usize> = pairs.iter().map(|p| p.1.start()).collect();
    assert!(rights.contains(&s.panes[1].caret));
    let mut one = state(MARKED);
    apply(&mut one, NextMark(MarkKind::Pair));
    assert_eq!(message(&one), Some("pairs need two essays side by side"));
}

#[test]
fn marks_are_set_and_gone_to_per_essay() {
    let mut s = state(THREE);
    apply(&mut s, Move(WordNext));
    let here = s.panes[0].caret;
    apply(&mut s, SetMark('a'));
    assert_eq!(message(&s), Some("mark a set"));
    apply(&mut s, Move(Bottom));
    apply(&mut s, GoToMark('a'));
    assert_eq!(s.panes[0].caret, here);
    apply(&mut s, GoToMark('b'));
    assert_eq!(message(&s), Some("mark b is not set in this essay"));
    // Another essay in the pane has marks of its own.
    apply(&mut s, NextEssay);
    apply(&mut s, GoToMark('a'));
    assert_eq!(message(&s), Some("mark a is not set in this essay"));
    apply(&mut s, SetMark('A'));
    assert_eq!(message(&s), Some("marks are the letters a to z"));
    apply(&mut s, PrevEssay);
    apply(&mut s, Move(Top));
    apply(&mut s, GoToMark('a'));
    assert_eq!(s.panes[0].caret, here);
}

const THREE: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland. Carts went slowly.\n\nThe towns waited.\n\n\nMaps Without Roads\n\nBy Lena Ortiz\n\n¦A map of a forest shows paths. Nobody walks them.\n\nThe paths fade.\n\n\nCounting Bells\n\nBy Ivo Marsh\n\nA ringer counts.";

#[test]
fn jumps_go_back_and_forward() {
    let mut s = state(THREE);
    apply(&mut s, Move(WordNext));
    let start = s.panes[0].caret;
    apply(&mut s, Move(Bottom));
    let bottom = s.panes[0].caret;
    // A plain motion is not a jump.
    apply(&mut s, Move(WordPrev));
    let before_back = s.panes[0].caret;
    apply(&mut s, JumpBack);
    assert_eq!(s.panes[0].caret, start);
    apply(&mut s, JumpBack);
    assert_eq!(message(&s), Some("no older jump"));
    assert_eq!(s.panes[0].caret, start);
    apply(&mut s, JumpForward);
    assert_eq!(s.panes[0].caret, before_back);
    assert_ne!(before_back, bottom);
    apply(&mut s, JumpForward);
    assert_eq!(message(&s), Some("no newer jump"));
}

#[test]
fn jumps_switch_pane_and_essay() {
    let mut s = state(THREE);
    let left = s.panes[0].caret;
    apply(&mut s, Move(Bottom));
    apply(&mut s, FocusNext);
    let right = s.panes[1].caret;
    apply(&mut s, Move(Bottom));
    // The right pane shows the third essay now.
    apply(&mut s, NextEssay);
    assert_ne!(s.panes[1].essay.0, 1);
    apply(&mut s, JumpBack);
    assert_eq!(s.focus, Focus::Pane(1));
    assert_eq!((s.panes[1].essay.0, s.panes[1].caret), (1, right));
    apply(&mut s, JumpBack);
    assert_eq!(s.focus, Focus::Pane(0));
    assert_eq!(s.panes[0].caret, left);
    apply(&mut s, JumpForward);
    assert_eq!(s.focus, Focus::Pane(1));
    assert_eq!(s.panes[1].caret, right);
}

#[test]
fn search_marks_and_next_marks_are_jumps() {
    let mut s = marked();
    apply(&mut s, SearchStart);
    for c in "moon".chars() {
        apply(&mut s, Search(crate::action::EditorInput::Char(c)));
    }
    apply(&mut s, SearchDone);
    assert!(render(&s).contains("{|moon}"));
    apply(&mut s, JumpBack);
    assert!(
        render(&s).starts_with("Tide Tables\n\nBy Ada Quill\n\n|The"),
        "{}",
        render(&s)
    );
    apply(&mut s, NextMark(MarkKind::Note));
    apply(&mut s, SetMark('q'));
    apply(&mut s, Move(Top));
    apply(&mut s, GoToMark('q'));
    // Back from the mark to the top it was gone to from, then to the note `g` left.
    apply(&mut s, JumpBack);
    assert!(render(&s).starts_with("|Tide"), "{}", render(&s));
    apply(&mut s, JumpBack);
    assert!(render(&s).contains("{|boats"), "{}", render(&s));
    apply(&mut s, JumpBack);
    assert!(render(&s).contains("|The {harbour}"), "{}", render(&s));
}

#[test]
fn the_jump_list_is_bounded() {
    let mut s = state(&long_essay());
    for i in 0..300 {
        apply(&mut s, if i % 2 == 0 { Move(Bottom) } else { Move(Top) });
    }
    let mut backs = 0;
    while backs < 1000 {
        apply(&mut s, JumpBack);
        if message(&s) == Some("no older jump") {
            break;
        }
        backs += 1;
    }
    assert_eq!(backs, crate::state::jumps::JUMPS - 1);
}

/// Types `keys` as the terminal sends them, through the key table.
fn type_keys(state: &mut AppState, keys: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in keys.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = crate::keymap::read(
            state.keymap(),
            state.pending_keys(),
            state.context(),
            &event,
        ) {
            apply(state, action);
        }
    }
}

#[test]
fn the_keys_reach_the_moves_with_counts() {
    let mut s = marked();
    type_keys(&mut s, "2]h");
    assert!(render(&s).contains("The {|boats}"), "{}", render(&s));
    type_keys(&mut s, "ma");
    assert_eq!(message(&s), Some("mark a set"));
    type_keys(&mut s, "G'a");
    assert!(render(&s).contains("The {|boats}"), "{}", render(&s));
    // A counted ]h is one jump: back once goes to where it started.
    type_keys(&mut s, "gg");
    type_keys(&mut s, "9]h");
    assert_eq!(message(&s), Some("no next highlight"));
    assert!(render(&s).contains("{|moon}"), "{}", render(&s));
    apply(&mut s, JumpBack);
    assert!(render(&s).starts_with("|Tide"), "{}", render(&s));
    // 0 is the start of the line; after a count's first digit, a digit.
    type_keys(&mut s, "]n$0");
    assert!(render(&s).contains("|The {harbour}"), "{}", render(&s));
    type_keys(&mut s, "10]h");
    assert!(render(&s).contains("{|moon}"), "{}", render(&s));
    type_keys(&mut s, "zzztzb");
    assert!(s.pending_keys().is_empty());
}

#[test]
fn a_jump_from_the_notes_goes_back_to_where_the_reader_was_not_to_a_preview() {
    let mut s = marked();
    apply(&mut s, Move(Bottom));
    apply(&mut s, Move(Right));
    let reading = s.panes[0].caret;
    assert!(render(&s).contains("T|he {moon}"), "{}", render(&s));
    while s.focus != Focus::Notes {
        apply(&mut s, FocusNext);
    }
    // Moving through the list shows each passage (the caret moves), then Enter jumps.
    apply(&mut s, NotesDown);
    apply(&mut s, NotesDown);
    apply(&mut s, NotesJump);
    assert_eq!(s.focus, Focus::Pane(0));
    assert_ne!(s.panes[0].caret, reading);
    apply(&mut s, JumpBack);
    assert_eq!(s.panes[0].caret, reading);
}
