//! The note editor: a small multi-line text buffer with a cursor.

use crate::action::EditorInput;
use crate::essay::visible;

/// Text being written, with the cursor as a char index into it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteEditor {
    text: String,
    /// Cursor position in chars, `0..=text.chars().count()`.
    cursor: usize,
}

impl NoteEditor {
    /// An editor holding `text`, the cursor at its end.
    pub fn new(text: &str) -> NoteEditor {
        NoteEditor {
            cursor: text.chars().count(),
            text: text.to_string(),
        }
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as (line, column in chars).
    pub fn cursor_line_col(&self) -> (usize, usize) {
        let before: String = self.text.chars().take(self.cursor).collect();
        let line = before.matches('\n').count();
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, col)
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn insert(&mut self, s: &str) {
        let at = self.byte(self.cursor);
        self.text.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    /// Line starts, in chars.
    fn line_starts(&self) -> Vec<usize> {
        let mut starts = vec![0];
        for (i, c) in self.text.chars().enumerate() {
            if c == '\n' {
                starts.push(i + 1);
            }
        }
        starts
    }

    fn move_line(&mut self, down: bool) {
        let (line, col) = self.cursor_line_col();
        let starts = self.line_starts();
        let target = if down {
            line + 1
        } else if line == 0 {
            return;
        } else {
            line - 1
        };
        let Some(&start) = starts.get(target) else {
            return;
        };
        let end = starts.get(target + 1).map_or(self.len(), |s| s - 1);
        self.cursor = (start + col).min(end);
    }

    /// Applies one edit.
    pub fn edit(&mut self, input: EditorInput) {
        match input {
            EditorInput::Char(c) => self.insert(&visible(c).to_string()),
            EditorInput::Paste(s) => {
                let clean: String = s
                    .replace("\r\n", "\n")
                    // Terminals send the line breaks of a paste as bare CRs.
                    .replace('\r', "\n")
                    .chars()
                    .map(|c| if c == '\n' { c } else { visible(c) })
                    .collect();
                self.insert(&clean);
            }
            EditorInput::Newline => self.insert("\n"),
            EditorInput::Backspace => {
                if self.cursor > 0 {
                    let at = self.byte(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            EditorInput::Delete => {
                if self.cursor < self.len() {
                    let at = self.byte(self.cursor);
                    self.text.remove(at);
                }
            }
            EditorInput::Left => self.cursor = self.cursor.saturating_sub(1),
            EditorInput::Right => self.cursor = (self.cursor + 1).min(self.len()),
            EditorInput::Up => self.move_line(false),
            EditorInput::Down => self.move_line(true),
            EditorInput::Home => {
                let (_, col) = self.cursor_line_col();
                self.cursor -= col;
            }
            EditorInput::End => {
                let (line, _) = self.cursor_line_col();
                let starts = self.line_starts();
                self.cursor = starts.get(line + 1).map_or(self.len(), |s| s - 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[EditorInput]) -> NoteEditor {
        let mut e = NoteEditor::new("");
        for k in keys {
            e.edit(k.clone());
        }
        e
    }

    #[test]
    fn types_lines_and_moves() {
        use EditorInput::*;
        let e = typed(&[Char('a'), Char('b'), Newline, Char('c'), Up, Char('X')]);
        assert_eq!(e.text(), "aXb\nc");
        assert_eq!(e.cursor_line_col(), (0, 2));
        let e = typed(&[
            Char('a'),
            Newline,
            Char('b'),
            Home,
            Backspace,
            End,
            Char('!'),
        ]);
        assert_eq!(e.text(), "ab!");
    }

    #[test]
    fn pasted_control_characters_are_made_visible() {
        let e = typed(&[EditorInput::Paste("x\u{1b}[31m\r\ny".into())]);
        assert!(!e.text().contains('\u{1b}'));
        assert!(e.text().contains('\n'));
        let e = typed(&[EditorInput::Paste("one\rtwo\r\nthree".into())]);
        assert_eq!(e.text(), "one\ntwo\nthree");
    }
}
