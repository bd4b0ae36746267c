//! Cutting text into blocks at blank lines, a line at a time: the first step of splitting,
//! fed a whole text or a long file as it is read.

use super::sanitize::push_visible;
use super::{Part, shape};

/// Blocks at least this long (in bytes) keep the buffer they were built in, shrunk to
/// fit, rather than being copied out of it.
const KEEP_BUFFER: usize = 64 * 1024;

/// Blocks longer than this (in bytes, as written) are prose: their lines are not kept to
/// look for a shape (a list, verse, …), so a huge paragraph is never held twice.
const SHAPED_MAX: usize = 64 * 1024;

/// A block of the file before its kind is known.
#[derive(Debug)]
pub(super) struct Raw {
    /// Trimmed, sanitised text; hard-wrapped lines joined by one space.
    pub(super) text: String,
    /// Number of source lines joined into `text` (counts kept small: a 100 MB file has
    /// hundreds of thousands of blocks).
    pub(super) lines: u32,
    /// Number of blank lines just before the block.
    pub(super) blanks_before: u32,
    /// The block's parts when its lines have a shape (see [`shape::shape`]); used when the
    /// block turns out to be a paragraph of the body. Boxed: most blocks have none.
    pub(super) shaped: Option<Box<[Part]>>,
}

/// Cuts lines into blocks at blank lines (a line of only whitespace, NBSP included, is
/// blank), joining the lines of each block with one space.
///
/// Each block's text is built in one buffer kept from block to block and then copied out
/// at its exact size: a file's blocks take no more room than their text.
#[derive(Debug, Default)]
pub(super) struct Cutter {
    /// The width most of the file's lines stay within (see [`shape::head_measure`]).
    pub(super) measure: usize,
    /// The blocks cut so far.
    out: Vec<Raw>,
    /// The lines of the block being cut as written, joined by `'\n'`; emptied (and no
    /// longer filled) once the block is longer than [`SHAPED_MAX`].
    source: String,
    /// Whether the block being cut is too long to have a shape.
    long: bool,
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
    pub(super) fn line(&mut self, written: &str) {
        let line = written.trim();
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
        let kept = written.trim_end();
        if !self.long {
            if self.source.len() + kept.len() >= SHAPED_MAX {
                self.long = true;
                self.source = String::new();
            } else {
                if self.lines > 0 {
                    self.source.push('\n');
                }
                self.source.push_str(kept);
            }
        }
        push_visible(&mut self.text, line);
        self.lines += 1;
    }

    /// Ends the block being cut, if any.
    fn end_block(&mut self) {
        if self.lines == 0 {
            return;
        }
        let shaped = (!self.long && shape::may_shape(&self.source, self.lines))
            .then(|| {
                let lines: Vec<&str> = self.source.split('\n').collect();
                shape::shape(&lines, self.measure)
            })
            .flatten();
        self.source.clear();
        self.long = false;
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
            lines: u32::try_from(self.lines).unwrap_or(u32::MAX),
            blanks_before: u32::try_from(self.blanks_before).unwrap_or(u32::MAX),
            shaped: shaped.map(Vec::into_boxed_slice),
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
    let mut cutter = Cutter {
        measure: shape::head_measure(text),
        ..Cutter::default()
    };
    for line in text.split('\n') {
        cutter.line(line);
    }
    cutter.finish()
}
