//! How each kind of block sits in the measure: its indent (quote bars, a list's hanging
//! indent, code set in, centred rows), what is drawn in the indent, and how it wraps
//! (lines of code and table rows are cut between graphemes, never reflowed at words).
//!
//! Indents never take the whole measure: at least [`MIN_TEXT`] columns (or the whole of a
//! narrower pane) are left for the text.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::{Row, grapheme_width, wrap};
use crate::essay::{Block, BlockKind};

/// Columns always left for text, whatever the indent.
const MIN_TEXT: usize = 12;
/// Columns of one level of quote or list nesting.
const STEP: usize = 2;
/// Longest list marker given a hanging indent ("10. ", "iii) ").
const MARKER_MAX: usize = 6;

/// What is drawn in the indent of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lead {
    /// Nothing: blank cells.
    Blank,
    /// One bar per level of a block quote ("│ │ ").
    Bars(usize),
    /// A row continuing a line of code or a table row that did not fit.
    Continued,
}

/// Columns before the text of a block's first row and of its later rows, before clamping.
fn indents(block: &Block) -> (usize, usize) {
    let depth = usize::from(block.depth);
    match block.kind {
        BlockKind::Quote => (STEP * (depth + 1), STEP * (depth + 1)),
        BlockKind::Item => {
            let marker = block
                .text
                .split_once(' ')
                .map_or(0, |(m, _)| m.width() + 1)
                .min(MARKER_MAX);
            (STEP * depth, STEP * depth + marker)
        }
        BlockKind::Verse => (STEP * depth, STEP * depth + STEP),
        BlockKind::Code | BlockKind::Table => (STEP * (depth + 1), STEP * (depth + 1)),
        _ => (0, 0),
    }
}

/// The widest indent that still leaves room for text in `width` columns.
fn room(width: usize) -> usize {
    width.saturating_sub(MIN_TEXT)
}

/// Whether a block's lines are kept as they are (cut between graphemes when too long).
fn verbatim(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Code | BlockKind::Table)
}

/// The rows of a block at `width` columns of measure.
pub(super) fn rows_of(block: &Block, width: usize) -> Vec<Row> {
    let (first, rest) = indents(block);
    let text_width = width
        .saturating_sub(first.max(rest).min(room(width)))
        .max(1);
    if verbatim(block.kind) {
        cut(&block.text, text_width)
    } else {
        wrap(&block.text, text_width)
    }
}

/// Columns before the text of row `row` (of `rows`) of a block, at `width`.
pub(super) fn indent_of(block: &Block, rows: &[Row], row: usize, width: usize) -> usize {
    if block.kind == BlockKind::Centred {
        let Some(r) = rows.get(row) else { return 0 };
        let drawn: usize = block
            .text
            .chars()
            .skip(r.start)
            .take(r.end - r.start)
            .collect::<String>()
            .trim_end()
            .graphemes(true)
            .map(grapheme_width)
            .sum();
        return width.saturating_sub(drawn) / 2;
    }
    let (first, rest) = indents(block);
    let indent = if row == 0 { first } else { rest };
    indent.min(room(width))
}

/// What is drawn in the indent of row `row` of a block.
pub(super) fn lead_of(block: &Block, row: usize) -> Lead {
    match block.kind {
        BlockKind::Quote => Lead::Bars(usize::from(block.depth) + 1),
        _ if verbatim(block.kind) && row > 0 => Lead::Continued,
        _ => Lead::Blank,
    }
}

/// Rows of at most `width` columns, cut between graphemes: the text as it is, spaces and
/// all, never reflowed.
pub fn cut(text: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut cp, mut used) = (0, 0, 0);
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > width && cp > start {
            rows.push(Row { start, end: cp });
            start = cp;
            used = 0;
        }
        used += w;
        cp += g.chars().count();
    }
    rows.push(Row { start, end: cp });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::{Essay, Part};

    fn block(kind: BlockKind, depth: u8, text: &str) -> Block {
        let part = Part {
            kind,
            depth,
            text: text.into(),
            ..Part::default()
        };
        Essay::from_parts("e".into(), None, vec![part])
            .blocks
            .remove(0)
    }

    fn texts(text: &str, rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| text.chars().skip(r.start).take(r.end - r.start).collect())
            .collect()
    }

    #[test]
    fn code_is_cut_not_reflowed() {
        let b = block(BlockKind::Code, 0, "    let x = a_long_name + another;");
        let rows = rows_of(&b, 20);
        assert_eq!(
            texts(&b.text, &rows),
            ["    let x = a_long", "_name + another;"].map(String::from),
            "18 columns of text after an indent of 2"
        );
        assert_eq!(indent_of(&b, &rows, 0, 20), 2);
        assert_eq!(lead_of(&b, 1), Lead::Continued);
        // Wide characters are never split, and the rows cover the text.
        let wide = cut("漢字漢字漢", 5);
        assert_eq!(texts("漢字漢字漢", &wide), ["漢字", "漢字", "漢"]);
    }

    #[test]
    fn items_hang_and_quotes_have_a_bar_per_level() {
        let b = block(BlockKind::Item, 1, "12. one two three four five six seven");
        let rows = rows_of(&b, 30);
        assert_eq!(indent_of(&b, &rows, 0, 30), 2);
        assert_eq!(
            indent_of(&b, &rows, 1, 30),
            6,
            "under the text, past '12. '"
        );
        let q = block(BlockKind::Quote, 1, "deep");
        assert_eq!(indent_of(&q, &[], 0, 30), 4);
        assert_eq!(lead_of(&q, 0), Lead::Bars(2));
    }

    #[test]
    fn centred_rows_sit_in_the_middle() {
        let b = block(BlockKind::Centred, 0, "Preamble");
        let rows = rows_of(&b, 40);
        assert_eq!(indent_of(&b, &rows, 0, 40), 16);
        // Narrower than the text: no indent, wrapped.
        assert_eq!(indent_of(&b, &rows_of(&b, 5), 0, 5), 0);
    }

    #[test]
    fn a_narrow_pane_keeps_room_for_text() {
        let b = block(BlockKind::Quote, 7, "nested very deep indeed");
        assert_eq!(indent_of(&b, &[], 0, 14), 2);
        assert_eq!(indent_of(&b, &[], 0, 8), 0);
        let rows = rows_of(&b, 8);
        assert!(rows.len() > 1);
    }

    #[test]
    fn no_gap_before_a_joined_line_and_columns_count_the_indent() {
        use crate::layout::{Flow, LineKind, LinePos, WrapCache};
        let part = |kind, joined, text: &str| Part {
            kind,
            joined,
            text: text.into(),
            ..Part::default()
        };
        let essay = Essay::from_parts(
            "e".into(),
            None,
            vec![
                part(BlockKind::Paragraph, false, "Prose."),
                part(BlockKind::Verse, false, "one"),
                part(BlockKind::Verse, true, "two"),
                part(BlockKind::Quote, false, "said"),
            ],
        );
        let cache = WrapCache::default();
        let flow = Flow::new(&essay, 40, &cache);
        let mut lines = vec![flow.first()];
        while let Some(next) = flow.next(*lines.last().unwrap()) {
            lines.push(next);
        }
        let kinds: Vec<bool> = lines
            .iter()
            .map(|p| matches!(flow.line(*p), LineKind::Gap))
            .collect();
        // Prose, gap, one, two (no gap between), gap, said.
        assert_eq!(kinds, [false, true, false, false, true, false]);
        assert_eq!(
            flow.prev(LinePos { block: 2, row: 0 }),
            Some(LinePos { block: 1, row: 0 })
        );
        // The quote is set in by its bar: its first char is drawn at column 2.
        let said = essay.blocks[3].start;
        assert_eq!(flow.column_of(said + 1), 3);
        assert_eq!(flow.offset_at(flow.pos_of(said), 3), said + 1);
        assert_eq!(
            flow.offset_at(flow.pos_of(said), 0),
            said,
            "in the bar: the first char"
        );
    }
}
