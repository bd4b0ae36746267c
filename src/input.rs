//! One text input for the note editor, the search query and the notes filter.
//!
//! The text is edited by grapheme clusters: the cursor never stands inside one, so
//! Backspace takes a whole emoji sequence (`👩‍👩‍👧`) or a letter with its accent (`e` +
//! U+0301), and Left and Right step over them. What is typed or pasted reaches the text
//! with its control characters made visible ([`visible`]): nothing typed is ever obeyed by
//! the terminal. The note editor wraps its text at word boundaries ([`rows`](TextInput::rows));
//! Up and Down move by those screen lines. Every edit can be taken back ([`EditorInput::Undo`]),
//! typing a word at a time.
//!
//! ```text
//! "ab|c"  Backspace  "a|c"       "e\u{301}|x"  Backspace  "|x"
//! ```

mod history;
mod rows;
#[cfg(test)]
mod tests;

pub use rows::{VisualRow, shown};

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::action::EditorInput;
use crate::essay::visible;
use history::{Change, History, Kind};

/// How many lines an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lines {
    /// One line (search, filter): a line break typed or pasted becomes a space.
    #[default]
    Single,
    /// Several lines (the note editor).
    Multi,
}

/// Text being typed, with a cursor and the history of its edits.
///
/// Invariant: `cursor` is a byte offset into `text` on a grapheme cluster boundary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    text: String,
    cursor: usize,
    lines: Lines,
    /// The column Up and Down aim for while they repeat.
    goal: Option<usize>,
    history: History,
}

impl From<&str> for TextInput {
    fn from(text: &str) -> TextInput {
        TextInput::single_line(text)
    }
}

impl TextInput {
    /// A one-line input holding `text`, the cursor at its end.
    pub fn single_line(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
            ..TextInput::default()
        }
    }

    /// A multi-line input (the note editor) holding `text`, the cursor at its end.
    pub fn multi_line(text: &str) -> TextInput {
        TextInput {
            lines: Lines::Multi,
            ..TextInput::single_line(text)
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before and after the cursor.
    pub fn split_at_cursor(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Empties the input and forgets its history.
    pub fn clear(&mut self) {
        *self = TextInput {
            lines: self.lines,
            ..TextInput::default()
        };
    }

    /// Applies one edit. `width` is the width the text is wrapped to (0: not wrapped); only
    /// Up and Down depend on it.
    pub fn edit(&mut self, input: EditorInput, width: usize) {
        use EditorInput as E;
        if !matches!(input, E::Up | E::Down) {
            self.goal = None;
        }
        match input {
            E::Char(c) => {
                let text = self.clean(c.encode_utf8(&mut [0; 4]));
                self.insert(&text, Kind::Type);
            }
            E::Paste(text) => {
                let text = self.clean(&text);
                self.insert(&text, Kind::Other);
            }
            E::Newline => {
                if self.lines == Lines::Multi {
                    self.insert("\n", Kind::Type);
                }
            }
            E::Backspace => {
                let from = self.prev_boundary(self.cursor);
                self.replace(from..self.cursor, "", Kind::Back);
            }
            E::Delete => {
                let to = self.next_boundary(self.cursor);
                self.replace(self.cursor..to, "", Kind::Forward);
            }
            E::DeleteWordBack => {
                let from = self.word_left(self.cursor);
                self.replace(from..self.cursor, "", Kind::Other);
            }
            E::Left => self.move_to(self.prev_boundary(self.cursor)),
            E::Right => self.move_to(self.next_boundary(self.cursor)),
            E::WordLeft => self.move_to(self.word_left(self.cursor)),
            E::WordRight => self.move_to(self.word_right(self.cursor)),
            E::Home => {
                let start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
                self.move_to(start);
            }
            E::End => {
                let end = self.text[self.cursor..]
                    .find('\n')
                    .map_or(self.text.len(), |i| self.cursor + i);
                self.move_to(end);
            }
            E::Up => self.vertical(false, width),
            E::Down => self.vertical(true, width),
            E::Undo => {
                if let Some(c) = self.history.undo() {
                    self.text
                        .replace_range(c.at..c.at + c.inserted.len(), &c.removed);
                    self.cursor = c.before;
                }
            }
            E::Redo => {
                if let Some(c) = self.history.redo() {
                    self.text
                        .replace_range(c.at..c.at + c.removed.len(), &c.inserted);
                    self.cursor = c.after;
                }
            }
        }
    }

    /// Typed or pasted text as it enters: CRLF and bare CR (as terminals send the line
    /// breaks of a paste) become line breaks, or spaces on one line; other control
    /// characters become visible stand-ins.
    fn clean(&self, text: &str) -> String {
        let single = self.lines == Lines::Single;
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .map(|c| match c {
                '\n' | '\t' if single => ' ',
                '\n' => '\n',
                c => visible(c),
            })
            .collect()
    }

    fn insert(&mut self, text: &str, kind: Kind) {
        self.replace(self.cursor..self.cursor, text, kind);
    }

    /// Replaces `range` (on grapheme boundaries) with `with`, recording the change.
    fn replace(&mut self, range: Range<usize>, with: &str, kind: Kind) {
        if range.is_empty() && with.is_empty() {
            return;
        }
        let before = self.cursor;
        let removed = self.text[range.clone()].to_string();
        self.text.replace_range(range.clone(), with);
        // Text typed before a combining mark joins it: the cursor goes past the whole.
        self.cursor = self.snap(range.start + with.len());
        self.history.record(
            Change {
                at: range.start,
                removed,
                inserted: with.to_string(),
                before,
                after: self.cursor,
            },
            kind,
        );
    }

    fn move_to(&mut self, at: usize) {
        self.cursor = at;
        self.history.seal();
    }

    /// The grapheme boundary before `at` (0 at the start).
    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// The grapheme boundary after `at` (the end at the end).
    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    /// The first grapheme boundary at or after `at`.
    fn snap(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .find(|&i| i >= at)
            .unwrap_or(self.text.len())
    }

    /// The start of the word the cursor is in or after (0 if none).
    fn word_left(&self, at: usize) -> usize {
        self.text[..at]
            .split_word_bound_indices()
            .rev()
            .find(|(_, w)| is_word(w))
            .map_or(0, |(i, _)| i)
    }

    /// The end of the word the cursor is in or before (the end if none).
    fn word_right(&self, at: usize) -> usize {
        self.text[at..]
            .split_word_bound_indices()
            .find(|(_, w)| is_word(w))
            .map_or(self.text.len(), |(i, w)| at + i + w.len())
    }

    /// Moves the cursor one screen line down or up at `width`, aiming for the column it
    /// started from; on the first or last line it stays.
    fn vertical(&mut self, down: bool, width: usize) {
        let rows = self.rows(width);
        let here = rows::row_of(&rows, self.cursor);
        let col = rows::column(&self.text, rows[here], self.cursor);
        let goal = *self.goal.get_or_insert(col);
        let target = if down {
            here + 1
        } else if here == 0 {
            return;
        } else {
            here - 1
        };
        if let Some(row) = rows.get(target) {
            self.move_to(rows::at_column(&self.text, *row, goal));
        }
    }

    /// The screen lines of the text wrapped at word boundaries to `width` columns (0: not
    /// wrapped), in order; a line break ends a line.
    pub fn rows(&self, width: usize) -> Vec<VisualRow> {
        rows::rows(&self.text, width)
    }

    /// The cell the cursor is drawn in at `width`: (screen line, column).
    ///
    /// At the end of a full line, the cursor is drawn at the start of the next line, the
    /// place the next character goes; before spaces that hang past the edge, in the last
    /// column.
    pub fn cursor_cell(&self, width: usize) -> (usize, usize) {
        let rows = self.rows(width);
        let r = rows::row_of(&rows, self.cursor);
        let col = rows::column(&self.text, rows[r], self.cursor);
        match (width, rows[r].last) {
            (0, _) => (r, col),
            (w, true) if col >= w => (r + 1, 0),
            (w, _) => (r, col.min(w - 1)),
        }
    }
}

/// Whether a word-boundary segment is a word (holds a letter or digit).
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}
