//! The column between the two essay panes: a connector for each link whose two ends are
//! both on screen.
//!
//! Each connector gets a lane (a column of the gutter) of its own where one is free over
//! its rows; when the gutter has no free lane left, connectors share the last one and are
//! joined visibly: where one ends on another's line the cell shows a junction (`┤` `├`
//! `┼`), so that no connector hides another.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::visible_row;
use crate::state::AppState;

/// Draws the connectors between the panes of `state`.
pub struct LinkGutter<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

/// The sides of a cell a connector passes through.
const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// The box-drawing character joining `sides`.
fn symbol(sides: u8) -> &'static str {
    match sides {
        s if s == UP | DOWN | LEFT | RIGHT => "┼",
        s if s == UP | DOWN | LEFT => "┤",
        s if s == UP | DOWN | RIGHT => "├",
        s if s == LEFT | RIGHT | DOWN => "┬",
        s if s == LEFT | RIGHT | UP => "┴",
        s if s == LEFT | DOWN => "┐",
        s if s == LEFT | UP => "┘",
        s if s == RIGHT | UP => "└",
        s if s == RIGHT | DOWN => "┌",
        s if s & (UP | DOWN) != 0 && s & (LEFT | RIGHT) == 0 => "│",
        _ => "─",
    }
}

/// One connector: from row `a` on the left to row `b` on the right.
struct Connector {
    a: u16,
    b: u16,
    style: Style,
}

/// The lane of each connector, in order: the first lane free over its rows, else the last.
fn lanes(connectors: &[Connector], width: u16) -> Vec<u16> {
    let mut taken: Vec<Vec<(u16, u16)>> = vec![Vec::new(); usize::from(width.max(1))];
    connectors
        .iter()
        .map(|c| {
            let (top, bottom) = (c.a.min(c.b), c.a.max(c.b));
            let free = taken
                .iter()
                .position(|rows| rows.iter().all(|&(t, b)| bottom < t || top > b));
            let lane = free.unwrap_or(taken.len() - 1);
            taken[lane].push((top, bottom));
            lane as u16
        })
        .collect()
}

impl Widget for LinkGutter<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        if state.panes().len() < 2 || area.width == 0 || area.height == 0 {
            return;
        }
        let (left, right) = (
            &state.docs()[state.panes()[0].essay],
            &state.docs()[state.panes()[1].essay],
        );
        // The links between the two essays, kept by the state until the annotations change
        // (those between two files, few, looked up as drawn).
        let links = if left.source == right.source {
            state.links_between(left.source, &left.essay.id, &right.essay.id)
        } else {
            let (a, b) = (state.panes()[0].essay, state.panes()[1].essay);
            std::rc::Rc::new(state.links_across(a, b))
        };
        let connectors: Vec<Connector> = links
            .iter()
            .filter_map(|(relation, ends)| {
                let (a, b) = ends.iter().find_map(|&(x, y)| {
                    Some((visible_row(state, 0, x)?, visible_row(state, 1, y)?))
                })?;
                Some(Connector {
                    a,
                    b,
                    style: state.theme().link(*relation),
                })
            })
            .collect();
        // The sides each cell joins, and the style of the connector drawn there last (the
        // one whose end it is, where one ends).
        let (w, h) = (usize::from(area.width), usize::from(area.height));
        let mut cells: Vec<(u8, Option<Style>)> = vec![(0, None); w * h];
        let mut mark = |x: u16, y: u16, sides: u8, style: Style, end: bool| {
            if x >= area.width || y < area.top() || y >= area.bottom() {
                return;
            }
            let cell = &mut cells[usize::from(y - area.top()) * w + usize::from(x)];
            cell.0 |= sides;
            if end || cell.1.is_none() {
                cell.1 = Some(style);
            }
        };
        for (c, lane) in connectors.iter().zip(lanes(&connectors, area.width)) {
            let (a, b, style) = (c.a, c.b, c.style);
            // Along row a from the left edge to the lane, along row b from it to the right.
            for x in 0..lane {
                mark(x, a, LEFT | RIGHT, style, true);
            }
            for x in lane + 1..area.width {
                mark(x, b, LEFT | RIGHT, style, true);
            }
            if a == b {
                mark(lane, a, LEFT | RIGHT, style, true);
                continue;
            }
            let (down_from_a, toward_a) = if b > a { (DOWN, UP) } else { (UP, DOWN) };
            mark(lane, a, LEFT | down_from_a, style, true);
            mark(lane, b, RIGHT | toward_a, style, true);
            for y in a.min(b) + 1..a.max(b) {
                mark(lane, y, UP | DOWN, style, false);
            }
        }
        for (i, &(sides, style)) in cells.iter().enumerate() {
            if let Some(style) = style.filter(|_| sides != 0) {
                let (x, y) = ((i % w) as u16, (i / w) as u16);
                super::put(buf, area.x + x, area.top() + y, symbol(sides), style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_connectors_share_a_lane_with_junctions_and_get_lanes_when_there_is_room() {
        let c = |a, b| Connector {
            a,
            b,
            style: Style::new(),
        };
        let list = [c(2, 8), c(4, 6), c(10, 12)];
        assert_eq!(lanes(&list, 1), [0, 0, 0]);
        assert_eq!(lanes(&list, 3), [0, 1, 0]);
        assert_eq!(symbol(UP | DOWN | LEFT), "┤");
        assert_eq!(symbol(UP | DOWN | RIGHT), "├");
        assert_eq!(symbol(LEFT | DOWN), "┐");
        assert_eq!(symbol(RIGHT | UP), "└");
        assert_eq!(symbol(LEFT | RIGHT), "─");
    }
}
