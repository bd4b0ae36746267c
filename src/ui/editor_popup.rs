//! The note editor popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_width::UnicodeWidthChar;

use super::centered;
use crate::essay::visible;
use crate::settings::theme::Theme;
use crate::state::OpenEditor;

/// Draws the open note editor.
pub struct EditorPopup<'a> {
    /// The editor, read only.
    pub open: &'a OpenEditor,
    /// The styles.
    pub theme: Theme,
}

impl Widget for EditorPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let popup = centered(area, 70, 14);
        Clear.render(popup, buf);
        let quote: String = self.open.quote.chars().take(40).map(visible).collect();
        let more = if self.open.quote.chars().count() > 40 {
            "…"
        } else {
            ""
        };
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(self.theme.border(true))
            .title(format!(" Note on “{quote}{more}” "))
            .title_bottom(Line::from(" Esc or Ctrl-s: keep the note ").right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        // Lay the text out by characters, wrapping at the edge, and find the cursor.
        let (cursor_line, cursor_col) = self.open.editor.cursor_line_col();
        let width = usize::from(inner.width);
        let mut cells: Vec<(usize, usize, char)> = Vec::new(); // (row, col, char)
        let mut cursor_at = (0, 0);
        let mut row = 0;
        for (line_no, line) in self.open.editor.text().split('\n').enumerate() {
            let mut col = 0;
            for (i, c) in line.chars().enumerate() {
                if line_no == cursor_line && i == cursor_col {
                    cursor_at = (row, col);
                }
                let w = c.width().unwrap_or(0).max(1);
                if col + w > width {
                    row += 1;
                    col = 0;
                    if line_no == cursor_line && i == cursor_col {
                        cursor_at = (row, col);
                    }
                }
                cells.push((row, col, c));
                col += w;
            }
            if line_no == cursor_line && cursor_col >= line.chars().count() {
                if col >= width {
                    row += 1;
                    col = 0;
                }
                cursor_at = (row, col);
            }
            row += 1;
        }
        let height = usize::from(inner.height);
        let first = (cursor_at.0 + 1).saturating_sub(height);
        for (r, c, ch) in cells {
            if r < first || r >= first + height {
                continue;
            }
            let x = inner.x + c as u16;
            let y = inner.y + (r - first) as u16;
            buf.set_string(x, y, visible(ch).to_string(), ratatui::style::Style::new());
        }
        let (r, c) = cursor_at;
        if r >= first && r < first + height && c < width {
            let cell = &mut buf[(inner.x + c as u16, inner.y + (r - first) as u16)];
            if cell.symbol().trim().is_empty() {
                cell.set_symbol(" ");
            }
            cell.set_style(self.theme.caret());
        }
    }
}
