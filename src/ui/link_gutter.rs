//! The column between the two essay panes: a connector for each link whose two ends are
//! both on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::visible_row;
use crate::state::AppState;

/// Draws the connectors between the panes of `state`.
pub struct LinkGutter<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

impl Widget for LinkGutter<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        if state.panes().len() < 2 {
            return;
        }
        let (left, right) = (
            &state.docs()[state.panes()[0].essay],
            &state.docs()[state.panes()[1].essay],
        );
        if left.source != right.source {
            return;
        }
        // The links between the two essays, kept by the state until the annotations change.
        let links = state.links_between(left.source, &left.essay.id, &right.essay.id);
        for (relation, ends) in links.iter() {
            let Some((a, b)) = ends
                .iter()
                .find_map(|&(x, y)| Some((visible_row(state, 0, x)?, visible_row(state, 1, y)?)))
            else {
                continue;
            };
            let style = state.theme().link(*relation);
            let x = area.x;
            let (top, bottom) = (a.min(b), a.max(b));
            for y in top.max(area.top())..=bottom.min(area.bottom().saturating_sub(1)) {
                let symbol = if a == b {
                    "─"
                } else if y == a {
                    if b > a { "┐" } else { "┘" }
                } else if y == b {
                    if b > a { "└" } else { "┌" }
                } else {
                    "│"
                };
                super::put(buf, x, y, symbol, style);
            }
        }
    }
}
