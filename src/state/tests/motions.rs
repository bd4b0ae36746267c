//! The moves vim and less users expect: the screen line (`0` `^` `$`), the view (`H` `M`
//! `L`, `zz` `zt` `zb`, `Ctrl-e` `Ctrl-y`) and its scroll margin. Counts repeat an action:
//! each is tried many times over. Marks and jumps are in `marks.rs`.

use crate::action::{Action::*, Motion::*, ScrollTo};
use crate::layout::LineKind;
use crate::state::testkit::*;
use crate::state::view::margin;
use crate::state::{AppState, Effect, top_pos};

/// One essay of many short paragraphs, long enough to scroll at any size.
pub(super) fn long_essay() -> String {
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
pub(super) fn repeat(s: &mut AppState, action: crate::action::Action, n: usize) {
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
fn a_count_before_the_end_of_line_goes_to_the_end_of_a_later_line() {
    let start = |s: &mut AppState| {
        apply(s, Resize(40, 20));
        apply(s, Move(LineStart));
        apply(s, Move(LineUp));
    };
    let mut counted = state(WRAPPED);
    start(&mut counted);
    let before = counted.panes[0].caret;
    apply(&mut counted, Repeat(2, Box::new(Move(LineEnd))));
    // As vim's `2$`: the end of the next line, as `$` then `j` gives it.
    let mut by_hand = state(WRAPPED);
    start(&mut by_hand);
    apply_all(&mut by_hand, [Move(LineEnd), Move(LineDown)]);
    assert_eq!(counted.panes[0].caret, by_hand.panes[0].caret);
    let mut once = state(WRAPPED);
    start(&mut once);
    apply(&mut once, Move(LineEnd));
    assert_ne!(
        counted.panes[0].caret, once.panes[0].caret,
        "a line further than `$`"
    );
    assert!(counted.panes[0].caret > before);
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
