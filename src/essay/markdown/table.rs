//! Tables set as text: each row one line, cells padded to their column's width, framed by
//! `│`, the header ruled off from the body.

use pulldown_cmark::Alignment;
use unicode_width::UnicodeWidthStr;

use crate::essay::{BlockKind, Part, Span};

/// One cell: its text and inline spans (code points relative to the text).
pub(super) type Cell = (String, Vec<Span>);

/// A table being read.
#[derive(Debug, Default)]
pub(super) struct Table {
    /// Column alignments from the delimiter row.
    pub(super) aligns: Vec<Alignment>,
    /// Rows read so far (the header first).
    pub(super) rows: Vec<Vec<Cell>>,
    /// The row being read.
    pub(super) row: Vec<Cell>,
    /// Whether the first row is a header.
    pub(super) head: bool,
}

impl Table {
    /// The table's rows as joined [`BlockKind::Table`] parts at nesting `depth`.
    pub(super) fn parts(self, depth: u8) -> Vec<Part> {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return Vec::new();
        }
        let mut widths = vec![0; cols];
        for row in &self.rows {
            for (i, (text, _)) in row.iter().enumerate() {
                widths[i] = widths[i].max(tab_free(text).width());
            }
        }
        let mut out = Vec::with_capacity(self.rows.len() + 1);
        for (r, row) in self.rows.into_iter().enumerate() {
            let mut text = String::from("│");
            let mut len = 1;
            let mut spans = Vec::new();
            for (i, width) in widths.iter().enumerate() {
                let (cell, cell_spans) = row.get(i).cloned().unwrap_or_default();
                let cell = tab_free(&cell);
                let room = width.saturating_sub(cell.width());
                let before = match self.aligns.get(i) {
                    Some(Alignment::Right) => room,
                    Some(Alignment::Center) => room / 2,
                    _ => 0,
                };
                text.push(' ');
                text.extend(std::iter::repeat_n(' ', before));
                let at = len + 1 + before;
                spans.extend(cell_spans.into_iter().map(|sp| Span {
                    start: sp.start + at,
                    end: sp.end + at,
                    style: sp.style,
                }));
                text.push_str(&cell);
                text.extend(std::iter::repeat_n(' ', room - before));
                text.push_str(" │");
                len = at + cell.chars().count() + (room - before) + 2;
            }
            out.push(Part {
                kind: BlockKind::Table,
                depth,
                joined: r > 0,
                text,
                spans,
            });
            if r == 0 && self.head {
                let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w + 2)).collect();
                out.push(Part {
                    kind: BlockKind::Table,
                    depth,
                    joined: true,
                    text: format!("├{}┤", rule.join("┼")),
                    spans: Vec::new(),
                });
            }
        }
        out
    }
}

/// A cell's text with tabs as spaces (a tab's width depends on where it falls).
fn tab_free(text: &str) -> String {
    text.replace('\t', " ")
}
