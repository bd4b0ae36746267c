//! The help popup: every key, generated from the binding table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::centered;
use crate::keymap::help_lines;
use crate::settings::theme::Theme;

/// Draws the help, scrolled by `scroll` lines.
pub struct Help<'a> {
    /// The bindings in force.
    pub keymap: &'a crate::keymap::Keymap,
    /// Lines scrolled.
    pub scroll: u16,
    /// The styles.
    pub theme: Theme,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let mut lines: Vec<Line> = Vec::new();
        let mut context = None;
        for l in help_lines(self.keymap) {
            if context != Some(l.context) {
                if context.is_some() {
                    lines.push(Line::raw(""));
                }
                context = Some(l.context);
                lines.push(Line::styled(l.context.title(), self.theme.title(true)));
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", l.keys), self.theme.title(false)),
                Span::raw(l.hint),
            ]));
        }
        let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
        let popup = centered(area, 72, height);
        let max_scroll = (lines.len() as u16).saturating_sub(popup.height.saturating_sub(2));
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(self.theme.border(true))
                    .title(" Keys ")
                    .title_bottom(Line::from(" j/k scroll · Esc close ").right_aligned()),
            )
            .render(popup, buf);
    }
}
