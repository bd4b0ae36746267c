//! The shapes of plain text: lists, block quotes, verse, centred lines and preformatted
//! blocks, found in a block of lines (lines between blank lines) from how its lines sit.
//!
//! Conservative by design: a block is shaped only on clear signs, and a block with none,
//! a paragraph of wrapped prose above all, stays one paragraph exactly as before.
//!
//! - **Quote**: every line starts with `>` (`>>` or `> >` nests), or every line of a block of
//!   two or more lines of prose is indented by two columns or more.
//! - **List**: the first line starts with a marker (`-`, `*`, `+`, `•`, `1.`, `1)`, at most
//!   three digits), or with a lead-in line ending in `:` above it; every later line is an item
//!   or continues the one above. Markers stay in the text; depth is the rank of the marker's
//!   indentation within the block.
//! - **Centred**: every line is indented by four columns or more and sits about as far from
//!   the file's right edge (its measure) as from the left one; a single line needs eight.
//! - **Code** (preformatted): an indented block that reads like code (braces, semicolons,
//!   symbols), or any block whose lines line up in columns; kept verbatim, tabs expanded,
//!   the common indentation removed.
//! - **Verse**: two or more lines broken by hand: each line but the last leaves room for the
//!   next line's first word, or all are short against the measure.

use unicode_width::UnicodeWidthStr;

use super::sanitize::push_visible;
use super::{BlockKind, Part};

/// Columns of a tab stop.
const TAB: usize = 8;
/// Indentation that makes an indented block a quote or a preformatted one.
const INDENT: usize = 2;
/// Indentation of each line of centred text (one centred line alone needs twice as much).
const CENTRE_INDENT: usize = 4;

/// One line of a block, its indentation measured.
#[derive(Debug)]
struct Line<'a> {
    /// Columns of leading whitespace (tabs to the next stop of eight).
    indent: usize,
    /// The line without its leading and trailing whitespace.
    text: &'a str,
    /// Display width of `text`.
    width: usize,
}

impl<'a> Line<'a> {
    fn of(raw: &'a str) -> Line<'a> {
        let text = raw.trim();
        let lead = &raw[..raw.len() - raw.trim_start().len()];
        let indent = lead.chars().fold(0, |col, c| match c {
            '\t' => (col / TAB + 1) * TAB,
            _ => col + 1,
        });
        Line {
            indent,
            text,
            width: text.width(),
        }
    }

    /// Display width of the first word.
    fn first_word(&self) -> usize {
        self.text.split_whitespace().next().map_or(0, str::width)
    }
}

/// The measure of a text: the width most of its lines stay within (the 95th percentile of
/// the widths of its non-blank lines, indentation included), at least 1.
pub(super) fn measure(text: &str) -> usize {
    // Widths above 1000 count as 1000: a histogram, so a long file costs no sort.
    const CAP: usize = 1000;
    let mut counts = vec![0usize; CAP + 1];
    let mut lines = 0;
    for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
        let l = Line::of(line);
        counts[(l.indent + l.width).min(CAP)] += 1;
        lines += 1;
    }
    let mut seen = 0;
    for (width, n) in counts.iter().enumerate() {
        seen += n;
        if seen * 20 >= lines * 19 {
            return width.max(1);
        }
    }
    1
}

/// Bytes at the head of a text whose lines give its measure.
pub(super) const MEASURED: usize = 64 * 1024;

/// The measure of a text from its head, so that a long file read a piece at a time gets
/// the same measure as when read whole: the lines before the last line end within its
/// first [`MEASURED`] bytes (the whole text when it is shorter; the head itself, cut at a
/// character, when it holds no line end).
pub(super) fn head_measure(text: &str) -> usize {
    if text.len() <= MEASURED {
        return measure(text);
    }
    match text.as_bytes()[..MEASURED]
        .iter()
        .rposition(|&b| b == b'\n')
    {
        Some(end) => measure(&text[..end]),
        None => {
            let mut end = MEASURED;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            measure(&text[..end])
        }
    }
}

/// Whether a block of lines may have a shape at all: more than one line, or one line that
/// is indented or starts with a quote or list marker. Cheap: most paragraphs answer no.
pub(super) fn may_shape(first: &str, lines: usize) -> bool {
    lines > 1
        || first.starts_with(char::is_whitespace)
        || first.starts_with('>')
        || marker_len(first.trim()).is_some()
}

/// The parts of a block of raw lines when it has a shape; `None` for a paragraph.
pub(super) fn shape(raw: &[&str], measure: usize) -> Option<Vec<Part>> {
    let lines: Vec<Line> = raw.iter().map(|l| Line::of(l)).collect();
    if lines.is_empty() || lines.iter().any(|l| l.text.is_empty()) {
        return None;
    }
    if lines.iter().all(|l| l.text.starts_with('>')) {
        return Some(quotes(&lines));
    }
    if let Some(parts) = list(&lines) {
        return Some(parts);
    }
    if centred(&lines, measure) {
        return Some(grouped(&lines, BlockKind::Centred));
    }
    if lines.len() > 1 && columns(&lines) {
        return Some(code(&lines));
    }
    let indented = lines.iter().all(|l| l.indent >= INDENT);
    if indented && code_like(&lines) {
        return Some(code(&lines));
    }
    if lines.len() > 1 && broken_by_hand(&lines, measure) {
        return Some(grouped(&lines, BlockKind::Verse));
    }
    if indented && lines.len() > 1 {
        return Some(vec![part(BlockKind::Quote, 0, false, &joined_text(&lines))]);
    }
    None
}

/// A part with its text made safe to draw.
fn part(kind: BlockKind, depth: u8, joined: bool, text: &str) -> Part {
    let mut safe = String::with_capacity(text.len());
    push_visible(&mut safe, text);
    Part {
        kind,
        depth,
        joined,
        text: safe,
        spans: Vec::new(),
    }
}

/// The texts of lines joined by one space, as a paragraph's are.
fn joined_text(lines: &[Line]) -> String {
    lines.iter().map(|l| l.text).collect::<Vec<_>>().join(" ")
}

/// Each line a block of `kind`, every one after the first joined to the one before.
fn grouped(lines: &[Line], kind: BlockKind) -> Vec<Part> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| part(kind, 0, i > 0, l.text))
        .collect()
}

/// `>` lines: a quote paragraph per run of lines, a bare `>` between paragraphs; `>>`
/// nests.
fn quotes(lines: &[Line]) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut open: Option<(u8, Vec<&str>)> = None;
    for l in lines {
        let mut rest = l.text;
        let mut depth = 0u8;
        while let Some(r) = rest.strip_prefix('>') {
            depth = depth.saturating_add(1);
            rest = r.trim_start();
        }
        let depth = depth.saturating_sub(1);
        match open.as_mut() {
            Some((d, texts)) if *d == depth && !rest.is_empty() => texts.push(rest),
            _ => {
                if let Some((d, texts)) = open.take() {
                    out.push(part(BlockKind::Quote, d, false, &texts.join(" ")));
                }
                if !rest.is_empty() {
                    open = Some((depth, vec![rest]));
                }
            }
        }
    }
    if let Some((d, texts)) = open {
        out.push(part(BlockKind::Quote, d, false, &texts.join(" ")));
    }
    out
}

/// The length in bytes of a list marker and the space after it at the start of `text`.
fn marker_len(text: &str) -> Option<usize> {
    let bullet = ["- ", "* ", "+ ", "• "]
        .iter()
        .find(|m| text.starts_with(*m))
        .map(|m| m.len());
    if bullet.is_some() {
        // A rule of stars or dashes ("* * *", "- - -") is no list.
        let rule = text.chars().all(|c| matches!(c, '*' | '-' | '_' | ' '));
        return (!rule).then_some(bullet).flatten();
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = &text[digits..];
    ((1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// A list: items (marker kept) with their continuation lines, after an optional lead-in
/// line ending in ':'.
fn list(lines: &[Line]) -> Option<Vec<Part>> {
    let lead = usize::from(
        marker_len(lines[0].text).is_none() && lines[0].text.ends_with(':') && lines.len() > 1,
    );
    let items = &lines[lead..];
    marker_len(items[0].text)?;
    let mut indents: Vec<usize> = items
        .iter()
        .filter(|l| marker_len(l.text).is_some())
        .map(|l| l.indent)
        .collect();
    indents.sort_unstable();
    indents.dedup();
    let mut out = Vec::new();
    if lead == 1 {
        out.push(part(BlockKind::Paragraph, 0, false, lines[0].text));
    }
    let mut open: Option<(u8, String)> = None;
    for l in items {
        if marker_len(l.text).is_some() {
            if let Some((depth, text)) = open.take() {
                out.push(part(BlockKind::Item, depth, false, &text));
            }
            let rank = indents.iter().position(|i| *i == l.indent).unwrap_or(0);
            open = Some((u8::try_from(rank).unwrap_or(u8::MAX), l.text.to_owned()));
        } else if let Some((_, text)) = open.as_mut() {
            text.push(' ');
            text.push_str(l.text);
        }
    }
    if let Some((depth, text)) = open {
        out.push(part(BlockKind::Item, depth, false, &text));
    }
    Some(out)
}

/// Whether every line is indented and sits about as far from the measure's right edge as
/// from the left one, with room on both sides; lines of different widths must be indented
/// differently (left-aligned lines are not centred), about one centre for all.
fn centred(lines: &[Line], measure: usize) -> bool {
    let need = if lines.len() == 1 {
        2 * CENTRE_INDENT
    } else {
        CENTRE_INDENT
    };
    let each = lines.iter().all(|l| {
        let right = measure.saturating_sub(l.indent + l.width);
        l.indent >= need
            && right >= CENTRE_INDENT
            && l.indent.abs_diff(right) <= (l.indent + right) / 4 + 2
    });
    // Twice the centre, to stay in whole columns.
    let centre = |l: &Line| 2 * l.indent + l.width;
    each && lines.windows(2).all(|w| {
        centre(&w[0]).abs_diff(centre(&w[1])) <= 4
            && (w[0].indent != w[1].indent || w[0].width.abs_diff(w[1].width) <= 1)
    })
}

/// Whether the lines line up in columns: a gap of two spaces or more inside two lines or
/// more (not after a sentence's end) ends at the same column, in at least half the lines.
fn columns(lines: &[Line]) -> bool {
    let mut ends: Vec<usize> = Vec::new();
    let mut with_gap = 0;
    for l in lines {
        let mut col = l.indent;
        let mut spaces = 0;
        let mut before = ' ';
        let mut gapped = false;
        for c in l.text.chars() {
            if c == ' ' {
                spaces += 1;
            } else {
                if spaces >= 2 && !matches!(before, '.' | '?' | '!' | ':' | ';') {
                    ends.push(col);
                    gapped = true;
                }
                spaces = 0;
                before = c;
            }
            col += if c == '\t' { TAB - col % TAB } else { 1 };
        }
        with_gap += usize::from(gapped);
    }
    ends.sort_unstable();
    let shared = ends.windows(2).any(|w| w[0] == w[1]);
    shared && with_gap * 2 >= lines.len()
}

/// Whether lines read like code: many symbols, or lines ending as statements and blocks do.
fn code_like(lines: &[Line]) -> bool {
    let (mut symbols, mut chars) = (0, 0);
    for l in lines {
        for c in l.text.chars().filter(|c| !c.is_whitespace()) {
            chars += 1;
            symbols += usize::from("{}[]()<>;=|\\/$#@&*_~^`".contains(c));
        }
    }
    // A statement ends in `;` after code (`=`, a call), not after a clause of prose.
    let statements = lines
        .iter()
        .filter(|l| {
            l.text.ends_with(['{', '}']) || (l.text.ends_with(';') && l.text.contains(['=', '(']))
        })
        .count();
    symbols * 10 >= chars || statements * 2 >= lines.len()
}

/// Lines of code: the common indentation removed, the rest kept, tabs expanded.
fn code(lines: &[Line]) -> Vec<Part> {
    let common = lines.iter().map(|l| l.indent).min().unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut text = " ".repeat(l.indent - common);
            let mut col = l.indent;
            for c in l.text.chars() {
                if c == '\t' {
                    let next = (col / TAB + 1) * TAB;
                    text.extend(std::iter::repeat_n(' ', next - col));
                    col = next;
                } else {
                    text.push(c);
                    col += 1;
                }
            }
            part(BlockKind::Code, 0, i > 0, &text)
        })
        .collect()
}

/// Whether lines were broken by hand: all are short against the measure, or all but one of
/// the lines before the last leave room (a tenth of the widest line to spare) for the next
/// line's first word, as greedily filled lines never do.
fn broken_by_hand(lines: &[Line], measure: usize) -> bool {
    let widest = lines.iter().map(|l| l.indent + l.width).max().unwrap_or(0);
    if widest * 10 <= measure * 7 {
        return true;
    }
    let room = widest - widest / 10;
    let early = lines
        .windows(2)
        .filter(|w| w[0].indent + w[0].width + 1 + w[1].first_word() <= room)
        .count();
    early >= 1 && early + 1 >= lines.len() - 1
}
