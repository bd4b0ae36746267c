//! The moves vim and less users expect: the screen line (`0` `^` `$`), the view (`H` `M`
//! `L`, `zz` `zt` `zb`, `Ctrl-e` `Ctrl-y`) and its scroll margin, the next and previous
//! mark (`]h` … `[p`), the reader's marks (`m{a-z}` `'{a-z}`) and the jump list
//! (`Ctrl-o` `Ctrl-i`). Counts repeat an action: each is tried many times over.

use crate::action::{Action::*, MarkKind, Motion::*, ScrollTo};
use crate::annotation::{Link as LinkRecord, Relation};
use crate::layout::LineKind;
use crate::state::testkit::*;
use crate::state::view::margin;
use crate::state::{AppState, Effect, Focus, top_pos};

/// One essay of many short paragraphs, long enough to scroll at any size.
fn long_essay() -> String {
    let mut text = String::from("Tide Tables\n\nBy Ada Quill\n\n|");
    for i in 0..60 {
        text.push_str(&format!(
            "Paragraph {i} opens here. The harbour keeps its own time and the boats wait.\n\n"
        ));
    }
    text.trim_end().to_string()
}

/// A wrapped paragraph: at a narrow width it takes several screen lines.
const WRAPPED: &str = "Tide Tables\n\nBy Ada Quill\n\nThe harbour keeps its own time; the boats wait for the |water and the water waits for the moon, which keeps no time at all.\n\nA second paragraph.";

/// The caret's screen row in the view of pane `p`.
fn row_of(s: &AppState, p: usize) -> usize {
    let flow = s.flow(p);
    let mut pos = top_pos(&flow, s.panes[p].top);
    let caret = flow.pos_of(s.panes[p].caret);
    let mut n = 0;
    while pos < caret {
        match flow.next(pos) {
            Some(next) => pos = next,
            None => break,
        }
        n += 1;
    }
    n
}

/// The text of the screen line the caret is on, and the caret's column in it.
fn caret_line(s: &AppState) -> (String, usize) {
    let flow = s.flow(0);
    let caret = s.panes[0].caret;
    let LineKind::Text { start, end } = flow.line(flow.pos_of(caret)) else {
        panic!("the caret is on a text line");
    };
    let block = &flow.essay.blocks[flow.pos_of(caret).block];
    let line: String = block
        .text
        .chars()
        .skip(start - block.start)
        .take(end - start)
        .collect();
    (line, caret - start)
}

/// Applies `action` `n` times, as a count does.
fn repeat(s: &mut AppState, action: crate::action::Action, n: usize) {
    for _ in 0..n {
        apply(s, action.clone());
    }
}

#[test]
fn line_start_first_non_blank_and_end_go_by_the_screen_line() {
    let mut s = state(WRAPPED);
    apply(&mut s, Resize(40, 20));
    let flow = s.flow(0);
    let row = flow.pos_of(s.panes[0].caret);
    assert!(
        row.row > 0,
        "the caret is on a wrapped line, not the paragraph's first"
    );
    let (line, _) = caret_line(&s);

    apply(&mut s, Move(LineStart));
    assert_eq!(
        s.flow(0).pos_of(s.panes[0].caret),
        row,
        "0 stays on the screen line"
    );
    assert_eq!(caret_line(&s).1, 0);
    // Not the start of the paragraph.
    assert_ne!(
        s.panes[0].caret,
        s.docs[s.panes[0].essay].essay.blocks[row.block].start
    );

    apply(&mut s, Move(LineEnd));
    let (_, col) = caret_line(&s);
    let last = line.trim_end().chars().count() - 1;
    assert_eq!(col, last, "$ goes to the last character drawn: {line:?}");

    apply(&mut s, Move(FirstNonBlank));
    assert_eq!(caret_line(&s).1, 0);
}

#[test]
fn line_motions_in_rows() {
    table(vec![
        row(
            "ab |cd ef",
            [Move(LineStart)],
            "|ab cd ef",
            Effect::None,
            None,
        ),
        row(
            "ab |cd ef",
            [Move(LineEnd)],
            "ab cd e|f",
            Effect::None,
            None,
        ),
        row(
            "ab |cd ef",
            [Move(FirstNonBlank)],
            "|ab cd ef",
            Effect::None,
            None,
        ),
        row(
            "東京 |に 雨。",
            [Move(LineEnd)],
            "東京 に 雨|。",
            Effect::None,
            None,
        ),
        row(
            "e\u{301}té |x",
            [Move(LineStart)],
            "|e\u{301}té x",
            Effect::None,
            None,
        ),
    ]);
}

#[test]
fn end_of_line_then_down_keeps_to_line_ends() {
    let mut s = state(WRAPPED);
    apply(&mut s, Resize(40, 20));
    apply(&mut s, Move(LineStart));
    apply(&mut s, Move(LineUp));
    apply(&mut s, Move(LineEnd));
    apply(&mut s, Move(LineDown));
    let (line, col) = caret_line(&s);
    assert!(
        col + 2 >= line.chars().count(),
        "after $ and j the caret is at the end of the line: {line:?} {col}"
    );
}

#[test]
fn line_motions_repeat_to_the_same_place() {
    for motion in [
        LineStart,
        FirstNonBlank,
        LineEnd,
        ScreenTop,
        ScreenMiddle,
        ScreenBottom,
    ] {
        let mut once = state(&long_essay());
        apply(&mut once, Resize(60, 20));
        repeat(&mut once, Move(PageDown), 3);
        let mut many = state(&long_essay());
        apply(&mut many, Resize(60, 20));
        repeat(&mut many, Move(PageDown), 3);
        apply(&mut once, Move(motion));
        repeat(&mut many, Move(motion), 10_000);
        assert_eq!(once.panes[0], many.panes[0], "{motion:?}");
    }
}

#[test]
fn screen_top_middle_and_bottom_keep_the_margin() {
    let mut s = state(&long_essay());
    apply(&mut s, Resize(60, 20));
    let view = s.viewport(0);
    let height = usize::from(view.height);
    let m = margin(view);
    assert_eq!(m, 2);
    // At the start of the essay, H goes to the very top.
    apply(&mut s, Move(ScreenBottom));
    assert!(
        row_of(&s, 0) >= height - 1 - m - 1,
        "L: row {}",
        row_of(&s, 0)
    );
    assert!(row_of(&s, 0) <= height - 1 - m);
    apply(&mut s, Move(ScreenTop));
    assert_eq!(
        row_of(&s, 0),
        0,
        "H at the start of the essay: the top line"
    );
    repeat(&mut s, Move(PageDown), 4);
    let top = s.panes[0].top;
    apply(&mut s, Move(ScreenTop));
    // The margin, or the text line just below it when that is a gap.
    assert!(
        (m..=m + 1).contains(&row_of(&s, 0)),
        "H: row {}",
        row_of(&s, 0)
    );
    apply(&mut s, Move(ScreenMiddle));
    let middle = (height - 1) / 2;
    assert!(
        (middle..=middle + 1).contains(&row_of(&s, 0)),
        "M: row {}",
        row_of(&s, 0)
    );
    apply(&mut s, Move(ScreenBottom));
    let bottom = height - 1 - m;
    assert!(
        (bottom - 1..=bottom).contains(&row_of(&s, 0)),
        "L: row {}",
        row_of(&s, 0)
    );
    assert_eq!(s.panes[0].top, top, "H, M and L do not scroll");
}

#[test]
fn scroll_to_middle_top_and_bottom_leave_the_caret() {
    let mut s = state(&long_essay());
    apply(&mut s, Resize(60, 20));
    repeat(&mut s, Move(ParagraphNext), 20);
    let caret = s.panes[0].caret;
    let view = s.viewport(0);
    let height = usize::from(view.height);
    let m = margin(view);
    apply(&mut s, Scroll(ScrollTo::Top));
    assert_eq!((s.panes[0].caret, row_of(&s, 0)), (caret, m), "zt");
    apply(&mut s, Scroll(ScrollTo::Middle));
    assert_eq!(
        (s.panes[0].caret, row_of(&s, 0)),
        (caret, (height - 1) / 2),
        "zz"
    );
    apply(&mut s, Scroll(ScrollTo::Bottom));
    assert_eq!(
        (s.panes[0].caret, row_of(&s, 0)),
        (caret, height - 1 - m),
        "zb"
    );
    // Near the start, zb cannot scroll above the first line.
    apply(&mut s, Move(Top));
    apply(&mut s, Scroll(ScrollTo::Bottom));
    assert_eq!((s.panes[0].top, row_of(&s, 0)), (0, 0));
    // At the end, zt puts the last line at the top but for the margin.
    apply(&mut s, Move(Bottom));
    apply(&mut s, Scroll(ScrollTo::Top));
    assert_eq!(row_of(&s, 0), m);
}

#[test]
fn scroll_a_line_keeps_the_caret_in_view_and_off_the_edge() {
    let mut s = state(&long_essay());
    apply(&mut s, Resize(60, 20));
    let view = s.viewport(0);
    let m = margin(view);
    apply(&mut s, Move(Top));
    apply(&mut s, Scroll(ScrollTo::LineDown));
    let flow = s.flow(0);
    assert_eq!(
        top_pos(&flow, s.panes[0].top).row,
        1,
        "the view went down a line"
    );
    // The caret was on the first line: it comes down to stay off the top edge (to the
    // first text line past the margin).
    assert!(
        (m..=m + 1).contains(&row_of(&s, 0)),
        "row {}",
        row_of(&s, 0)
    );
    assert_ne!(s.panes[0].caret, 0);
    apply(&mut s, Scroll(ScrollTo::LineUp));
    assert_eq!(s.panes[0].top, 0);
    // The caret stays where it is while the view allows.
    let caret = s.panes[0].caret;
    apply(&mut s, Scroll(ScrollTo::LineDown));
    assert_eq!(s.panes[0].caret, caret);
    // A count of 10000 ends at the end of the essay and does not hang.
    let started = std::time::Instant::now();
    repeat(&mut s, Scroll(ScrollTo::LineDown), 10_000);
    assert!(started.elapsed().as_secs() < 5);
    let flow = s.flow(0);
    assert_eq!(flow.pos_of(s.panes[0].caret), flow.last());
    let top = top_pos(&flow, s.panes[0].top);
    assert_eq!(
        row_of(&s, 0),
        m,
        "at the end the caret stays off the top edge: {top:?} {:?}",
        flow.last()
    );
    repeat(&mut s, Scroll(ScrollTo::LineUp), 10_000);
    assert_eq!(s.panes[0].top, 0);
    assert!(row_of(&s, 0) <= usize::from(view.height) - 1 - m);
}

#[test]
fn the_caret_never_sits_on_the_edge_while_the_essay_goes_on() {
    for (width, height) in [(200, 50), (80, 24), (40, 10), (60, 20)] {
        let mut s = state(&long_essay());
        apply(&mut s, Resize(width, height));
        let view = s.viewport(0);
        let rows = usize::from(view.height);
        let m = margin(view);
        if rows >= 7 {
            assert_eq!(m, 2, "{width}x{height}: {rows} rows keep two lines");
        }
        let last = {
            let flow = s.flow(0);
            flow.last()
        };
        for _ in 0..400 {
            apply(&mut s, Move(LineDown));
            let flow = s.flow(0);
            let below = flow.advance(flow.pos_of(s.panes[0].caret), m as isize);
            if below != last {
                assert!(
                    row_of(&s, 0) + m < rows,
                    "{width}x{height} row {}",
                    row_of(&s, 0)
                );
            }
        }
        assert_eq!(
            s.flow(0).pos_of(s.panes[0].caret),
            last,
            "j reaches the end"
        );
        for _ in 0..400 {
            apply(&mut s, Move(LineUp));
            if s.panes[0].top > 0 {
                assert!(row_of(&s, 0) >= m, "{width}x{height} row {}", row_of(&s, 0));
            }
        }
        assert_eq!(s.panes[0].top, 0);
    }
}

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
