//! The popups of a deletion: which of the highlights under the caret (their colour and
//! first words), and the question before deleting one with a note or links.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::centered;
use crate::state::{AppState, Choose, Confirm, first_words};

/// The list of highlights under the caret.
pub struct ChooseList<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The list.
    pub list: &'a Choose,
}

impl Widget for ChooseList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let theme = self.state.theme();
        let width = area.width.clamp(20, 56);
        let words = usize::from(width).saturating_sub(12);
        let lines: Vec<Line> = self
            .list
            .candidates
            .iter()
            .enumerate()
            .map(|(i, (source, id))| {
                let placed = self.state.sources()[*source].placed(id);
                let colour = placed.map(|p| p.annotation.colour).unwrap_or_default();
                let quote = placed.map_or_else(String::new, |p| {
                    first_words(&p.annotation.anchor.quote, words)
                });
                let chosen = i == self.list.selected;
                let marker = if chosen { "▶ " } else { "  " };
                let number = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    "  ".into()
                };
                let mut text = theme.highlight(colour);
                if chosen {
                    text = text.add_modifier(Modifier::BOLD);
                }
                Line::from(vec![
                    Span::raw(marker),
                    Span::raw(number),
                    Span::styled("█ ", theme.mark(colour)),
                    Span::styled(quote, text),
                ])
            })
            .collect();
        let popup = centered(area, width, (lines.len() as u16).saturating_add(2));
        // On a short screen the list scrolls so that the marked one shows.
        let rows = usize::from(popup.height.saturating_sub(2).max(1));
        let skip = self.list.selected.saturating_sub(rows - 1) as u16;
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .scroll((skip, 0))
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(theme.border(true))
                    .title(" Delete which highlight? ")
                    .title_bottom(Line::from(" 1-9 or Enter · Esc ").right_aligned()),
            )
            .render(popup, buf);
    }
}

/// The question before deleting a highlight with a note or links.
pub struct ConfirmAsk<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The question.
    pub ask: &'a Confirm,
}

impl Widget for ConfirmAsk<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let theme = self.state.theme();
        let quote = self.state.sources()[self.ask.source]
            .placed(&self.ask.id)
            .map_or_else(String::new, |p| first_words(&p.annotation.anchor.quote, 40));
        let width = (self.ask.question.chars().count() as u16)
            .max(quote.chars().count() as u16 + 2)
            .saturating_add(4)
            .min(area.width);
        let quote = format!("“{quote}”");
        let lines = vec![
            Line::from(quote.clone()),
            Line::styled(self.ask.question.clone(), theme.warning()),
        ];
        let inner = usize::from(width.saturating_sub(2).max(1));
        let rows = |text: &str| text.chars().count().div_ceil(inner).max(1) as u16;
        let height = rows(&quote) + 2 + rows(&self.ask.question);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(theme.border(true))
                    .title(" Delete? ")
                    .title_bottom(Line::from(" y · n ").right_aligned()),
            )
            .render(popup, buf);
    }
}
