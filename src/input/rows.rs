//! The screen lines of a text input, wrapped at word boundaries, and columns within them.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

use crate::essay::visible;
use crate::layout::{TAB_WIDTH, grapheme_width, wrap_measured};

/// One screen line of an input's text: bytes `start..end`, without a line break.
///
/// The lines of one line of text follow each other (`end` of one is `start` of the next);
/// `last` marks the last line of a line of text, the only one the cursor may stand at the
/// end of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualRow {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether this is the last screen line of its line of text.
    pub last: bool,
}

/// How one grapheme cluster of an input is drawn: the text put on screen and its columns.
///
/// Control and format characters show as their [`visible`] stand-ins (so a ZWJ sequence
/// shows as its emoji with `·` between them), a tab as spaces, and a cluster with no width
/// of its own (a combining mark at the start) on a dotted circle, so every cluster takes at
/// least one cell and the cursor can stand on it.
pub fn shown(g: &str) -> (Cow<'_, str>, usize) {
    if g == "\t" {
        return (Cow::Owned(" ".repeat(TAB_WIDTH)), TAB_WIDTH);
    }
    let text: Cow<str> = if g.chars().all(|c| visible(c) == c) {
        Cow::Borrowed(g)
    } else {
        Cow::Owned(g.chars().map(visible).collect())
    };
    let width: usize = text.graphemes(true).map(grapheme_width).sum();
    if width == 0 {
        (Cow::Owned(format!("\u{25cc}{text}")), 1)
    } else {
        (text, width)
    }
}

/// Columns of one grapheme cluster on screen.
fn columns_of(g: &str) -> usize {
    shown(g).1
}

/// The screen lines of `text` at `width` (0: not wrapped).
pub(super) fn rows(text: &str, width: usize) -> Vec<VisualRow> {
    let width = if width == 0 { usize::MAX / 2 } else { width };
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        // The wrapper counts code points; the rows here are bytes.
        let bytes: Vec<usize> = line
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(line.len()))
            .collect();
        let wrapped = wrap_measured(line, width, columns_of);
        let n = wrapped.len();
        for (i, row) in wrapped.into_iter().enumerate() {
            out.push(VisualRow {
                start: line_start + bytes[row.start],
                end: line_start + bytes[row.end],
                last: i + 1 == n,
            });
        }
        line_start += line.len() + 1;
    }
    out
}

/// The index of the row the cursor at `at` is on.
pub(super) fn row_of(rows: &[VisualRow], at: usize) -> usize {
    rows.iter()
        .position(|r| r.start <= at && (at < r.end || (at == r.end && r.last)))
        .unwrap_or(rows.len().saturating_sub(1))
}

/// The column of `at` (a grapheme boundary inside `row`) from the start of the row.
pub(super) fn column(text: &str, row: VisualRow, at: usize) -> usize {
    text[row.start..at.clamp(row.start, row.end)]
        .graphemes(true)
        .map(columns_of)
        .sum()
}

/// The last grapheme boundary of `row` at or before column `goal` (the row's end only on
/// the last row of a line: elsewhere the end is the start of the next row).
pub(super) fn at_column(text: &str, row: VisualRow, goal: usize) -> usize {
    let mut col = 0;
    let mut best = row.start;
    for (i, g) in text[row.start..row.end].grapheme_indices(true) {
        if col > goal {
            break;
        }
        best = row.start + i;
        col += columns_of(g);
    }
    if row.last && col <= goal {
        best = row.end;
    }
    best
}
