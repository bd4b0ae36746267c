//! The note editor popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::essay::visible;
use crate::input::shown;
use crate::settings::theme::Theme;
use crate::state::OpenEditor;

/// Draws the open note editor.
pub struct EditorPopup<'a> {
    /// The editor, read only.
    pub open: &'a OpenEditor,
    /// The styles.
    pub theme: Theme,
    /// The bindings in force, for the keys named on the border.
    pub keymap: &'a crate::keymap::Keymap,
}

impl EditorPopup<'_> {
    /// ` Esc or Ctrl-s: keep the note `, with the reader's keys (the first two of them).
    fn close_keys(&self) -> String {
        let keys: Vec<String> = self
            .keymap
            .rows()
            .iter()
            .filter(|r| {
                r.context == crate::keymap::Context::Editor
                    && r.action == crate::action::Action::EditorClose
            })
            .map(|r| r.label())
            .take(2)
            .collect();
        match keys.as_slice() {
            [] => String::new(),
            keys => format!(" {}: keep the note ", keys.join(" or ")),
        }
    }
}

impl Widget for EditorPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let popup = crate::screen::editor_popup(area);
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
            .title_bottom(Line::from(self.close_keys()).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let input = &self.open.editor;
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let (cursor_row, cursor_col) = input.cursor_cell(width);
        // The lines scroll so that the cursor's is the last shown, once there are more.
        let first = (cursor_row + 1).saturating_sub(height);
        let text = input.text();
        for (i, row) in input
            .rows(width)
            .iter()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let y = inner.y + i as u16;
            let mut col = 0;
            for g in text[row.start..row.end].graphemes(true) {
                let (symbol, w) = shown(g);
                // Spaces hanging past the edge are not drawn.
                if col + w > width {
                    break;
                }
                buf.set_stringn(inner.x + col as u16, y, symbol, w, Style::new());
                col += w;
            }
        }
        if cursor_row >= first && cursor_row < first + height && cursor_col < width {
            let cell = &mut buf[(
                inner.x + cursor_col as u16,
                inner.y + (cursor_row - first) as u16,
            )];
            if cell.symbol().trim().is_empty() {
                cell.set_symbol(" ");
            }
            cell.set_style(self.theme.caret());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::EditorInput;
    use crate::input::TextInput;
    use crate::range::TextRange;
    use crate::state::DocId;
    use crate::state::NoteTarget;

    fn open(text: &str) -> OpenEditor {
        OpenEditor {
            editor: TextInput::multi_line(text),
            target: NoteTarget::New {
                doc: DocId(0),
                range: TextRange::new(0, 1).expect("a range"),
            },
            quote: "q".into(),
        }
    }

    /// The screen `open` is drawn on (a 30x8 popup: text 28 columns wide), and the cell
    /// the caret style is on.
    fn draw(open: &OpenEditor) -> (Buffer, (u16, u16)) {
        let area = Rect::new(0, 0, 30, 8);
        let mut buf = Buffer::empty(area);
        EditorPopup {
            open,
            theme: Theme::default(),
            keymap: &crate::keymap::Keymap::default(),
        }
        .render(area, &mut buf);
        let caret = Theme::default().caret();
        let at = area
            .positions()
            .filter(|p| buf[(p.x, p.y)].modifier == caret.add_modifier)
            .collect::<Vec<_>>();
        assert_eq!(at.len(), 1, "one caret cell");
        (buf, (at[0].x, at[0].y))
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (1..29).map(|x| buf[(x, y)].symbol()).collect()
    }

    #[test]
    fn the_caret_is_on_the_grapheme_after_the_cursor_wherever_it_is_drawn() {
        // Wide characters, a combining mark, an emoji sequence and a wrapped word.
        let text = "漢字 e\u{301}tude 👍🏽 the note was short because 漢字漢字漢字漢字";
        let mut editor = open(text);
        editor.editor.edit(EditorInput::Home, 0);
        let mut seen = 0;
        loop {
            let (buf, (x, y)) = draw(&editor);
            let (_, after) = editor.editor.split_at_cursor();
            let at_end = after.is_empty();
            match after.graphemes(true).next() {
                Some(g) => {
                    let (symbol, _) = shown(g);
                    let drawn = buf[(x, y)].symbol();
                    assert!(
                        symbol.starts_with(drawn) || (g == " " && drawn == " "),
                        "cursor before {g:?} drawn on {drawn:?} at ({x}, {y})"
                    );
                }
                None => assert_eq!(buf[(x, y)].symbol(), " ", "after the end"),
            }
            seen += 1;
            editor.editor.edit(EditorInput::Right, 0);
            if at_end {
                break;
            }
        }
        assert_eq!(seen, text.graphemes(true).count() + 1);
    }

    #[test]
    fn words_move_whole_to_the_next_line() {
        let (buf, _) = draw(&open("the note was short because it was late"));
        assert_eq!(row(&buf, 1).trim_end(), "the note was short because");
        assert_eq!(row(&buf, 2).trim_end(), "it was late");
        let (buf, caret) = draw(&open("a note that was short because"));
        assert_eq!(row(&buf, 1).trim_end(), "a note that was short");
        assert_eq!(row(&buf, 2).trim_end(), "because");
        assert_eq!(caret, (8, 2));
    }
}
