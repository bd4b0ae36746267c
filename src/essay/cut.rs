//! Cutting text into blocks at blank lines, a line at a time: the first step of splitting,
//! fed a whole text or a long file as it is read.

use super::sanitize::push_visible;

/// Blocks at least this long (in bytes) keep the buffer they were built in, shrunk to
/// fit, rather than being copied out of it.
const KEEP_BUFFER: usize = 64 * 1024;

/// A block of the file before its kind is known.
#[derive(Debug)]
pub(super) struct Raw {
    /// Trimmed, sanitised text; hard-wrapped lines joined by one space.
    pub(super) text: String,
    /// Number of source lines joined into `text`.
    pub(super) lines: usize,
    /// Number of blank lines just before the block.
    pub(super) blanks_before: usize,
}

/// Cuts lines into blocks at blank lines (a line of only whitespace, NBSP included, is
/// blank), joining the lines of each block with one space.
///
/// Each block's text is built in one buffer kept from block to block and then copied out
/// at its exact size: a file's blocks take no more room than their text.
#[derive(Debug, Default)]
pub(super) struct Cutter {
    /// The blocks cut so far.
    out: Vec<Raw>,
    /// The text of the block being cut.
    text: String,
    /// Lines in the block being cut (0: none is).
    lines: usize,
    /// Blank lines before the block being cut.
    blanks_before: usize,
    /// Blank lines since the last block.
    blanks: usize,
}

impl Cutter {
    /// Takes in one line (without its `'\n'`; a CR before it is trimmed with the rest).
    pub(super) fn line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            self.end_block();
            self.blanks += 1;
            return;
        }
        if self.lines == 0 {
            self.blanks_before = self.blanks;
            self.blanks = 0;
        } else {
            self.text.push(' ');
        }
        push_visible(&mut self.text, line);
        self.lines += 1;
    }

    /// Ends the block being cut, if any.
    fn end_block(&mut self) {
        if self.lines == 0 {
            return;
        }
        let text = if self.text.len() >= KEEP_BUFFER {
            let mut text = std::mem::take(&mut self.text);
            text.shrink_to_fit();
            text
        } else {
            let text = String::from(self.text.as_str());
            self.text.clear();
            text
        };
        self.out.push(Raw {
            text,
            lines: self.lines,
            blanks_before: self.blanks_before,
        });
        self.lines = 0;
    }

    /// The blocks, the last one ended.
    pub(super) fn finish(mut self) -> Vec<Raw> {
        self.end_block();
        self.out
    }
}

/// Cuts a whole text into blocks (see [`Cutter`]).
pub(super) fn blocks(text: &str) -> Vec<Raw> {
    let mut cutter = Cutter::default();
    for line in text.split('\n') {
        cutter.line(line);
    }
    cutter.finish()
}
