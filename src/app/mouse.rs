//! The mouse: which part of the screen a gesture lands on, turned into an action.
//!
//! Hit-testing belongs to the shell: it reads the screen layout and the text flow of the
//! state, and hands `apply` an action in the reader's terms (this pane, this offset, this
//! notes item), never a screen cell.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, Mouse};
use crate::state::AppState;
use crate::ui;

/// Lines a pane scrolls per turn of the wheel.
const WHEEL_LINES: isize = 3;

/// The longest pause between two presses of a double or triple click.
pub const CLICK_TIME: Duration = Duration::from_millis(400);

/// Counts the presses of a click series: a press on the same cell as the last one, within
/// [`CLICK_TIME`] of it, is the next click of the series (1, 2, 3, then 1 again); any other
/// press starts a new series. The shell keeps one and asks it on every left press; the
/// state only ever hears "one click", "two clicks" or "three".
///
/// Example: presses at (5, 2) at 0 ms, 200 ms, 350 ms, 500 ms count 1, 2, 3, 1; a press at
/// (6, 2) or one 400 ms after the last counts 1.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clicks {
    /// When and where the last press was, and its count.
    last: Option<(Instant, u16, u16, u8)>,
}

impl Clicks {
    /// Takes in a press at (`column`, `row`) at `now`; returns its count in the series.
    pub fn press(&mut self, now: Instant, column: u16, row: u16) -> u8 {
        let count = match self.last {
            Some((at, c, r, n))
                if (c, r) == (column, row)
                    && now.saturating_duration_since(at) < CLICK_TIME
                    && n < 3 =>
            {
                n + 1
            }
            _ => 1,
        };
        self.last = Some((now, column, row, count));
        count
    }
}

/// The action of mouse gesture `kind` at (`column`, `row`), if it means anything there:
/// a single press.
pub fn action(state: &AppState, kind: MouseEventKind, column: u16, row: u16) -> Option<Action> {
    action_clicked(state, kind, column, row, 1)
}

/// [`action`], for a left press that is click `clicks` of a series (see [`Clicks`]): the
/// second on essay text selects a word, the third a sentence.
pub fn action_clicked(
    state: &AppState,
    kind: MouseEventKind,
    column: u16,
    row: u16,
    clicks: u8,
) -> Option<Action> {
    let at = Position::new(column, row);
    let screen = state.screen();
    let pane = (0..state.panes().len()).find(|&p| screen.pane_area(p).contains(at));
    let on_notes = screen.notes.is_some_and(|a| a.contains(at));
    let mouse = match kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = kind == MouseEventKind::ScrollDown;
            if let Some(pane) = pane {
                let lines = if down { WHEEL_LINES } else { -WHEEL_LINES };
                Mouse::ScrollPane { pane, lines }
            } else if on_notes {
                let lines = if down { WHEEL_LINES } else { -WHEEL_LINES };
                let (item, row) = ui::notes_scrolled(state, lines)?;
                Mouse::ScrollNotes { item, row }
            } else {
                return None;
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(pane) = pane
                && clicks >= 2
                && let Some(at) = offset_at(state, pane, at)
            {
                if clicks == 2 {
                    Mouse::SelectWord { pane, at }
                } else {
                    Mouse::SelectSentence { pane, at }
                }
            } else if let Some(pane) = pane {
                Mouse::PressPane {
                    pane,
                    at: offset_at(state, pane, at),
                }
            } else if on_notes {
                // Two clicks on an item jump to its passage; a third is a press again.
                let item = ui::notes_item_at(state, row);
                if clicks == 2 {
                    Mouse::DoubleNotes { item }
                } else {
                    Mouse::PressNotes { item }
                }
            } else {
                Mouse::PressElsewhere
            }
        }
        MouseEventKind::Drag(MouseButton::Left) => {
            let pane = state.drag_pane()?;
            let area = screen.text_area(pane);
            if area.is_empty() {
                // The window shrank under the drag: no cell to extend to.
                return None;
            }
            let column = clamp_into(area, at).x - area.x;
            if row < area.y {
                let past = (area.y - row) as isize;
                Mouse::DragPast {
                    lines: -past.min(WHEEL_LINES),
                    column,
                }
            } else if row >= area.bottom() {
                let past = (row - area.bottom()) as isize + 1;
                Mouse::DragPast {
                    lines: past.min(WHEEL_LINES),
                    column,
                }
            } else {
                Mouse::DragTo {
                    at: offset_at(state, pane, clamp_into(area, at))?,
                }
            }
        }
        _ => return None,
    };
    Some(Action::Mouse(mouse))
}

/// The text offset of pane `p` drawn at cell `at`, if `at` is on its text.
fn offset_at(state: &AppState, p: usize, at: Position) -> Option<usize> {
    let area = state.screen().text_area(p);
    if !area.contains(at) {
        return None;
    }
    let flow = state.flow(p);
    Some(state.panes()[p].offset_at(&flow, at.y - area.y, at.x - area.x))
}

/// The cell of `area` nearest to `at` (`area` not empty): a drag past the text's edge
/// extends to the edge.
fn clamp_into(area: Rect, at: Position) -> Position {
    Position::new(
        at.x.clamp(area.x, area.right().saturating_sub(1)),
        at.y.clamp(area.y, area.bottom().saturating_sub(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presses_on_one_cell_in_quick_succession_count_up_to_three() {
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut clicks = Clicks::default();
        assert_eq!(clicks.press(ms(0), 5, 2), 1);
        assert_eq!(clicks.press(ms(200), 5, 2), 2);
        assert_eq!(clicks.press(ms(350), 5, 2), 3);
        // A fourth starts again.
        assert_eq!(clicks.press(ms(500), 5, 2), 1);
        // Another cell starts again.
        assert_eq!(clicks.press(ms(600), 6, 2), 1);
        // Too slow starts again.
        assert_eq!(clicks.press(ms(1000), 6, 2), 1);
        assert_eq!(clicks.press(ms(1100), 6, 2), 2);
    }

    #[test]
    fn a_drag_past_the_edge_lands_on_the_nearest_cell() {
        let area = Rect::new(10, 5, 20, 4);
        assert_eq!(clamp_into(area, Position::new(0, 0)), Position::new(10, 5));
        assert_eq!(
            clamp_into(area, Position::new(99, 99)),
            Position::new(29, 8)
        );
        assert_eq!(clamp_into(area, Position::new(15, 6)), Position::new(15, 6));
    }
}
