//! An essay as plain text, as marginalia reads it (`marginalia text`): its title, byline
//! and date, then its blocks, a blank line between blocks and none before a joined line;
//! list markers, quote bars and indents written as text, lines of code kept verbatim.

use unicode_width::UnicodeWidthStr;

use super::{Block, BlockKind, Essay};

/// The measure centred lines are centred in.
const MEASURE: usize = 72;

/// Essays one after another, two blank lines between them (as essays of a plain-text file).
pub fn dump_all(essays: &[Essay]) -> String {
    let mut out = String::new();
    for (i, essay) in essays.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&dump(essay));
    }
    out
}

/// One essay as plain text, ending with a line end.
pub fn dump(essay: &Essay) -> String {
    let mut out = String::new();
    out.push_str(&essay.title);
    out.push('\n');
    for line in [&essay.byline, &essay.date].into_iter().flatten() {
        out.push_str(line);
        out.push('\n');
    }
    let body = essay.blocks.iter().filter(|b| {
        !matches!(
            b.kind,
            BlockKind::Title | BlockKind::Byline | BlockKind::Date
        )
    });
    for block in body {
        out.push_str(if block.joined { "" } else { "\n" });
        out.push_str(&line_of(block));
        out.push('\n');
    }
    out
}

/// The lead of a block's line: quote bars, or the indent of a nested item, verse or code.
pub fn lead_of(block: &Block) -> String {
    let depth = usize::from(block.depth);
    match block.kind {
        BlockKind::Quote => "│ ".repeat(depth + 1),
        BlockKind::Code => "    ".repeat(depth + 1),
        BlockKind::Item | BlockKind::Verse => "  ".repeat(depth),
        _ => String::new(),
    }
}

/// One block as a line of plain text.
fn line_of(block: &Block) -> String {
    let width = block.text.width();
    match block.kind {
        BlockKind::Centred if width < MEASURE => {
            format!("{}{}", " ".repeat((MEASURE - width) / 2), block.text)
        }
        _ => format!("{}{}", lead_of(block), block.text),
    }
}
