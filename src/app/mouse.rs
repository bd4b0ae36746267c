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

/// Two presses on the same notes item within this long are a double press.
pub const DOUBLE_PRESS: Duration = Duration::from_millis(400);

/// The last press on a notes item and when: the shell keeps the time, the state never
/// sees it.
#[derive(Debug, Default)]
pub struct Clicks {
    last: Option<(Instant, usize)>,
}

impl Clicks {
    /// `action`, made at `now`, or a double press when it is a press on the notes item
    /// pressed last, within [`DOUBLE_PRESS`]. A third press starts afresh.
    pub fn tell(&mut self, now: Instant, action: Action) -> Action {
        let Action::Mouse(Mouse::PressNotes { item: Some(item) }) = action else {
            if matches!(action, Action::Mouse(_)) {
                // Any other press, or the wheel, ends the pair; keys and resizes do not.
                self.last = None;
            }
            return action;
        };
        match self.last.take() {
            Some((then, last))
                if last == item && now.saturating_duration_since(then) <= DOUBLE_PRESS =>
            {
                Action::Mouse(Mouse::DoubleNotes { item: Some(item) })
            }
            _ => {
                self.last = Some((now, item));
                action
            }
        }
    }
}

/// The action of mouse gesture `kind` at (`column`, `row`), if it means anything there.
pub fn action(state: &AppState, kind: MouseEventKind, column: u16, row: u16) -> Option<Action> {
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
                Mouse::ScrollList(if down { 1 } else { -1 })
            } else {
                return None;
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(pane) = pane {
                Mouse::PressPane {
                    pane,
                    at: offset_at(state, pane, at),
                }
            } else if on_notes {
                Mouse::PressNotes {
                    item: ui::notes_item_at(state, row),
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
            Mouse::DragTo {
                at: offset_at(state, pane, clamp_into(area, at))?,
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
    fn two_presses_on_one_item_in_time_are_a_double_press() {
        let press = |item| Action::Mouse(Mouse::PressNotes { item });
        let double = Action::Mouse(Mouse::DoubleNotes { item: Some(2) });
        let t0 = Instant::now();
        let ms = |n| t0 + Duration::from_millis(n);
        let mut clicks = Clicks::default();
        assert_eq!(clicks.tell(t0, press(Some(2))), press(Some(2)));
        assert_eq!(clicks.tell(ms(300), press(Some(2))), double);
        // A third press is a first again.
        assert_eq!(clicks.tell(ms(350), press(Some(2))), press(Some(2)));
        // Too slow.
        assert_eq!(clicks.tell(ms(900), press(Some(2))), press(Some(2)));
        // Another item.
        assert_eq!(clicks.tell(ms(1000), press(Some(3))), press(Some(3)));
        assert_eq!(clicks.tell(ms(1100), press(Some(2))), press(Some(2)));
        // A press elsewhere in between breaks the pair.
        let elsewhere = Action::Mouse(Mouse::PressElsewhere);
        assert_eq!(clicks.tell(ms(1150), elsewhere.clone()), elsewhere);
        assert_eq!(clicks.tell(ms(1200), press(Some(2))), press(Some(2)));
        assert_eq!(clicks.tell(ms(1300), press(Some(2))), double);
        // A press on no item is never half of a double press.
        assert_eq!(clicks.tell(ms(2000), press(None)), press(None));
        assert_eq!(clicks.tell(ms(2100), press(None)), press(None));
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
