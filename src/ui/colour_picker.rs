//! The colour picker (`c`): the six colours by the reader's names for them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::centered;
use super::notes_lines::fit;
use crate::annotation::Colour;
use crate::state::{AppState, ColourPick};

/// Draws the colour picker.
pub struct ColourPopup<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The choice.
    pub pick: &'a ColourPick,
}

impl Widget for ColourPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let theme = state.theme();
        let popup = centered(area, 34, Colour::ALL.len() as u16 + 2);
        let room = usize::from(popup.width.saturating_sub(2)).saturating_sub(7);
        let lines: Vec<Line> = Colour::ALL
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let chosen = c == self.pick.selected;
                let marker = if chosen { "▶ " } else { "  " };
                let name = match state.settings().colours.given(c) {
                    Some(name) => format!("{name} ({})", c.name()),
                    None => c.name().to_string(),
                };
                let name = fit(&name, room);
                let style = if chosen {
                    theme.selected_item(true).add_modifier(Modifier::REVERSED)
                } else {
                    ratatui::style::Style::new()
                };
                Line::from(vec![
                    Span::raw(marker),
                    Span::raw(format!("{} ", i + 1)),
                    Span::styled("▌ ", theme.mark(c)),
                    Span::styled(name, style),
                ])
            })
            .collect();
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(theme.border(true))
                    .title(" Colour ")
                    .title_bottom(Line::from(" 1-6 or Enter · Esc ").right_aligned()),
            )
            .render(popup, buf);
    }
}
