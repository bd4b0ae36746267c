//! The list of tags with their counts (`t` in the notes pane).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::centered;
use super::notes_lines::fit;
use crate::state::{AppState, TagList};

/// Draws the list of tags.
pub struct TagPopup<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The list.
    pub list: &'a TagList,
}

impl Widget for TagPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let (state, list) = (self.state, self.list);
        let theme = state.theme();
        let rows = u16::try_from(list.tags.len()).unwrap_or(u16::MAX);
        let popup = centered(
            area,
            40,
            rows.saturating_add(2).min(area.height.saturating_sub(2)),
        );
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme.border(true))
            .title(format!(" Tags ({}) ", list.tags.len()))
            .title_bottom(Line::from(" j/k · Enter filter · Esc ").right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 || inner.width < 6 {
            return;
        }
        let height = usize::from(inner.height);
        let first = list.selected.saturating_sub(height - 1);
        let width = usize::from(inner.width);
        for (y, (i, (tag, count))) in
            (inner.y..inner.bottom()).zip(list.tags.iter().enumerate().skip(first))
        {
            let count = format!(" {count}");
            let marker = if i == list.selected { "▶ " } else { "  " };
            let room = width.saturating_sub(count.len() + 2);
            let name = fit(&format!("#{tag}"), room);
            let pad = room.saturating_sub(super::notes_lines::width_of(&name));
            let style = if i == list.selected {
                theme.selected_item(true)
            } else {
                Style::new()
            };
            let line = Line::from(vec![
                Span::raw(marker),
                Span::styled(name, theme.tag()),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, theme.dim()),
            ])
            .style(style);
            line.render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}
