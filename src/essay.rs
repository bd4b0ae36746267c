//! Essays: loading a text file, splitting it into essays, and the canonical text of each.
//!
//! An essay's *canonical text* is its blocks (header lines, paragraphs, headings, quotes, list
//! items, lines of code or verse, table rows, footnotes) joined by `"\n\n"`, or by a single
//! `"\n"` before a block that is [`Block::joined`] to the one before it (the next line of a
//! code block, a poem or a table). Every offset in marginalia is a Unicode code-point offset
//! into that text. Block texts never contain `'\n'` and hold only characters that are safe to
//! draw (see [`visible`]).

mod cut;
mod dump;
mod epub;
mod format;
mod html;
mod load;
mod markdown;
mod paragraphs;
mod sanitize;
mod shape;
mod split;
mod stream;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use sha2::{Digest, Sha256};

pub use dump::{dump, dump_all, lead_of};
pub use epub::epub_essays;
pub use format::{Format, detect, essays_from, load_as, sniff_file};
pub use html::html_essays;
pub use load::{
    EssayError, Head, Opened, decode, essays_of, load_file, open_text, read_text, stem_of,
};
pub use markdown::markdown_essays;
pub use sanitize::{visible, visible_lines};
pub use split::{split, split_head};

/// The separator between two blocks in the canonical text.
const GAP: &str = "\n\n";
/// The separator before a block joined to the one before it (the next line of a group).
const LINE_GAP: &str = "\n";

/// Kind of a block of an essay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockKind {
    /// A date line such as "Friday, May 24, 2024".
    Date,
    /// The essay's title.
    Title,
    /// The author line, such as "M.K. Bhadrakumar" or "By Ann Smith".
    Byline,
    /// A one-sentence lead paragraph under the header; only styled differently.
    Standfirst,
    /// An ordinary paragraph (in plain text, section headings included).
    #[default]
    Paragraph,
    /// A heading of the essay's body, level 1 (top) to 6.
    Heading(u8),
    /// A paragraph of a block quote ([`Block::depth`] says how deeply nested).
    Quote,
    /// A list item; its text begins with its marker ("• ", "1. ", "- "), and
    /// [`Block::depth`] is its nesting (0 for a top-level list).
    Item,
    /// One line of preformatted text or code: kept verbatim, never wrapped or reflowed.
    Code,
    /// One line of verse or of text with hard line breaks: wrapped, but never joined.
    Verse,
    /// One line set centred in the source (a title page, a dedication).
    Centred,
    /// One row of a table, its cells separated by " │ ".
    Table,
    /// A footnote's text; it begins with its label ("[1] ").
    Footnote,
}

/// An inline style over part of a block's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Emphasis: drawn in italics.
    Emphasis,
    /// Strong emphasis: drawn in bold.
    Strong,
    /// Struck-through text.
    Strike,
    /// Inline code.
    Code,
    /// A link's text; the target (a URL) is kept to be shown on request.
    Link(String),
    /// A reference to a footnote, by its label (the footnote block begins "[label] ").
    Note(String),
}

/// An inline style over code points `start..end` of a block's text (relative to the block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First code point, relative to the block's start.
    pub start: usize,
    /// One past the last code point, relative to the block's start.
    pub end: usize,
    /// The style.
    pub style: Inline,
}

/// A block as a reader (Markdown, HTML, EPUB, plain text) hands it to [`Essay::from_parts`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Part {
    /// What the block is.
    pub kind: BlockKind,
    /// Nesting depth (quotes within quotes, lists within lists); 0 at the top.
    pub depth: u8,
    /// Whether the block is the next line of the block before it (see [`Block::joined`]).
    pub joined: bool,
    /// The text: may hold any characters; it is trimmed (except [`BlockKind::Code`], whose
    /// leading spaces are kept) and made safe to draw.
    pub text: String,
    /// Inline styles, in code points relative to `text` as given.
    pub spans: Vec<Span>,
}

/// One block (a header line or a paragraph) of an essay's canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Code-point offset of the block's first char in the essay text.
    pub start: usize,
    /// The block's text: no '\n', sanitised (see [`visible`]), trimmed.
    pub text: String,
    /// Length in code points (chars) of `text`.
    pub len: usize,
    /// Nesting depth (quotes within quotes, lists within lists); 0 at the top.
    pub depth: u8,
    /// Whether this block is the next line of the block before it: a line of a code
    /// block, of a poem, of a table. It follows the block before it after a single
    /// `'\n'` in the canonical text and is drawn on the next line, without a blank line.
    pub joined: bool,
    /// Inline styles (emphasis, links, …), in code points relative to the block, sorted.
    pub spans: Vec<Span>,
}

impl Block {
    /// One past the block's last code point in the essay text.
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// One essay: its header fields, its blocks and a fingerprint of its canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Essay {
    /// Stable id from the title: lowercase ASCII slug ("inside-track-of-putin-xi-jinping-talks"),
    /// made unique within the file by suffix "-2", "-3".
    pub id: String,
    /// The title (the text of the first `Title` block, or a fallback such as the file stem).
    pub title: String,
    /// The text of the first `Byline` block, if any.
    pub byline: Option<String>,
    /// The text of the first `Date` block, if any.
    pub date: Option<String>,
    /// The blocks in file order.
    pub blocks: Vec<Block>,
    /// Total length in code points of the canonical text.
    pub len: usize,
    /// "sha256:<hex>" of the canonical text's UTF-8 bytes.
    pub fingerprint: String,
    /// The format of the file it was read from (plain text unless a reader says otherwise).
    pub format: Format,
}

impl Essay {
    /// Builds an essay from its blocks (kind, text); computes starts, len, fingerprint.
    ///
    /// Each text is trimmed and passed through [`visible`] (so a stray `'\n'` becomes `'␊'`);
    /// blocks left empty are dropped. The title is the first `Title` block's text, or `id` when
    /// there is none.
    pub fn from_blocks(id: String, blocks: Vec<(BlockKind, String)>) -> Essay {
        let parts = blocks
            .into_iter()
            .map(|(kind, text)| Part {
                kind,
                text,
                ..Part::default()
            })
            .collect();
        Essay::from_parts(id, None, parts)
    }

    /// Builds an essay from the blocks a reader found; computes starts, len, fingerprint.
    ///
    /// Each text is trimmed (a line of code only at its end) and made safe to draw
    /// (see [`visible`]); spans are moved with the trimming and clipped to the text; blocks
    /// left empty are dropped, except lines of code or verse inside their group (a blank
    /// line in a code block is kept as one space). A joined block with nothing before it
    /// starts the essay unjoined. `fallback_title` is the title when no block is a `Title`;
    /// without it the id is used.
    pub fn from_parts(id: String, fallback_title: Option<&str>, parts: Vec<Part>) -> Essay {
        let mut kept: Vec<Part> = Vec::with_capacity(parts.len());
        for part in parts {
            let Part {
                kind,
                depth,
                joined,
                text,
                spans,
            } = part;
            let kept_lead = kind == BlockKind::Code;
            let trimmed_end = text.trim_end();
            let body = if kept_lead {
                trimmed_end
            } else {
                trimmed_end.trim_start()
            };
            let lead = text[..trimmed_end.len() - body.len()].chars().count();
            let mut body: String = body.chars().map(visible).collect();
            let grouped = matches!(kind, BlockKind::Code | BlockKind::Verse);
            if body.is_empty() {
                if !(grouped && joined && !kept.is_empty()) {
                    continue;
                }
                body.push(' ');
            }
            let len = body.chars().count();
            let mut spans: Vec<Span> = spans
                .into_iter()
                .filter_map(|sp| {
                    let start = sp.start.saturating_sub(lead).min(len);
                    let end = sp.end.saturating_sub(lead).min(len);
                    (start < end).then_some(Span {
                        start,
                        end,
                        style: sp.style,
                    })
                })
                .collect();
            spans.sort_by_key(|sp| (sp.start, sp.end));
            kept.push(Part {
                kind,
                depth,
                joined: joined && !kept.is_empty(),
                text: body,
                spans,
            });
        }
        Essay::assemble_parts(id, fallback_title, kept)
    }

    /// Builds an essay from parts that are already trimmed, safe and non-empty.
    ///
    /// `fallback_title` is the title when no block is a `Title`; without it the id is used.
    pub(crate) fn assemble_parts(
        id: String,
        fallback_title: Option<&str>,
        parts: impl IntoIterator<Item = Part>,
    ) -> Essay {
        let parts = parts.into_iter();
        let mut hasher = Sha256::new();
        // Sized once: a 100 MB essay's blocks are not copied as their list grows.
        let mut blocks = Vec::with_capacity(parts.size_hint().0);
        let mut start = 0;
        for (i, part) in parts.into_iter().enumerate() {
            let joined = part.joined && i > 0;
            if i > 0 {
                let gap = if joined { LINE_GAP } else { GAP };
                hasher.update(gap.as_bytes());
                start += gap.len();
            }
            hasher.update(part.text.as_bytes());
            let len = part.text.chars().count();
            blocks.push(Block {
                kind: part.kind,
                start,
                text: part.text,
                len,
                depth: part.depth,
                joined,
                spans: part.spans,
            });
            start += len;
        }
        let first = |kind: BlockKind| {
            blocks
                .iter()
                .find(|b| b.kind == kind)
                .map(|b| b.text.clone())
        };
        let title = first(BlockKind::Title)
            .or_else(|| fallback_title.map(str::to_owned))
            .unwrap_or_else(|| id.clone());
        let byline = first(BlockKind::Byline);
        let date = first(BlockKind::Date);
        let fingerprint = format!("sha256:{}", hex(&hasher.finalize()));
        Essay {
            id,
            title,
            byline,
            date,
            blocks,
            len: start,
            fingerprint,
            format: Format::Text,
        }
    }

    /// The canonical text: blocks' texts joined by "\n\n" ("\n" before a joined block).
    /// Offsets everywhere are code points into this.
    pub fn text(&self) -> String {
        let bytes = self.blocks.iter().map(|b| b.text.len() + GAP.len()).sum();
        let mut out = String::with_capacity(bytes);
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str(if b.joined { LINE_GAP } else { GAP });
            }
            out.push_str(&b.text);
        }
        out
    }

    /// Index of the block containing `offset`.
    ///
    /// An offset in the gap after block i maps to i; `len` and beyond map to the last
    /// block. An essay without blocks answers 0.
    pub fn block_at(&self, offset: usize) -> usize {
        self.blocks
            .partition_point(|b| b.start <= offset)
            .saturating_sub(1)
    }

    /// The text of code points start..end of the canonical text (clamped to len), gaps included as "\n\n" (or "\n").
    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.len);
        let mut out = String::new();
        if start >= end {
            return out;
        }
        let mut pos = start;
        for b in &self.blocks[self.block_at(start)..] {
            if pos >= end {
                break;
            }
            if pos < b.start {
                // In the gap before this block.
                let gap = (b.start - pos).min(end - pos);
                out.extend(std::iter::repeat_n('\n', gap));
                pos += gap;
            }
            if pos < end && pos < b.end() {
                let from = pos - b.start;
                let take = (b.end().min(end)) - pos;
                // Found by counting, not by stepping from the start of a long paragraph.
                let first = crate::selection::byte_of(&b.text, from);
                let rest = &b.text[first..];
                out.push_str(&rest[..crate::selection::byte_of(rest, take)]);
                pos += take;
            }
        }
        out
    }

    /// The char at `offset`, '\n' inside a gap, None past the end.
    pub fn char_at(&self, offset: usize) -> Option<char> {
        if offset >= self.len {
            return None;
        }
        let b = self.blocks.get(self.block_at(offset))?;
        if offset < b.end() {
            b.text.chars().nth(offset - b.start)
        } else {
            Some('\n')
        }
    }
}

/// Lowercase hexadecimal of some bytes.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The id slug of a title: lowercase ASCII letters and digits, words joined by '-'.
///
/// Apostrophes and quotes vanish ("China’s" → "chinas"); any other non-alphanumeric run
/// becomes one '-'. A title with no ASCII letters or digits gives "essay".
pub fn slug(title: &str) -> String {
    let mut s = String::with_capacity(title.len());
    let mut dash = false;
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.push(c.to_ascii_lowercase());
        } else if !matches!(c, '\'' | '’' | '‘' | '"' | '“' | '”' | '`' | '´') {
            dash = true;
        }
    }
    if s.is_empty() { "essay".to_owned() } else { s }
}

/// Hands out ids that are unique within one file: "x", "x-2", "x-3", …
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    used: HashSet<String>,
}

impl IdSet {
    /// A unique id for a title.
    pub(crate) fn unique(&mut self, title: &str) -> String {
        let base = slug(title);
        let mut id = base.clone();
        let mut n = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}
