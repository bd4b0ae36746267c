//! The alignment view: opening, stepping through pairs, opening both essays at a row, and
//! locked scrolling by the alignment.

use crate::action::Action::*;
use crate::action::ScrollTo;
use crate::keymap::Context;
use crate::similar::align::Row;
use crate::state::testkit::*;
use crate::state::{AppState, Effect, Focus, Mode};

/// Two essays of one file: the second takes the first's points in another order (the
/// harbour moved from the start to the end), each has a paragraph of its own.
const REORDERED: &str = include_str!("../../../tests/fixtures/reordered.txt");

fn opened() -> AppState {
    let mut s = state(&format!("|{REORDERED}"));
    apply(&mut s, AlignmentView);
    s
}

/// The view's rows as (left ¶, right ¶) paragraph numbers.
fn numbered(s: &AppState) -> Vec<(Option<usize>, Option<usize>)> {
    let view = s.alignment_view().expect("the view is open");
    let rows: &[Row] = &view.alignment.as_ref().expect("aligned").rows;
    let (a, b) = (&s.docs[view.docs.0].essay, &s.docs[view.docs.1].essay);
    rows.iter()
        .map(|r| {
            (
                r.left.and_then(|x| a.paragraph_number(x)),
                r.right.and_then(|y| b.paragraph_number(y)),
            )
        })
        .collect()
}

fn selected(s: &AppState) -> usize {
    s.alignment_view().map_or(usize::MAX, |v| v.selected)
}

#[test]
fn the_view_sets_the_paragraphs_against_each_other() {
    let s = opened();
    assert_eq!(modes(&s), [Mode::Alignment]);
    assert_eq!(s.context(), Context::Alignment);
    assert_eq!(s.mode(), "ALIGN");
    assert_eq!(
        numbered(&s),
        [
            (Some(1), Some(4)),
            (Some(2), Some(1)),
            (Some(3), Some(2)),
            (None, Some(3)),
            (Some(4), None),
        ]
    );
    let rows = &s
        .alignment_view()
        .and_then(|v| v.alignment.clone())
        .expect("rows")
        .rows;
    assert!(rows[0].moved && !rows[1].moved);
}

#[test]
fn pairs_are_stepped_through_and_the_view_closes() {
    let mut s = opened();
    assert_eq!(selected(&s), 0);
    apply(&mut s, AlignmentStep(1));
    assert_eq!(selected(&s), 1);
    apply(&mut s, AlignmentStep(1));
    assert_eq!(selected(&s), 2);
    // The last pair: rows 3 and 4 stand alone.
    apply(&mut s, AlignmentStep(1));
    assert_eq!(selected(&s), 2);
    assert_eq!(message(&s), Some("no pair past this one: it is the last"));
    apply(&mut s, AlignmentMove(1));
    assert_eq!(selected(&s), 3);
    apply(&mut s, AlignmentStep(-1));
    assert_eq!(selected(&s), 2);
    apply_all(
        &mut s,
        [AlignmentMove(isize::MAX), AlignmentMove(isize::MIN)],
    );
    assert_eq!(selected(&s), 0);
    apply(&mut s, AlignmentStep(-1));
    assert_eq!(message(&s), Some("no pair past this one: it is the first"));
    apply(&mut s, Back);
    assert!(modes(&s).is_empty());
    let mut s = opened();
    apply(&mut s, AlignmentView);
    assert!(modes(&s).is_empty(), "A again closes it");
    table(vec![row(
        "|One here.",
        [AlignmentView],
        "|One here.",
        Effect::None,
        Some("the alignment view needs two essays side by side"),
    )]);
}

#[test]
fn enter_opens_both_essays_at_the_row() {
    let mut s = opened();
    apply(&mut s, AlignmentOpen);
    assert!(modes(&s).is_empty());
    assert_eq!(s.focus, Focus::Pane(0));
    let (a, b) = (
        &s.docs[s.panes[0].essay].essay,
        &s.docs[s.panes[1].essay].essay,
    );
    let harbour = a
        .text()
        .find("The old harbour")
        .map(|i| a.text()[..i].chars().count());
    let again = b
        .text()
        .find("When the river")
        .map(|i| b.text()[..i].chars().count());
    assert_eq!(Some(s.panes[0].caret), harbour);
    assert_eq!(Some(s.panes[1].caret), again);
    // A row with one side moves only that side.
    let mut s = opened();
    let before = s.panes[0].caret;
    apply_all(&mut s, [AlignmentMove(3), AlignmentOpen]);
    assert_eq!(s.panes[0].caret, before);
    assert_eq!(s.focus, Focus::Pane(1));
    let b = &s.docs[s.panes[1].essay].essay;
    assert_eq!(b.block_at(s.panes[1].caret), b.blocks.len() - 2);
}

#[test]
fn a_link_forces_a_pair_in_the_view() {
    // Link the left's lighthouse paragraph with the right's tax rolls.
    let text = REORDERED
        .replace("Nobody can say", "|Nobody can say")
        .replace("Tax rolls", "¦Tax rolls");
    let mut s = state(&text);
    apply_all(&mut s, [Link, Link, PickRelation(None), EditorClose]);
    assert_eq!(links(&s).len(), 1, "{:?}", message(&s));
    apply(&mut s, AlignmentView);
    assert!(
        numbered(&s).contains(&(Some(4), Some(3))),
        "{:?}",
        numbered(&s)
    );
    let view = s
        .alignment_view()
        .and_then(|v| v.alignment.clone())
        .expect("rows");
    assert!(view.rows.iter().any(|r| r.linked));
}

#[test]
fn big_essays_are_aligned_off_the_key_path() {
    // One long sentence each: big, but quick to score.
    let long = |topic: &str| format!("{topic} ").repeat(crate::state::alignment::ALIGN_NOW / 40);
    let text = format!(
        "|One\n\nBy A\n\n{}\n\n\nTwo\n\nBy B\n\n{}",
        long("salt was carried inland on old roads"),
        long("old roads carried salt inland slowly")
    );
    let mut s = state(&text);
    let effect = apply(&mut s, AlignmentView);
    let Effect::Align(job) = effect else {
        panic!("no job: {effect:?}");
    };
    assert_eq!(modes(&s), [Mode::Alignment]);
    assert!(s.alignment_view().is_some_and(|v| v.alignment.is_none()));
    assert_eq!(message(&s), Some("aligning the essays…"));
    // Keys still work meanwhile; the view closes and opens again without a second job.
    apply(&mut s, AlignmentStep(1));
    apply(&mut s, Back);
    assert_eq!(apply(&mut s, AlignmentView), Effect::None);
    apply(&mut s, Aligned(job.run()));
    let view = s.alignment_view().expect("open");
    assert_eq!(view.alignment.as_ref().map(|a| a.pair_count()), Some(1));
}

#[test]
fn locked_scrolling_follows_the_alignment() {
    let mut s = state(&format!("|{REORDERED}"));
    apply(&mut s, Resize(60, 14));
    apply(&mut s, ToggleLock);
    let (a, b) = (s.panes[0].essay, s.panes[1].essay);
    let top_block = |s: &AppState, p: usize| {
        let flow = s.flow(p);
        crate::state::top_pos(&flow, s.panes[p].top).block
    };
    // The harbour paragraph at the top of the left: the right shows its own harbour
    // paragraph, its last, though the order of the essays says otherwise.
    let harbour = s.docs[a]
        .essay
        .blocks
        .iter()
        .position(|x| x.text.starts_with("The old harbour"));
    let again = s.docs[b]
        .essay
        .blocks
        .iter()
        .position(|x| x.text.starts_with("When the river"));
    let bells = s.docs[a]
        .essay
        .blocks
        .iter()
        .position(|x| x.text.starts_with("Every parish"));
    let first = s.docs[b]
        .essay
        .blocks
        .iter()
        .position(|x| x.text.starts_with("A traveller"));
    let (mut seen_harbour, mut seen_bells) = (false, false);
    for _ in 0..80 {
        apply(&mut s, Scroll(ScrollTo::LineDown));
        if Some(top_block(&s, 0)) == harbour {
            assert_eq!(Some(top_block(&s, 1)), again);
            seen_harbour = true;
        }
        // Further down, the bells paragraph: the right goes back up to its first.
        if Some(top_block(&s, 0)) == bells {
            assert_eq!(Some(top_block(&s, 1)), first);
            seen_bells = true;
        }
    }
    assert!(
        seen_harbour && seen_bells,
        "both paragraphs reached the top"
    );
}
