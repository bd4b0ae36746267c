//! Essays: loading a text file, splitting it into essays, and the canonical text of each.
//!
//! An essay's *canonical text* is its blocks (header lines and paragraphs) joined by `"\n\n"`.
//! Every offset in marginalia is a Unicode code-point offset into that text. Block texts never
//! contain `'\n'` and hold only characters that are safe to draw (see [`visible`]).

mod load;
mod paragraphs;
mod sanitize;
mod split;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use sha2::{Digest, Sha256};

pub use load::{
    EssayError, Head, Opened, decode, essays_of, load_file, open_text, read_text, stem_of,
};
pub use sanitize::{visible, visible_lines};
pub use split::{split, split_head};

/// The separator between two blocks in the canonical text.
const GAP: &str = "\n\n";
/// Length of [`GAP`] in code points.
const GAP_LEN: usize = 2;

/// Kind of a block of an essay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A date line such as "Friday, May 24, 2024".
    Date,
    /// The essay's title.
    Title,
    /// The author line, such as "M.K. Bhadrakumar" or "By Ann Smith".
    Byline,
    /// A one-sentence lead paragraph under the header; only styled differently.
    Standfirst,
    /// An ordinary paragraph (section headings included).
    Paragraph,
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
}

impl Essay {
    /// Builds an essay from its blocks (kind, text); computes starts, len, fingerprint.
    ///
    /// Each text is trimmed and passed through [`visible`] (so a stray `'\n'` becomes `'␊'`);
    /// blocks left empty are dropped. The title is the first `Title` block's text, or `id` when
    /// there is none.
    pub fn from_blocks(id: String, blocks: Vec<(BlockKind, String)>) -> Essay {
        let blocks = blocks
            .into_iter()
            .filter_map(|(kind, text)| {
                let text: String = text.trim().chars().map(visible).collect();
                (!text.is_empty()).then_some((kind, text))
            })
            .collect();
        Essay::assemble(id, None, blocks)
    }

    /// Builds an essay from blocks that are already trimmed, sanitised and non-empty.
    ///
    /// `fallback_title` is the title when no block is a `Title`; without it the id is used.
    pub(crate) fn assemble(
        id: String,
        fallback_title: Option<&str>,
        parts: Vec<(BlockKind, String)>,
    ) -> Essay {
        let mut hasher = Sha256::new();
        let mut blocks = Vec::with_capacity(parts.len());
        let mut start = 0;
        for (i, (kind, text)) in parts.into_iter().enumerate() {
            if i > 0 {
                hasher.update(GAP.as_bytes());
                start += GAP_LEN;
            }
            hasher.update(text.as_bytes());
            let len = text.chars().count();
            blocks.push(Block {
                kind,
                start,
                text,
                len,
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
        }
    }

    /// The canonical text: blocks' texts joined by "\n\n". Offsets everywhere are code points into this.
    pub fn text(&self) -> String {
        let bytes = self.blocks.iter().map(|b| b.text.len() + GAP.len()).sum();
        let mut out = String::with_capacity(bytes);
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str(GAP);
            }
            out.push_str(&b.text);
        }
        out
    }

    /// Index of the block containing `offset`.
    ///
    /// An offset in the "\n\n" gap after block i maps to i; `len` and beyond map to the last
    /// block. An essay without blocks answers 0.
    pub fn block_at(&self, offset: usize) -> usize {
        self.blocks
            .partition_point(|b| b.start <= offset)
            .saturating_sub(1)
    }

    /// The text of code points start..end of the canonical text (clamped to len), gaps included as "\n\n".
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
                out.extend(b.text.chars().skip(from).take(take));
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
