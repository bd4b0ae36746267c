//! The help popup: every key, generated from the bindings in force, laid out by
//! [`crate::keymap::help_page`] (which the state also reads to stop the paging at its ends).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use crate::keymap::{HelpPage, HelpText};
use crate::settings::theme::Theme;
use crate::state::HelpView;

/// Draws the help as `view` shows it.
pub struct Help<'a> {
    /// The help laid out on this screen.
    pub page: HelpPage,
    /// How far it is scrolled, and its search.
    pub view: &'a HelpView,
    /// The styles.
    pub theme: Theme,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let popup = self.page.popup.intersection(area);
        let query = self.view.query.text();
        let matches = self.page.matches(query);
        let width = usize::from(self.page.keys_width);
        let lines: Vec<Line> = self
            .page
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let line = match l {
                    HelpText::Title(c) => Line::styled(c.title(), self.theme.title(true)),
                    HelpText::Blank => Line::raw(""),
                    HelpText::Entry { keys, hint } => Line::from(vec![
                        Span::styled(format!("  {keys:<width$} "), self.theme.title(false)),
                        Span::raw(hint.clone()),
                    ]),
                };
                if matches.contains(&i) {
                    let style = if self.view.current == Some(i) {
                        Modifier::REVERSED
                    } else {
                        Modifier::UNDERLINED
                    };
                    line.patch_style(style)
                } else {
                    line
                }
            })
            .collect();
        // A screen grown since the last scroll may show more: never past the end.
        let scroll = self.view.scroll.min(self.page.max_scroll());
        let end = usize::from(scroll) + usize::from(self.page.rows());
        let place = if end >= lines.len() {
            "end".to_string()
        } else {
            format!("{}/{}", end, lines.len())
        };
        let search = if self.view.typing || !query.is_empty() {
            let found = match matches.len() {
                0 if query.is_empty() => String::new(),
                0 => " · no match".to_string(),
                n => format!(" · {n} lines"),
            };
            let query: String = query.chars().map(crate::essay::visible).collect();
            format!(" /{query}{} ", found)
        } else {
            String::new()
        };
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(self.theme.border(true))
                    .title(" Keys ")
                    .title_bottom(Line::from(search).left_aligned())
                    .title_bottom(Line::from(format!(" {place} ")).right_aligned()),
            )
            .render(popup, buf);
    }
}
