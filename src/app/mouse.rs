//! The mouse: which part of the screen a gesture lands on, turned into an action.
//!
//! Hit-testing belongs to the shell: it reads the screen layout and the text flow of the
//! state, and hands `apply` an action in the reader's terms (this pane, this offset, this
//! notes item), never a screen cell.

use ratatui::crossterm::event::{MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, Mouse};
use crate::state::AppState;
use crate::ui;

/// Lines a pane scrolls per turn of the wheel.
const WHEEL_LINES: isize = 3;

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
