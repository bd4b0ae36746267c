//! Wrapping an essay to a width, and mapping between screen lines and text offsets.
//!
//! Wrapping is lazy: a block (paragraph) is wrapped only when a line of it is needed,
//! and the result is kept in a [`WrapCache`] per width. A position on screen is a
//! [`LinePos`]: a block and a row of that block, where the row one past the block's
//! last row is the blank gap line between it and the next block (none before a block
//! joined to it: the next line of a poem or of code follows directly). How each kind of
//! block is indented and wrapped is in [`blocks`].

mod blocks;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

use crate::essay::Essay;

pub use blocks::{Lead, cut};

/// Columns a tab takes on screen.
pub const TAB_WIDTH: usize = 4;

/// One screen row of a wrapped block: code points `start..end`, relative to the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// First code point of the row, relative to the block start.
    pub start: usize,
    /// One past the last code point of the row, relative to the block start.
    pub end: usize,
}

/// Display width of one grapheme cluster, as the terminal (and ratatui) draws it.
pub fn grapheme_width(g: &str) -> usize {
    if g == "\t" { TAB_WIDTH } else { g.width() }
}

fn breaks_after(g: &str) -> bool {
    matches!(g, "-" | "\u{2013}" | "\u{2014}" | "/")
}

fn is_space(g: &str) -> bool {
    g == " " || g == "\t"
}

/// Wraps one block's text at word boundaries into rows no wider than `width` columns.
///
/// Spaces at the end of a row hang (they belong to the row but are not drawn past the
/// edge); a word longer than the row is broken between grapheme clusters. An empty text
/// gives one empty row.
pub fn wrap(text: &str, width: usize) -> Vec<Row> {
    wrap_measured(text, width, grapheme_width)
}

/// [`wrap`], with the columns of each grapheme cluster given by `measure` (for text drawn
/// with stand-ins, as the note editor draws control characters).
pub fn wrap_measured(text: &str, width: usize, measure: impl Fn(&str) -> usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0usize;
    let mut line_width = 0usize;
    // Break opportunity inside the current row: (code point offset, width before it).
    let mut last_break: Option<(usize, usize)> = None;
    let mut cp = 0usize;
    for g in text.graphemes(true) {
        let w = measure(g);
        let n = g.chars().count();
        if is_space(g) {
            line_width += w;
            cp += n;
            last_break = Some((cp, line_width));
            continue;
        }
        if line_width + w > width && cp > line_start {
            match last_break {
                Some((at, before)) if at > line_start => {
                    rows.push(Row {
                        start: line_start,
                        end: at,
                    });
                    line_start = at;
                    line_width -= before;
                }
                _ => {
                    rows.push(Row {
                        start: line_start,
                        end: cp,
                    });
                    line_start = cp;
                    line_width = 0;
                }
            }
            last_break = None;
            // The carried-over part of a word may itself be too wide.
            if line_width + w > width && cp > line_start {
                rows.push(Row {
                    start: line_start,
                    end: cp,
                });
                line_start = cp;
                line_width = 0;
            }
        }
        line_width += w;
        cp += n;
        if breaks_after(g) {
            last_break = Some((cp, line_width));
        }
    }
    rows.push(Row {
        start: line_start,
        end: cp,
    });
    rows
}

/// Wrapped rows per (essay, block, width), filled on demand.
///
/// Interior mutability lets drawing (which only reads the app state) fill the cache.
#[derive(Debug, Default)]
pub struct WrapCache {
    rows: RefCell<HashMap<BlockAtWidth, Rc<[Row]>>>,
    /// Per long block: the byte offset of every [`MARK_STEP`]th code point, so that a
    /// line deep in a huge paragraph is found without counting from its start.
    marks: RefCell<HashMap<usize, Rc<[usize]>>>,
}

impl WrapCache {
    /// Forgets every layout made, as a fresh start has none (for measuring cold starts).
    pub fn clear(&self) {
        self.rows.borrow_mut().clear();
        self.marks.borrow_mut().clear();
    }
}

/// Code points between two byte-offset marks of a long block.
const MARK_STEP: usize = 256;

/// Blocks shorter than this (in bytes) are counted from their start, without marks.
const MARKED_BLOCK: usize = 16 * 1024;

/// A block index and a width.
type BlockAtWidth = (usize, u16);

/// Entries kept before the cache starts afresh; bounds memory on huge files.
const CACHE_LIMIT: usize = 20_000;

impl WrapCache {
    /// The rows of `block` of `essay` at `width`, wrapping it if not cached.
    pub fn rows(&self, essay: &Essay, block: usize, width: u16) -> Rc<[Row]> {
        if let Some(rows) = self.rows.borrow().get(&(block, width)) {
            return Rc::clone(rows);
        }
        let rows: Rc<[Row]> = blocks::rows_of(&essay.blocks[block], usize::from(width)).into();
        let mut map = self.rows.borrow_mut();
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert((block, width), Rc::clone(&rows));
        rows
    }

    /// The text of `block` of `essay` from code point `from` (relative to the block) on.
    ///
    /// The same as [`text_from`], but a long block is entered at the nearest mark, so the
    /// cost does not grow with the paragraph.
    pub fn text_from<'e>(&self, essay: &'e Essay, block: usize, from: usize) -> &'e str {
        let text = &essay.blocks[block].text;
        if text.len() < MARKED_BLOCK {
            return text_from(text, from);
        }
        let marks = {
            let cached = self.marks.borrow().get(&block).cloned();
            match cached {
                Some(marks) => marks,
                None => {
                    let marks: Rc<[usize]> = text
                        .char_indices()
                        .step_by(MARK_STEP)
                        .map(|(i, _)| i)
                        .collect();
                    let mut map = self.marks.borrow_mut();
                    if map.len() >= CACHE_LIMIT {
                        map.clear();
                    }
                    map.insert(block, Rc::clone(&marks));
                    marks
                }
            }
        };
        match marks.get(from / MARK_STEP) {
            Some(&byte) => text_from(&text[byte..], from % MARK_STEP),
            None => "",
        }
    }
}

/// A screen line of an essay: a row of a block, or the blank gap after a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinePos {
    /// Index of the block.
    pub block: usize,
    /// Row within the block; the row count of the block means the gap after it.
    pub row: usize,
}

/// An essay laid out at one width: the way to walk its screen lines.
#[derive(Clone, Copy)]
pub struct Flow<'a> {
    /// The essay laid out.
    pub essay: &'a Essay,
    /// Columns available for text.
    pub width: u16,
    cache: &'a WrapCache,
}

/// What a screen line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Text: essay offsets `start..end`.
    Text { start: usize, end: usize },
    /// The blank line between two blocks.
    Gap,
}

impl<'a> Flow<'a> {
    /// The essay laid out at `width` columns, using `cache`.
    pub fn new(essay: &'a Essay, width: u16, cache: &'a WrapCache) -> Flow<'a> {
        Flow {
            essay,
            width: width.max(1),
            cache,
        }
    }

    /// Rows of one block.
    pub fn rows(&self, block: usize) -> Rc<[Row]> {
        self.cache.rows(self.essay, block, self.width)
    }

    /// The text of `block` from code point `from` (relative to the block) on, found in
    /// time independent of the block's length.
    pub fn text_from(&self, block: usize, from: usize) -> &'a str {
        self.cache.text_from(self.essay, block, from)
    }

    fn last_block(&self) -> usize {
        self.essay.blocks.len().saturating_sub(1)
    }

    /// Clamps an offset to a caret position: inside a block, on a grapheme start.
    ///
    /// The same as [`crate::selection::clamp`], but the grapheme is looked for around
    /// the offset, not from the start of its paragraph.
    pub fn clamp(&self, offset: usize) -> usize {
        let essay = self.essay;
        if essay.blocks.is_empty() {
            return 0;
        }
        let b = essay.block_at(offset.min(essay.len));
        let block = &essay.blocks[b];
        if block.len == 0 {
            return block.start;
        }
        let rel = offset.saturating_sub(block.start).min(block.len - 1);
        let text = block.text.as_str();
        let byte = text.len() - self.text_from(b, rel).len();
        let mut cursor = GraphemeCursor::new(byte, text.len(), true);
        if let Ok(true) = cursor.is_boundary(text, 0) {
            return block.start + rel;
        }
        match cursor.prev_boundary(text, 0) {
            Ok(Some(prev)) => block.start + rel - text[prev..byte].chars().count(),
            _ => block.start + rel,
        }
    }

    /// The first line of the essay.
    pub fn first(&self) -> LinePos {
        LinePos { block: 0, row: 0 }
    }

    /// The last line of the essay.
    pub fn last(&self) -> LinePos {
        let block = self.last_block();
        LinePos {
            block,
            row: self.rows(block).len().saturating_sub(1),
        }
    }

    /// Whether a blank gap line follows `block`: one does, unless it is the last block or
    /// the next is joined to it.
    pub fn gap_after(&self, block: usize) -> bool {
        self.essay
            .blocks
            .get(block + 1)
            .is_some_and(|next| !next.joined)
    }

    /// Columns before the text of the line at `pos` (a quote's bars, a list's hanging
    /// indent, a centred row's margin); 0 for a gap.
    pub fn indent(&self, pos: LinePos) -> usize {
        let Some(block) = self.essay.blocks.get(pos.block) else {
            return 0;
        };
        let rows = self.rows(pos.block);
        if pos.row >= rows.len() {
            return 0;
        }
        blocks::indent_of(block, &rows, pos.row, usize::from(self.width))
    }

    /// What is drawn in the indent of the line at `pos`.
    pub fn lead(&self, pos: LinePos) -> Lead {
        match self.essay.blocks.get(pos.block) {
            Some(block) if pos.row < self.rows(pos.block).len() => blocks::lead_of(block, pos.row),
            _ => Lead::Blank,
        }
    }

    /// The line after `pos`, if any.
    pub fn next(&self, pos: LinePos) -> Option<LinePos> {
        let n = self.rows(pos.block).len();
        if pos.row + 1 < n || (pos.row + 1 == n && self.gap_after(pos.block)) {
            Some(LinePos {
                block: pos.block,
                row: pos.row + 1,
            })
        } else if pos.block < self.last_block() {
            Some(LinePos {
                block: pos.block + 1,
                row: 0,
            })
        } else {
            None
        }
    }

    /// The line before `pos`, if any.
    pub fn prev(&self, pos: LinePos) -> Option<LinePos> {
        if pos.row > 0 {
            Some(LinePos {
                block: pos.block,
                row: pos.row - 1,
            })
        } else if pos.block > 0 {
            let block = pos.block - 1;
            let rows = self.rows(block).len();
            Some(LinePos {
                block,
                row: if self.gap_after(block) {
                    rows
                } else {
                    rows.saturating_sub(1)
                },
            })
        } else {
            None
        }
    }

    /// Moves `n` lines down (negative: up), stopping at either end.
    pub fn advance(&self, mut pos: LinePos, n: isize) -> LinePos {
        for _ in 0..n.unsigned_abs() {
            let step = if n > 0 {
                self.next(pos)
            } else {
                self.prev(pos)
            };
            match step {
                Some(p) => pos = p,
                None => break,
            }
        }
        pos
    }

    /// What the line at `pos` holds.
    pub fn line(&self, pos: LinePos) -> LineKind {
        let rows = self.rows(pos.block);
        match rows.get(pos.row) {
            Some(row) => {
                let base = self.essay.blocks[pos.block].start;
                LineKind::Text {
                    start: base + row.start,
                    end: base + row.end,
                }
            }
            None => LineKind::Gap,
        }
    }

    /// The text line holding `offset` (an offset in a gap, or past the end, maps to the
    /// last row of the block before it).
    pub fn pos_of(&self, offset: usize) -> LinePos {
        if self.essay.blocks.is_empty() {
            return self.first();
        }
        let block = self.essay.block_at(offset);
        let rel = offset.saturating_sub(self.essay.blocks[block].start);
        let rows = self.rows(block);
        let row = rows.partition_point(|r| r.start <= rel).saturating_sub(1);
        LinePos { block, row }
    }

    /// Offset of the first code point of the text line at `pos` (a gap gives the next block).
    pub fn line_start(&self, pos: LinePos) -> usize {
        match self.line(pos) {
            LineKind::Text { start, .. } => start,
            LineKind::Gap => self
                .essay
                .blocks
                .get(pos.block + 1)
                .map_or(self.essay.len, |b| b.start),
        }
    }

    /// The screen column at which `offset` is drawn in its line (its indent included).
    pub fn column_of(&self, offset: usize) -> usize {
        let pos = self.pos_of(offset);
        let LineKind::Text { start, .. } = self.line(pos) else {
            return 0;
        };
        let block = &self.essay.blocks[pos.block];
        let mut col = self.indent(pos);
        let mut cp = start;
        for g in self
            .text_from(pos.block, start - block.start)
            .graphemes(true)
        {
            if cp >= offset {
                break;
            }
            col += grapheme_width(g);
            cp += g.chars().count();
        }
        col
    }

    /// The offset drawn at `column` of the text line at `pos` (the nearest grapheme start;
    /// past the end of the line, its last grapheme; in its indent, its first). A gap gives
    /// the next block's start.
    pub fn offset_at(&self, pos: LinePos, column: usize) -> usize {
        let LineKind::Text { start, end } = self.line(pos) else {
            return self.line_start(pos);
        };
        let column = column.saturating_sub(self.indent(pos));
        let block = &self.essay.blocks[pos.block];
        let mut col = 0;
        let mut cp = start;
        let mut last = start;
        for g in self
            .text_from(pos.block, start - block.start)
            .graphemes(true)
        {
            if cp >= end {
                break;
            }
            let w = grapheme_width(g);
            last = cp;
            if column < col + w.max(1) {
                return cp;
            }
            col += w;
            cp += g.chars().count();
        }
        last
    }
}

/// The part of `text` from code point `from` on.
pub fn text_from(text: &str, from: usize) -> &str {
    match text.char_indices().nth(from) {
        Some((i, _)) => &text[i..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn widths(text: &str, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| text.chars().skip(r.start).take(r.end - r.start).collect())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "the quick brown fox jumps";
        assert_eq!(
            widths(text, &wrap(text, 10)),
            ["the quick ", "brown fox ", "jumps"]
        );
    }

    #[test]
    fn breaks_long_words_and_wide_chars() {
        assert_eq!(
            widths("abcdefgh", &wrap("abcdefgh", 3)),
            ["abc", "def", "gh"]
        );
        // Each CJK character is two columns wide: three fit in 7 columns.
        assert_eq!(
            widths("漢字漢字漢字", &wrap("漢字漢字漢字", 7)),
            ["漢字漢", "字漢字"]
        );
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let text = "e\u{301}e\u{301}e\u{301}";
        let rows = wrap(text, 2);
        assert_eq!(widths(text, &rows), ["e\u{301}e\u{301}", "e\u{301}"]);
    }

    #[test]
    fn breaks_after_dashes() {
        let text = "well-known-thing";
        assert_eq!(widths(text, &wrap(text, 11)), ["well-known-", "thing"]);
    }

    #[test]
    fn clamp_around_the_offset_agrees_with_clamp_from_the_start() {
        let long: String = "e\u{301}x 🇫🇷 a\u{308}\u{323}b ".repeat(3000);
        for text in ["a\u{301}b\u{302}\u{303} c", "🇫🇷🇩🇪 x", long.as_str()] {
            let essay = Essay::from_blocks(
                "e".into(),
                vec![
                    (crate::essay::BlockKind::Title, "T\u{301}".into()),
                    (crate::essay::BlockKind::Paragraph, text.into()),
                ],
            );
            let cache = WrapCache::default();
            let flow = Flow::new(&essay, 40, &cache);
            let step = (essay.len / 500).max(1);
            for offset in (0..essay.len + 3).step_by(step).chain(0..40) {
                assert_eq!(
                    flow.clamp(offset),
                    crate::selection::clamp(&essay, offset),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn a_long_block_is_entered_at_a_mark_with_the_same_text() {
        // Mixed widths of UTF-8, long enough to be marked.
        let text: String = "ab é 漢字 🌊 ".repeat(4000);
        let essay = Essay::from_blocks(
            "e".into(),
            vec![(crate::essay::BlockKind::Paragraph, text.clone())],
        );
        let text = &essay.blocks[0].text;
        assert!(text.len() >= MARKED_BLOCK);
        let cache = WrapCache::default();
        let n = text.chars().count();
        for from in [0, 1, 255, 256, 257, 1000, n / 2, n - 1, n, n + 5] {
            assert_eq!(
                cache.text_from(&essay, 0, from),
                text_from(text, from),
                "{from}"
            );
        }
    }

    fn drawn_width(text: &str, row: Row) -> usize {
        let s: String = text
            .chars()
            .skip(row.start)
            .take(row.end - row.start)
            .collect();
        s.trim_end_matches([' ', '\t'])
            .graphemes(true)
            .map(grapheme_width)
            .sum()
    }

    proptest! {
        #[test]
        fn rows_never_overflow_and_cover_the_text(
            text in "([a-z]{1,12}|漢字|😀|e\u{301}|\t| |—){0,60}",
            width in 2usize..40,
        ) {
            let rows = wrap(&text, width);
            let total = text.chars().count();
            prop_assert_eq!(rows[0].start, 0);
            prop_assert_eq!(rows[rows.len() - 1].end, total);
            for pair in rows.windows(2) {
                prop_assert_eq!(pair[0].end, pair[1].start);
            }
            for row in &rows {
                let w = drawn_width(&text, *row);
                // Only a single grapheme wider than the pane may overflow.
                let s: String = text.chars().skip(row.start).take(row.end - row.start).collect();
                prop_assert!(w <= width || s.trim_end().graphemes(true).count() == 1,
                    "row {:?} of width {} in {}", s, w, width);
            }
        }
    }
}
