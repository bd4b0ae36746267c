//! The text of the block being read from HTML, with its inline styles: white space collapsed
//! as a browser collapses it, spans counted in code points.

use crate::essay::{Inline, Span};

/// A block's text as it grows, with the spans closed so far and those still open.
#[derive(Debug, Default)]
pub(super) struct Line {
    /// The text so far (no leading space, no doubled spaces).
    text: String,
    /// Its length in code points.
    chars: usize,
    /// Spans closed so far.
    spans: Vec<Span>,
    /// Spans opened and not yet closed: style and first code point.
    open: Vec<(Inline, usize)>,
    /// Whether white space was met since the last character written.
    space: bool,
}

/// Whether `c` is white space that HTML collapses.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

impl Line {
    /// Whether nothing has been written yet.
    pub(super) fn is_empty(&self) -> bool {
        self.chars == 0
    }

    /// Adds text from the page, collapsing runs of white space into one space (none at the
    /// start); a no-break space is kept as a plain space.
    pub(super) fn text(&mut self, text: &str) {
        for c in text.chars() {
            if is_html_space(c) {
                self.space = true;
                continue;
            }
            self.settle_space();
            self.put(if c == '\u{a0}' { ' ' } else { c });
        }
    }

    /// Adds text as it is (a list marker, a cell separator): a pending space is dropped.
    pub(super) fn raw(&mut self, text: &str) {
        self.space = false;
        for c in text.chars() {
            self.put(c);
        }
    }

    /// Adds a pending space (between two cells' words, for a block inside a heading).
    pub(super) fn soft_break(&mut self) {
        self.space = true;
    }

    /// Opens a span of `style` where the next character will go.
    pub(super) fn open(&mut self, style: Inline) {
        self.settle_space();
        self.open.push((style, self.chars));
    }

    /// Closes the span opened last; an empty one is dropped.
    pub(super) fn close(&mut self) {
        if let Some((style, start)) = self.open.pop()
            && start < self.chars
        {
            self.spans.push(Span {
                start,
                end: self.chars,
                style,
            });
        }
    }

    /// Takes the text and spans written so far, leaving the line empty; spans still open
    /// are cut here and go on in the next line from its start.
    pub(super) fn take(&mut self) -> (String, Vec<Span>) {
        let mut spans = std::mem::take(&mut self.spans);
        for (style, start) in &mut self.open {
            if *start < self.chars {
                spans.push(Span {
                    start: *start,
                    end: self.chars,
                    style: style.clone(),
                });
            }
            *start = 0;
        }
        self.chars = 0;
        self.space = false;
        (std::mem::take(&mut self.text), spans)
    }

    /// Writes the pending space, unless at the start of the line.
    fn settle_space(&mut self) {
        if self.space && self.chars > 0 && !self.text.ends_with(' ') {
            self.put(' ');
        }
        self.space = false;
    }

    /// Writes one character.
    fn put(&mut self, c: char) {
        self.text.push(c);
        self.chars += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_and_spans_hold_their_words() {
        let mut line = Line::default();
        line.text("  one \n\t two ");
        line.open(Inline::Emphasis);
        line.text(" three ");
        line.close();
        line.text("four\u{a0}five");
        let (text, spans) = line.take();
        assert_eq!(text, "one two three four five");
        assert_eq!(spans.len(), 1);
        assert_eq!((spans[0].start, spans[0].end), (8, 13));
        assert!(line.is_empty());
    }

    #[test]
    fn an_open_span_goes_on_into_the_next_line() {
        let mut line = Line::default();
        line.open(Inline::Strong);
        line.text("a b");
        let (_, first) = line.take();
        line.text("c");
        line.close();
        let (_, second) = line.take();
        assert_eq!((first[0].start, first[0].end), (0, 3));
        assert_eq!((second[0].start, second[0].end), (0, 1));
    }
}
