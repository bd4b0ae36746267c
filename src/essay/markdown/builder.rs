//! The state of the Markdown reader: blocks being built, inline styles open, containers.

use super::events::Body;
use super::html;
use super::table::Table;
use crate::essay::{BlockKind, Inline, Part, Span};

/// A block being read.
#[derive(Debug)]
pub(super) struct Cur {
    /// Its kind.
    pub(super) kind: BlockKind,
    /// Its depth.
    pub(super) depth: u8,
    /// Whether it is the next line of the block before.
    pub(super) joined: bool,
    /// Its text so far.
    pub(super) text: String,
    /// Length of `text` in code points.
    pub(super) len: usize,
    /// Spans closed so far.
    pub(super) spans: Vec<Span>,
}

/// An inline style opened and not yet closed, from code point `start` of the current block.
#[derive(Debug)]
pub(super) struct Open {
    /// The style.
    pub(super) style: Inline,
    /// Where it starts in the current block.
    pub(super) start: usize,
}

/// The reader's state between events.
#[derive(Debug, Default)]
pub(super) struct Builder {
    /// What has been read.
    pub(super) body: Body,
    /// The block being read.
    pub(super) cur: Option<Cur>,
    /// Inline styles open.
    pub(super) open: Vec<Open>,
    /// Block quotes open.
    pub(super) quote: u8,
    /// Lists open: the number of the next item of each (None for bullets).
    pub(super) lists: Vec<Option<u64>>,
    /// The marker of a list item whose text has not started yet.
    pub(super) marker: Option<String>,
    /// The level of the heading being read.
    pub(super) heading: Option<u8>,
    /// The footnote definition being read: its label and blocks.
    pub(super) note: Option<(String, Vec<Part>)>,
    /// Whether the footnote's label is still to be written before its text.
    pub(super) note_label: bool,
    /// The text of the code block being read.
    pub(super) code: Option<String>,
    /// The raw HTML block being read.
    pub(super) html: Option<String>,
    /// Where an image's alt text starts in the current block.
    pub(super) image: Option<usize>,
    /// The table being read.
    pub(super) table: Option<Table>,
    /// Whether the next block continues the one before after a hard line break.
    pub(super) joined_next: bool,
    /// How many tags are open (0 at the top level).
    pub(super) nesting: usize,
}

impl Builder {
    /// The nesting depth of a block opened now.
    pub(super) fn depth(&self) -> u8 {
        match self.lists.len() {
            0 => self.quote.saturating_sub(1),
            n => u8::try_from(n - 1).unwrap_or(u8::MAX),
        }
    }

    /// A fresh block of a kind, at a depth, starting with a prefix.
    pub(super) fn new_block(&mut self, kind: BlockKind, depth: u8, prefix: String) -> Cur {
        let joined = std::mem::take(&mut self.joined_next);
        let len = prefix.chars().count();
        Cur {
            kind,
            depth,
            joined,
            text: prefix,
            len,
            spans: Vec::new(),
        }
    }

    /// The block being read, opened as the context says if none is.
    pub(super) fn cur(&mut self) -> &mut Cur {
        let c = match self.cur.take() {
            Some(c) => c,
            None => self.context_block(),
        };
        self.cur.insert(c)
    }

    /// A new block of the kind the open containers ask for; open styles restart in it.
    pub(super) fn context_block(&mut self) -> Cur {
        let mut prefix = String::new();
        let (kind, depth) = if let Some(level) = self.heading {
            (BlockKind::Heading(level), 0)
        } else if let Some((label, _)) = &self.note {
            if std::mem::take(&mut self.note_label) {
                prefix = format!("[{label}] ");
            }
            (BlockKind::Footnote, 0)
        } else if !self.lists.is_empty() {
            prefix = self.marker.take().unwrap_or_default();
            (BlockKind::Item, self.depth())
        } else if self.quote > 0 {
            (BlockKind::Quote, self.depth())
        } else if self.joined_next {
            (BlockKind::Verse, 0)
        } else {
            (BlockKind::Paragraph, 0)
        };
        let c = self.new_block(kind, depth, prefix);
        for o in &mut self.open {
            o.start = c.len;
        }
        c
    }

    /// Adds text to the current block (line breaks inside become spaces).
    pub(super) fn push(&mut self, s: &str) {
        let c = self.cur();
        for ch in s.chars() {
            c.text.push(if ch == '\n' { ' ' } else { ch });
            c.len += 1;
        }
    }

    /// Adds text in a style.
    pub(super) fn styled(&mut self, style: Inline, s: &str) {
        let start = self.cur().len;
        self.push(s);
        let c = self.cur();
        if c.len > start {
            let end = c.len;
            c.spans.push(Span { start, end, style });
        }
    }

    /// Opens an inline style.
    pub(super) fn open(&mut self, style: Inline) {
        let start = self.cur().len;
        self.open.push(Open { style, start });
    }

    /// Closes the innermost inline style; a link with no text shows its URL.
    pub(super) fn close(&mut self, link: Option<()>) {
        let Some(o) = self.open.pop() else { return };
        let empty = self.cur.as_ref().is_none_or(|c| c.len == o.start);
        if link.is_some()
            && empty
            && let Inline::Link(url) = &o.style
        {
            let url = url.clone();
            self.push(&url);
        }
        if let Some(c) = &mut self.cur
            && c.len > o.start
        {
            c.spans.push(Span {
                start: o.start,
                end: c.len,
                style: o.style,
            });
        }
    }

    /// Closes every open style at the end of the current block (they reopen in the next).
    pub(super) fn close_all(&mut self) {
        if let Some(c) = &mut self.cur {
            for o in &self.open {
                if c.len > o.start {
                    c.spans.push(Span {
                        start: o.start,
                        end: c.len,
                        style: o.style.clone(),
                    });
                }
            }
        }
    }

    /// A hard line break: the block ends, and the next line is joined to it as verse.
    pub(super) fn hard_break(&mut self) {
        if self.heading.is_some() || self.table.is_some() {
            self.push(" ");
            return;
        }
        if let Some(c) = &mut self.cur
            && c.kind == BlockKind::Paragraph
        {
            c.kind = BlockKind::Verse;
        }
        let had = self.cur.is_some();
        self.flush();
        self.joined_next = had;
    }

    /// Ends the current block, if any, and the run of joined lines.
    pub(super) fn end_block(&mut self) {
        self.flush();
        self.joined_next = false;
    }

    /// Hands the current block on.
    pub(super) fn flush(&mut self) {
        self.close_all();
        if let Some(c) = self.cur.take() {
            let part = Part {
                kind: c.kind,
                depth: c.depth,
                joined: c.joined,
                text: c.text,
                spans: c.spans,
            };
            self.emit(part);
        }
    }

    /// Adds a finished part to the essay or to the footnote being read.
    pub(super) fn emit(&mut self, part: Part) {
        match &mut self.note {
            Some((_, parts)) => parts.push(part),
            None => self.body.parts.push(part),
        }
    }

    /// A code block's lines, verbatim, as joined [`BlockKind::Code`] parts.
    pub(super) fn code_lines(&mut self, code: &str) {
        self.end_block();
        let depth = self.depth();
        let lines: Vec<&str> = code.trim_end_matches('\n').split('\n').collect();
        let first = lines
            .iter()
            .position(|l| !l.trim().is_empty())
            .unwrap_or(lines.len());
        for (i, line) in lines[first..].iter().enumerate() {
            self.emit(Part {
                kind: BlockKind::Code,
                depth,
                joined: i > 0,
                text: (*line).to_owned(),
                spans: Vec::new(),
            });
        }
    }

    /// Raw HTML as paragraphs of its text, in the current context.
    pub(super) fn html_text(&mut self, raw: &str) {
        self.end_block();
        for para in html::paragraphs(raw) {
            self.push(&para);
            self.end_block();
        }
    }
}
